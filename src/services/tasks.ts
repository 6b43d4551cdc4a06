// What responsible people and compliance officers do with due dates: done with evidence,
// more time (a request that compliance approves or refuses), assigning people by hand.
// The rules are the named policies of domain/plan/policies.ts; every change is audited.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import {
  addAssignee,
  closeOccurrenceAsDone,
  countPendingExtensions,
  createExtensionRequest,
  decideExtensionRequest,
  findExtensionRequest,
  findOccurrence,
  findOccurrenceWithAssignees,
  findOccurrenceWithTask,
  findTask,
} from "../db/repositories/tasks.js";
import { findUserById } from "../db/repositories/users.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import { isOpenForAction, isOwnTask, isUndecided } from "../domain/plan/policies.js";

export type OwnOpenOccurrence = NonNullable<Awaited<ReturnType<typeof findOccurrenceWithAssignees>>>;

/**
 * The due date a responsible person wants to act on: "notOwn" unless it is theirs (own task),
 * "closed" when it is no longer open.
 */
export async function ownOpenOccurrence(db: Db, userId: number, occurrenceId: number): Promise<OwnOpenOccurrence | "notOwn" | "closed"> {
  const o = await findOccurrenceWithAssignees(db, occurrenceId);
  if (!o || !isOwnTask(userId, o)) return "notOwn";
  if (!isOpenForAction(o)) return "closed";
  return o;
}

/** Whether an extension request of this due date is already waiting for a decision. */
export async function hasPendingExtension(db: Db, occurrenceId: number): Promise<boolean> {
  return (await countPendingExtensions(db, occurrenceId)) > 0;
}

/** Closes an open due date as done with its (encrypted) evidence; null when it was no longer open. */
export async function markDone(db: Db, args: { occurrenceId: number; actorUserId: number; today: string; encryptedEvidence: string }) {
  const o = await findOccurrenceWithTask(db, args.occurrenceId);
  const closed = await closeOccurrenceAsDone(db, args.occurrenceId, { doneOn: args.today, doneById: args.actorUserId, evidence: args.encryptedEvidence });
  if (!closed || !o) return null;
  await audit(db, { actorUserId: args.actorUserId, action: "task.done", subject: `occurrence:${args.occurrenceId}` });
  return o;
}

/** The open due date an extension is being asked for, or null when it was closed meanwhile. */
export async function openOccurrenceForExtension(db: Db, occurrenceId: number) {
  const o = await findOccurrenceWithTask(db, occurrenceId);
  return o && o.status === "open" ? o : null;
}

/** Files a request for more time. */
export async function requestExtension(db: Db, args: { occurrenceId: number; actorUserId: number; reason: string; proposedDueOn: string }) {
  const request = await createExtensionRequest(db, { occurrenceId: args.occurrenceId, requestedById: args.actorUserId, reason: args.reason, proposedDueOn: args.proposedDueOn });
  await audit(db, { actorUserId: args.actorUserId, action: "task.extension_requested", subject: `extension:${request.id}` });
  return request;
}

export type ExtensionDecision =
  | { outcome: "decided"; request: NonNullable<Awaited<ReturnType<typeof findExtensionRequest>>>; occurrence: NonNullable<Awaited<ReturnType<typeof findOccurrence>>>; requester: Awaited<ReturnType<typeof findUserById>> }
  | { outcome: "alreadyDecided" | "stale" | "conflict" }
  /** Approving would put the due date on a weekend day or a holiday: refused, nothing changes. */
  | { outcome: "dayOff"; date: string };

/** Compliance approves (the due date moves) or refuses a request for more time. */
export async function decideExtension(db: Db, calendar: WorkCalendar, args: { requestId: number; approve: boolean; actorUserId: number; today: string }): Promise<ExtensionDecision> {
  const request = await findExtensionRequest(db, args.requestId);
  if (!request || !isUndecided(request)) return { outcome: "alreadyDecided" };
  // Requests are checked when made; one made before that check (or an imported date) is not approved onto a day off.
  if (args.approve && !calendar.isWorkingDay(request.proposedDueOn)) return { outcome: "dayOff", date: request.proposedDueOn };
  const occurrence = await findOccurrence(db, request.occurrenceId);
  if (!occurrence) return { outcome: "stale" };
  const decided = await decideExtensionRequest(db, { requestId: args.requestId, approve: args.approve, decidedById: args.actorUserId, decidedOn: args.today, occurrence, proposedDueOn: request.proposedDueOn });
  if (decided === "conflict") return { outcome: "conflict" };
  if (!decided) return { outcome: "alreadyDecided" };
  await audit(db, { actorUserId: args.actorUserId, action: args.approve ? "task.extension_approved" : "task.extension_refused", subject: `extension:${args.requestId}` });
  return { outcome: "decided", request, occurrence, requester: await findUserById(db, request.requestedById) };
}

/** Makes an active person responsible for a task; null when the task or the person is gone. */
export async function assignToTask(db: Db, args: { taskId: number; userId: number; actorUserId: number }) {
  const [task, person] = await Promise.all([findTask(db, args.taskId), findUserById(db, args.userId)]);
  if (!task || !person || !person.active) return null;
  await addAssignee(db, args.taskId, args.userId);
  await audit(db, { actorUserId: args.actorUserId, action: "task.assigned", subject: `task:${args.taskId}`, details: { userId: args.userId } });
  return { task, person };
}
