// Reminders of the board report (seed 004 item 16: quarterly by the 25th of the month after
// the quarter, yearly by the 25th of the second month after the year; a 25th on a day off
// moves to the working day before): each compliance officer is told at the reminder offsets
// in working days before the due date (5, 2, 1 by default) and on the day itself, with a
// button to the draft. Nothing once the report is approved, nothing for a period with nothing
// in it. Once per (person, period, day): the ledger row is inserted in the transaction that
// queues the message, so a second instance or a second tick finds it and queues nothing.
import { inTransaction, isUniqueViolation } from "../db/client.js";
import { approvedAmong, recordBoardReminder } from "../db/repositories/board-reports.js";
import { reachableUsers } from "../db/repositories/users.js";
import { remindablePeriods } from "../domain/board/report.js";
import { periodKey, reportDueDay } from "../domain/plan/execution.js";
import { reminderDaysLeft } from "../domain/reminders.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { isLang } from "../domain/lang.js";
import { boardPeriodHasContent } from "../services/board-report.js";
import { singleFlight, WORKING_HOURS, type ReminderJobDeps } from "./background.js";

export type BoardReminderDeps = ReminderJobDeps;

export function createBoardReminders(deps: BoardReminderDeps) {
  const db = deps.db.prisma;

  async function tick(): Promise<{ queued: number }> {
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    if (now < zonedDateTime(today, deps.policy.time, deps.config.timeZone) || now >= zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone)) return { queued: 0 };
    // Decided without the database on most days: is today a reminder day of a recent period?
    const due = remindablePeriods(today)
      .map((period) => ({ period, key: periodKey(period), dueOn: reportDueDay("board", period, deps.calendar) }))
      .map((p) => ({ ...p, daysLeft: reminderDaysLeft(p.dueOn, today, deps.calendar, deps.policy) }))
      .filter((p) => p.daysLeft !== null);
    if (!due.length) return { queued: 0 };
    const approved = await approvedAmong(db, due.map((p) => p.key));
    let queued = 0;
    for (const p of due) {
      if (approved.has(p.key) || !(await boardPeriodHasContent(db, p.period))) continue;
      for (const officer of await reachableUsers(db, ["compliance"])) {
        const notification = { kind: "boardReminder" as const, chatId: Number(officer.telegramId), lang: isLang(officer.language) ? officer.language : deps.config.defaultLanguage, periodKey: p.key, dueOn: p.dueOn, daysLeft: p.daysLeft! };
        try {
          await inTransaction(db, async (tx) => {
            await recordBoardReminder(tx, { userId: officer.id, periodKey: p.key, forDay: today });
            await deps.notifier.queue([notification], tx);
          });
          queued++;
        } catch (error) {
          if (!isUniqueViolation(error)) throw error; // reminded already today (this or another instance)
        }
      }
    }
    if (queued) deps.logger.info({ event: "board_reminders", queued }, "board report reminders");
    return { queued };
  }

  return singleFlight(tick);
}

export type BoardReminders = ReturnType<typeof createBoardReminders>;
