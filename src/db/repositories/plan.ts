// The action plan and analyses as stored: plan items and milestones as tasks, each due date an
// occurrence, the people responsible as assignees.
import type { Db } from "../client.js";
import { skipPendingReminders } from "./tasks.js";

/** The active roster as the responsible-person matching needs it. */
export function rosterForMatching(db: Db) {
  return db.user.findMany({ where: { active: true }, select: { id: true, fullName: true, position: true, role: true } });
}

/** One plan item ready to store: the task's fields, whom it is assigned to, its due dates. */
export interface PlanTaskRow {
  number: string | null;
  section: string | null;
  risk: string;
  title: string;
  completionForm: string | null;
  expectedResult: string | null;
  responsibleText: string;
  deadlineText: string;
  deadline: string;
  assigneeIds: number[];
  /** due dates, each with the period it reports on (recurrences) */
  occurrences: { dueOn: string; period: string | null }[];
  /** the analysis the item counts from (relative deadlines), or the one the plan was imported for */
  analysisId: number | null;
}

/** Stores plan items in one transaction: every row lands or none does. */
/** The active plan items as stored, with every due date they were first given (before an extension): to recognise a row imported again. */
export async function activePlanItems(db: Db): Promise<{ number: string | null; title: string; deadline: string; responsibleText: string | null; dates: string[] }[]> {
  const rows = await db.task.findMany({
    where: { kind: "plan", status: "active" },
    select: { number: true, title: true, deadline: true, responsibleText: true, occurrences: { select: { dueOn: true, originalDueOn: true } } },
  });
  return rows.map(({ occurrences, ...r }) => ({ ...r, dates: occurrences.map((o) => o.originalDueOn ?? o.dueOn) }));
}

export async function insertPlanTasks(db: Db, rows: PlanTaskRow[], args: { batch: string; createdById: number | null }): Promise<void> {
  await db.$transaction(
    async (tx) => {
      for (const { assigneeIds, occurrences, ...fields } of rows) {
        const task = await tx.task.create({ data: { kind: "plan", ...fields, importBatch: args.batch, createdById: args.createdById } });
        if (assigneeIds.length) await tx.taskAssignee.createMany({ data: assigneeIds.map((userId) => ({ taskId: task.id, userId })) });
        if (occurrences.length) await tx.taskOccurrence.createMany({ data: occurrences.map((o) => ({ taskId: task.id, dueOn: o.dueOn, period: o.period })) });
      }
    },
    { timeout: 120_000 },
  );
}

export interface MilestoneRow {
  id: string;
  titleKey: string;
  titleParams?: Record<string, unknown>;
  due: string;
}

/**
 * Creates an analysis and one task per milestone (one due date each), in one transaction; the
 * plan items in `attach` (counted from the analysis, waiting for one) get it and their due date.
 */
export function insertAnalysis(
  db: Db,
  period: { start: string; end: string },
  milestones: MilestoneRow[],
  args: { createdById: number | null; assigneeIds: number[]; attach?: { taskId: number; dueOn: string }[] },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const analysis = await tx.analysis.create({ data: { startOn: period.start, endOn: period.end, createdById: args.createdById } });
    for (const a of args.attach ?? []) {
      await tx.task.update({ where: { id: a.taskId }, data: { analysisId: analysis.id } });
      await tx.taskOccurrence.create({ data: { taskId: a.taskId, dueOn: a.dueOn } });
    }
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
    return analysis.id;
  });
}

export function latestAnalysis(db: Db) {
  return db.analysis.findFirst({ orderBy: { id: "desc" } });
}

export function analysisById(db: Db, id: number) {
  return db.analysis.findUnique({ where: { id } });
}

/** A deadline stored as JSON by the plan import starts with its kind. */
const RELATIVE_DEADLINE = { startsWith: '{"kind":"relative"' };

/** Active plan items counted from the analysis that no analysis has dated yet. */
export function relativeTasksWaiting(db: Db) {
  return db.task.findMany({ where: { kind: "plan", status: "active", analysisId: null, deadline: RELATIVE_DEADLINE }, select: { id: true, deadline: true }, orderBy: { id: "asc" } });
}

/** Active plan items counted from this analysis. */
export function relativeTasksOf(db: Db, analysisId: number) {
  return db.task.findMany({ where: { kind: "plan", status: "active", analysisId, deadline: RELATIVE_DEADLINE }, select: { id: true, deadline: true }, orderBy: { id: "asc" } });
}

