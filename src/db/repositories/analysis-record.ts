// The analysis's record (seed 000 §1): the order, the organisation and object, the units, the
// direction, the period the data covers, the working group, the information sources and the
// campaigns it draws on; and the schedule's milestones read with it.
import { isUniqueViolation, type Db } from "../client.js";

/** The record's own columns that an edit may set (JSON columns as stored). */
export interface AnalysisRecordColumns {
  orderNumber?: string | null;
  orderDate?: string | null;
  organisation?: string | null;
  objectText?: string | null;
  direction?: string | null;
  coveredFrom?: string | null;
  coveredTo?: string | null;
  sources?: string;
  interviewCampaignIds?: string;
  surveyCampaignIds?: string;
}

export function analysisRecordRow(db: Db, analysisId: number) {
  return db.analysis.findUnique({
    where: { id: analysisId },
    include: { units: { select: { departmentId: true } }, members: { select: { userId: true, role: true } } },
  });
}

/** Departments by id, in name order (the ones that no longer exist are absent). */
export function departmentsByIds(db: Db, ids: number[]) {
  return db.department.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** People by id with their department's name (active or not: a former member still reads). */
export function peopleByIds(db: Db, ids: number[]) {
  return db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, fullName: true, position: true, active: true, role: true, department: { select: { name: true } } },
    orderBy: { fullName: "asc" },
  });
}

/** The analysis's schedule milestones with their (first) due date and its status. */
export function analysisMilestones(db: Db, analysisId: number) {
  return db.task.findMany({
    where: { analysisId, kind: "milestone" },
    select: { id: true, milestoneId: true, titleKey: true, titleParams: true, occurrences: { select: { dueOn: true, status: true }, orderBy: { dueOn: "asc" } } },
    orderBy: { id: "asc" },
  });
}

/** Campaigns by id with their definition's title (JSON {kk, ru}). */
export function campaignsByIds(db: Db, ids: number[]) {
  return db.campaign.findMany({
    where: { id: { in: ids } },
    select: { id: true, mode: true, status: true, opensOn: true, closesOn: true, definition: { select: { title: true } } },
    orderBy: { id: "desc" },
  });
}

/** The latest campaigns, newest first, with their definition's title: what the record may link. */
export function recentCampaigns(db: Db, limit: number) {
  return db.campaign.findMany({
    select: { id: true, mode: true, status: true, opensOn: true, closesOn: true, definition: { select: { title: true } } },
    orderBy: { id: "desc" },
    take: limit,
  });
}

export async function updateAnalysisRecord(db: Db, analysisId: number, columns: AnalysisRecordColumns): Promise<void> {
  await db.analysis.update({ where: { id: analysisId }, data: columns });
}

/** Replaces the analysis's units with these departments, in one transaction. */
export async function replaceAnalysisUnits(db: Db, analysisId: number, departmentIds: number[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.analysisUnit.deleteMany({ where: { analysisId } });
    for (const departmentId of departmentIds) await tx.analysisUnit.create({ data: { analysisId, departmentId } });
  });
}

/** Replaces the analysis's working group, in one transaction. */
export async function replaceAnalysisMembers(db: Db, analysisId: number, members: { userId: number; role: "head" | "member" }[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.analysisMember.deleteMany({ where: { analysisId } });
    for (const m of members) await tx.analysisMember.create({ data: { analysisId, userId: m.userId, role: m.role } });
  });
}

/**
 * Adds the department to the units, or takes it out, as one row: two officers toggling two
 * units at once keep both (a read of the whole list and a rewrite would lose one).
 */
export async function toggleAnalysisUnit(db: Db, analysisId: number, departmentId: number): Promise<void> {
  const removed = await db.analysisUnit.deleteMany({ where: { analysisId, departmentId } });
  if (removed.count > 0) return;
  try {
    await db.analysisUnit.create({ data: { analysisId, departmentId } });
  } catch (error) {
    // Another officer added it in the meantime: it is there, as asked.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Adds a member (as a member) unless there already; one row. */
export async function addAnalysisMember(db: Db, analysisId: number, userId: number): Promise<void> {
  try {
    await db.analysisMember.create({ data: { analysisId, userId, role: "member" } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

export async function removeAnalysisMember(db: Db, analysisId: number, userId: number): Promise<void> {
  await db.analysisMember.deleteMany({ where: { analysisId, userId } });
}

/** Makes the member the head, every other member a member, in one transaction (one head however many press at once). */
export async function makeAnalysisHead(db: Db, analysisId: number, userId: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.analysisMember.updateMany({ where: { analysisId }, data: { role: "member" } });
    await tx.analysisMember.updateMany({ where: { analysisId, userId }, data: { role: "head" } });
  });
}

export type RecordListColumn = "sources" | "interviewCampaignIds" | "surveyCampaignIds";

/** Sets a JSON list column only if it still holds `expected` (compare and set); false when someone changed it meanwhile. */
export async function swapRecordList(db: Db, analysisId: number, column: RecordListColumn, expected: string, next: string): Promise<boolean> {
  const { count } = await db.analysis.updateMany({ where: { id: analysisId, [column]: expected }, data: { [column]: next } });
  return count === 1;
}
