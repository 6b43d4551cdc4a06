// The risk register of an analysis (issue 15): risks with their evidence and recommendations,
// and the plan items that carry the recommendations out. Every change is checked here against
// the record it touches (the risk belongs to the analysis, the recommendation to the risk) and
// recorded in the audit log. Evidence never names a respondent or a reporter: a survey question
// is accepted only when its results clear the disclosure threshold (computeResults says which
// are hidden), the anonymous reports only by their counts.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { getCampaign } from "../db/repositories/campaigns.js";
import { analysisById } from "../db/repositories/plan.js";
import * as repo from "../db/repositories/risks.js";
import { getDefinition } from "../db/repositories/survey-definitions.js";
import type { IsoDate } from "../domain/calendar/days.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Keyring } from "../domain/crypto.js";
import type { RiskArea, RiskDirection } from "../domain/analysis/catalog.js";
import { MAX_EVIDENCE, parseEvidence, sameEvidence, toEvidenceLink } from "../domain/analysis/evidence.js";
import { INTERVIEW_TABLES, SOURCE_FIGURE_KINDS, type EvidenceLink, type PlanItemRef, type RiskEntry } from "../domain/analysis/register.js";
import { MAX_RECOMMENDATIONS, nextNumber, RISK_TEXT_MAX, validateRisk, type RiskDraft, type RiskProblem } from "../domain/analysis/risks.js";
import { isBlank, parseLocalized, pickText, withText, type LocalizedText } from "../domain/analysis/text.js";
import { hasRiskText, type RiskTextField } from "../domain/analysis/translations.js";
import type { Lang } from "../domain/lang.js";
import { parseDeadline } from "../domain/plan/deadlines.js";
import { MAX_PLAN_TEXT_LENGTH, splitResponsible } from "../domain/plan/import.js";
import { allQuestions } from "../domain/surveys/definition.js";
import type { StandardLabels } from "../domain/surveys/aggregate.js";
import type { Translate } from "../i18n-resources.js";
import { addPlanItem } from "./plan.js";
import { computeResults, type Actor } from "./surveys.js";

export type RiskError = "not_found" | "invalid" | "hidden" | "duplicate" | "too_many" | "text" | "deadline" | "responsible" | "already_linked" | "count";
export type RiskOutcome<T extends object = object> = ({ ok: true } & T) | { ok: false; error: RiskError; problems?: RiskProblem[]; reason?: string; detail?: string };

const fail = (error: RiskError, extra: { problems?: RiskProblem[]; reason?: string; detail?: string } = {}) => ({ ok: false as const, error, ...extra });

function parseList(json: string): LocalizedText[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map((v) => parseLocalized(JSON.stringify(v))).filter((v) => !isBlank(v)) : [];
  } catch {
    return [];
  }
}

function planItemRef(link: repo.StoredRisk["recommendations"][number]["tasks"][number]): PlanItemRef {
  const occurrences = link.task.occurrences;
  const open = occurrences.find((o) => o.status === "open");
  return { taskId: link.task.id, number: link.task.number, title: link.task.title, dueOn: open?.dueOn ?? occurrences.at(-1)?.dueOn ?? null, responsibleText: link.task.responsibleText };
}

function toEntry(r: repo.StoredRisk): RiskEntry {
  return {
    id: r.id,
    number: r.number,
    ...draftOf(r),
    evidence: parseEvidence(r.evidence),
    recommendations: r.recommendations.map((rec) => ({ id: rec.id, number: rec.number, text: parseLocalized(rec.text), planItems: rec.tasks.map(planItemRef) })),
  };
}

/** The register of an analysis by number, with recommendations and their plan items (the report reads exactly this). */
export async function riskRegisterOf(db: Db, analysisId: number): Promise<RiskEntry[]> {
  return (await repo.risksOfAnalysis(db, analysisId)).map(toEntry);
}

/** One risk of the analysis as an entry, or null when it is not this analysis's. */
export async function riskEntryOf(db: Db, analysisId: number, riskId: number): Promise<RiskEntry | null> {
  const r = await repo.riskWithRecommendations(db, riskId);
  return r && r.analysisId === analysisId ? toEntry(r) : null;
}