/** How many active plan items wait for an analysis to date them. */
export function countRelativeTasksWaiting(db: Db): Promise<number> {
  return db.task.count({ where: { kind: "plan", status: "active", analysisId: null, deadline: RELATIVE_DEADLINE } });
}

/**
 * Stores an actual date of an analysis and, in the same transaction, moves the open due date
 * of every milestone whose schedule changed (its planned reminders are void). Returns what moved.
 */
export async function recordAnalysisDate(
  db: Db,
  analysisId: number,
  event: "reportSignedOn" | "planApprovedOn",
  date: string,
  milestones: MilestoneRow[],
  items: { taskId: number; due: string }[] = [],
): Promise<{ moved: { milestone: MilestoneRow; from: string }[]; movedItems: { number: string | null; title: string; from: string; to: string }[] }> {
  const moved: { milestone: MilestoneRow; from: string }[] = [];
  const movedItems: { number: string | null; title: string; from: string; to: string }[] = [];
  await db.$transaction(async (tx) => {
    await tx.analysis.update({ where: { id: analysisId }, data: { [event]: date } });
    const tasks = await tx.task.findMany({ where: { analysisId, kind: "milestone" }, include: { occurrences: true } });
    for (const m of milestones) {
      const task = tasks.find((t) => t.milestoneId === m.id);
      const open = task?.occurrences.find((o) => o.status === "open");
      if (!task || !open || open.dueOn === m.due) continue;
      await tx.taskOccurrence.update({ where: { id: open.id }, data: { dueOn: m.due } });
      await tx.task.update({ where: { id: task.id }, data: { deadline: JSON.stringify({ kind: "date", due: m.due }), ...(m.titleParams ? { titleParams: JSON.stringify(m.titleParams) } : {}) } });
      await skipPendingReminders(tx, open.id);
      moved.push({ milestone: m, from: open.dueOn });
    }
    // Plan items counted from the analysis: their open due date moves the same way.
    for (const item of items) {
      const task = await tx.task.findUnique({ where: { id: item.taskId }, include: { occurrences: { where: { status: "open" } } } });
      const open = task?.occurrences[0];
      // An approved extension moved the due date: the first due date is what the analysis sets.
      const first = open?.originalDueOn ?? open?.dueOn;
      if (!task || !open || first === item.due) continue;
      // The extended date stays while it is later than the new first one; else it has nothing left to extend.
      const extended = open.originalDueOn !== null && open.dueOn > item.due;
      await tx.taskOccurrence.update({ where: { id: open.id }, data: extended ? { originalDueOn: item.due } : { dueOn: item.due, originalDueOn: null } });
      if (!extended) await skipPendingReminders(tx, open.id);
      movedItems.push({ number: task.number, title: task.title, from: first!, to: item.due });
    }
  });
  return { moved, movedItems };
}

/** How many plan items there are (a typed item takes the next number). */
export function countPlanItems(db: Db): Promise<number> {
  return db.task.count({ where: { kind: "plan" } });
}

/** The compliance overview: counts of active tasks and due dates, and the next ten due dates. */
export async function planOverview(db: Db, today: string) {
  const [plan, milestones, open, overdue, next] = await Promise.all([
    db.task.count({ where: { kind: "plan", status: "active" } }),
    db.task.count({ where: { kind: "milestone", status: "active" } }),
    db.taskOccurrence.count({ where: { status: "open", task: { status: "active" } } }),
    db.taskOccurrence.count({ where: { status: "open", dueOn: { lt: today }, task: { status: "active" } } }),
    db.taskOccurrence.findMany({ where: { status: "open", dueOn: { gte: today }, task: { status: "active" } }, include: { task: true }, orderBy: { dueOn: "asc" }, take: 10 }),
  ]);
  const unassigned = await db.task.count({ where: { status: "active", assignees: { none: {} } } });
  return { plan, milestones, open, overdue, next, unassigned };
}

/** Active tasks nobody is responsible for (the first `limit`), each with its next open due date. */
export function unassignedTasks(db: Db, limit: number) {
  return db.task.findMany({ where: { status: "active", assignees: { none: {} } }, include: { occurrences: { where: { status: "open" }, orderBy: { dueOn: "asc" }, take: 1 } }, orderBy: { id: "asc" }, take: limit });
}
