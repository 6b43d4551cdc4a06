// What a compliance officer or an observer needs to know now (PRODUCT.md §4): the weekly
// digest and /dashboard show the same figures, computed here from plain data.
// - anonymous reports: counts only, of the person's audience (roles.ts, reportAudienceOf):
//   received since the last digest (on /dashboard: in the last 7 days), and overdue by the inbox's rule (reports/case.ts, overdue());
// - running campaigns: the response rate from the participation ledger (completed / invited,
//   as /campaigns shows it) and nothing per department;
// - the plan: open due dates that are overdue (with who is late, working days late) and those
//   due in the coming 7 calendar days, plus counts by status for the chart.
import { addCalendarDays, dayOfWeek, type IsoDate } from "../calendar/days.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { TaskTitleFields } from "../plan/titles.js";

/** Calendar days ahead that count as "upcoming" (today included): the coming week. */
export const UPCOMING_DAYS = 7;
/** Lines listed per plan section; the rest is said as a count. */
export const MAX_LISTED = 8;

// ── the week ──

/** Monday of the week of d (weeks run Monday to Sunday). */
export function weekOf(d: IsoDate): IsoDate {
  return addCalendarDays(d, -((dayOfWeek(d) + 6) % 7));
}

/** The first working day of d's week (Monday, or later when Monday is a day off); null for a week without one. */
export function firstWorkingDayOfWeek(d: IsoDate, calendar: Pick<WorkCalendar, "isWorkingDay">): IsoDate | null {
  const monday = weekOf(d);
  for (let i = 0; i < 7; i++) {
    const day = addCalendarDays(monday, i);
    if (calendar.isWorkingDay(day)) return day;
  }
  return null;
}

export function isFirstWorkingDayOfWeek(d: IsoDate, calendar: Pick<WorkCalendar, "isWorkingDay">): boolean {
  return firstWorkingDayOfWeek(d, calendar) === d;
}

/** The days counted as new on /dashboard: the 7 days ending on d. */
export function recentWindow(d: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addCalendarDays(d, -6), to: d };
}

/**
 * The days whose reports the digest sent on d counts as new: from the previous digest's day
 * (the first working day of the last week that had one) to the day before d. A case's day is
 * all the digest knows of its time, so the digest's own day goes to the next digest: each day
 * is counted in exactly one digest, also when a week's digest moves to Tuesday or Thursday.
 */
export function digestWindow(d: IsoDate, calendar: Pick<WorkCalendar, "isWorkingDay">): { from: IsoDate; to: IsoDate } {
  let monday = addCalendarDays(weekOf(d), -7);
  for (let i = 0; i < 8; i++, monday = addCalendarDays(monday, -7)) {
    const first = firstWorkingDayOfWeek(monday, calendar);
    if (first) return { from: first, to: addCalendarDays(d, -1) };
  }
  return { from: addCalendarDays(d, -7), to: addCalendarDays(d, -1) };
}

/** The days counted as "upcoming": d and the 6 days after it. */
export function upcomingWindow(d: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: d, to: addCalendarDays(d, UPCOMING_DAYS - 1) };
}

// ── the input ──

export interface ReportCounts {
  audience: "compliance" | "observer";
  /** Received in [from, to]: the last 7 days on /dashboard, the days since the last digest in a digest. */
  recent: number;
  from: IsoDate;
  to: IsoDate;
  /** Open cases past their acknowledgement or decision day. */
  overdue: number;
}

export interface CampaignInput {
  id: number;
  title: { kk: string; ru: string };
  closesOn: IsoDate;
  invited: number;
  completed: number;
}

export interface OccurrenceInput {
  id: number;
  dueOn: IsoDate;
  task: TaskTitleFields;
  /** Full names of the people responsible, as matched in the roster. */
  assignees: string[];
  /** Who is responsible as written in the plan (when nobody was matched). */
  responsibleText: string | null;
}

export interface PlanInput {
  /** Open due dates of active tasks up to the end of the upcoming window. */
  open: OccurrenceInput[];
  /** Due dates done, and open ones later than the window (counts for the chart). */
  done: number;
  later: number;
}

export interface SummaryInput {
  reports: ReportCounts | null;
  campaigns: CampaignInput[] | null;
  plan: PlanInput | null;
}

// ── the figures ──

export interface CampaignFigure {
  id: number;
  title: { kk: string; ru: string };
  closesOn: IsoDate;
  invited: number;
  completed: number;
  /** completed / invited, in [0, 1]; null while nobody has been reached. */
  rate: number | null;
}

export interface PlanLine {
  occurrenceId: number;
  dueOn: IsoDate;
  task: TaskTitleFields;
  /** The people late or responsible: matched names, else the plan's text, else empty. */
  who: string;
  /** Overdue: working days since the due date. */
  days: number;
}

export interface PlanFigures {
  overdue: PlanLine[];
  overdueTotal: number;
  upcoming: PlanLine[];
  upcomingTotal: number;
  /** Due dates by status: done, overdue, due in the coming week, later. */
  byStatus: { done: number; overdue: number; upcoming: number; later: number };
}

export interface SummaryFigures {
  today: IsoDate;
  reports: ReportCounts | null;
  campaigns: CampaignFigure[] | null;
  plan: PlanFigures | null;
}

function line(o: OccurrenceInput, days: number): PlanLine {
  return { occurrenceId: o.id, dueOn: o.dueOn, task: o.task, who: o.assignees.length ? [...o.assignees].sort((a, b) => a.localeCompare(b, "ru")).join(", ") : (o.responsibleText ?? ""), days };
}

export function planFigures(plan: PlanInput, today: IsoDate, calendar: Pick<WorkCalendar, "workingDaysBetween">): PlanFigures {
  const { to } = upcomingWindow(today);
  const byDue = [...plan.open].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id));
  const overdue = byDue.filter((o) => o.dueOn < today);
  const upcoming = byDue.filter((o) => o.dueOn >= today && o.dueOn <= to);
  const laterInList = byDue.length - overdue.length - upcoming.length;
  return {
    overdue: overdue.slice(0, MAX_LISTED).map((o) => line(o, calendar.workingDaysBetween(o.dueOn, today))),
    overdueTotal: overdue.length,
    upcoming: upcoming.slice(0, MAX_LISTED).map((o) => line(o, 0)),
    upcomingTotal: upcoming.length,
    byStatus: { done: plan.done, overdue: overdue.length, upcoming: upcoming.length, later: plan.later + laterInList },
  };
}

export function campaignFigures(campaigns: readonly CampaignInput[]): CampaignFigure[] {
  return campaigns.map((c) => ({ ...c, rate: c.invited > 0 ? Math.min(1, c.completed / c.invited) : null })).sort((a, b) => (a.closesOn < b.closesOn ? -1 : a.closesOn > b.closesOn ? 1 : a.id - b.id));
}

export function summarise(input: SummaryInput, today: IsoDate, calendar: Pick<WorkCalendar, "workingDaysBetween">): SummaryFigures {
  return {
    today,
    reports: input.reports,
    campaigns: input.campaigns && campaignFigures(input.campaigns),
    plan: input.plan && planFigures(input.plan, today, calendar),
  };
}

/**
 * Nothing worth a message: no new or overdue report, no campaign running, nothing overdue or
 * due in the coming week. (Done and later due dates alone are not news.)
 */
export function hasNews(f: SummaryFigures): boolean {
  return Boolean((f.reports && (f.reports.recent > 0 || f.reports.overdue > 0)) || (f.campaigns && f.campaigns.length > 0) || (f.plan && (f.plan.overdueTotal > 0 || f.plan.upcomingTotal > 0)));
}

