// Texts and keyboards of the analytic report section: what the draft holds and lacks, its
// documents, the approval of the list of positions, and the officer's section texts.
import { InlineKeyboard } from "grammy";
import { INFORMATION_SOURCES, LEGAL_FACTORS, ORGANISATIONAL_AREAS } from "../../../../domain/analysis/catalog.js";
import { positionsDigest } from "../../../../domain/analysis/positions.js";
import { REPORT_TEXT_KEYS, reportGaps, reportSources, translationGaps, type AnalyticReportModel, type ReportTextKey, type TranslationGap } from "../../../../domain/analysis/report/model.js";
import type { LocalizedText } from "../../../../domain/analysis/text.js";
import { formatDay } from "../../../../domain/dates.js";
import type { Lang } from "../../../../domain/lang.js";
import type { TFunction } from "../../../../i18n.js";
import { hubButton } from "../buttons.js";
import { approvePositionsButton, chooseSectionButton, clearTextButton, otherLangButton, positionsDocButton, reportDocButton, sectionButton } from "./buttons.js";

/** The digest the approve button carries (12 characters of the list's digest). */
export const shownDigest = (model: AnalyticReportModel) => positionsDigest(model.positions).slice(0, 12);

function milestoneLines(t: TFunction, m: AnalyticReportModel): string[] {
  const r = m.record;
  if (!r.reportSignedOn) return [];
  const lines = [t("analyticReport.screen.signed", { date: formatDay(r.reportSignedOn) })];
  if (!r.planApprovedOn) return [...lines, t("analyticReport.screen.afterPlan")];
  if (m.publicationDueOn) lines.push(`📌 ${t("analyticReport.screen.publication", { date: formatDay(m.publicationDueOn) })}`);
  if (m.riskMapUpdateDueOn) lines.push(`📌 ${t("analyticReport.screen.riskMapUpdate", { date: formatDay(m.riskMapUpdateDueOn) })}`);
  return lines;
}

function approvalLine(t: TFunction, m: AnalyticReportModel): string {
  const a = m.positionsApproval;
  if (!a) return t("analyticReport.screen.positionsNotApproved");
  return t(a.changed ? "analyticReport.screen.positionsChanged" : "analyticReport.screen.positionsApproved", { date: formatDay(a.on) });
}

function gapText(t: TFunction, gap: TranslationGap): string {
  if (gap.kind === "record") return t(`analyticReport.screen.lang.field.${gap.field}`);
  if (gap.kind === "section") return t("analyticReport.screen.lang.section", { section: sectionLabel(t, gap.key) });
  const fields = [...gap.fields.map((f) => t(`analyticReport.screen.lang.field.${f}`)), ...gap.recommendations.map((n) => t("analyticReport.screen.lang.field.recommendation", { risk: gap.number, number: n }))];
  return t("analyticReport.screen.lang.risk", { number: gap.number, fields: fields.join(", ") });
}

/** «In the Kazakh draft, texts in Russian: …» — "" when every text has its version in `lang`. */
export function translationLine(t: TFunction, m: AnalyticReportModel, lang: Lang): string {
  const gaps = translationGaps(m, lang);
  return gaps.length ? t(`analyticReport.screen.lang.gaps.${lang}`, { list: gaps.map((g) => gapText(t, g)).join("; ") }) : "";
}

