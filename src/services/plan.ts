// Action plan and analysis schedule as tasks: importing a parsed plan (all rows in one
// transaction, or none), creating an analysis with its milestones. Reminders work on the
// tasks' occurrences (one per due date).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { activePlanItems, analysisById, countPlanItems, insertAnalysis, insertPlanTasks, latestAnalysis, recordAnalysisDate, relativeTasksOf, relativeTasksWaiting, rosterForMatching, type PlanTaskRow } from "../db/repositories/plan.js";
import { planTaskIdsOfBatch } from "../db/repositories/risks.js";
import { openOccurrencesOf } from "../db/repositories/tasks.js";
import { addCalendarDays, type IsoDate } from "../domain/calendar/days.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { periodInYear, recurrenceOccurrences, type KnownDeadline } from "../domain/plan/deadlines.js";
import type { PlanItemDraft } from "../domain/plan/import.js";
import { matchResponsible } from "../domain/plan/responsible.js";
import { buildAnalysisSchedule, relativeDue, type AnalysisPeriod } from "../domain/schedule.js";

/** How far ahead a recurring deadline is expanded into due dates when the plan's year is unknown. */
export const RECURRENCE_HORIZON_DAYS = 366;
/** Recurrences of a plan for a known year: looked for this many years past it (a report on the year is due after it). */
const PLAN_YEAR_REACH = 3;

/** The dates of an analysis that relative deadlines count from. */
export interface AnalysisDates {
  startOn: IsoDate;
  endOn: IsoDate;
  reportSignedOn: IsoDate | null;
  planApprovedOn: IsoDate | null;
}

export interface PlannedOccurrence {
  dueOn: IsoDate;
  /** the period a recurrence's due date reports on ("2022-Q4"); null for other deadlines */
  period: string | null;
}

const scheduleOptionsOf = (a: AnalysisDates) => ({ ...(a.reportSignedOn ? { reportSignedOn: a.reportSignedOn } : {}), ...(a.planApprovedOn ? { planApprovedOn: a.planApprovedOn } : {}) });

/**
 * The due dates an imported deadline gets.
 *  - a date or a range: its due date;
 *  - a recurrence of a plan whose year is known (title, /plan_import YYYY, --year): every due
 *    date from today on whose REPORTED period lies within that year — the report on Q4 due in
 *    January and the annual report due in February of the next year are kept, the next year's
 *    monthly seminars are not. Due dates before today (a plan imported mid-year) are not
 *    created: nobody can be reminded of them any more, and the quarter's execution report counts
 *    what was due from the import on;
 *  - a recurrence of a plan without a year: the due dates of the next RECURRENCE_HORIZON_DAYS;
 *  - relative to the analysis: its due date counted from the analysis's dates (none without one);
 *  - an event: none.
 */
export function plannedOccurrences(deadline: KnownDeadline, args: { today: IsoDate; year?: number | null; analysis?: AnalysisDates | null; calendar?: WorkCalendar }): PlannedOccurrence[] {
  switch (deadline.kind) {
    case "date":
    case "range":
      return [{ dueOn: deadline.due, period: null }];
    case "event":
      return [];
    case "relative": {
      if (!args.analysis || !args.calendar) return [];
      const resolved = relativeDue(deadline, { start: args.analysis.startOn, end: args.analysis.endOn }, args.calendar, scheduleOptionsOf(args.analysis));
      return resolved ? [{ dueOn: resolved.due, period: null }] : [];
    }
    case "recurring": {
      const list = [deadline.recurrence, ...(deadline.also ?? [])];
      const year = args.year ?? null;
      const found =
        year === null
          ? recurrenceOccurrences(list, args.today, addCalendarDays(args.today, RECURRENCE_HORIZON_DAYS))
          : args.today > `${year + PLAN_YEAR_REACH}-12-31`
            ? []
            : recurrenceOccurrences(list, args.today, `${year + PLAN_YEAR_REACH}-12-31`).filter((o) => periodInYear(o.period, year));
      return found.map((o) => ({ dueOn: o.due, period: o.period }));
    }
  }
}