/** A link in words: «Опрос «…», вопрос «…»», «Таблица интервью: персонал», … */
export async function describeEvidence(db: Db, link: EvidenceLink, t: Translate, lang: Lang): Promise<string> {
  switch (link.kind) {
    case "survey": {
      const campaign = await getCampaign(db, link.campaignId);
      const def = campaign ? await getDefinition(db, campaign.definitionId) : null;
      const question = def ? allQuestions(def.definition).find((q) => q.id === link.questionId) : undefined;
      if (!def || !question) return t("risks.evidence.surveyGone", { question: link.questionId });
      return t("risks.evidence.survey", { title: def.definition.title[lang], question: question.text[lang] });
    }
    case "interview":
      return t("risks.evidence.interview", { table: t(`risks.evidence.table.${link.table}`) });
    case "reports":
      return t("risks.evidence.reports");
    case "source":
      return t(`risks.evidence.kind.${link.figureKind}`);
    case "other":
      return pickText(link.text, lang);
  }
}

async function riskOfAnalysis(db: Db, analysisId: number, riskId: number) {
  const risk = await repo.findRisk(db, riskId);
  return risk && risk.analysisId === analysisId ? risk : null;
}

const rowOf = (d: RiskDraft): repo.RiskRow => ({
  direction: d.direction,
  area: d.area,
  factorCode: d.factorCode,
  factor: JSON.stringify(d.factor),
  title: JSON.stringify(d.title),
  description: JSON.stringify(d.description),
  functions: JSON.stringify(d.functions),
  positions: JSON.stringify(d.positions),
  likelihood: d.likelihood,
  impact: d.impact,
});

/** Adds a risk to the analysis's register under the next number. */
export async function createRisk(db: Db, args: { analysisId: number; draft: RiskDraft; actorId: number }): Promise<RiskOutcome<{ riskId: number; number: number }>> {
  if (!(await analysisById(db, args.analysisId))) return fail("not_found");
  const problems = validateRisk(args.draft);
  if (problems.length) return fail("invalid", { problems });
  const number = nextNumber(await repo.riskNumbers(db, args.analysisId));
  const risk = await repo.insertRisk(db, { ...rowOf(args.draft), analysisId: args.analysisId, number, createdById: args.actorId });
  await audit(db, { actorUserId: args.actorId, action: "risk.created", subject: `risk:${risk.id}`, details: { analysisId: args.analysisId, number } });
  return { ok: true, riskId: risk.id, number };
}

type StoredRiskRow = NonNullable<Awaited<ReturnType<typeof repo.findRisk>>>;

function draftOf(risk: Pick<StoredRiskRow, "direction" | "area" | "factorCode" | "factor" | "title" | "description" | "functions" | "positions" | "likelihood" | "impact">): RiskDraft {
  return {
    direction: risk.direction as RiskDirection,
    area: risk.area as RiskArea,
    factorCode: risk.factorCode,
    factor: parseLocalized(risk.factor),
    title: parseLocalized(risk.title),
    description: parseLocalized(risk.description),
    functions: parseLocalized(risk.functions),
    positions: parseList(risk.positions),
    likelihood: risk.likelihood,
    impact: risk.impact,
  };
}

/**
 * Changes fields of a risk (the rest kept); the whole risk is checked again. `lang` is the
 * language the patch's texts were written in (audited with the fields).
 */
export async function updateRisk(db: Db, args: { analysisId: number; riskId: number; patch: Partial<RiskDraft>; lang: Lang; actorId: number }): Promise<RiskOutcome<{ number: number }>> {
  const risk = await riskOfAnalysis(db, args.analysisId, args.riskId);
  if (!risk) return fail("not_found");
  const next = { ...draftOf(risk), ...args.patch };
  const problems = validateRisk(next);
  if (problems.length) return fail("invalid", { problems });
  // Only the changed columns: another officer changing another field meanwhile keeps theirs.
  await repo.updateRisk(db, risk.id, changedColumns(rowOf(next), Object.keys(args.patch)));
  await audit(db, { actorUserId: args.actorId, action: "risk.updated", subject: `risk:${risk.id}`, details: { fields: Object.keys(args.patch), lang: args.lang } });
  return { ok: true, number: risk.number };
}

