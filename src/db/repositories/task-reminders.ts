// Deadline reminders as rows: planned once per (occurrence, person, kind, day), claimed by one
// instance before they are sent, then marked (see jobs/task-reminders.ts for the protocol).
import type { Database, Db, DbOrTx } from "../client.js";

export interface ReminderRow {
  occurrenceId: number;
  userId: number;
  kind: string;
  forDay: string;
  dueAt: Date;
}

/** Plans one reminder; false when it was planned already (here or by another instance). */
export async function planReminderOnce(db: Db, row: ReminderRow): Promise<boolean> {
  try {
    await db.taskReminder.create({ data: row });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Open due dates of active tasks up to `horizon`, with the tasks' assignees. */
export function openOccurrencesUntil(db: Db, horizon: string) {
  return db.taskOccurrence.findMany({
    where: { status: "open", dueOn: { lte: horizon }, task: { status: "active" } },
    include: { task: { include: { assignees: true } } },
  });
}

/**
 * Claims up to `batch` due reminders for this instance (pending ones, and ones left in
 * "sending" since before `cutoff`); returns their ids, oldest first.
 * PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED); SQLite: one
 * conditional UPDATE per row.
 */
export async function claimDueReminders(database: Database, now: Date, cutoff: Date, batch: number): Promise<number[]> {
  const db = database.prisma;
  if (database.provider === "postgres") {
    const rows = await db.$queryRawUnsafe<{ id: number }[]>(
      `UPDATE "TaskReminder" SET "status" = 'sending', "claimedAt" = $1
       WHERE "id" IN (
         SELECT "id" FROM "TaskReminder"
         WHERE ("status" = 'pending' OR ("status" = 'sending' AND "claimedAt" < $2)) AND "dueAt" <= $1
         ORDER BY "dueAt", "id" LIMIT ${batch}
         FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      now,
      cutoff,
    );
    // RETURNING has no order: send oldest first, like SQLite.
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const candidates = await db.taskReminder.findMany({
    where: { dueAt: { lte: now }, OR: [{ status: "pending" }, { status: "sending", claimedAt: { lt: cutoff } }] },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: batch,
  });
  const claimed: number[] = [];
  for (const c of candidates) {
    const { count } = await db.taskReminder.updateMany({ where: { id: c.id, status: c.status, claimedAt: c.claimedAt }, data: { status: "sending", claimedAt: now } });
    if (count === 1) claimed.push(c.id);
  }
  return claimed;
}

export function findReminder(db: Db, id: number) {
  return db.taskReminder.findUnique({ where: { id } });
}

/** Nothing to say any more (done, cancelled, reassigned, the person left). */
export async function markReminderSkipped(db: Db, id: number): Promise<void> {
  await db.taskReminder.update({ where: { id }, data: { status: "skipped", claimedAt: null } });
}

export async function markReminderSent(db: DbOrTx, id: number, sentAt: Date): Promise<void> {
  await db.taskReminder.update({ where: { id }, data: { status: "sent", sentAt, claimedAt: null } });
}

/** The person blocked the bot or the chat is gone: not tried again. */
export async function markReminderFailed(db: Db, id: number): Promise<void> {
  await db.taskReminder.update({ where: { id }, data: { status: "failed", claimedAt: null } });
}