/** The due dates of a deadline (plannedOccurrences without their periods). */
export function dueDatesOf(deadline: KnownDeadline, today: IsoDate, year?: number | null): IsoDate[] {
  return plannedOccurrences(deadline, { today, year: year ?? null }).map((o) => o.dueOn);
}

export interface PlanImportSummary {
  batch: string;
  tasks: number;
  occurrences: number;
  /** items with no due date, those counted from the analysis aside (events, recurrences past the plan's year) */
  withoutDate: number;
  /** items counted from the analysis's dates (dated when an analysis exists, else waiting for one) */
  relative: number;
  /** the analysis that dated the relative items, or null (they are dated when one is created) */
  analysis: { id: number; startOn: IsoDate; endOn: IsoDate } | null;
  assigned: number;
  /** Responsible texts that matched nobody in the roster, with how many items name them. */
  unmatched: { text: string; items: number }[];
  /** Rows already in the plan (the same number, measure, responsible and deadline, every due date there): not added again. */
  skipped: number;
}

const itemKey = (i: { number: string | null; title: string; deadline: string; responsibleText: string | null }) => JSON.stringify([i.number ?? "", i.title, i.deadline, i.responsibleText ?? ""]);

export interface PlanImportArgs {
  createdById: number | null;
  today: IsoDate;
  /** the plan's year (PlanParseResult.year): recurrences end with it */
  year?: number | null;
  /** the analysis relative deadlines count from (default: the latest one) */
  analysisId?: number;
  /** dates relative deadlines (the same working days as the milestones) */
  calendar: WorkCalendar;
}

/**
 * The analysis a plan's relative deadlines count from: the one named, else the latest — but not
 * an analysis of another year than the plan's (a 2023 plan is not dated by the 2022 analysis;
 * its items wait for the next one). Null when there is none.
 */
export async function analysisForPlan(db: Db, args: { year: number | null; analysisId?: number }) {
  if (args.analysisId !== undefined) return analysisById(db, args.analysisId);
  const latest = await latestAnalysis(db);
  if (!latest || args.year === null) return latest;
  return latest.startOn.startsWith(`${args.year}-`) || latest.endOn.startsWith(`${args.year}-`) ? latest : null;
}

export async function importPlan(db: Db, items: PlanItemDraft[], args: PlanImportArgs): Promise<PlanImportSummary> {
  const roster = await rosterForMatching(db);
  const hasRelative = items.some((i) => i.deadline.kind === "relative");
  const analysis = hasRelative ? await analysisForPlan(db, { year: args.year ?? null, ...(args.analysisId !== undefined ? { analysisId: args.analysisId } : {}) }) : null;
  const batch = randomBytes(6).toString("hex");
  // A file sent again (say, with one row corrected) adds only what is not in the plan yet:
  // a second copy of an item would count twice in every report on the plan's execution.
  const existing = new Map<string, Set<string>[]>();
  for (const e of await activePlanItems(db)) {
    const key = itemKey(e);
    existing.set(key, [...(existing.get(key) ?? []), new Set(e.dates)]);
  }
  const unmatched = new Map<string, number>();
  let occurrences = 0;
  let withoutDate = 0;
  let assigned = 0;
  let relative = 0;
  let skipped = 0;
  const rows: PlanTaskRow[] = items.flatMap((item) => {
    const planned = plannedOccurrences(item.deadline, { today: args.today, year: args.year ?? null, analysis, calendar: args.calendar });
    const key = itemKey({ number: item.number, title: item.measure, deadline: JSON.stringify(item.deadline), responsibleText: item.responsible.join("; ") });
    if (existing.get(key)?.some((dates) => planned.every((p) => dates.has(p.dueOn)))) {
      skipped++;
      return [];
    }
    const match = matchResponsible(item.responsible, roster);
    for (const u of match.unmatched) unmatched.set(u, (unmatched.get(u) ?? 0) + 1);
    if (match.userIds.length) assigned++;
    const isRelative = item.deadline.kind === "relative";
    if (isRelative) relative++;
    if (planned.length === 0 && !isRelative) withoutDate++;
    occurrences += planned.length;
    return [{
      number: item.number,
      section: item.section,
      risk: item.risk,
      title: item.measure,
      completionForm: item.completionForm,
      expectedResult: item.expectedResult,
      responsibleText: item.responsible.join("; "),
      deadlineText: item.deadlineText,
      deadline: JSON.stringify(item.deadline),
      assigneeIds: match.userIds,
      occurrences: planned,
      // A relative item belongs to the analysis that dates it; without one it waits for the next.
      analysisId: isRelative ? (analysis?.id ?? null) : (args.analysisId ?? null),
    }];
  });
  await insertPlanTasks(db, rows, { batch, createdById: args.createdById });
  return {
    batch,
    tasks: rows.length,
    skipped,
    occurrences,
    withoutDate,
    relative,
    analysis: relative && analysis ? { id: analysis.id, startOn: analysis.startOn, endOn: analysis.endOn } : null,
    assigned,
    unmatched: [...unmatched.entries()].map(([text, n]) => ({ text, items: n })).sort((a, b) => b.items - a.items),
  };
}

