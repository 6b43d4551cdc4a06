// Texts and keyboards of the deadline screens: pure functions of `t` and the data shown.
import { InlineKeyboard } from "grammy";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { formatDay } from "../../../domain/dates.js";
import type { TFunction, TranslationKey } from "../../../i18n.js";
import type { OpenTask, PlanImportSummary } from "../../../services/plan.js";
import type { WorkCalendar } from "../../../domain/calendar/work-calendar.js";
import type { Lang } from "../../../domain/lang.js";
import { assignButton, assignPersonButton, doneButton, itemConfirmButton, itemNewButton, moreTimeButton, openTaskButton, planCancelButton, planConfirmButton, planImportButton, unassignedButton } from "./buttons.js";
import type { TaskTitleFields } from "../../../domain/plan/titles.js";
import { taskTitle } from "./titles.js";
import type { KnownDeadline, RelativeDeadline } from "../../../domain/plan/deadlines.js";

/** A deadline counted from the analysis, in words («за 10 рабочих дней до начала ВАКР»). */
export function relativeRuleText(t: TFunction, d: RelativeDeadline): string {
  return d.years !== undefined ? t(`plan.relative.years_${d.anchor}`, { count: d.years }) : t(`plan.relative.${d.direction}_${d.anchor}`, { count: d.workingDays ?? 0 });
}

/** The stored deadline of a task, when it is counted from the analysis. */
function storedRelative(deadline: string | null | undefined): RelativeDeadline | null {
  if (!deadline) return null;
  try {
    const parsed = JSON.parse(deadline) as KnownDeadline;
    return parsed.kind === "relative" ? parsed : null;
  } catch {
    return null;
  }
}

/** Done / need more time under a due date. */
export function taskActionsKeyboard(t: TFunction, occurrenceId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("tasks.doneButton"), doneButton.encode([occurrenceId])).text(t("tasks.moreTimeButton"), moreTimeButton.encode([occurrenceId]));
}

/** The day of the week of a date, in words ("суббота", "сенбі"). */
export function weekdayName(date: IsoDate, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}

/** Why a date is not a working day: the holiday's name, or the day of the week of a weekend. */
export function dayOffReason(calendar: WorkCalendar, date: IsoDate, lang: Lang): string {
  return calendar.holidayName(date, lang) ?? weekdayName(date, lang);
}

/** A date as it travels in callback data: YYYYMMDD. */
export const compactDate = (d: IsoDate) => d.replaceAll("-", "");
export const fromCompactDate = (c: string): IsoDate => `${c.slice(0, 4)}-${c.slice(4, 6)}-${c.slice(6)}`;

/** A due date on a day off (asked for, or typed for a plan item): refused, with the nearest working days as buttons. */
export function dayOffDateView(t: TFunction, args: { date: IsoDate; why: string; alternatives: IsoDate[]; encode: (compact: string) => string }): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  for (const d of args.alternatives) keyboard.text(`📅 ${formatDay(d)}`, args.encode(compactDate(d)));
  const text = t("tasks.dateDayOff", { date: formatDay(args.date), why: args.why, options: args.alternatives.map(formatDay).join(", ") });
  return { text, keyboard };
}

/** /tasks: a person's open due dates, soonest first, overdue marked. */
export function myTasksView(t: TFunction, tasks: OpenTask[], today: IsoDate, overdueDays: (dueOn: IsoDate) => number): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("tasks.title"), ""];
  for (const [i, task] of tasks.entries()) {
    const overdue = task.dueOn < today;
    lines.push(`${overdue ? "⚠️" : task.dueOn === today ? "⏰" : "📌"} ${i < 10 ? `${i + 1}) ` : ""}${formatDay(task.dueOn)} — ${taskTitle(t, task)}`);
    if (overdue) lines.push(`   ${t("tasks.overdue", { count: overdueDays(task.dueOn) })}`);
    if (task.completionForm) lines.push(`   ${t("tasks.completionForm", { form: task.completionForm })}`);
  }
  // Buttons open an item (details, done, need more time): the first ten, soonest first.
  const keyboard = new InlineKeyboard();
  tasks.slice(0, 10).forEach((task, i) => {
    keyboard.text(`${i + 1}. ${formatDay(task.dueOn)}`, openTaskButton.encode([task.occurrenceId]));
    if (i % 2 === 1) keyboard.row();
  });
  return { text: lines.join("\n"), keyboard };
}

