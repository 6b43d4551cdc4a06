// Record-level rules of the deadlines: who may act on which due date, and when a due date or
// an extension request can still be acted on. Pure functions of the records involved.
import type { IsoDate } from "../calendar/days.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { KnownDeadline } from "./deadlines.js";

/** A due date (occurrence) with what the rules look at. */
export interface OccurrenceForPolicy {
  status: string;
  task: { status: string; assignees: readonly { userId: number }[] };
}

/**
 * Own task: a responsible person may act (done, more time, view) only on an occurrence of a
 * task assigned to them.
 */
export function isOwnTask(userId: number, occurrence: { task: { assignees: readonly { userId: number }[] } }): boolean {
  return occurrence.task.assignees.some((a) => a.userId === userId);
}

/** A due date can be viewed by its responsible people and by those who manage or oversee the plan. */
export function mayViewOccurrence(userId: number, occurrence: { task: { assignees: readonly { userId: number }[] } }, access: { managePlan: boolean; viewSummaries: boolean }): boolean {
  return isOwnTask(userId, occurrence) || access.managePlan || access.viewSummaries;
}

/** Done or more time only while the due date is open and its task active. */
export function isOpenForAction(occurrence: Pick<OccurrenceForPolicy, "status"> & { task: { status: string } }): boolean {
  return occurrence.status === "open" && occurrence.task.status === "active";
}

/** A proposed new due date must be later than the current one and not in the past. */
export function isValidExtensionDate(proposed: string, currentDueOn: string, today: string): boolean {
  return proposed > currentDueOn && proposed >= today;
}

export type ExtensionDateCheck =
  | { ok: true }
  | { ok: false; reason: "range" }
  /** Not a working day (weekend or holiday): the nearest working days that would do instead. */
  | { ok: false; reason: "dayOff"; alternatives: IsoDate[] };

/**
 * A new due date (asked for or approved) must also be a working day: a deadline on a
 * weekend or a public holiday cannot be met on that day. When it is not one, the working
 * day before it (if that is still a valid new date) and the one after it are offered.
 */
export function checkExtensionDate(proposed: IsoDate, currentDueOn: IsoDate, today: IsoDate, calendar: WorkCalendar): ExtensionDateCheck {
  if (!isValidExtensionDate(proposed, currentDueOn, today)) return { ok: false, reason: "range" };
  if (calendar.isWorkingDay(proposed)) return { ok: true };
  return { ok: false, reason: "dayOff", alternatives: nearestWorkingDays(proposed, calendar, (d) => isValidExtensionDate(d, currentDueOn, today)) };
}

/** For a day off: the working day before it (when `allowed`) and the working day after it. */
export function nearestWorkingDays(date: IsoDate, calendar: WorkCalendar, allowed: (d: IsoDate) => boolean = () => true): IsoDate[] {
  const before = calendar.previousWorkingDay(date);
  const after = calendar.nextWorkingDay(date);
  return allowed(before) ? [before, after] : [after];
}

/**
 * The written due dates of a plan (a date or the end of a range, not a recurrence: those are
 * computed and land on working days) that fall on a weekend day or a holiday, with the item's
 * number — said when the plan is previewed, so the officer can correct the file first.
 */
export function writtenDatesOnDaysOff(items: readonly { number: string; deadline: KnownDeadline }[], calendar: WorkCalendar): { number: string; date: IsoDate }[] {
  return items.flatMap((item) => ((item.deadline.kind === "date" || item.deadline.kind === "range") && !calendar.isWorkingDay(item.deadline.due) ? [{ number: item.number, date: item.deadline.due }] : []));
}

/** Only a pending extension request can be approved or refused. */
export function isUndecided(request: { status: string }): boolean {
  return request.status === "pending";
}
