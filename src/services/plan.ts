// Action plan and analysis schedule as tasks: importing a parsed plan (all rows in one
// transaction, or none), creating an analysis with its milestones. Reminders work on the
// tasks' occurrences (one per due date).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { countPlanItems, insertAnalysis, insertPlanTasks, latestAnalysis, recordAnalysisDate, rosterForMatching, type PlanTaskRow } from "../db/repositories/plan.js";
import { openOccurrencesOf } from "../db/repositories/tasks.js";
import { addCalendarDays, type IsoDate } from "../domain/calendar/days.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { dueDates, type KnownDeadline } from "../domain/plan/deadlines.js";
import type { PlanItemDraft } from "../domain/plan/import.js";
import { matchResponsible } from "../domain/plan/responsible.js";
import { buildAnalysisSchedule, type AnalysisPeriod } from "../domain/schedule.js";

/** How far ahead a recurring deadline is expanded into due dates. */
export const RECURRENCE_HORIZON_DAYS = 366;

export function dueDatesOf(deadline: KnownDeadline, today: IsoDate): IsoDate[] {
  if (deadline.kind === "date" || deadline.kind === "range") return [deadline.due];
  if (deadline.kind === "event") return [];
  return dueDates(deadline, today, addCalendarDays(today, RECURRENCE_HORIZON_DAYS));
}

export interface PlanImportSummary {
  batch: string;
  tasks: number;
  occurrences: number;
  withoutDate: number;
  assigned: number;
  /** Responsible texts that matched nobody in the roster, with how many items name them. */
  unmatched: { text: string; items: number }[];
}

export async function importPlan(db: Db, items: PlanItemDraft[], args: { createdById: number | null; today: IsoDate; analysisId?: number }): Promise<PlanImportSummary> {
  const roster = await rosterForMatching(db);
  const batch = randomBytes(6).toString("hex");
  const unmatched = new Map<string, number>();
  let occurrences = 0;
  let withoutDate = 0;
  let assigned = 0;
  const rows: PlanTaskRow[] = items.map((item) => {
    const match = matchResponsible(item.responsible, roster);
    for (const u of match.unmatched) unmatched.set(u, (unmatched.get(u) ?? 0) + 1);
    if (match.userIds.length) assigned++;
    const dates = dueDatesOf(item.deadline, args.today);
    if (dates.length === 0) withoutDate++;
    occurrences += dates.length;
    return {
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
      dueDates: dates,
    };
  });
  await insertPlanTasks(db, rows, { batch, createdById: args.createdById, analysisId: args.analysisId ?? null });
  return { batch, tasks: items.length, occurrences, withoutDate, assigned, unmatched: [...unmatched.entries()].map(([text, n]) => ({ text, items: n })).sort((a, b) => b.items - a.items) };
}

/** Imports a plan file an officer confirmed, and records who did it. */
export async function importPlanBy(db: Db, items: PlanItemDraft[], args: { actorUserId: number; today: IsoDate }): Promise<PlanImportSummary> {
  const summary = await importPlan(db, items, { createdById: args.actorUserId, today: args.today });
  await audit(db, { actorUserId: args.actorUserId, action: "plan.imported", subject: `batch:${summary.batch}`, details: { tasks: summary.tasks, occurrences: summary.occurrences } });
  return summary;
}

/** One item typed in the bot: numbered after the existing items, recorded as added. */
export async function addPlanItem(
  db: Db,
  item: { measure: string; responsible: string[]; deadline: KnownDeadline; deadlineText: string },
  args: { actorUserId: number; today: IsoDate },
): Promise<{ number: string; occurrences: number }> {
  const number = String((await countPlanItems(db)) + 1);
  const summary = await importPlan(db, [{ rowNumber: 0, number, section: null, risk: "", completionForm: null, expectedResult: null, ...item }], { createdById: args.actorUserId, today: args.today });
  await audit(db, { actorUserId: args.actorUserId, action: "plan.item_added", subject: `batch:${summary.batch}` });
  return { number, occurrences: summary.occurrences };
}

/** Creates an analysis and one task per milestone, assigned to `assigneeIds`. */
export async function createAnalysis(db: Db, calendar: WorkCalendar, period: AnalysisPeriod, args: { createdById: number | null; assigneeIds: number[] }): Promise<{ analysisId: number; milestones: number }> {
  const milestones = buildAnalysisSchedule(period, calendar);
  const analysisId = await insertAnalysis(db, period, milestones, args);
  return { analysisId, milestones: milestones.length };
}

/** An officer creates an analysis: its milestones are theirs, and it is recorded. */
export async function createAnalysisBy(db: Db, calendar: WorkCalendar, period: AnalysisPeriod, actorUserId: number): Promise<{ analysisId: number; milestones: number }> {
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
export async function recordAnalysisEvent(db: Db, calendar: WorkCalendar, event: AnalysisEvent, date: IsoDate): Promise<{ analysisId: number; moved: { milestoneId: string; titleKey: string; titleParams: Record<string, unknown>; from: IsoDate; to: IsoDate }[] } | null> {
  const analysis = await latestAnalysis(db);
  if (!analysis) return null;
  const options = {
    ...(analysis.reportSignedOn ? { reportSignedOn: analysis.reportSignedOn } : {}),
    ...(analysis.planApprovedOn ? { planApprovedOn: analysis.planApprovedOn } : {}),
    [event]: date,
  };
  // Throws ScheduleError (e.g. approval before signing) before anything is stored.
  const milestones = buildAnalysisSchedule({ start: analysis.startOn, end: analysis.endOn }, calendar, options);
  const moved = await recordAnalysisDate(db, analysis.id, event, date, milestones);
  return { analysisId: analysis.id, moved: moved.map(({ milestone: m, from }) => ({ milestoneId: m.id, titleKey: m.titleKey, titleParams: m.titleParams ?? {}, from, to: m.due })) };
}

/** What each analysis event is recorded as in the audit log. */
const EVENT_AUDIT_ACTION: Record<AnalysisEvent, string> = { reportSignedOn: "analysis.report_signed", planApprovedOn: "analysis.plan_approved" };

/** An officer records an analysis event (recordAnalysisEvent), and it is recorded who did. */
export async function recordAnalysisEventBy(db: Db, calendar: WorkCalendar, event: AnalysisEvent, date: IsoDate, actorUserId: number): ReturnType<typeof recordAnalysisEvent> {
  const result = await recordAnalysisEvent(db, calendar, event, date);
  if (result) await audit(db, { actorUserId, action: EVENT_AUDIT_ACTION[event], subject: `analysis:${result.analysisId}`, details: { date } });
  return result;
}
