// The analytic report draft (seed 002) and the list of positions exposed to corruption risks,
// gathered from what the other parts of the analysis hold: the record, the staff surveys (as
// officers see them, through the disclosure policy), the unit heads' interviews, compliance's
// own anonymous-report counts (board-report.ts's rule), the other sources' figures and the risk
// register with its evidence described. Drawn anew every time it is asked for and never stored;
// the officer's own paragraphs (Analysis.reportTexts) and the approval of the list persist.
import { inTransaction, type Db } from "../db/client.js";
import { latestAuditDetails, reportStateOf, saveReportTexts, savePositionsApproval } from "../db/repositories/analytic-report.js";
import { audit } from "../db/repositories/audit.js";
import { getCampaign } from "../db/repositories/campaigns.js";
import { findUserById } from "../db/repositories/users.js";
import { withoutRespondentNames } from "../domain/analysis/interview-tables.js";
import { positionsDigest, positionsList, type PositionRow } from "../domain/analysis/positions.js";
import { parseReportTexts, isReportTextKey, type AnalyticReportModel, type ReportRisk, type ReportTextKey, type ReportTexts } from "../domain/analysis/report/model.js";
import { renderRiskMapPng } from "../domain/analysis/risk-map.js";
import { riskLevel } from "../domain/analysis/risks.js";
import { withText, type LocalizedText } from "../domain/analysis/text.js";
import type { IsoDate } from "../domain/calendar/days.js";
import { LANGUAGES, type Lang } from "../domain/lang.js";
import { can } from "../domain/roles.js";
import { maySeeNamedInterviewAnswers } from "../domain/surveys/policies.js";
import type { BoardCampaign } from "../domain/board/report.js";
import type { Translate } from "../i18n-resources.js";
import { analysisRecordOf } from "./analysis-record.js";
import { interviewTablesOf } from "./analysis-interviews.js";
import { campaignSummary, complianceReportCounts, type BoardReportDeps } from "./board-report.js";
import { describeEvidence, riskRegisterOf } from "./risks.js";
import { sourceFiguresOf } from "./source-figures.js";
import { DEFAULT_K, type Actor } from "./surveys.js";

export interface AnalyticReportDeps extends Omit<BoardReportDeps, "calendar"> {
  /** A translation in each language (the evidence and the risk map are described in both). */
  translate: (lang: Lang) => Translate;
}

/** The longest paragraph text the officer may store for one section and language. */
export const REPORT_TEXT_MAX = 4000;

const subjectOf = (analysisId: number) => `analysis:${analysisId}`;

async function surveysOf(deps: AnalyticReportDeps, viewer: Actor, ids: number[], today: IsoDate): Promise<BoardCampaign[]> {
  const out: BoardCampaign[] = [];
  for (const id of ids) {
    const campaign = await getCampaign(deps.db, id);
    const summary = campaign ? await campaignSummary(deps, viewer, campaign, today) : null;
    if (summary) out.push(summary);
  }
  return out;
}

async function risksOf(deps: AnalyticReportDeps, analysisId: number): Promise<ReportRisk[]> {
  const out: ReportRisk[] = [];
  for (const risk of await riskRegisterOf(deps.db, analysisId)) {
    const evidenceText = { kk: [] as string[], ru: [] as string[] };
    for (const lang of LANGUAGES) for (const link of risk.evidence) evidenceText[lang].push(await describeEvidence(deps.db, link, deps.translate(lang), lang));
    out.push({ ...risk, level: riskLevel(risk.likelihood, risk.impact), evidenceText });
  }
  return out;
}

/** The list of positions as the register and the interviews give it now. */
export async function currentPositions(db: Db, analysisId: number): Promise<PositionRow[]> {
  return positionsList(await riskRegisterOf(db, analysisId), await interviewTablesOf(db, analysisId));
}

async function approvalOf(db: Db, analysisId: number, approvedOn: string | null, positions: PositionRow[]): Promise<AnalyticReportModel["positionsApproval"]> {
  if (!approvedOn) return null;
  const details = await latestAuditDetails(db, "analysis.positions_approved", subjectOf(analysisId));
  const digest = details ? (JSON.parse(details) as { digest?: string }).digest : undefined;
  return { on: approvedOn, changed: digest !== undefined && digest !== positionsDigest(positions) };
}

/**
 * The draft's data for one analysis as of `today`, gathered for `deps.viewer` (compliance or an
 * observer: survey results are computed for them and audited as viewed). Null when there is no
 * such analysis. Audited as `analysis.report_generated` (a screen that only counts its parts
 * passes `audited: false`; the documents are audited).
 */