/** The columns of `row` named by `keys` (a patch's fields), to write those alone. */
function changedColumns(row: repo.RiskRow, keys: readonly string[]): Partial<repo.RiskRow> {
  return Object.fromEntries(keys.map((key) => [key, row[key as keyof repo.RiskRow]])) as Partial<repo.RiskRow>;
}

/** The positions typed one a line, in the order of the risk's positions (markers and blank lines dropped). */
export function positionLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/^[\s•\-–—*\d.)]+/, "").trim())
    .filter(Boolean);
}

/**
 * One text of a risk in `lang`, beside the text already there (its other language kept): the
 * name, the factor in own words, the description, the functions, or the positions one a line
 * matched by order (as many lines as positions, else "count" with the number in `detail`).
 * A field with no text yet is "invalid": a text is first written in one language.
 */
export async function setRiskTextIn(db: Db, args: { analysisId: number; riskId: number; field: RiskTextField; lang: Lang; text: string; actorId: number }): Promise<RiskOutcome<{ number: number }>> {
  const risk = await riskOfAnalysis(db, args.analysisId, args.riskId);
  if (!risk) return fail("not_found");
  const draft = draftOf(risk);
  if (!hasRiskText(draft, args.field)) return fail("invalid");
  const patch: Partial<RiskDraft> = {};
  if (args.field === "positions") {
    const lines = positionLines(args.text);
    if (lines.length !== draft.positions.length) return fail("count", { detail: String(draft.positions.length) });
    if (lines.some((l) => l.length > RISK_TEXT_MAX.position)) return fail("text", { detail: String(RISK_TEXT_MAX.position) });
    patch.positions = draft.positions.map((p, i) => withText(p, args.lang, lines[i]!));
  } else {
    const text = args.text.trim();
    if (!text || text.length > RISK_TEXT_MAX[args.field]) return fail("text", { detail: String(RISK_TEXT_MAX[args.field]) });
    patch[args.field] = withText(draft[args.field], args.lang, text);
  }
  await repo.updateRisk(db, risk.id, changedColumns(rowOf({ ...draft, ...patch }), Object.keys(patch)));
  await audit(db, { actorUserId: args.actorId, action: "risk.text_set", subject: `risk:${risk.id}`, details: { field: args.field, lang: args.lang } });
  return { ok: true, number: risk.number };
}

/** Removes a risk with its recommendations; the plan items stay (their links go). */
export async function deleteRisk(db: Db, args: { analysisId: number; riskId: number; actorId: number }): Promise<RiskOutcome<{ number: number }>> {
  const risk = await riskOfAnalysis(db, args.analysisId, args.riskId);
  if (!risk) return fail("not_found");
  await repo.deleteRisk(db, risk.id);
  await audit(db, { actorUserId: args.actorId, action: "risk.deleted", subject: `risk:${risk.id}`, details: { analysisId: risk.analysisId, number: risk.number } });
  return { ok: true, number: risk.number };
}

const textOk = (text: LocalizedText, max: number) => !isBlank(text) && (text.kk?.length ?? 0) <= max && (text.ru?.length ?? 0) <= max;

/** A recommendation written in `lang`. */
export async function addRecommendation(db: Db, args: { analysisId: number; riskId: number; lang: Lang; text: string; actorId: number }): Promise<RiskOutcome<{ recommendationId: number; number: number; riskNumber: number }>> {
  const risk = await riskOfAnalysis(db, args.analysisId, args.riskId);
  if (!risk) return fail("not_found");
  const text = withText({}, args.lang, args.text);
  if (!textOk(text, RISK_TEXT_MAX.recommendation)) return fail("text");
  const numbers = await repo.recommendationNumbers(db, risk.id);
  if (numbers.length >= MAX_RECOMMENDATIONS) return fail("too_many");
  const number = nextNumber(numbers);
  const rec = await repo.insertRecommendation(db, { riskId: risk.id, number, text: JSON.stringify(text) });
  await audit(db, { actorUserId: args.actorId, action: "risk.recommendation_added", subject: `recommendation:${rec.id}`, details: { riskId: risk.id, number, lang: args.lang } });
  return { ok: true, recommendationId: rec.id, number, riskNumber: risk.number };
}

