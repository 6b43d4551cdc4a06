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

export type ReminderKind = `before:${number}` | "due" | "overdue" | "escalation";

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
    // A due date on a day off: its last working day before it is "the day".
    if (left === 0) return { assignee: "due", escalate: false };
    return { assignee: policy.offsets.includes(left) ? `before:${left}` : null, escalate: false };
  }
  if (today === dueOn) return { assignee: "due", escalate: false };
  return { assignee: "overdue", escalate: calendar.workingDaysBetween(dueOn, today) >= policy.escalateAfter };
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
