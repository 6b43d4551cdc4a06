// Reminders of the quarterly information on the action plan's execution (seed 002: by the 5th
// of the month after the quarter, moved to the working day before when the 5th is a day off).
// Each compliance officer hears at the reminder policy's offsets in working days before it and
// on the day, with the totals so far and a button that sends the draft documents — only for a
// quarter whose plan has due dates.
//
// Once per (person, quarter, day) across instances and restarts: the ledger row (unique key,
// db/repositories/plan-report-notices.ts) and the message are committed in one transaction; a
// second instance's insert fails on the key and rolls its message back.
import { inTransaction, isUniqueViolation } from "../db/client.js";
import { recordPlanReportNotice } from "../db/repositories/plan-report-notices.js";
import { reachableUsers } from "../db/repositories/users.js";
import type { IsoDate } from "../domain/calendar/days.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import type { Keyring } from "../domain/crypto.js";
import { isLang } from "../domain/lang.js";
import { periodKey, previousQuarter, quarterOf, reportDueDay, type Quarter } from "../domain/plan/execution.js";
import { reminderDaysLeft } from "../domain/reminders.js";
import { planExecution } from "../services/plan-execution.js";
import { reminderKey, type QuarterPeriod } from "../services/monitoring.js";
import { singleFlight, WORKING_HOURS, type ReminderJobDeps } from "./background.js";

export interface MonitoringReminderDeps extends ReminderJobDeps {
  keyring: Keyring;
}

/** The quarters whose information may be due soon: the one that ended and the current one (its 5th may be within the offsets). */
function candidates(today: IsoDate): QuarterPeriod[] {
  const { year, quarter } = quarterOf(today);
  return [previousQuarter(today), { kind: "quarter", year, quarter: quarter as Quarter }];
}

export function createMonitoringReminders(deps: MonitoringReminderDeps) {
  const db = deps.db.prisma;

  async function remind(period: QuarterPeriod, today: IsoDate, dueOn: IsoDate, days: number): Promise<number> {
    const execution = await planExecution(db, deps.keyring, period, today);
    if (!execution.rows.length) return 0;
    let queued = 0;
    for (const officer of await reachableUsers(db, ["compliance"])) {
      const notification = {
        kind: "monitoringReminder" as const,
        chatId: Number(officer.telegramId),
        lang: isLang(officer.language) ? officer.language : deps.config.defaultLanguage,
        period: { year: period.year, quarter: period.quarter },
        dueOn,
        days,
        totals: execution.totals,
      };
      try {
        await inTransaction(db, async (tx) => {
          await recordPlanReportNotice(tx, { key: reminderKey(period, officer.id, today), kind: "reminder", period: periodKey(period), userId: officer.id, createdAt: deps.now() });
          await deps.notifier.queue([notification], tx);
        });
        queued++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return queued;
  }

  async function tick(): Promise<{ queued: number }> {
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    if (!deps.calendar.isWorkingDay(today)) return { queued: 0 };
    if (now < zonedDateTime(today, deps.policy.time, deps.config.timeZone) || now >= zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone)) return { queued: 0 };
    let queued = 0;
    for (const period of candidates(today)) {
      const dueOn = reportDueDay("monitoring", period, deps.calendar);
      const days = reminderDaysLeft(dueOn, today, deps.calendar, deps.policy);
      if (days !== null) queued += await remind(period, today, dueOn, days);
    }
    if (queued) deps.logger.info({ event: "monitoring_reminders", queued }, "monitoring reminders");
    return { queued };
  }

  return singleFlight(tick);
}

export type MonitoringReminders = ReturnType<typeof createMonitoringReminders>;
