// The background jobs, composed by main.ts after the bot: they decide what to send, record it,
// and hand plain data to the bot's notifications (Notifier), which render and send it.
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Keyring } from "../domain/crypto.js";
import type { Logger } from "../logger.js";
import type { Notifier } from "../domain/notifications.js";
import { createMonitoringReminders, type MonitoringReminders } from "./monitoring-reminders.js";
import { createBoardReminders, type BoardReminders } from "./board-reminders.js";
import { createReportNotifier, type ReportNotifier } from "./report-notifier.js";
import { createSurveyDispatcher, type SurveyDispatcher } from "./survey-dispatch.js";
import { createTaskReminders, type TaskReminders } from "./task-reminders.js";
import { createWeeklyDigest, type WeeklyDigest } from "./weekly-digest.js";

/** What every job may use. */
export interface JobDeps {
  db: Database;
  keyring: Keyring;
  logger: Logger;
  calendar: WorkCalendar;
  now: () => Date;
}

export interface Jobs {
  /** Opens/closes campaigns, sends invitations and reminders. */
  surveyDispatcher: SurveyDispatcher;
  /** Deadline reminders and escalations. */
  taskReminders: TaskReminders;
  /** The quarterly plan-execution information due by the 5th: reminders to compliance with the totals. */
  monitoringReminders: MonitoringReminders;
  /** Alerts, pings, escalations and retention of anonymous reports. */
  reportNotifier: ReportNotifier;
  /** The weekly digest to compliance officers and observers. */
  weeklyDigest: WeeklyDigest;
  /** Reminders of the board report's due date to compliance officers. */
  boardReminders: BoardReminders;
  /** Waits for the passes in progress (shutdown, test teardown). */
  settle(): Promise<void>;
}

export function createJobs(config: Config, deps: JobDeps, notifier: Notifier): Jobs {
  const surveyDispatcher = createSurveyDispatcher({ ...deps, notifier, config });
  const taskReminders = createTaskReminders({ ...deps, notifier, config, policy: config.reminders });
  const monitoringReminders = createMonitoringReminders({ ...deps, notifier, config, policy: config.reminders });
  const reportNotifier = createReportNotifier({ ...deps, notifier, config });
  const weeklyDigest = createWeeklyDigest({ ...deps, notifier, config });
  const boardReminders = createBoardReminders({ ...deps, notifier, config, policy: config.reminders });
  return {
    surveyDispatcher,
    taskReminders,
    monitoringReminders,
    reportNotifier,
    weeklyDigest,
    boardReminders,
    async settle() {
      await surveyDispatcher.settle();
      await taskReminders.settle();
      await monitoringReminders.settle();
      await reportNotifier.settle();
      await weeklyDigest.settle();
      await boardReminders.settle();
    },
  };
}
