// The words both documents of the board report share: the title of a period, the rows of the
// plan's totals and of the report statistics, in the language of the `t` given.
import { formatDay } from "../dates.js";
import type { Lang } from "../lang.js";
import { EXECUTION_STATUSES } from "../plan/execution.js";
import { REPORT_OUTCOMES, REPORT_STATUSES } from "../reports/case.js";
import { formatPercent } from "../surveys/report/csv.js";
import type { Translate } from "../../i18n-resources.js";
import { QUARTER_ROMAN as ROMAN } from "../plan/execution.js";
import type { BoardPeriod, BoardQuestion, BoardReportData, BoardReportStats } from "./report.js";

/** «III квартал 2026 года» / «2026 жылғы III тоқсан». */
export function periodLabel(t: Translate, p: BoardPeriod): string {
  return p.kind === "year" ? t("board.period.year", { year: p.year }) : t("board.period.quarter", { year: p.year, quarter: ROMAN[p.quarter] });
}

export function documentTitle(t: Translate, p: BoardPeriod): string {
  return p.kind === "year" ? t("board.doc.titleYear", { year: p.year }) : t("board.doc.titleQuarter", { year: p.year, quarter: ROMAN[p.quarter] });
}

export function basisLine(t: Translate, d: BoardReportData): string {
  return t("board.doc.basis", { from: formatDay(d.from), to: formatDay(d.to), asOf: formatDay(d.asOf), due: formatDay(d.dueOn) });
}

export function planSummary(t: Translate, d: BoardReportData, lang: Lang): string {
  const x = d.plan.totals;
  if (x.total === 0) return t("board.doc.planNone");
  const due = x.on_time + x.extended + x.late + x.not_done;
  if (due === 0 || d.plan.rate === null) return t("board.doc.planSummaryNoneDue", { total: x.total });
  return t("board.doc.planSummary", { total: x.total, due, inTime: x.on_time + x.extended, rate: formatPercent(d.plan.rate, lang) });
}

/** [label, count] per execution status, then the total. */
export function planRows(t: Translate, d: BoardReportData): [string, number][] {
  return [...EXECUTION_STATUSES.map((s): [string, number] => [t(`planExecution.totals.${s}`), d.plan.totals[s]]), [t("board.doc.total"), d.plan.totals.total]];
}

/**
 * [label, count, indented]: received, each status, the outcomes of the decided ones, the overdue
 * open ones — the anonymous-report statistics of every document compliance draws (the board
 * report, the analytic report).
 */
export function reportRows(t: Translate, r: BoardReportStats): [string, number, boolean][] {
  return [
    [t("board.doc.rowReceived"), r.received, false],
    ...REPORT_STATUSES.flatMap((s): [string, number, boolean][] => [
      [t("board.doc.statusRow", { status: t(`reportTerms.status.${s}`) }), r.byStatus[s], true],
      ...(s === "decided" ? REPORT_OUTCOMES.map((o): [string, number, boolean] => [`— ${t(`reportTerms.outcome.${o}`)}`, r.byOutcome[o], true]) : []),
    ]),
    [t("board.doc.rowOpenOverdue"), r.openOverdue, false],
  ];
}

/** The notes under the report statistics: what is left out and why. */
export function reportNotes(t: Translate, d: BoardReportData): string[] {
  const total = d.reports.organisationTotal;
  return total === null
    ? [t("board.doc.reportsOrganisationHidden"), t("board.doc.reportsLeftOut")]
    : [t("board.doc.reportsOrganisation", { n: total }), t("board.doc.reportsOrganisationWhy"), t("board.doc.reportsLeftOut")];
}

/** The leading answer of a question, or why there is none. */
export function leadingAnswer(t: Translate, q: BoardQuestion, k: number, lang: Lang): { label: string; share: string } {
  if (!q.shown) return { label: t("board.doc.suppressed", { k }), share: "—" };
  if (!q.leading) return { label: "—", share: "—" };
  return { label: q.leading.label[lang], share: formatPercent(q.leading.share, lang) };
}

export function rateText(rate: number | null, lang: Lang): string {
  return rate === null ? "—" : formatPercent(rate, lang);
}