export function reportScreen(t: TFunction, m: AnalyticReportModel, lang: Lang, canEdit: boolean): { text: string; keyboard: InlineKeyboard } {
  const r = m.record;
  const gaps = reportGaps(m);
  const lines = [
    `📝 ${t("analyticReport.screen.title", { start: formatDay(r.startOn), end: formatDay(r.endOn) })}`,
    r.reportSignedOn ? "" : t("analyticReport.screen.draft"),
    t("analyticReport.screen.sources", { n: reportSources(m).length }),
    t("analyticReport.screen.risks", { n: m.risks.length }),
    t("analyticReport.screen.positions", { n: m.positions.length }),
    approvalLine(t, m),
    t("analyticReport.screen.texts", { n: Object.keys(m.texts).length }),
    gaps.length ? t("analyticReport.screen.gaps", { list: gaps.map((g) => t(`analyticReport.screen.gap.${g}`)).join(", ") }) : t("analyticReport.screen.complete"),
    ...milestoneLines(t, m),
    ...(["kk", "ru"] as const).map((l) => translationLine(t, m, l)),
  ].filter(Boolean);
  const kb = new InlineKeyboard()
    .text(t("analyticReport.screen.docRu"), reportDocButton.encode([r.id, "ru"]))
    .row()
    .text(t("analyticReport.screen.docKk"), reportDocButton.encode([r.id, "kk"]))
    .row()
    .text(t("analyticReport.screen.positionsDoc"), positionsDocButton.encode([r.id, lang]))
    .row();
  if (canEdit) {
    if (m.positions.length && (!m.positionsApproval || m.positionsApproval.changed)) kb.text(t("analyticReport.screen.approve"), approvePositionsButton.encode([r.id, shownDigest(m)])).row();
    kb.text(t("analyticReport.screen.editText"), chooseSectionButton.encode([r.id])).row();
  }
  kb.text(t("analyticReport.screen.back"), hubButton.encode([r.id]));
  return { text: lines.join("\n"), keyboard: kb };
}

/** A section's name as the officer sees it on its button. */
export function sectionLabel(t: TFunction, key: ReportTextKey): string {
  if ((INFORMATION_SOURCES as readonly string[]).includes(key)) return t(`analysis.source.${key as (typeof INFORMATION_SOURCES)[number]}`);
  if ((ORGANISATIONAL_AREAS as readonly string[]).includes(key)) return t(`analysis.area.${key as (typeof ORGANISATIONAL_AREAS)[number]}`);
  if ((LEGAL_FACTORS as readonly string[]).includes(key)) return t(`analysis.legalFactor.${key as (typeof LEGAL_FACTORS)[number]}`);
  return t(`analyticReport.screen.textKey.${key as "intro" | "conclusion" | "addressees"}`);
}

/** The sections offered: the introduction, the report's sources, the areas with risks (or a text), the conclusion, the addressees. */
export function offeredSections(m: AnalyticReportModel): ReportTextKey[] {
  const sources = new Set<string>(reportSources(m));
  const areas = new Set<string>(m.risks.map((r) => r.area));
  return REPORT_TEXT_KEYS.filter((k) => k === "intro" || k === "conclusion" || k === "addressees" || sources.has(k) || areas.has(k) || Boolean(m.texts[k]));
}

export function chooseSectionView(t: TFunction, m: AnalyticReportModel): { text: string; keyboard: InlineKeyboard } {
  const kb = new InlineKeyboard();
  for (const key of offeredSections(m)) kb.text(`${m.texts[key] ? "✏️ " : ""}${sectionLabel(t, key)}`, sectionButton.encode([m.record.id, REPORT_TEXT_KEYS.indexOf(key)])).row();
  kb.text(t("analyticReport.screen.back"), hubButton.encode([m.record.id]));
  return { text: t("analyticReport.screen.chooseSection"), keyboard: kb };
}

const other = (lang: Lang): Lang => (lang === "kk" ? "ru" : "kk");

/** The prompt for a section's text in `lang`, with its current text in both languages (longer than one message: replyInParts). */
export function askTextView(t: TFunction, section: string, current: LocalizedText | undefined, lang: Lang, nonce: string): { text: string; keyboard: InlineKeyboard } {
  const lines: string[] = [];
  const versions = (["ru", "kk"] as const).filter((l) => current?.[l]);
  if (versions.length) {
    lines.push(t("analyticReport.screen.currentText", { section }));
    // The label on a line of its own: a text as long as allowed is a whole message's line.
    for (const l of versions) lines.push(`${t(`analyticReport.screen.langName.${l}`)}:`, current![l]!);
  } else lines.push(t("analyticReport.screen.noText", { section }));
  lines.push("", t("analyticReport.screen.askText", { section, lang: t(`analyticReport.screen.langName.${lang}`) }));
  const kb = new InlineKeyboard().text(t("analyticReport.screen.otherLang", { lang: t(`analyticReport.screen.langName.${other(lang)}`) }), otherLangButton.encode([nonce]));
  if (current?.[lang]) kb.row().text(t("analyticReport.screen.clearText"), clearTextButton.encode([nonce]));
  return { text: lines.join("\n"), keyboard: kb };
}