export interface TaskDetail {
  task: TaskTitleFields & { id: number; risk: string | null; completionForm: string | null; responsibleText: string | null; deadlineText: string | null; expectedResult: string | null; deadline?: string | null };
  occurrence: { id: number; dueOn: IsoDate; status: string };
  overdue: boolean;
  /** Names of the people responsible; shown to plan managers only (null for others). */
  assignees: string[] | null;
  /** The viewer is responsible and the due date is open: done / more time. */
  canAct: boolean;
  /** The risk register's risks and recommendations the item carries out («Риск № 2: …; рекомендация 2.1»). */
  risks?: { number: number; title: string; recommendation: string }[];
}

/** One due date, as opened from /tasks or a reminder. */
/** A due date's status as shown; statuses are stored as text, an unknown one reads as open. */
function occurrenceStatusKey(status: string, overdue: boolean): TranslationKey {
  if (status === "done" || status === "cancelled") return `tasks.detail.status.${status}`;
  return overdue ? "tasks.detail.status.overdue" : "tasks.detail.status.open";
}

export function taskDetailView(t: TFunction, d: TaskDetail): { text: string; keyboard: InlineKeyboard } {
  const { task, occurrence: o } = d;
  const lines = [`📌 ${taskTitle(t, task)}`, t("tasks.detail.due", { date: formatDay(o.dueOn) }), t(occurrenceStatusKey(o.status, d.overdue))];
  if (d.risks?.length) for (const r of d.risks) lines.push(t("risks.planLine", r));
  else if (task.risk) lines.push(t("tasks.detail.risk", { risk: task.risk }));
  if (task.completionForm) lines.push(t("tasks.completionForm", { form: task.completionForm }));
  if (task.responsibleText) lines.push(t("tasks.detail.responsible", { who: task.responsibleText }));
  if (task.deadlineText) lines.push(t("tasks.detail.deadlineText", { text: task.deadlineText }));
  const relative = storedRelative(task.deadline);
  if (relative) lines.push(t("plan.relative.line", { rule: relativeRuleText(t, relative) }));
  if (task.expectedResult) lines.push(t("tasks.detail.result", { result: task.expectedResult }));
  if (d.assignees) lines.push(t("tasks.detail.assignees", { who: d.assignees.join(", ") || "—" }));
  const keyboard = d.canAct ? taskActionsKeyboard(t, o.id) : new InlineKeyboard();
  if (d.assignees) keyboard.row().text(t("tasks.assignButton"), assignButton.encode([task.id]));
  return { text: lines.join("\n"), keyboard };
}

/** The people found for an assignment, one button each. */
export function assignCandidatesKeyboard(taskId: number, people: { id: number; fullName: string; position: string | null }[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const u of people) keyboard.text(`${u.fullName}${u.position ? ` — ${u.position}` : ""}`.slice(0, 60), assignPersonButton.encode([taskId, u.id])).row();
  return keyboard;
}

/** Active tasks nobody is responsible for, a button to assign each. */
export function unassignedView(t: TFunction, tasks: (TaskTitleFields & { id: number; responsibleText: string | null })[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard();
  const lines = [t("tasks.unassignedTitle")];
  tasks.forEach((task, i) => {
    lines.push(`${i + 1}) ${taskTitle(t, task)}${task.responsibleText ? ` — ${task.responsibleText}` : ""}`);
    keyboard.text(`👤 ${i + 1}`, assignButton.encode([task.id]));
    if (i % 4 === 3) keyboard.row();
  });
  return { text: lines.join("\n"), keyboard };
}

export interface PlanOverview {
  plan: number;
  milestones: number;
  open: number;
  overdue: number;
  unassigned: number;
  /** plan items counted from the analysis that wait for one to be dated */
  relativeWaiting?: number;
  next: { dueOn: IsoDate; task: TaskTitleFields }[];
}

/** /plan: counts, the next due dates, and what an officer can do from here. */
export function planOverviewView(t: TFunction, o: PlanOverview, analysisData: string): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("tasks.overview", { plan: o.plan, milestones: o.milestones, open: o.open, overdue: o.overdue }), ...(o.unassigned ? [t("tasks.unassignedCount", { count: o.unassigned })] : []), ...(o.relativeWaiting ? [t("tasks.relativeWaitingCount", { count: o.relativeWaiting })] : []), ""];
  if (o.next.length) lines.push(t("tasks.upcoming"));
  for (const next of o.next) lines.push(`📌 ${formatDay(next.dueOn)} — ${taskTitle(t, next.task)}`);
  const keyboard = new InlineKeyboard()
    .text(t("tasks.importButton"), planImportButton.encode([]))
    .text(t("tasks.addButton"), itemNewButton.encode([]))
    .row()
    .text(t("tasks.analysisButton"), analysisData)
    .text(t("tasks.unassignedButton"), unassignedButton.encode([]));
  return { text: lines.join("\n"), keyboard };
}

