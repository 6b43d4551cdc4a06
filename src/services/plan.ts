// Action plan and analysis schedule as tasks: importing a parsed plan (all rows in one
// transaction, or none), creating an analysis with its milestones. Reminders work on the
// tasks' occurrences (one per due date).
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
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
  const roster = await db.user.findMany({ where: { active: true }, select: { id: true, fullName: true, position: true, role: true } });
  const batch = randomBytes(6).toString("hex");
  const unmatched = new Map<string, number>();
  let occurrences = 0;
  let withoutDate = 0;
  let assigned = 0;
  await db.$transaction(
    async (tx) => {
      for (const item of items) {
        const match = matchResponsible(item.responsible, roster);
        for (const u of match.unmatched) unmatched.set(u, (unmatched.get(u) ?? 0) + 1);
        const task = await tx.task.create({
          data: {
            kind: "plan",
            analysisId: args.analysisId ?? null,
            number: item.number,
            section: item.section,
            risk: item.risk,
            title: item.measure,
            completionForm: item.completionForm,
            expectedResult: item.expectedResult,
            responsibleText: item.responsible.join("; "),
            deadlineText: item.deadlineText,
            deadline: JSON.stringify(item.deadline),
            importBatch: batch,
            createdById: args.createdById,
          },
        });
        if (match.userIds.length) {
          await tx.taskAssignee.createMany({ data: match.userIds.map((userId) => ({ taskId: task.id, userId })) });
          assigned++;
        }
        const dates = dueDatesOf(item.deadline, args.today);
        if (dates.length === 0) withoutDate++;
        if (dates.length) await tx.taskOccurrence.createMany({ data: dates.map((dueOn) => ({ taskId: task.id, dueOn })) });
        occurrences += dates.length;
      }
    },
    { timeout: 120_000 },
  );
  return { batch, tasks: items.length, occurrences, withoutDate, assigned, unmatched: [...unmatched.entries()].map(([text, n]) => ({ text, items: n })).sort((a, b) => b.items - a.items) };
}

/** Creates an analysis and one task per milestone, assigned to `assigneeIds`. */
export async function createAnalysis(db: Db, calendar: WorkCalendar, period: AnalysisPeriod, args: { createdById: number | null; assigneeIds: number[] }): Promise<{ analysisId: number; milestones: number }> {
  const milestones = buildAnalysisSchedule(period, calendar);
  return db.$transaction(async (tx) => {
    const analysis = await tx.analysis.create({ data: { startOn: period.start, endOn: period.end, createdById: args.createdById } });
    for (const m of milestones) {
      const task = await tx.task.create({
        data: {
          kind: "milestone",
          analysisId: analysis.id,
          milestoneId: m.id,
          titleKey: m.titleKey,
          titleParams: m.titleParams ? JSON.stringify(m.titleParams) : null,
          title: m.id,
          deadline: JSON.stringify({ kind: "date", due: m.due }),
          createdById: args.createdById,
        },
      });
      if (args.assigneeIds.length) await tx.taskAssignee.createMany({ data: args.assigneeIds.map((userId) => ({ taskId: task.id, userId })) });
      await tx.taskOccurrence.create({ data: { taskId: task.id, dueOn: m.due } });
    }
    return { analysisId: analysis.id, milestones: milestones.length };
  });
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
  const rows = await db.taskOccurrence.findMany({
    where: { status: "open", task: { status: "active", assignees: { some: { userId } } } },
    include: { task: true },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    take: limit,
  });
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
  const analysis = await db.analysis.findFirst({ orderBy: { id: "desc" } });
  if (!analysis) return null;
  const options = {
    ...(analysis.reportSignedOn ? { reportSignedOn: analysis.reportSignedOn } : {}),
    ...(analysis.planApprovedOn ? { planApprovedOn: analysis.planApprovedOn } : {}),
    [event]: date,
  };
  // Throws ScheduleError (e.g. approval before signing) before anything is stored.
  const milestones = buildAnalysisSchedule({ start: analysis.startOn, end: analysis.endOn }, calendar, options);
  const moved: { milestoneId: string; titleKey: string; titleParams: Record<string, unknown>; from: IsoDate; to: IsoDate }[] = [];
  await db.$transaction(async (tx) => {
    await tx.analysis.update({ where: { id: analysis.id }, data: { [event]: date } });
    const tasks = await tx.task.findMany({ where: { analysisId: analysis.id, kind: "milestone" }, include: { occurrences: true } });
    for (const m of milestones) {
      const task = tasks.find((t) => t.milestoneId === m.id);
      const open = task?.occurrences.find((o) => o.status === "open");
      if (!task || !open || open.dueOn === m.due) continue;
      await tx.taskOccurrence.update({ where: { id: open.id }, data: { dueOn: m.due } });
      await tx.task.update({ where: { id: task.id }, data: { deadline: JSON.stringify({ kind: "date", due: m.due }), ...(m.titleParams ? { titleParams: JSON.stringify(m.titleParams) } : {}) } });
      await tx.taskReminder.updateMany({ where: { occurrenceId: open.id, status: "pending" }, data: { status: "skipped" } });
      moved.push({ milestoneId: m.id, titleKey: m.titleKey, titleParams: m.titleParams ?? {}, from: open.dueOn, to: m.due });
    }
  });
  return { analysisId: analysis.id, moved };
}