/** Imports a plan file an officer confirmed, and records who did it. */
export async function importPlanBy(db: Db, items: PlanItemDraft[], args: { actorUserId: number; today: IsoDate; year: number | null; calendar: WorkCalendar }): Promise<PlanImportSummary> {
  const summary = await importPlan(db, items, { createdById: args.actorUserId, today: args.today, year: args.year, calendar: args.calendar });
  await audit(db, { actorUserId: args.actorUserId, action: "plan.imported", subject: `batch:${summary.batch}`, details: { tasks: summary.tasks, occurrences: summary.occurrences } });
  return summary;
}

/**
 * One item typed in the bot: numbered after the existing items, recorded as added. An item made
 * from the risk register's recommendation carries the risk's name (`risk`) and belongs to that
 * risk's analysis (`analysisId`: its relative deadline counts from it).
 */
export async function addPlanItem(
  db: Db,
  item: { measure: string; responsible: string[]; deadline: KnownDeadline; deadlineText: string; risk?: string },
  args: { actorUserId: number; today: IsoDate; calendar: WorkCalendar; analysisId?: number },
): Promise<{ number: string; occurrences: number; taskId: number }> {
  const number = String((await countPlanItems(db)) + 1);
  const summary = await importPlan(db, [{ rowNumber: 0, number, section: null, completionForm: null, expectedResult: null, ...item, risk: item.risk ?? "" }], {
    createdById: args.actorUserId,
    today: args.today,
    calendar: args.calendar,
    ...(args.analysisId !== undefined ? { analysisId: args.analysisId } : {}),
  });
  await audit(db, { actorUserId: args.actorUserId, action: "plan.item_added", subject: `batch:${summary.batch}` });
  const [taskId] = await planTaskIdsOfBatch(db, summary.batch);
  return { number, occurrences: summary.occurrences, taskId: taskId! };
}

/** Creates an analysis and one task per milestone, assigned to `assigneeIds`. */
export async function createAnalysis(db: Db, calendar: WorkCalendar, period: AnalysisPeriod, args: { createdById: number | null; assigneeIds: number[] }): Promise<{ analysisId: number; milestones: number; datedItems: number }> {
  const milestones = buildAnalysisSchedule(period, calendar);
  // Plan items counted from the analysis that no analysis dated yet are dated by this one.
  const waiting = await relativeTasksWaiting(db);
  const dates: AnalysisDates = { startOn: period.start, endOn: period.end, reportSignedOn: null, planApprovedOn: null };
  const attach = waiting.flatMap((task) => plannedOccurrences(JSON.parse(task.deadline) as KnownDeadline, { today: period.start, analysis: dates, calendar }).map((o) => ({ taskId: task.id, dueOn: o.dueOn })));
  const analysisId = await insertAnalysis(db, period, milestones, { ...args, attach });
  return { analysisId, milestones: milestones.length, datedItems: attach.length };
}

/** An officer creates an analysis: its milestones are theirs, and it is recorded. */
export async function createAnalysisBy(db: Db, calendar: WorkCalendar, period: AnalysisPeriod, actorUserId: number): Promise<{ analysisId: number; milestones: number; datedItems: number }> {
  const created = await createAnalysis(db, calendar, period, { createdById: actorUserId, assigneeIds: [actorUserId] });
  await audit(db, { actorUserId, action: "analysis.created", subject: `analysis:${created.analysisId}`, details: { start: period.start, end: period.end } });
  return created;
}