export const planCancelKeyboard = (t: TFunction): InlineKeyboard => new InlineKeyboard().text(t("common.cancelButton"), planCancelButton.encode([]));

/** A plan item counted from the analysis, as previewed: its rule, and its due date or that it waits for an analysis. */
export interface PreviewRelative {
  number: string;
  deadline: RelativeDeadline;
  /** with an analysis: its period and the item's due date */
  dated: { start: IsoDate; end: IsoDate; due: IsoDate } | null;
}

/** The plan file before it is imported: its counts, the deadlines counted from the analysis, and the written due dates that fall on a day off (said now, not discovered by the reminders). */
export function planPreviewView(
  t: TFunction,
  counts: { items: number; dated: number; recurring: number; event: number; relative: PreviewRelative[]; daysOff: { number: string; date: IsoDate; why: string }[] },
  nonce: string,
): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("tasks.planPreview", { items: counts.items, dated: counts.dated, recurring: counts.recurring, event: counts.event })];
  if (counts.relative.length) {
    lines.push("", t("tasks.planPreviewRelative"));
    for (const r of counts.relative.slice(0, 30)) {
      const when = r.dated ? t("tasks.relativeDated", { start: formatDay(r.dated.start), end: formatDay(r.dated.end), dates: formatDay(r.dated.due) }) : t("plan.relative.waiting");
      lines.push(t("tasks.planPreviewRelativeLine", { number: r.number, rule: relativeRuleText(t, r.deadline), when }));
    }
    if (counts.relative.length > 30) lines.push(t("common.moreIssues", { count: counts.relative.length - 30 }));
  }
  if (counts.daysOff.length) {
    lines.push("", t("tasks.planPreviewDaysOff"));
    for (const d of counts.daysOff.slice(0, 30)) lines.push(t("tasks.planPreviewDayOffLine", { number: d.number, date: formatDay(d.date), why: d.why }));
    if (counts.daysOff.length > 30) lines.push(t("common.moreIssues", { count: counts.daysOff.length - 30 }));
  }
  return {
    text: lines.join("\n"),
    keyboard: new InlineKeyboard().text(t("tasks.planConfirm", { count: counts.items }), planConfirmButton.encode([nonce])).text(t("common.cancelButton"), planCancelButton.encode([])),
  };
}

/** After an import: what was stored, and the responsible texts that matched nobody. */
export function planImportedText(t: TFunction, summary: PlanImportSummary): string {
  const lines = [t("tasks.planImported", { tasks: summary.tasks, occurrences: summary.occurrences, assigned: summary.assigned, withoutDate: summary.withoutDate })];
  if (summary.skipped) lines.push(t("tasks.planImportedSkipped", { count: summary.skipped }));
  if (summary.relative) {
    lines.push(
      summary.analysis
        ? t("tasks.planImportedRelativeDated", { count: summary.relative, start: formatDay(summary.analysis.startOn), end: formatDay(summary.analysis.endOn) })
        : t("tasks.planImportedRelativeWaiting", { count: summary.relative }),
    );
  }
  if (summary.unmatched.length) {
    lines.push("", t("tasks.unmatched"));
    for (const u of summary.unmatched.slice(0, 30)) lines.push(`• ${u.text} (${u.items})`);
  }
  return lines.join("\n");
}

/** A typed plan item before it is created. */
export function itemSummaryView(t: TFunction, item: { measure: string; deadlineText: string; dates: IsoDate[]; relative?: RelativeDeadline | null; people: string[]; unmatched: string[] }, nonce: string): { text: string; keyboard: InlineKeyboard } {
  return {
    text: t("tasks.itemSummary", {
      measure: item.measure,
      deadline: item.deadlineText,
      dates: item.dates.length
        ? item.dates.slice(0, 6).map(formatDay).join(", ") + (item.dates.length > 6 ? " …" : "")
        : item.relative
          ? `${relativeRuleText(t, item.relative)} (${t("plan.relative.waiting")})`
          : t("tasks.noDate"),
      people: item.people.join(", ") || "—",
      unmatched: item.unmatched.join(", ") || "—",
    }),
    keyboard: new InlineKeyboard().text(t("tasks.createAnalysis"), itemConfirmButton.encode([nonce])).text(t("common.cancelButton"), planCancelButton.encode([])),
  };
}
