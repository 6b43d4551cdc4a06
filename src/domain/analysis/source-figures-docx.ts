// The other sources' figures in the analytic report (seed 001's manner): one or two sentences
// with exactly the stored figures — the whole over the span, the whole per period with its
// breakdown, the breakdown over everything, the court's share satisfied — then a table in the
// official layout (a row per category, a column per period and the total).
import type { Paragraph, Table } from "docx";
import type { Translate } from "../../i18n-resources.js";
import { para, table } from "../documents/official-docx.js";
import type { Lang } from "../lang.js";
import { formatNumber, formatPercent } from "../surveys/report/csv.js";
import type { SourceFigureKind } from "./register.js";
import { canonicalRange, categoryWord, periodLabel, type KindSummary, type SourceFigureSummary } from "./source-figures.js";

/** At most this many period columns; with more, the table has the totals only. */
const MAX_PERIOD_COLUMNS = 6;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function pairs(items: { label: string; n: number }[], t: Translate, lang: Lang): string {
  return items.map((i) => t("analysisSources.doc.byPeriod", { period: i.label, n: formatNumber(i.n, lang, 0) })).join(", ");
}

/** The sentences: the whole, the periods with their breakdown, the breakdown, the court's share, topics and sources. */
export function sourceFigureText(k: KindSummary, t: Translate, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang, 0);
  const span = periodLabel(canonicalRange(k.span.start, k.span.end), t);
  const word = (c: string) => categoryWord(t, k.kind, c);
  const out: string[] = [];
  out.push(
    k.kind === "other"
      ? t("analysisSources.doc.lead.other", { period: span, n: n(k.total) }) + "."
      : t(`analysisSources.doc.lead.${k.kind}`, { period: span, n: n(k.total), count: k.total }) + ".",
  );
  if (k.periods.length > 1) {
    const parts = k.periods.map((p) => {
      const head = t("analysisSources.doc.byPeriod", { period: periodLabel(p.period, t), n: n(p.total) });
      return p.categories.length ? `${head} (${pairs(p.categories.map((c) => ({ label: word(c.key), n: c.count })), t, lang)})` : head;
    });
    out.push(upperFirst(parts.join("; ")) + ".");
  }
  if (k.categories.length) out.push(t(`analysisSources.doc.byCategory.${k.kind}`, { list: pairs(k.categories.map((c) => ({ label: word(c.key), n: c.count })), t, lang) }));
  if (k.court?.share != null) {
    out.push(t("analysisSources.doc.courtShare", { defendant: n(k.court.defendant), decided: n(k.court.decided), satisfied: n(k.court.satisfied), share: formatPercent(k.court.share, lang) }));
  }
  if (k.topics.length) out.push(t("analysisSources.doc.byTopic", { list: pairs(k.topics.map((c) => ({ label: c.key, n: c.count })), t, lang) }));
  if (k.sources.length) out.push(t("analysisSources.doc.source", { sources: k.sources.join("; ") }));
  return out.join(" ");
}

function figureTable(k: KindSummary, t: Translate, lang: Lang): Table {
  const n = (x: number | undefined) => (x === undefined ? "—" : formatNumber(x, lang, 0));
  const periods = k.periods.length > 1 && k.periods.length <= MAX_PERIOD_COLUMNS ? k.periods : [];
  const header = [t("analysisSources.doc.colCategory"), ...periods.map((p) => periodLabel(p.period, t)), t("analysisSources.doc.colTotal")];
  const rows = [
    [upperFirst(categoryWord(t, k.kind, "total")), ...periods.map((p) => n(p.total)), n(k.total)],
    ...k.categories.map((c) => [upperFirst(categoryWord(t, k.kind, c.key)), ...periods.map((p) => n(p.categories.find((x) => x.key === c.key)?.count)), n(c.count)]),
  ];
  return table(header, rows, [4, ...periods.map(() => 1.4), 1.4], { boldRows: new Set([0]) });
}

/** The report's part for one kind: the sentences and the table; nothing when the kind has no figures. */
export function sourceFigureBlocks(summary: SourceFigureSummary, kind: SourceFigureKind, t: Translate, lang: Lang): (Paragraph | Table)[] {
  const k = summary.kinds.find((s) => s.kind === kind);
  if (!k) return [];
  return [para(sourceFigureText(k, t, lang), { after: 120 }), figureTable(k, t, lang), para("", { after: 120 })];
}
