// Tasks, their due dates (occurrences), assignees and extension requests: what the bot's
// deadline screens read and write.
import type { Db } from "../client.js";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export function findTask(db: Db, id: number) {
  return db.task.findUnique({ where: { id } });
}

/** A due date with its task and the task's assignees. */
export function findOccurrenceWithAssignees(db: Db, id: number) {
  return db.taskOccurrence.findUnique({ where: { id }, include: { task: { include: { assignees: true } } } });
}

export function findOccurrenceWithTask(db: Db, id: number) {
  return db.taskOccurrence.findUnique({ where: { id }, include: { task: true } });
}

export function findOccurrence(db: Db, id: number) {
  return db.taskOccurrence.findUnique({ where: { id } });
}

/** Open due dates of the active tasks a person is responsible for, soonest first. */
export function openOccurrencesOf(db: Db, userId: number, limit: number) {
  return db.taskOccurrence.findMany({
    where: { status: "open", task: { status: "active", assignees: { some: { userId } } } },
    include: { task: true },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/** Full names of these people (in no particular order). */
export async function fullNamesOf(db: Db, userIds: number[]): Promise<string[]> {
  const people = await db.user.findMany({ where: { id: { in: userIds } }, select: { fullName: true } });
  return people.map((p) => p.fullName);
}

/** Closes an open due date as done; false when it was no longer open. */
export async function closeOccurrenceAsDone(db: Db, id: number, done: { doneOn: string; doneById: number; evidence: string }): Promise<boolean> {
  const { count } = await db.taskOccurrence.updateMany({ where: { id, status: "open" }, data: { status: "done", ...done } });
  return count === 1;
}

export function countPendingExtensions(db: Db, occurrenceId: number): Promise<number> {
  return db.extensionRequest.count({ where: { occurrenceId, status: "pending" } });
}

export function createExtensionRequest(db: Db, data: { occurrenceId: number; requestedById: number; reason: string; proposedDueOn: string }) {
  return db.extensionRequest.create({ data });
}

export function findExtensionRequest(db: Db, id: number) {
  return db.extensionRequest.findUnique({ where: { id } });
}

/**
 * Decides a pending extension request in one transaction: an approval moves the due date
 * (keeping the first one) and voids the reminders planned for the old date. false when it
 * was decided meanwhile; "conflict" when the task already has a due date on the proposed day.
 */
export async function decideExtensionRequest(
  db: Db,
  args: { requestId: number; approve: boolean; decidedById: number; decidedOn: string; occurrence: { id: number; dueOn: string; originalDueOn: string | null }; proposedDueOn: string },
): Promise<boolean | "conflict"> {
  const { occurrence } = args;
  return db
    .$transaction(async (tx) => {
      const { count } = await tx.extensionRequest.updateMany({ where: { id: args.requestId, status: "pending" }, data: { status: args.approve ? "approved" : "refused", decidedById: args.decidedById, decidedOn: args.decidedOn } });
      if (count !== 1) return false;
      if (args.approve) {
        await tx.taskOccurrence.update({ where: { id: occurrence.id }, data: { dueOn: args.proposedDueOn, originalDueOn: occurrence.originalDueOn ?? occurrence.dueOn } });
        // Reminders planned for the old date are void.
        await skipPendingReminders(tx, occurrence.id);
      }
      return true;
    })
    .catch((error: { code?: string }) => {
      // The task already has a due date on the proposed day (a recurring item).
      if (error.code === "P2002") return "conflict" as const;
      throw error;
    });
}

/** The reminders still planned for a due date are void (it moved). */
export async function skipPendingReminders(tx: Tx | Db, occurrenceId: number): Promise<void> {
  await tx.taskReminder.updateMany({ where: { occurrenceId, status: "pending" }, data: { status: "skipped" } });
}

/** Makes a person responsible for a task (once). */
export async function addAssignee(db: Db, taskId: number, userId: number): Promise<void> {
  await db.taskAssignee.upsert({ where: { taskId_userId: { taskId, userId } }, create: { taskId, userId }, update: {} });
}
