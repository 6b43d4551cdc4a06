// The board report (seed 004 item 16): its drafts and approvals, its reminders' ledger, and the
// few counts that tell whether a period holds anything to report.
import type { Db, DbOrTx } from "../client.js";

export interface BoardReportRow {
  id: number;
  periodKey: string;
  status: string;
  snapshot: string;
  draftNonce: string;
  draftedOn: string;
  approvedById: number | null;
  approvedOn: string | null;
}

export function findBoardReport(db: Db, periodKey: string): Promise<BoardReportRow | null> {
  return db.boardReport.findUnique({ where: { periodKey } });
}

/**
 * Stores the draft last shown for a period (a new nonce each time). False when the period's
 * report is approved already: an approved snapshot is never overwritten.
 */
export async function saveBoardDraft(db: Db, row: { periodKey: string; snapshot: string; draftNonce: string; draftedOn: string }): Promise<boolean> {
  const { periodKey, ...data } = row;
  const updated = await db.boardReport.updateMany({ where: { periodKey, status: "draft" }, data });
  if (updated.count) return true;
  try {
    await db.boardReport.create({ data: { ...row, status: "draft" } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false; // approved meanwhile, or another draft won the race
    throw error;
  }
}

/** Approves exactly the draft named by its nonce; false when it is approved already or another draft replaced it. */
export async function approveBoardDraft(tx: DbOrTx, periodKey: string, draftNonce: string, by: number, on: string): Promise<boolean> {
  const r = await tx.boardReport.updateMany({ where: { periodKey, status: "draft", draftNonce }, data: { status: "approved", approvedById: by, approvedOn: on } });
  return r.count === 1;
}

/**
 * Replaces an approved snapshot by a newly approved one. Guarded by the snapshot it replaces,
 * so two officers re-approving at once do not both win.
 */
export async function replaceApprovedBoardReport(tx: DbOrTx, periodKey: string, previousSnapshot: string, next: { snapshot: string; approvedById: number; approvedOn: string }): Promise<boolean> {
  const r = await tx.boardReport.updateMany({ where: { periodKey, status: "approved", snapshot: previousSnapshot }, data: next });
  return r.count === 1;
}

/** Approved reports, latest approval first. */
export function approvedBoardReports(db: Db, limit: number): Promise<{ periodKey: string; approvedOn: string | null }[]> {
  return db.boardReport.findMany({ where: { status: "approved" }, select: { periodKey: true, approvedOn: true }, orderBy: [{ approvedOn: "desc" }, { id: "desc" }], take: limit });
}

/** Which of these periods are approved. */
export async function approvedAmong(db: Db, periodKeys: string[]): Promise<Set<string>> {
  const rows = await db.boardReport.findMany({ where: { status: "approved", periodKey: { in: periodKeys } }, select: { periodKey: true } });
  return new Set(rows.map((r) => r.periodKey));
}

/** Records one reminder (person, period, day); throws P2002 when it was recorded already (the caller's transaction then rolls back). */
export async function recordBoardReminder(tx: DbOrTx, row: { userId: number; periodKey: string; forDay: string }): Promise<void> {
  await tx.boardReminder.create({ data: row });
}

/** Campaigns that were open at some time in [from, to] (a scheduled one never ran), oldest first. */
export async function campaignsRunBetween(db: Db, from: string, to: string): Promise<{ id: number; opensOn: string; closesOn: string; closedOn: string | null }[]> {
  const rows = await db.campaign.findMany({
    where: { status: { in: ["open", "closed"] }, opensOn: { lte: to } },
    select: { id: true, opensOn: true, closesOn: true, closedOn: true },
    orderBy: [{ opensOn: "asc" }, { id: "asc" }],
  });
  return rows.filter((c) => (c.closedOn ?? c.closesOn) >= from);
}

/** What a period holds, as counts: plan due dates first due in it, campaigns that ran, compliance's reports received. */
export async function boardPeriodCounts(db: Db, from: string, to: string): Promise<{ planItems: number; campaigns: number; reports: number }> {
  const [planItems, campaigns, reports] = await Promise.all([
    db.taskOccurrence.count({
      where: { status: { not: "cancelled" }, task: { kind: "plan", status: "active" }, OR: [{ originalDueOn: { gte: from, lte: to } }, { originalDueOn: null, dueOn: { gte: from, lte: to } }] },
    }),
    campaignsRunBetween(db, from, to).then((c) => c.length),
    // Compliance's own cases only: a reminder must not tell compliance that a case it cannot see arrived.
    db.report.count({ where: { audience: "compliance", receivedOn: { gte: from, lte: to } } }),
  ]);
  return { planItems, campaigns, reports };
}
