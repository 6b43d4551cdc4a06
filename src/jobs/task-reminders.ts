// Deadline reminders, delivered exactly once.
//
// Every tick (node-cron only ticks; the database decides):
// 1. plan: for each open due date in the window, the reminders of *today* are inserted as
//    rows keyed (occurrence, person, kind, day) — inserting twice is a no-op, so any number
//    of instances may plan at once;
// 2. claim: due rows go from pending to sending in the database before anything is sent
//    (PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED); SQLite: one
//    conditional UPDATE per row) — only the instance whose claim succeeded sends;
// 3. send, then mark sent.
// Recovery: a row left in "sending" by a crash before the send is taken over after
// CLAIM_TTL and sent then, so nothing is lost. A crash after the send but before the mark
// (a few milliseconds) is the one case that can repeat a message; it cannot be closed
// without Telegram taking part in the transaction.
// Downtime: today's reminders are planned from what is due today, so after a restart the
// overdue notices and escalations of today go out at once; reminders of days that passed
// while the bot was down are not sent late (they would be wrong by now).
import { InlineKeyboard, type Api } from "grammy";
import { z } from "zod";
import type { Database } from "../db/client.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { planningHorizon, remindersForDay, type ReminderPolicy } from "../domain/reminders.js";
import { isLang, type I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { deliver } from "../bot/notifications/index.js";
import { Pacer } from "../bot/notifications/pacer.js";
import { button } from "../bot/router.js";
import { doneButton, moreTimeButton } from "../bot/features/tasks/actions.js";
import { taskTitle } from "../bot/features/tasks/titles.js";
import type { Config } from "../config.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS } from "./background.js";
import { formatDay } from "../domain/dates.js";

const BATCH = 100;
/** A reminder that failed for a temporary reason is tried again this much later. */
const RETRY_AFTER_MS = 5 * 60 * 1000;

export const openTaskButton = button("tk.o", "registered", z.tuple([z.coerce.number().int().positive().max(2_147_483_647)]));

export interface TaskReminderDeps {
  db: Database;
  api: Api;
  i18n: I18n;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage">;
  policy: ReminderPolicy;
  now: () => Date;
  pacer?: Pacer;
}

export interface ReminderReport {
  planned: number;
  sent: number;
  skipped: number;
  failed: number;
}

export function createTaskReminders(deps: TaskReminderDeps) {
  const db = deps.db.prisma;
  const pacer = deps.pacer ?? new Pacer();

  async function insertOnce(row: { occurrenceId: number; userId: number; kind: string; forDay: string; dueAt: Date }): Promise<boolean> {
    try {
      await db.taskReminder.create({ data: row });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") return false; // planned already (here or by another instance)
      throw error;
    }
  }

  async function plan(today: string): Promise<number> {
    const dueAt = zonedDateTime(today, deps.policy.time, deps.config.timeZone);
    const occurrences = await db.taskOccurrence.findMany({
      where: { status: "open", dueOn: { lte: planningHorizon(today, deps.calendar, deps.policy) }, task: { status: "active" } },
      include: { task: { include: { assignees: true } } },
    });
    const compliance = await db.user.findMany({ where: { role: "compliance", active: true, telegramId: { not: null } }, select: { id: true } });
    let planned = 0;
    for (const o of occurrences) {
      const day = remindersForDay(o.dueOn, today, deps.calendar, deps.policy);
      if (day.assignee) {
        for (const a of o.task.assignees) if (await insertOnce({ occurrenceId: o.id, userId: a.userId, kind: day.assignee, forDay: today, dueAt })) planned++;
      }
      if (day.escalate) {
        // Once per due date: keyed by the due date, not by today.
        for (const c of compliance) if (await insertOnce({ occurrenceId: o.id, userId: c.id, kind: "escalation", forDay: o.dueOn, dueAt })) planned++;
      }
    }
    return planned;
  }

  /** Claims up to BATCH due reminders for this instance; returns their ids. */
  async function claim(now: Date): Promise<number[]> {
    const cutoff = new Date(now.getTime() - CLAIM_TTL_MS);
    if (deps.db.provider === "postgres") {
      const rows = await db.$queryRawUnsafe<{ id: number }[]>(
        `UPDATE "TaskReminder" SET "status" = 'sending', "claimedAt" = $1
         WHERE "id" IN (
           SELECT "id" FROM "TaskReminder"
           WHERE ("status" = 'pending' OR ("status" = 'sending' AND "claimedAt" < $2)) AND "dueAt" <= $1
           ORDER BY "dueAt", "id" LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
         RETURNING "id"`,
        now,
        cutoff,
      );
      // RETURNING has no order: send oldest first, like SQLite.
      return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    }
    const candidates = await db.taskReminder.findMany({
      where: { dueAt: { lte: now }, OR: [{ status: "pending" }, { status: "sending", claimedAt: { lt: cutoff } }] },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: BATCH,
    });
    const claimed: number[] = [];
    for (const c of candidates) {
      const { count } = await db.taskReminder.updateMany({ where: { id: c.id, status: c.status, claimedAt: c.claimedAt }, data: { status: "sending", claimedAt: now } });
      if (count === 1) claimed.push(c.id);
    }
    return claimed;
  }

  async function send(id: number, report: ReminderReport): Promise<void> {
    const r = await db.taskReminder.findUnique({ where: { id } });
    if (!r) return;
    const occurrence = await db.taskOccurrence.findUnique({ where: { id: r.occurrenceId }, include: { task: { include: { assignees: true } } } });
    const user = await db.user.findUnique({ where: { id: r.userId } });
    // Done, cancelled or reassigned since it was planned, or the person left: nothing to say.
    if (!occurrence || occurrence.status !== "open" || occurrence.task.status !== "active" || !user || !user.active || user.telegramId === null) {
      await db.taskReminder.update({ where: { id }, data: { status: "skipped", claimedAt: null } });
      report.skipped++;
      return;
    }
    const lang = isLang(user.language) ? user.language : deps.config.defaultLanguage;
    const t = deps.i18n.t(lang);
    const task = occurrence.task;
    const title = taskTitle(t, task);
    const today = toIsoDate(deps.now(), deps.config.timeZone);
    const params = {
      title,
      date: formatDay(occurrence.dueOn),
      days: r.kind.startsWith("before:") ? Number(r.kind.slice(7)) : deps.calendar.workingDaysBetween(occurrence.dueOn, today),
      form: task.completionForm ?? "—",
      who:
        r.kind === "escalation"
          ? (await db.user.findMany({ where: { id: { in: task.assignees.map((a) => a.userId) } }, select: { fullName: true } })).map((u) => u.fullName).join(", ") || task.responsibleText || "—"
          : "",
    };
    const key = r.kind.startsWith("before:") ? "tasks.reminder.before" : `tasks.reminder.${r.kind}`;
    const keyboard = new InlineKeyboard().text(t("tasks.openButton"), openTaskButton.encode([occurrence.id]));
    // The responsible person can act on the reminder itself; compliance opens the item.
    if (r.kind !== "escalation") keyboard.text(t("tasks.doneButton"), doneButton.encode([occurrence.id])).text(t("tasks.moreTimeButton"), moreTimeButton.encode([occurrence.id]));
    const outcome = await deliver(deps.api, pacer, Number(user.telegramId), t(key, params), { reply_markup: keyboard });
    await db.taskReminder.update({
      where: { id },
      // A temporary failure goes back to pending and is tried again on the next tick.
      data:
        outcome === "sent"
          ? { status: "sent", sentAt: deps.now(), claimedAt: null }
          : outcome === "blocked"
            ? { status: "failed", claimedAt: null }
            : { status: "pending", claimedAt: null, dueAt: new Date(deps.now().getTime() + RETRY_AFTER_MS) },
    });
    if (outcome === "sent") report.sent++;
    else report.failed++;
  }

  async function tick(): Promise<ReminderReport> {
    const report: ReminderReport = { planned: 0, sent: 0, skipped: 0, failed: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    if (!deps.calendar.isWorkingDay(today)) return report;
    if (now < zonedDateTime(today, deps.policy.time, deps.config.timeZone) || now >= zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone)) return report;
    report.planned = await plan(today);
    for (;;) {
      const ids = await claim(now);
      if (!ids.length) break;
      for (const id of ids) await send(id, report);
    }
    if (report.planned || report.sent || report.failed || report.skipped) deps.logger.info({ event: "task_reminders", ...report }, "task reminders");
    return report;
  }

  return singleFlight(tick);
}

export type TaskReminders = ReturnType<typeof createTaskReminders>;