/** A recommendation as a button names it: the service checks that the three belong together. */
export interface RecommendationIds {
  analysisId: number;
  riskId: number;
  recommendationId: number;
}

/** The recommendation, when it is the risk's and the risk the analysis's. */
async function recommendationOf(db: Db, analysisId: number, riskId: number, recommendationId: number) {
  const rec = await repo.recommendationWithRisk(db, recommendationId);
  return rec && rec.riskId === riskId && rec.risk.analysisId === analysisId ? rec : null;
}

/** The recommendation's text in `lang` replaced (or given for the first time); its other language kept. */
export async function editRecommendation(db: Db, args: { analysisId: number; riskId: number; recommendationId: number; lang: Lang; text: string; actorId: number }): Promise<RiskOutcome<{ number: number; riskNumber: number }>> {
  const rec = await recommendationOf(db, args.analysisId, args.riskId, args.recommendationId);
  if (!rec) return fail("not_found");
  const text = args.text.trim();
  if (!text || text.length > RISK_TEXT_MAX.recommendation) return fail("text");
  await repo.updateRecommendationText(db, rec.id, JSON.stringify(withText(parseLocalized(rec.text), args.lang, text)));
  await audit(db, { actorUserId: args.actorId, action: "risk.recommendation_edited", subject: `recommendation:${rec.id}`, details: { lang: args.lang } });
  return { ok: true, number: rec.number, riskNumber: rec.risk.number };
}

export async function deleteRecommendation(db: Db, args: { analysisId: number; riskId: number; recommendationId: number; actorId: number }): Promise<RiskOutcome<{ number: number; riskNumber: number }>> {
  const rec = await recommendationOf(db, args.analysisId, args.riskId, args.recommendationId);
  if (!rec) return fail("not_found");
  await repo.deleteRecommendation(db, rec.id);
  await audit(db, { actorUserId: args.actorId, action: "risk.recommendation_deleted", subject: `recommendation:${rec.id}`, details: { riskId: rec.riskId, number: rec.number } });
  return { ok: true, number: rec.number, riskNumber: rec.risk.number };
}

// ── Evidence ──

export interface EvidenceDeps {
  db: Db;
  keyring: Keyring;
  labels: StandardLabels;
  /** The disclosure thresholds of the configuration (computeResults' defaults otherwise). */
  k?: number;
  textK?: number;
}

export interface SurveyCandidate {
  campaignId: number;
  title: { kk: string; ru: string };
  /** The questions whose results clear the disclosure threshold, in the definition's order. */
  questions: { questionId: string; text: { kk: string; ru: string } }[];
}

export interface EvidenceCandidates {
  surveys: SurveyCandidate[];
  interviewTables: typeof INTERVIEW_TABLES;
  sourceKinds: typeof SOURCE_FIGURE_KINDS;
}

function idsOf(json: string): number[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is number => typeof v === "number" && Number.isInteger(v) && v > 0) : [];
  } catch {
    return [];
  }
}

/** The campaigns the analysis draws on: its staff surveys, then its unit-head interviews. */
async function campaignIdsOf(db: Db, analysisId: number): Promise<number[] | null> {
  const analysis = await analysisById(db, analysisId);
  if (!analysis) return null;
  return [...new Set([...idsOf(analysis.surveyCampaignIds), ...idsOf(analysis.interviewCampaignIds)])];
}

