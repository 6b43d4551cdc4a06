// When a responsible person hears about a due date (PRODUCT.md §3): at the configured offsets
// in working days before it (default 5, 2 and 1), on the day, then daily while overdue; the
// compliance service is told once after the configured number of working days overdue
// (default 1). Only on working days: a reminder on a Sunday helps nobody.
import type { IsoDate } from "./calendar/days.js";
import type { WorkCalendar } from "./calendar/work-calendar.js";

export interface ReminderPolicy {
  /** Working days before the due date. */
  offsets: number[];
  /** Local time of day the reminders of a day go out from (HH:MM). */
  time: string;
  /** Working days overdue after which compliance is told. */
  escalateAfter: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { offsets: [5, 2, 1], time: "09:00", escalateAfter: 1 };

/** "lastDay": the due date is not a working day and today is the last working day before it
 *  (the reminder says so and names the date — it must not say "today"). */
export type ReminderKind = `before:${number}` | "lastDay" | "due" | "overdue" | "escalation";

export interface DayReminders {
  /** What the responsible people get today, if anything. */
  assignee: ReminderKind | null;
  /** Whether compliance is to be told (once per due date; the caller keys it by due date). */
  escalate: boolean;
}

export function remindersForDay(dueOn: IsoDate, today: IsoDate, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): DayReminders {
  if (!calendar.isWorkingDay(today)) return { assignee: null, escalate: false };
  if (today < dueOn) {
    const left = calendar.workingDaysBetween(today, dueOn);
    // A due date on a day off: its last working day before it is the last chance.
    if (left === 0) return { assignee: "lastDay", escalate: false };
    return { assignee: policy.offsets.includes(left) ? `before:${left}` : null, escalate: false };
  }
  if (today === dueOn) return { assignee: "due", escalate: false };
  return { assignee: "overdue", escalate: calendar.workingDaysBetween(dueOn, today) >= policy.escalateAfter };
}

/** On a reminder day before a due date, the working days left (0 on the day); null on other days. */
export function reminderDaysLeft(dueOn: IsoDate, today: IsoDate, calendar: WorkCalendar, policy: ReminderPolicy): number | null {
  const kind = remindersForDay(dueOn, today, calendar, policy).assignee;
  if (kind === "due") return 0;
  if (kind?.startsWith("before:")) return Number(kind.slice("before:".length));
  return null;
}

/** A due date that is not a working day: why (the holiday's name in both languages, or null
 *  for an ordinary weekend) and the last working day before it. Null for a working day. */
export interface DueDayOff {
  name: { kk: string; ru: string } | null;
  lastWorkingDay: IsoDate;
}

export function dueDayOff(dueOn: IsoDate, calendar: WorkCalendar): DueDayOff | null {
  if (calendar.isWorkingDay(dueOn)) return null;
  const kk = calendar.holidayName(dueOn, "kk");
  const ru = calendar.holidayName(dueOn, "ru");
  return { name: kk && ru ? { kk, ru } : null, lastWorkingDay: calendar.previousWorkingDay(dueOn) };
}

/** The latest due date for which a reminder could be due today (planning window). */
export function planningHorizon(today: IsoDate, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_REMINDER_POLICY): IsoDate {
  return calendar.addWorkingDays(today, Math.max(1, ...policy.offsets));
}

export function parseOffsets(text: string): number[] | null {
  const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (!parts.length || !parts.every((p) => /^\d{1,2}$/.test(p))) return null;
  const values = [...new Set(parts.map(Number))].filter((n) => n >= 1 && n <= 30);
  return values.length === parts.length ? values.sort((a, b) => b - a) : null;
}
