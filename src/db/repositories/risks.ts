// The risk register as stored: risks of an analysis, their recommendations and the plan items
// that carry them out (RecommendationTask). Texts are JSON (LocalizedText), as the schema says.
import type { Db } from "../client.js";

const planItemInclude = {
  task: { include: { occurrences: { select: { dueOn: true, status: true }, orderBy: { dueOn: "asc" as const } } } },
} as const;

/** Every risk of an analysis by number, with its recommendations and their plan items. */
export function risksOfAnalysis(db: Db, analysisId: number) {
  return db.risk.findMany({
    where: { analysisId },
    orderBy: { number: "asc" },
    include: { recommendations: { orderBy: { number: "asc" }, include: { tasks: { include: planItemInclude, orderBy: { taskId: "asc" } } } } },
  });
}

export type StoredRisk = Awaited<ReturnType<typeof risksOfAnalysis>>[number];

/** One risk with the same parts, or null. */
export function riskWithRecommendations(db: Db, id: number) {
  return db.risk.findUnique({
    where: { id },
    include: { recommendations: { orderBy: { number: "asc" }, include: { tasks: { include: planItemInclude, orderBy: { taskId: "asc" } } } } },
  });
}

export function findRisk(db: Db, id: number) {
  return db.risk.findUnique({ where: { id } });
}

export function countRisks(db: Db, analysisId: number): Promise<number> {
  return db.risk.count({ where: { analysisId } });
}

export async function riskNumbers(db: Db, analysisId: number): Promise<number[]> {
  return (await db.risk.findMany({ where: { analysisId }, select: { number: true } })).map((r) => r.number);
}

export interface RiskRow {
  direction: string;
  area: string;
  factor: string;
  factorCode: string | null;
  title: string;
  description: string;
  functions: string;
  positions: string;
  likelihood: number;
  impact: number;
}

export function insertRisk(db: Db, data: RiskRow & { analysisId: number; number: number; createdById: number | null }) {
  return db.risk.create({ data });
}

export function updateRisk(db: Db, id: number, data: Partial<RiskRow> & { evidence?: string }) {
  return db.risk.update({ where: { id }, data });
}

/** Writes a risk's evidence only if it is still `expected` (another officer's change meanwhile: false, nothing written). */
export async function replaceRiskEvidence(db: Db, id: number, expected: string, evidence: string): Promise<boolean> {
  return (await db.risk.updateMany({ where: { id, evidence: expected }, data: { evidence } })).count === 1;
}

export async function deleteRisk(db: Db, id: number): Promise<void> {
  await db.risk.delete({ where: { id } });
}

/** One recommendation with its risk, or null. */
export function recommendationWithRisk(db: Db, id: number) {
  return db.riskRecommendation.findUnique({ where: { id }, include: { risk: true, tasks: { select: { taskId: true } } } });
}

export async function recommendationNumbers(db: Db, riskId: number): Promise<number[]> {
  return (await db.riskRecommendation.findMany({ where: { riskId }, select: { number: true } })).map((r) => r.number);
}

export function insertRecommendation(db: Db, data: { riskId: number; number: number; text: string }) {
  return db.riskRecommendation.create({ data });
}

export function updateRecommendationText(db: Db, id: number, text: string) {
  return db.riskRecommendation.update({ where: { id }, data: { text } });
}

export async function deleteRecommendation(db: Db, id: number): Promise<void> {
  await db.riskRecommendation.delete({ where: { id } });
}

/** Links a plan item to a recommendation; false when it was linked already. */
export async function linkRecommendationTask(db: Db, recommendationId: number, taskId: number): Promise<boolean> {
  const existing = await db.recommendationTask.findUnique({ where: { recommendationId_taskId: { recommendationId, taskId } } });
  if (existing) return false;
  await db.recommendationTask.create({ data: { recommendationId, taskId } });
  return true;
}

/** Removes the link; false when there was none. */
export async function unlinkRecommendationTask(db: Db, recommendationId: number, taskId: number): Promise<boolean> {
  const { count } = await db.recommendationTask.deleteMany({ where: { recommendationId, taskId } });
  return count > 0;
}

/** An active plan item by its number in the plan («3», «1.1.1»), the latest when several share it. */
export function activePlanItemByNumber(db: Db, number: string) {
  return db.task.findFirst({ where: { kind: "plan", status: "active", number }, orderBy: { id: "desc" } });
}

/** A plan item by id (plan items only). */
export function planItemById(db: Db, id: number) {
  return db.task.findFirst({ where: { id, kind: "plan" } });
}

/** The plan items stored in one batch (a typed item is a batch of one). */
export async function planTaskIdsOfBatch(db: Db, batch: string): Promise<number[]> {
  return (await db.task.findMany({ where: { importBatch: batch, kind: "plan" }, select: { id: true }, orderBy: { id: "asc" } })).map((t) => t.id);
}

/** Writes the plan item's «risk» column (the plan's «Индикатор риска / описание» cell). */
export async function setPlanItemRisk(db: Db, taskId: number, risk: string): Promise<void> {
  await db.task.update({ where: { id: taskId }, data: { risk } });
}

/** The risks and recommendations a plan item carries out (for the plan item's card). */
export async function riskLinksOfTask(db: Db, taskId: number): Promise<{ riskNumber: number; riskTitle: string; recommendationNumber: number }[]> {
  const rows = await db.recommendationTask.findMany({ where: { taskId }, include: { recommendation: { include: { risk: { select: { number: true, title: true } } } } } });
  return rows
    .map((r) => ({ riskNumber: r.recommendation.risk.number, riskTitle: r.recommendation.risk.title, recommendationNumber: r.recommendation.number }))
    .sort((a, b) => a.riskNumber - b.riskNumber || a.recommendationNumber - b.recommendationNumber);
}

/** The kinds of other sources' figures the analysis holds. */
export async function sourceFigureKindsOf(db: Db, analysisId: number): Promise<string[]> {
  return (await db.sourceFigure.findMany({ where: { analysisId }, select: { kind: true }, distinct: ["kind"] })).map((f) => f.kind);
}