/** One campaign's disclosed questions (computeResults decides what is hidden), or null when there are no results to show. */
async function surveyCandidate(deps: EvidenceDeps, campaignId: number, actor: Actor, today: IsoDate): Promise<SurveyCandidate | null> {
  const outcome = await computeResults(deps.db, deps.keyring, { campaignId, today, labels: deps.labels, viewer: { kind: "user", actor }, view: "screen", ...(deps.k !== undefined ? { k: deps.k } : {}), ...(deps.textK !== undefined ? { textK: deps.textK } : {}) });
  if (!outcome.ok) return null;
  const shown = outcome.results.questions.filter((q) => !q.suppressed);
  return { campaignId, title: outcome.results.title, questions: shown.map((q) => ({ questionId: q.questionId, text: q.text })) };
}

/** What a risk's evidence can be picked from (the «other» text aside). */
export async function evidenceCandidates(deps: EvidenceDeps, args: { analysisId: number; actor: Actor; today: IsoDate }): Promise<EvidenceCandidates | null> {
  const ids = await campaignIdsOf(deps.db, args.analysisId);
  if (!ids) return null;
  const surveys: SurveyCandidate[] = [];
  for (const id of ids) {
    const candidate = await surveyCandidate(deps, id, args.actor, args.today);
    if (candidate?.questions.length) surveys.push(candidate);
  }
  return { surveys, interviewTables: INTERVIEW_TABLES, sourceKinds: SOURCE_FIGURE_KINDS };
}

/**
 * Changes a risk's evidence list from what is stored now: written only if nobody changed it
 * meanwhile, read again and retried otherwise (two officers adding links at once keep both).
 */
async function changeEvidence(db: Db, analysisId: number, riskId: number, change: (evidence: EvidenceLink[]) => EvidenceLink[] | RiskError) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const risk = await riskOfAnalysis(db, analysisId, riskId);
    if (!risk) return fail("not_found");
    const next = change(parseEvidence(risk.evidence));
    if (typeof next === "string") return fail(next);
    if (await repo.replaceRiskEvidence(db, risk.id, risk.evidence, JSON.stringify(next))) return { ok: true as const, risk };
  }
  return fail("not_found");
}

/** Adds one evidence link to a risk (checked as above). */
export async function addEvidence(deps: EvidenceDeps, args: { analysisId: number; riskId: number; link: EvidenceLink; actor: Actor; today: IsoDate }): Promise<RiskOutcome<{ number: number }>> {
  const { db } = deps;
  if (!(await riskOfAnalysis(db, args.analysisId, args.riskId))) return fail("not_found");
  const link = toEvidenceLink(args.link);
  if (!link) return fail(args.link.kind === "other" ? "text" : "invalid");
  if (link.kind === "survey") {
    const ids = (await campaignIdsOf(db, args.analysisId)) ?? [];
    if (!ids.includes(link.campaignId)) return fail("invalid");
    const candidate = await surveyCandidate(deps, link.campaignId, args.actor, args.today);
    if (!candidate?.questions.some((q) => q.questionId === link.questionId)) return fail("hidden");
  }
  const added = await changeEvidence(db, args.analysisId, args.riskId, (evidence) => {
    if (evidence.some((e) => sameEvidence(e, link))) return "duplicate";
    if (evidence.length >= MAX_EVIDENCE) return "too_many";
    return [...evidence, link];
  });
  if (!added.ok) return added;
  const risk = added.risk;
  await audit(db, { actorUserId: args.actor.id, action: "risk.evidence_added", subject: `risk:${risk.id}`, details: { kind: link.kind, ...(link.kind === "survey" ? { campaignId: link.campaignId, questionId: link.questionId } : {}) } });
  return { ok: true, number: risk.number };
}

/** Removes the risk's evidence link at `index` (0-based, in the stored order). */
export async function removeEvidence(db: Db, args: { analysisId: number; riskId: number; index: number; actorId: number }): Promise<RiskOutcome<{ number: number }>> {
  let removed: EvidenceLink | undefined;
  const changed = await changeEvidence(db, args.analysisId, args.riskId, (evidence) => {
    removed = evidence[args.index];
    return removed ? evidence.filter((_, i) => i !== args.index) : "not_found";
  });
  if (!changed.ok || !removed) return changed.ok ? fail("not_found") : changed;
  const risk = changed.risk;
  await audit(db, { actorUserId: args.actorId, action: "risk.evidence_removed", subject: `risk:${risk.id}`, details: { kind: removed.kind } });
  return { ok: true, number: risk.number };
}

