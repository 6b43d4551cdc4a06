// The schedule of an internal corruption-risk analysis (ВАКР / СЖТІТ): the milestones of the
// project map (seed 002, "Проведение внутреннего анализа коррупционных рисков") with their
// deadlines, computed on the working-day calendar of Kazakhstan (./calendar.ts).
//
// Given the analysis period [start, end]:
//
//   id                        rule (seed 002)                                      due
//   announcement              за 10 рабочих дней до начала ВАКР                     addWorkingDays(start, -10)
//   order                     за 5 рабочих дней до начала ВАКР                      addWorkingDays(start, -5)
//   discussion_announcement   не позднее 10 рабочих дней до завершения ВАКР        addWorkingDays(end, -10)
//   public_discussion         не позднее 5 рабочих дней до завершения ВАКР         addWorkingDays(end, -5)
//   report_signed             не позднее 10 рабочих дней со дня завершения ВАКР    addWorkingDays(end, 10)
//   action_plan               не позднее 10 рабочих дней со дня подписания справки addWorkingDays(signed, 10)
//   publication               в течение 3 рабочих дней со дня утверждения плана    addWorkingDays(approved, 3)
//   risk_map_update           в течение 3 рабочих дней со дня утверждения плана    addWorkingDays(approved, 3)
//   quarterly_info_q1 … q4    ежеквартально к 5 числу месяца после отчётного периода, for the
//                             monitoring year after signing (see below)
//
// Date conventions (and why):
//  * "N working days before X" is the N-th working day before X, X itself not counted:
//    calendar.addWorkingDays(X, -N). Between the deadline and X lie N − 1 working days, and X
//    is the N-th working day counted from the deadline (workingDaysBetween(due, X) === N) — the
//    usual reading of «за N дней до» in Kazakhstan's legal acts, where the day of the event is
//    not counted. "No later than N working days before the end" gives the same date: it is the
//    latest day that is still N working days before.
//  * "Within / no later than N working days after (from the day of) X" is the N-th working day
//    after X, X not counted: calendar.addWorkingDays(X, N) (Civil Code art. 170: a period starts
//    the day after the event that begins it). The deadline is that day itself (included).
//  * X may itself be a day off (an analysis may formally start on a Saturday); the counting is
//    the same.
//  * Chain: the action plan counts from the report's signing date — the actual one when
//    options.reportSignedOn is given, else the report deadline. Publication and the risk-map
//    update count from the plan's approval — options.planApprovedOn when given, else the plan
//    deadline. The report_signed and action_plan milestones keep their own deadlines (they are
//    deadlines, not facts); only the milestones that follow move.
//  * Monitoring lasts one year from the signing date S (actual or planned): the period (S, S+1y],
//    where S+1y is the same day of the next year (29 February → 28 February; Civil Code
//    art. 173). Execution information is due for every calendar quarter (the reporting period
//    of «ежеквартально … после отчётного периода») that ENDS within that year — always exactly
//    four quarters, reported by the 5th of the month after the quarter. The quarter in which the
//    report is signed counts when it ends after S; a quarter ending on S itself does not (the
//    plan does not exist yet). The ids quarterly_info_q1 … q4 number the four reports of the
//    monitoring year (stable when S moves); titleParams / quarter give the calendar quarter.
//  * "By the 5th": the information is due no later than the 5th. When the 5th is not a working
//    day, the deadline is the last working day before it (not the next one, which would be after
//    the 5th). A working Saturday or Sunday from the transfer order is a working day, so e.g.
//    Sunday 5 January 2025 (worked instead of 3 January) stays the deadline.
//  * The 25th-of-the-month report to the board (seed 004) is not part of this schedule.
//
// Milestones come in the seed's order (which is chronological for any realistic period; for a
// period shorter than 10 working days the discussion announcement may precede the start).
import { InvalidDateError, isIsoDate, MAX_YEAR, MIN_YEAR, type IsoDate } from "./calendar/days.js";
import { workingDayOnOrBefore, type WorkCalendar } from "./calendar/work-calendar.js";
import { QUARTER_ROMAN, type Quarter } from "./plan/execution.js";
import type { Resources, TranslationKey } from "../i18n-resources.js";
import type { RelativeAnchor, RelativeDeadline } from "./plan/deadlines.js";

