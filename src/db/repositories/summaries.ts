// What the summaries (the weekly digest and /dashboard) read, and their two records: the
// digest ledger (one row per person and week) and the opt-outs.
import type { Db, DbOrTx } from "../client.js";

/** Open due dates of active tasks up to `horizon` (overdue included), with their task and the names of the people responsible. */
export async function openPlanDueDatesUntil(db: Db, horizon: string) {
  const rows = await db.taskOccurrence.findMany({
    where: { status: "open", dueOn: { lte: horizon }, task: { status: "active" } },
    include: { task: { include: { assignees: true } } },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
  });
  const ids = [...new Set(rows.flatMap((r) => r.task.assignees.map((a) => a.userId)))];
  const people = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } }) : [];
  const names = new Map(people.map((p) => [p.id, p.fullName]));
  return rows.map((r) => ({ ...r, assigneeNames: r.task.assignees.map((a) => names.get(a.userId)).filter((n): n is string => n !== undefined) }));
}

/** Due dates of active tasks that are done, and open ones after `horizon`: counts only. */
export async function planDueDateCounts(db: Db, horizon: string): Promise<{ done: number; later: number }> {
  const [done, later] = await Promise.all([
    db.taskOccurrence.count({ where: { status: "done", task: { status: "active" } } }),
    db.taskOccurrence.count({ where: { status: "open", dueOn: { gt: horizon }, task: { status: "active" } } }),
  ]);
  return { done, later };
}

// ── the digest ledger ──

/** True when this person's digest of this week was already decided (queued or found empty). */
export async function digestDecided(db: Db, userId: number, week: string): Promise<boolean> {
  return (await db.summaryDigest.count({ where: { userId, week } })) > 0;
}

/**
 * Records the decision for this person and week. Inside the transaction that queues the
 * message: a second instance's insert fails on the unique key (P2002), which rolls its
 * transaction back, message included.
 */
export async function recordDigest(db: DbOrTx, row: { userId: number; week: string; outcome: "queued" | "empty" }): Promise<void> {
  await db.summaryDigest.create({ data: row });
}

/** Deletes the ledger rows of weeks before `week` (housekeeping); how many. */
export async function purgeDigestsBefore(db: Db, week: string): Promise<number> {
  return (await db.summaryDigest.deleteMany({ where: { week: { lt: week } } })).count;
}

// ── opt-outs ──

export async function digestOptedOut(db: Db, userId: number): Promise<boolean> {
  return (await db.summaryOptOut.count({ where: { userId } })) > 0;
}

export async function digestOptOuts(db: Db): Promise<Set<number>> {
  return new Set((await db.summaryOptOut.findMany({ select: { userId: true } })).map((r) => r.userId));
}

/** Turns the digest off (true) or on (false) for a person; true when that changed anything. */
export async function setDigestOptOut(db: DbOrTx, userId: number, optOut: boolean): Promise<boolean> {
  if (optOut) {
    if ((await db.summaryOptOut.count({ where: { userId } })) > 0) return false;
    await db.summaryOptOut.upsert({ where: { userId }, create: { userId }, update: {} });
    return true;
  }
  const { count } = await db.summaryOptOut.deleteMany({ where: { userId } });
  return count > 0;
}