export interface OpenTask {
  occurrenceId: number;
  taskId: number;
  kind: string;
  title: string;
  titleKey: string | null;
  titleParams: Record<string, unknown> | null;
  number: string | null;
  completionForm: string | null;
  dueOn: IsoDate;
}

/** Open due dates of the tasks a person is responsible for, soonest first. */
export async function openTasksOf(db: Db, userId: number, limit = 30): Promise<OpenTask[]> {
  const rows = await openOccurrencesOf(db, userId, limit);
  return rows.map((o) => ({
    occurrenceId: o.id,
    taskId: o.taskId,
    kind: o.task.kind,
    title: o.task.title,
    titleKey: o.task.titleKey,
    titleParams: o.task.titleParams ? (JSON.parse(o.task.titleParams) as Record<string, unknown>) : null,
    number: o.task.number,
    completionForm: o.task.completionForm,
    dueOn: o.dueOn,
  }));
}

export type AnalysisEvent = "reportSignedOn" | "planApprovedOn";

/**
 * Records the actual signing or approval date of the latest analysis and moves the open
 * due dates of the milestones that count from it (seed 002: the plan within 10 working days
 * of signing; publication within 3 of approval; the quarterly information for a year after
 * signing). Returns the milestones whose due date changed, or null without an analysis.
 */
export async function recordAnalysisEvent(
  db: Db,
  calendar: WorkCalendar,
  event: AnalysisEvent,
  date: IsoDate,
): Promise<{ analysisId: number; moved: { milestoneId: string; titleKey: string; titleParams: Record<string, unknown>; from: IsoDate; to: IsoDate }[]; movedItems: { number: string | null; title: string; from: IsoDate; to: IsoDate }[] } | null> {
  const analysis = await latestAnalysis(db);
  if (!analysis) return null;
  const options = {
    ...(analysis.reportSignedOn ? { reportSignedOn: analysis.reportSignedOn } : {}),
    ...(analysis.planApprovedOn ? { planApprovedOn: analysis.planApprovedOn } : {}),
    [event]: date,
  };
  // Throws ScheduleError (e.g. approval before signing) before anything is stored.
  const milestones = buildAnalysisSchedule({ start: analysis.startOn, end: analysis.endOn }, calendar, options);
  // The plan items counted from this analysis move with the milestones.
  const dates: AnalysisDates = { startOn: analysis.startOn, endOn: analysis.endOn, reportSignedOn: options.reportSignedOn ?? null, planApprovedOn: options.planApprovedOn ?? null };
  const items = (await relativeTasksOf(db, analysis.id)).flatMap((task) => plannedOccurrences(JSON.parse(task.deadline) as KnownDeadline, { today: analysis.startOn, analysis: dates, calendar }).map((o) => ({ taskId: task.id, due: o.dueOn })));
  const { moved, movedItems } = await recordAnalysisDate(db, analysis.id, event, date, milestones, items);
  return {
    analysisId: analysis.id,
    moved: moved.map(({ milestone: m, from }) => ({ milestoneId: m.id, titleKey: m.titleKey, titleParams: m.titleParams ?? {}, from, to: m.due })),
    movedItems,
  };
}

/** What each analysis event is recorded as in the audit log. */
const EVENT_AUDIT_ACTION: Record<AnalysisEvent, string> = { reportSignedOn: "analysis.report_signed", planApprovedOn: "analysis.plan_approved" };

/** An officer records an analysis event (recordAnalysisEvent), and it is recorded who did. */
export async function recordAnalysisEventBy(db: Db, calendar: WorkCalendar, event: AnalysisEvent, date: IsoDate, actorUserId: number): ReturnType<typeof recordAnalysisEvent> {
  const result = await recordAnalysisEvent(db, calendar, event, date);
  if (result) await audit(db, { actorUserId, action: EVENT_AUDIT_ACTION[event], subject: `analysis:${result.analysisId}`, details: { date } });
  return result;
}