export type ScheduleRuleKind = "before_start" | "before_end" | "after_end" | "after_event" | "quarterly";

/** Events a deadline can be counted from (rule.event). */
export type ScheduleEvent = "report_signed" | "plan_approved";

export interface ScheduleRule {
  kind: ScheduleRuleKind;
  /** before_start / before_end / after_end / after_event: the number of working days. */
  workingDays?: number;
  /** after_event: the event counted from; quarterly: the event the monitoring year starts at. */
  event?: ScheduleEvent;
  /** quarterly: the day of the month after the quarter the information is due by (5). */
  dayOfMonth?: number;
}

export interface Milestone {
  /** Stable slug: announcement, order, discussion_announcement, public_discussion,
   *  report_signed, action_plan, publication, risk_map_update, quarterly_info_q1 … q4. */
  id: string;
  /** i18n key of the title (locales/<lang>/schedule.json). */
  titleKey: TranslationKey;
  /** Interpolation values for the title (quarterly information: quarter "I"…"IV", year). */
  titleParams?: Record<string, string | number>;
  rule: ScheduleRule;
  due: IsoDate;
  /** The milestone whose date this one is counted from. */
  dependsOn?: string;
  /** Quarterly information: the calendar quarter it reports on. */
  quarter?: { year: number; quarter: 1 | 2 | 3 | 4 };
}

export interface AnalysisPeriod {
  start: IsoDate;
  end: IsoDate;
}

export interface ScheduleOptions {
  /** The date the analytic report was actually signed (the action plan counts from it). */
  reportSignedOn?: IsoDate;
  /** The date the action plan was actually approved (publication counts from it). */
  planApprovedOn?: IsoDate;
}

export type ScheduleErrorCode = "bad_date" | "end_before_start" | "out_of_range" | "event_out_of_order";
export type ScheduleField = "start" | "end" | "reportSignedOn" | "planApprovedOn";

/**
 * Invalid input for buildAnalysisSchedule:
 *  bad_date — a date that is not a real YYYY-MM-DD date (field says which);
 *  end_before_start — end < start;
 *  out_of_range — a date, or a deadline computed from it, outside the years the working-day
 *    calendar covers (MIN_YEAR–MAX_YEAR);
 *  event_out_of_order — reportSignedOn before the start of the analysis, or planApprovedOn
 *    before reportSignedOn.
 */
export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    message: string,
    readonly field?: ScheduleField,
  ) {
    super(message);
    this.name = "ScheduleError";
  }
}

/** Working days in the rules of seed 002. */
export const SCHEDULE_DAYS = {
  announcement: 10,
  order: 5,
  discussionAnnouncement: 10,
  publicDiscussion: 5,
  reportSigned: 10,
  actionPlan: 10,
  publication: 3,
} as const;

/** Quarterly execution information is due by this day of the month after the quarter. */
export const QUARTERLY_INFO_DAY = 5;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function yearOf(d: IsoDate): number {
  return Number(d.slice(0, 4));
}

