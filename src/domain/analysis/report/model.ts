// The analytic report draft as plain data (seed 002's structure; seeds 000 and 001 as the real
// thing): one model for both languages, gathered from the records every time it is asked for
// (services/analytic-report.ts) and never stored, so the draft always follows the data. Only
// the officer's own paragraphs persist (Analysis.reportTexts). Everything here is already what
// may be shown: survey results went through the disclosure policy, anonymous reports are counts
// of compliance's own cases, evidence is described without respondents or reporters.
import type { BoardCampaign, BoardReportStats } from "../../board/report.js";
import type { IsoDate } from "../../calendar/days.js";
import type { Lang } from "../../lang.js";
import { INFORMATION_SOURCES, LEGAL_FACTORS, ORGANISATIONAL_AREAS, type InformationSource } from "../catalog.js";
import type { InterviewTables } from "../interview-tables.js";
import type { PositionRow } from "../positions.js";
import type { RiskEntry, SourceFigureKind } from "../register.js";
import type { SourceFigureSummary } from "../source-figures.js";
import type { AnalysisRecord } from "../record.js";
import { parseLocalized, type LocalizedText } from "../text.js";
import { lacksText, recordTextsLacking, riskTextsLacking, type RecordTextField, type RiskTextField } from "../translations.js";

/** The analysis's record as the report reads it: the schedule's milestones by id, due date and state only. */
export type ReportRecord = Omit<AnalysisRecord, "milestones" | "interviewCampaignIds"> & { milestones: Pick<AnalysisRecord["milestones"][number], "id" | "dueOn" | "status">[] };

/** The sections the officer writes a paragraph of: the introduction, each source, each area, the conclusion, the addressees. */
export const REPORT_TEXT_KEYS = ["intro", ...INFORMATION_SOURCES, ...ORGANISATIONAL_AREAS, ...LEGAL_FACTORS, "conclusion", "addressees"] as const;
export type ReportTextKey = (typeof REPORT_TEXT_KEYS)[number];
export type ReportTexts = Partial<Record<ReportTextKey, LocalizedText>>;

export function isReportTextKey(key: string): key is ReportTextKey {
  return (REPORT_TEXT_KEYS as readonly string[]).includes(key);
}

/** Analysis.reportTexts as stored (JSON) → the texts; unknown keys and blanks dropped. */
export function parseReportTexts(json: string | null | undefined): ReportTexts {
  let value: unknown;
  try {
    value = JSON.parse(json ?? "{}");
  } catch {
    return {};
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: ReportTexts = {};
  for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
    if (!isReportTextKey(key)) continue;
    const parsed = parseLocalized(JSON.stringify(text));
    if (parsed.kk || parsed.ru) out[key] = parsed;
  }
  return out;
}

/** Which information source a figure kind belongs to (its section of the informational part). */
export const FIGURE_SOURCE: Record<SourceFigureKind, InformationSource> = { appeals: "appeals", court: "court_cases", penalties: "offences", media: "media", other: "other" };

export interface ReportRisk extends RiskEntry {
  level: "low" | "medium" | "high" | "critical";
  /** The evidence links described (services/risks.ts describeEvidence), per language, in link order. */
  evidenceText: Record<Lang, string[]>;
}

export interface AnalyticReportModel {
  record: ReportRecord;
  texts: ReportTexts;
  /** The tables from the unit heads' interviews; null when none were collected. */
  interviews: InterviewTables | null;
  /** The staff surveys the analysis draws on, as officers see them (suppressed questions stay suppressed). */
  surveys: { k: number; campaigns: BoardCampaign[] };
  /** Counts of compliance's own anonymous-report cases in the data's period (board-report.ts's rule). */
  reports: { from: IsoDate; to: IsoDate; stats: BoardReportStats };
  figures: SourceFigureSummary;
  risks: ReportRisk[];
  positions: PositionRow[];
  /** When the list of positions was approved, and whether the register changed it since. */
  positionsApproval: { on: IsoDate; changed: boolean } | null;
  /** The risk map, one PNG per language. */
  riskMap: Record<Lang, Uint8Array>;
  /** The due dates of publishing the report and updating the risk map (after the plan's approval). */
  publicationDueOn: IsoDate | null;
  riskMapUpdateDueOn: IsoDate | null;
  generatedOn: IsoDate;
}

/** The sources the informational part covers: those ticked, and any other that holds data, in catalog order. */
export function reportSources(model: AnalyticReportModel): InformationSource[] {
  const withData = new Set<InformationSource>(model.figures.kinds.map((k) => FIGURE_SOURCE[k.kind]));
  if (model.surveys.campaigns.length || model.interviews) withData.add("surveys");
  return INFORMATION_SOURCES.filter((s) => model.record.sources.includes(s) || withData.has(s));
}

/** What the draft still lacks (the bot's screen names them). */
export type ReportGap = "order" | "object" | "direction" | "head" | "members" | "sources" | "risks" | "positionsApproval" | "conclusion";

export function reportGaps(model: AnalyticReportModel): ReportGap[] {
  const r = model.record;
  const gaps: ReportGap[] = [];
  if (!r.orderNumber || !r.orderDate) gaps.push("order");
  if (!r.objectText.kk && !r.objectText.ru && !r.units.length) gaps.push("object");
  if (!r.direction) gaps.push("direction");
  if (!r.members.some((m) => m.role === "head")) gaps.push("head");
  if (!r.members.some((m) => m.role === "member")) gaps.push("members");
  if (!reportSources(model).length) gaps.push("sources");
  if (!model.risks.length) gaps.push("risks");
  if (!model.positionsApproval || model.positionsApproval.changed) gaps.push("positionsApproval");
  if (!model.texts.conclusion) gaps.push("conclusion");
  return gaps;
}

/** A text of the officer's that the draft in a language shows in the other language. */
export type TranslationGap =
  | { kind: "record"; field: RecordTextField }
  | { kind: "section"; key: ReportTextKey }
  | { kind: "risk"; number: number; fields: RiskTextField[]; recommendations: number[] };

/** The texts with no version in `lang` (the draft in `lang` shows them in the other language): the record's, the sections', the risks'. */
export function translationGaps(model: AnalyticReportModel, lang: Lang): TranslationGap[] {
  const gaps: TranslationGap[] = recordTextsLacking(model.record, lang).map((field) => ({ kind: "record", field }));
  for (const key of REPORT_TEXT_KEYS) if (lacksText(model.texts[key], lang)) gaps.push({ kind: "section", key });
  for (const risk of model.risks) {
    const lacking = riskTextsLacking(risk, lang);
    if (lacking.fields.length || lacking.recommendations.length) gaps.push({ kind: "risk", number: risk.number, ...lacking });
  }
  return gaps;
}