export async function analyticReportModel(deps: AnalyticReportDeps & { viewer: Actor }, analysisId: number, today: IsoDate, options: { audited?: boolean } = {}): Promise<AnalyticReportModel | null> {
  if (!can(deps.viewer.role, "viewSummaries")) throw new Error("the analytic report is read by compliance and observers");
  const [record, state] = await Promise.all([analysisRecordOf(deps.db, analysisId), reportStateOf(deps.db, analysisId)]);
  if (!record || !state) return null;
  // Who answered the interviews only for those who may read named answers (as on the screens).
  const tables = await interviewTablesOf(deps.db, analysisId);
  const interviews = tables && !maySeeNamedInterviewAnswers(deps.viewer.role, "attributed") ? withoutRespondentNames(tables) : tables;
  const risks = await risksOf(deps, analysisId);
  const positions = positionsList(risks, interviews);
  const from = record.coveredFrom ?? record.startOn;
  const to = record.coveredTo ?? record.endOn;
  const riskMap = { kk: new Uint8Array(), ru: new Uint8Array() };
  if (risks.length) for (const lang of LANGUAGES) riskMap[lang] = new Uint8Array(await renderRiskMapPng(risks, deps.translate(lang), lang, { withTitle: false }));
  const model: AnalyticReportModel = {
    record,
    texts: parseReportTexts(state.reportTexts),
    interviews,
    surveys: { k: deps.k ?? DEFAULT_K, campaigns: await surveysOf(deps, deps.viewer, record.surveyCampaignIds, today) },
    reports: { from, to, stats: await complianceReportCounts(deps.db, from, to, today) },
    figures: await sourceFiguresOf(deps.db, analysisId),
    risks,
    positions,
    positionsApproval: await approvalOf(deps.db, analysisId, state.positionsApprovedOn, positions),
    riskMap,
    publicationDueOn: record.milestones.find((m) => m.id === "publication")?.dueOn ?? null,
    riskMapUpdateDueOn: record.milestones.find((m) => m.id === "risk_map_update")?.dueOn ?? null,
    generatedOn: today,
  };
  if (options.audited !== false) await audit(deps.db, { actorUserId: deps.viewer.id, action: "analysis.report_generated", subject: subjectOf(analysisId), details: { risks: risks.length, positions: positions.length } });
  return model;
}

async function isCompliance(db: Db, actorId: number): Promise<boolean> {
  const user = await findUserById(db, actorId);
  return Boolean(user && can(user.role, "managePlan"));
}

export type ApprovePositionsOutcome =
  | { ok: true; on: IsoDate; count: number }
  | { ok: false; reason: "notAllowed" | "noAnalysis" | "empty" | "changed" }
  | { ok: false; reason: "approved"; on: IsoDate };

/**
 * Approves the list of positions as it stands (its digest is kept in the audit, so a later
 * change of the register reads as «changed after approval»). `expected`, when given, is the
 * digest of the list the officer was shown: a list that has changed since is refused.
 */
export async function approvePositions(db: Db, analysisId: number, actorId: number, today: IsoDate, expected?: string): Promise<ApprovePositionsOutcome> {
  if (!(await isCompliance(db, actorId))) return { ok: false, reason: "notAllowed" };
  const state = await reportStateOf(db, analysisId);
  if (!state) return { ok: false, reason: "noAnalysis" };
  const positions = await currentPositions(db, analysisId);
  const digest = positionsDigest(positions);
  if (expected !== undefined && !digest.startsWith(expected)) return { ok: false, reason: "changed" };
  if (!positions.length) return { ok: false, reason: "empty" };
  const approval = await approvalOf(db, analysisId, state.positionsApprovedOn, positions);
  if (approval && !approval.changed) return { ok: false, reason: "approved", on: approval.on };
  await inTransaction(db, async (tx) => {
    await savePositionsApproval(tx, analysisId, today, actorId);
    await audit(tx, { actorUserId: actorId, action: "analysis.positions_approved", subject: subjectOf(analysisId), details: { digest, positions: positions.length } });
  });
  return { ok: true, on: today, count: positions.length };
}

/** The officer's texts of an analysis's report (empty when there is no such analysis). */
export async function reportTextsOf(db: Db, analysisId: number): Promise<ReportTexts> {
  return parseReportTexts((await reportStateOf(db, analysisId))?.reportTexts);
}

export type SetTextOutcome = { ok: true } | { ok: false; reason: "notAllowed" | "noAnalysis" | "badSection" | "tooLong" };

/**
 * Writes (or with `text` null, removes) one section's paragraph in one language, the other
 * language's version kept. Compliance only; audited.
 */
export async function setReportText(db: Db, analysisId: number, actorId: number, section: string, lang: Lang, text: string | null): Promise<SetTextOutcome> {
  if (!(await isCompliance(db, actorId))) return { ok: false, reason: "notAllowed" };
  if (!isReportTextKey(section)) return { ok: false, reason: "badSection" };
  if (text !== null && text.trim().length > REPORT_TEXT_MAX) return { ok: false, reason: "tooLong" };
  // Written only over the texts as read: another officer's section saved meanwhile is read again and kept.
  for (let attempt = 0; attempt < 5; attempt++) {
    const state = await reportStateOf(db, analysisId);
    if (!state) return { ok: false, reason: "noAnalysis" };
    const texts = parseReportTexts(state.reportTexts);
    const key = section as ReportTextKey;
    const next: LocalizedText = text === null || !text.trim() ? { ...texts[key], [lang]: undefined } : withText(texts[key] ?? {}, lang, text);
    if (next.kk || next.ru) texts[key] = JSON.parse(JSON.stringify(next)) as LocalizedText;
    else delete texts[key];
    const saved = await inTransaction(db, async (tx) => {
      if (!(await saveReportTexts(tx, analysisId, state.reportTexts, JSON.stringify(texts)))) return false;
      await audit(tx, { actorUserId: actorId, action: "analysis.report_text", subject: subjectOf(analysisId), details: { section, lang, removed: text === null } });
      return true;
    });
    if (saved) return { ok: true };
  }
  return { ok: false, reason: "noAnalysis" };
}

/** The hub's line: how many risks the draft holds (one read of the register). */
export async function reportRiskCount(db: Db, analysisId: number): Promise<number> {
  return (await riskRegisterOf(db, analysisId)).length;
}
