// How an action plan was carried out in a period: the status of each due date, as the quarterly
// monitoring report (seed 002: information on the execution of the recommendations, quarterly,
// by the 5th of the month after the quarter) and the board report (seed 004 item 16: quarterly
// by the 25th of the month after the quarter, yearly by the 25th of the second month after the
// year) give it. One module decides the status, so the reports, the digest and the dashboard
// count alike.
import { addCalendarDays, pad2, type IsoDate } from "../calendar/days.js";
import { workingDayOnOrBefore, type WorkCalendar } from "../calendar/work-calendar.js";

export type Quarter = 1 | 2 | 3 | 4;

/** A reporting period: a calendar quarter or a whole year. */
export type ReportingPeriod = { kind: "quarter"; year: number; quarter: Quarter } | { kind: "year"; year: number };

/**
 * on_time — done by the due date as first set;
 * extended — the due date was moved by an approved extension and the item was done by the new
 *   date, or the new date has not come yet;
 * late — done after its due date (the moved one, if it was moved);
 * not_done — still open after its due date;
 * pending — open, its due date has not come yet (a period reported before it ends).
 */
export type ExecutionStatus = "on_time" | "extended" | "late" | "not_done" | "pending";
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ["on_time", "extended", "late", "not_done", "pending"];

/** What the rules need of one due date. */
export interface OccurrenceFacts {
  dueOn: IsoDate;
  /** The due date before an approved extension, if one moved it. */
  originalDueOn: IsoDate | null;
  /** open | done | cancelled */
  status: string;
  doneOn: IsoDate | null;
}

/** How documents and titles number a quarter: «III квартал», «III тоқсан». */
export const QUARTER_ROMAN: Record<Quarter, string> = { 1: "I", 2: "II", 3: "III", 4: "IV" };

/** "2026-Q3" or "2026": how ledgers, stored reports and button data name a period. */
export function periodKey(p: ReportingPeriod): string {
  return p.kind === "year" ? String(p.year) : `${p.year}-Q${p.quarter}`;
}

export function periodRange(period: ReportingPeriod): { from: IsoDate; to: IsoDate } {
  if (period.kind === "year") return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
  const firstMonth = (period.quarter - 1) * 3 + 1;
  const nextStart = period.quarter === 4 ? `${period.year + 1}-01-01` : `${period.year}-${pad2(firstMonth + 3)}-01`;
  return { from: `${period.year}-${pad2(firstMonth)}-01`, to: addCalendarDays(nextStart, -1) };
}

export function quarterOf(date: IsoDate): { year: number; quarter: Quarter } {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter };
}

/** The last quarter that ended before `today` (on 05.01.2027: the fourth of 2026). */
export function previousQuarter(today: IsoDate): { kind: "quarter"; year: number; quarter: Quarter } {
  const { year, quarter } = quarterOf(today);
  return quarter === 1 ? { kind: "quarter", year: year - 1, quarter: 4 } : { kind: "quarter", year, quarter: (quarter - 1) as Quarter };
}

/** A due date belongs to the period it was first due in (an extension does not move it out of its report). */
export function belongsTo(o: Pick<OccurrenceFacts, "dueOn" | "originalDueOn">, period: ReportingPeriod): boolean {
  const { from, to } = periodRange(period);
  const first = o.originalDueOn ?? o.dueOn;
  return first >= from && first <= to;
}

/** The status of one due date as of `asOf`; null for a cancelled one (it is not counted). */
export function executionStatus(o: OccurrenceFacts, asOf: IsoDate): ExecutionStatus | null {
  if (o.status === "cancelled") return null;
  const extended = o.originalDueOn !== null && o.originalDueOn !== o.dueOn;
  if (o.status === "done" && o.doneOn !== null) {
    if (o.doneOn <= (o.originalDueOn ?? o.dueOn)) return "on_time";
    if (o.doneOn <= o.dueOn) return extended ? "extended" : "on_time";
    return "late";
  }
  if (asOf > o.dueOn) return "not_done";
  return extended ? "extended" : "pending";
}

export type ExecutionTotals = Record<ExecutionStatus, number> & { total: number };

export function executionTotals(statuses: Iterable<ExecutionStatus | null>): ExecutionTotals {
  const totals: ExecutionTotals = { on_time: 0, extended: 0, late: 0, not_done: 0, pending: 0, total: 0 };
  for (const s of statuses) {
    if (s === null) continue;
    totals[s]++;
    totals.total++;
  }
  return totals;
}

/** Done in time (as first set or as extended) among those whose due date has come; null when none has. */
export function executionRate(t: ExecutionTotals): number | null {
  const due = t.on_time + t.extended + t.late + t.not_done;
  return due === 0 ? null : (t.on_time + t.extended) / due;
}

/** What seed 004 item 5 has reported to the chair of the management board: due dates not done after their deadline. */
export function isNonExecution(status: ExecutionStatus | null): boolean {
  return status === "not_done";
}

/**
 * The due date of the report on `period`: the monitoring information by the 5th of the month
 * after the quarter (seed 002); the board report by the 25th of the month after the quarter, or
 * of the second month after the year (seed 004 item 16). Days off are the caller's to move.
 */
export function reportDueOn(kind: "monitoring" | "board", period: ReportingPeriod): IsoDate {
  const { to } = periodRange(period);
  const y = Number(to.slice(0, 4));
  const m = Number(to.slice(5, 7));
  const monthsAfter = kind === "board" && period.kind === "year" ? 2 : 1;
  const dueMonth = m + monthsAfter;
  const dueYear = dueMonth > 12 ? y + 1 : y;
  return `${dueYear}-${pad2(((dueMonth - 1) % 12) + 1)}-${kind === "monitoring" ? "05" : "25"}`;
}

/** The report's due date, moved to the working day before when it falls on a day off. */
export function reportDueDay(kind: "monitoring" | "board", period: ReportingPeriod, calendar: WorkCalendar): IsoDate {
  return workingDayOnOrBefore(calendar, reportDueOn(kind, period));
}
