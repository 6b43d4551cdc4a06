// Deadline reminders, delivered exactly once.
//
// Every tick (node-cron only ticks; the database decides):
// 1. plan: for each open due date in the window, the reminders of *today* are inserted as
//    rows keyed (occurrence, person, kind, day) — inserting twice is a no-op, so any number
//    of instances may plan at once;
// 2. claim: due rows go from pending to sending in the database before anything is sent
//    (PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED); SQLite: one
//    conditional UPDATE per row) — only the instance whose claim succeeded sends;
// 3. mark sent and queue the message in the outbox, in one transaction; the outbox sends it
//    (bot/notifications/sender.ts states when a message can repeat).
// Recovery: a row left in "sending" by a crash before that commit is taken over after
// CLAIM_TTL and queued then, so nothing is lost and nothing is queued twice.
// Downtime: today's reminders are planned from what is due today, so after a restart the
// overdue notices and escalations of today go out at once; reminders of days that passed
// while the bot was down are not sent late (they would be wrong by now).
import { inTransaction } from "../db/client.js";
import { findUserById, reachableUsers } from "../db/repositories/users.js";
import { findOccurrenceWithAssignees, fullNamesOf } from "../db/repositories/tasks.js";
import {
  claimDueReminders,
  findReminder,
  markReminderFailed,
  markReminderSent,
  markReminderSkipped,
  openOccurrencesUntil,
  planReminderOnce,
} from "../db/repositories/task-reminders.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { dueDayOff, planningHorizon, remindersForDay, type ReminderKind } from "../domain/reminders.js";
import { isLang } from "../domain/lang.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS, type ReminderJobDeps } from "./background.js";

const BATCH = 100;

/** The outbox is rendered in features/tasks/notifications.ts. */
export type TaskReminderDeps = ReminderJobDeps;

export interface ReminderReport {
  planned: number;
  /** Queued in the outbox. */
  sent: number;
  skipped: number;
}

export function createTaskReminders(deps: TaskReminderDeps) {
  const db = deps.db.prisma;
  // The person blocked the bot, or Telegram refused the message for good: not tried again.
  deps.notifier.onUndelivered("taskReminder", (ref) => markReminderFailed(db, Number(ref.id)));

  async function plan(today: string): Promise<number> {
    const dueAt = zonedDateTime(today, deps.policy.time, deps.config.timeZone);
    const occurrences = await openOccurrencesUntil(db, planningHorizon(today, deps.calendar, deps.policy));
    const compliance = await reachableUsers(db, ["compliance"]);
    let planned = 0;
    for (const o of occurrences) {
      const day = remindersForDay(o.dueOn, today, deps.calendar, deps.policy);
      if (day.assignee) {
        for (const a of o.task.assignees) if (await planReminderOnce(db, { occurrenceId: o.id, userId: a.userId, kind: day.assignee, forDay: today, dueAt })) planned++;
      }
      if (day.escalate) {
        // Once per due date: keyed by the due date, not by today.
        for (const c of compliance) if (await planReminderOnce(db, { occurrenceId: o.id, userId: c.id, kind: "escalation", forDay: o.dueOn, dueAt })) planned++;
      }
    }
    return planned;
  }

  function stillTrue(kind: ReminderKind, forDay: string, dueOn: string, today: string): boolean {
    if (kind === "escalation") return forDay === dueOn;
    return forDay === today && remindersForDay(dueOn, today, deps.calendar, deps.policy).assignee === kind;
  }

  async function send(id: number, report: ReminderReport): Promise<void> {
    const r = await findReminder(db, id);
    if (!r) return;
    const occurrence = await findOccurrenceWithAssignees(db, r.occurrenceId);
    const user = await findUserById(db, r.userId);
    // Done, cancelled or reassigned since it was planned, or the person left: nothing to say.
    if (!occurrence || occurrence.status !== "open" || occurrence.task.status !== "active" || !user || !user.active || user.telegramId === null) {
      await markReminderSkipped(db, id);
      report.skipped++;
      return;
    }
    const task = occurrence.task;
    const kind = r.kind as ReminderKind;
    const today = toIsoDate(deps.now(), deps.config.timeZone);
    // What it would say is no longer true (planned on another day, or the due date moved since):
    // a "today" must only ever go out on the due date itself.
    if (!stillTrue(kind, r.forDay, occurrence.dueOn, today)) {
      await markReminderSkipped(db, id);
      report.skipped++;
      return;
    }
    const notification = {
      kind: "taskReminder" as const,
      chatId: Number(user.telegramId),
      lang: isLang(user.language) ? user.language : deps.config.defaultLanguage,
      reminder: kind,
      occurrenceId: occurrence.id,
      task: { title: task.title, titleKey: task.titleKey, titleParams: task.titleParams, number: task.number },
      dueOn: occurrence.dueOn,
      days: kind.startsWith("before:") ? Number(kind.slice(7)) : deps.calendar.workingDaysBetween(occurrence.dueOn, today),
      dayOff: dueDayOff(occurrence.dueOn, deps.calendar),
      completionForm: task.completionForm,
      who: kind === "escalation" ? (await fullNamesOf(db, task.assignees.map((a) => a.userId))).join(", ") || task.responsibleText || "—" : "",
    };
    await inTransaction(db, async (tx) => {
      await markReminderSent(tx, id, deps.now());
      await deps.notifier.queue([{ notification, ref: { on: "taskReminder", id } }], tx);
    });
    report.sent++;
  }

  async function tick(): Promise<ReminderReport> {
    const report: ReminderReport = { planned: 0, sent: 0, skipped: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    if (!deps.calendar.isWorkingDay(today)) return report;
    if (now < zonedDateTime(today, deps.policy.time, deps.config.timeZone) || now >= zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone)) return report;
    report.planned = await plan(today);
    for (;;) {
      const ids = await claimDueReminders(deps.db, now, new Date(now.getTime() - CLAIM_TTL_MS), BATCH);
      if (!ids.length) break;
      for (const id of ids) await send(id, report);
    }
    if (report.planned || report.sent || report.skipped) deps.logger.info({ event: "task_reminders", ...report }, "task reminders");
    return report;
  }

  return singleFlight(tick);
}

export type TaskReminders = ReturnType<typeof createTaskReminders>;