/** The same day one year later; 29 February → 28 February (Civil Code art. 173). */
export function addOneYear(d: IsoDate): IsoDate {
  const y = yearOf(d) + 1;
  const md = d.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === "02-29" && !leap ? "02-28" : md}`;
}


/** The four calendar quarters ending within (signed, signed + 1 year], with their due dates. */
function quarterlyMilestones(calendar: WorkCalendar, signed: IsoDate): Milestone[] {
  const last = addOneYear(signed);
  const out: Milestone[] = [];
  let year = yearOf(signed);
  let q = Math.floor((Number(signed.slice(5, 7)) - 1) / 3); // 0-based quarter of the signing date
  for (;;) {
    const endMonth = q * 3 + 3;
    const quarterEnd = `${year}-${pad2(endMonth)}-${endMonth === 6 || endMonth === 9 ? "30" : "31"}`;
    if (quarterEnd > last) break;
    if (quarterEnd > signed) {
      const dueYear = endMonth === 12 ? year + 1 : year;
      const dueMonth = endMonth === 12 ? 1 : endMonth + 1;
      const n = out.length + 1;
      const quarter = (q + 1) as 1 | 2 | 3 | 4;
      out.push({
        id: `quarterly_info_q${n}`,
        titleKey: "schedule.milestone.quarterly_info",
        titleParams: { quarter: QUARTER_ROMAN[(q + 1) as Quarter], year },
        rule: { kind: "quarterly", event: "report_signed", dayOfMonth: QUARTERLY_INFO_DAY },
        due: workingDayOnOrBefore(calendar, `${dueYear}-${pad2(dueMonth)}-${pad2(QUARTERLY_INFO_DAY)}`),
        dependsOn: "report_signed",
        quarter: { year, quarter },
      });
    }
    if (++q === 4) {
      q = 0;
      year++;
    }
  }
  return out;
}

function checkDate(value: unknown, field: ScheduleField): asserts value is IsoDate {
  if (!isIsoDate(value)) {
    throw new ScheduleError("bad_date", `${field}: invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD, e.g. 2026-03-02)`, field);
  }
  const year = yearOf(value);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new ScheduleError("out_of_range", `${field}: ${value} is outside the working-day calendar, which covers ${MIN_YEAR}–${MAX_YEAR}`, field);
  }
}

/**
 * The milestones of the analysis for the period [start, end] (see the conventions at the top of
 * this file). Throws ScheduleError for invalid input or deadlines outside the calendar's years.
 */
export function buildAnalysisSchedule(period: AnalysisPeriod, calendar: WorkCalendar, options: ScheduleOptions = {}): Milestone[] {
  const { start, end } = period;
  checkDate(start, "start");
  checkDate(end, "end");
  if (end < start) throw new ScheduleError("end_before_start", `the analysis ends (${end}) before it starts (${start})`, "end");
  const { reportSignedOn, planApprovedOn } = options;
  if (reportSignedOn !== undefined) {
    checkDate(reportSignedOn, "reportSignedOn");
    if (reportSignedOn < start) {
      throw new ScheduleError("event_out_of_order", `reportSignedOn: the report cannot be signed (${reportSignedOn}) before the analysis starts (${start})`, "reportSignedOn");
    }
  }
  if (planApprovedOn !== undefined) {
    checkDate(planApprovedOn, "planApprovedOn");
    if (reportSignedOn !== undefined && planApprovedOn < reportSignedOn) {
      throw new ScheduleError("event_out_of_order", `planApprovedOn: the action plan cannot be approved (${planApprovedOn}) before the report is signed (${reportSignedOn})`, "planApprovedOn");
    }
  }

  try {
    const D = SCHEDULE_DAYS;
    const { reportDue, planDue, anchors } = scheduleAnchors(period, calendar, options);
    const { report_signed: signed } = anchors;
    const count = (anchor: RelativeAnchor, direction: "before" | "after", workingDays: number) => countWorkingDays(calendar, anchors[anchor], direction, workingDays);
    const publicationDue = count("plan_approved", "after", D.publication);
    const milestone = (id: keyof Resources["schedule"]["milestone"], rule: ScheduleRule, due: IsoDate, dependsOn?: string): Milestone => ({
      id,
      titleKey: `schedule.milestone.${id}`,
      rule,
      due,
      ...(dependsOn ? { dependsOn } : {}),
    });
    return [
      milestone("announcement", { kind: "before_start", workingDays: D.announcement }, count("analysis_start", "before", D.announcement)),
      milestone("order", { kind: "before_start", workingDays: D.order }, count("analysis_start", "before", D.order)),
      milestone("discussion_announcement", { kind: "before_end", workingDays: D.discussionAnnouncement }, count("analysis_end", "before", D.discussionAnnouncement)),
      milestone("public_discussion", { kind: "before_end", workingDays: D.publicDiscussion }, count("analysis_end", "before", D.publicDiscussion)),
      milestone("report_signed", { kind: "after_end", workingDays: D.reportSigned }, reportDue),
      milestone("action_plan", { kind: "after_event", workingDays: D.actionPlan, event: "report_signed" }, planDue, "report_signed"),
      milestone("publication", { kind: "after_event", workingDays: D.publication, event: "plan_approved" }, publicationDue, "action_plan"),
      milestone("risk_map_update", { kind: "after_event", workingDays: D.publication, event: "plan_approved" }, publicationDue, "action_plan"),
      ...quarterlyMilestones(calendar, signed),
    ];
  } catch (error) {
    // The calendar throws a RangeError for a year it does not cover (e.g. an announcement in
    // 2001 for an analysis starting in January 2002, monitoring reaching 2077).
    if (error instanceof RangeError && !(error instanceof InvalidDateError)) {
      throw new ScheduleError("out_of_range", `a deadline of this schedule falls outside the working-day calendar: ${error.message}`);
    }
    throw error;
  }
}

/** N working days before or after a date, the date itself not counted (the conventions above). */
function countWorkingDays(calendar: WorkCalendar, from: IsoDate, direction: "before" | "after", workingDays: number): IsoDate {
  return calendar.addWorkingDays(from, direction === "before" ? -workingDays : workingDays);
}

/**
 * The dates deadlines count from: the start and end of the analysis, the signing (actual, else
 * the report's deadline) and the plan's approval (actual, else the plan's deadline).
 */
function scheduleAnchors(period: AnalysisPeriod, calendar: WorkCalendar, options: ScheduleOptions): { reportDue: IsoDate; planDue: IsoDate; anchors: Record<RelativeAnchor, IsoDate> } {
  const reportDue = countWorkingDays(calendar, period.end, "after", SCHEDULE_DAYS.reportSigned);
  const signed = options.reportSignedOn ?? reportDue;
  const planDue = countWorkingDays(calendar, signed, "after", SCHEDULE_DAYS.actionPlan);
  const approved = options.planApprovedOn ?? planDue;
  return { reportDue, planDue, anchors: { analysis_start: period.start, analysis_end: period.end, report_signed: signed, plan_approved: approved } };
}

/**
 * The due date of a plan item written relative to the analysis («За 10 рабочих дней до начала
 * ВАКР»), counted exactly as the milestones are (so that item and the announcement milestone
 * fall on the same day); `from` for «в течение одного года со дня подписания…» (the anchor).
 * Null when the date falls outside the working-day calendar.
 */
export function relativeDue(deadline: RelativeDeadline, period: AnalysisPeriod, calendar: WorkCalendar, options: ScheduleOptions = {}): { from?: IsoDate; due: IsoDate } | null {
  try {
    const anchor = scheduleAnchors(period, calendar, options).anchors[deadline.anchor];
    if (deadline.years !== undefined) {
      let due = anchor;
      for (let i = 0; i < deadline.years; i++) due = addOneYear(due);
      return { from: anchor, due };
    }
    return { due: countWorkingDays(calendar, anchor, deadline.direction, deadline.workingDays ?? 0) };
  } catch (error) {
    if (error instanceof RangeError && !(error instanceof InvalidDateError)) return null;
    throw error;
  }
}

/** The i18n key and values of a rule in words ("за 10 рабочих дней до начала ВАКР"). */
export function ruleTextKey(rule: ScheduleRule): { key: TranslationKey; params: Record<string, string | number> } {
  switch (rule.kind) {
    case "before_start":
    case "before_end":
    case "after_end":
      return { key: `schedule.rule.${rule.kind}`, params: { count: rule.workingDays ?? 0 } };
    case "after_event":
      return { key: `schedule.rule.after_${rule.event ?? "report_signed"}`, params: { count: rule.workingDays ?? 0 } };
    case "quarterly":
      return { key: "schedule.rule.quarterly", params: { day: rule.dayOfMonth ?? QUARTERLY_INFO_DAY } };
  }
}