// ── Recommendations → plan items ──

/**
 * Creates a plan item from a recommendation, as a typed plan item is created (the deadline as
 * written in a plan, counted from the risk's analysis when relative; the responsible matched
 * against the roster; its due dates), with the risk's name in the item's «risk» column and
 * linked to the recommendation.
 */
export async function createPlanItemFromRecommendation(
  db: Db,
  calendar: WorkCalendar,
  args: { analysisId: number; riskId: number; recommendationId: number; measure?: string; deadlineText: string; responsibleText: string; actorId: number; today: IsoDate },
): Promise<RiskOutcome<{ taskId: number; number: string; occurrences: number }>> {
  const rec = await recommendationOf(db, args.analysisId, args.riskId, args.recommendationId);
  if (!rec) return fail("not_found");
  const text = parseLocalized(rec.text);
  const measure = (args.measure ?? pickText(text, "ru")).trim();
  if (!measure || measure.length > MAX_PLAN_TEXT_LENGTH) return fail("text");
  const deadline = parseDeadline(args.deadlineText, { year: Number(args.today.slice(0, 4)) });
  if (deadline.kind === "unknown") return fail("deadline", { reason: deadline.reason, ...(deadline.detail !== undefined ? { detail: deadline.detail } : {}) });
  const responsible = splitResponsible(args.responsibleText);
  if (!responsible.length) return fail("responsible");
  const title = parseLocalized(rec.risk.title);
  const added = await addPlanItem(
    db,
    { measure, responsible, deadline, deadlineText: args.deadlineText.trim(), risk: pickText(title, "ru") },
    { actorUserId: args.actorId, today: args.today, calendar, analysisId: rec.risk.analysisId },
  );
  await repo.linkRecommendationTask(db, rec.id, added.taskId);
  await audit(db, { actorUserId: args.actorId, action: "risk.plan_item_created", subject: `recommendation:${rec.id}`, details: { taskId: added.taskId, number: added.number } });
  return { ok: true, ...added };
}

/** Links an existing plan item to a recommendation (and writes the risk's name into the item when it has none). */
export async function linkPlanItem(db: Db, ids: RecommendationIds, taskId: number, actorId: number | null = null): Promise<RiskOutcome<{ number: string | null }>> {
  const rec = await recommendationOf(db, ids.analysisId, ids.riskId, ids.recommendationId);
  const task = await repo.planItemById(db, taskId);
  if (!rec || !task) return fail("not_found");
  if (!(await repo.linkRecommendationTask(db, rec.id, task.id))) return fail("already_linked");
  if (!task.risk?.trim()) {
    const title = parseLocalized(rec.risk.title);
    await repo.setPlanItemRisk(db, task.id, pickText(title, "ru"));
  }
  await audit(db, { actorUserId: actorId, action: "risk.plan_item_linked", subject: `recommendation:${rec.id}`, details: { taskId: task.id } });
  return { ok: true, number: task.number };
}

export async function unlinkPlanItem(db: Db, ids: RecommendationIds, taskId: number, actorId: number | null = null): Promise<RiskOutcome> {
  const rec = await recommendationOf(db, ids.analysisId, ids.riskId, ids.recommendationId);
  if (!rec || !(await repo.unlinkRecommendationTask(db, rec.id, taskId))) return fail("not_found");
  await audit(db, { actorUserId: actorId, action: "risk.plan_item_unlinked", subject: `recommendation:${rec.id}`, details: { taskId } });
  return { ok: true };
}

/** The recommendation's risk and analysis, for the record-level check of a plan-item button. */
export async function recommendationBelongs(db: Db, analysisId: number, riskId: number, recommendationId: number): Promise<boolean> {
  return (await recommendationOf(db, analysisId, riskId, recommendationId)) !== null;
}

