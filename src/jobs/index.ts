// The background jobs, composed by main.ts after the bot: they decide what to send and hand it
// to the bot's notifications (or, until each job is moved onto it, to the Bot API client).
import type { Api } from "grammy";
import type { Config } from "../config.js";
import type { BotDeps } from "../bot/context.js";
import type { Notifications } from "../bot/notifications/index.js";
import { createReportNotifier, type ReportNotifier } from "./report-notifier.js";
import { createSurveyDispatcher, type SurveyDispatcher } from "./survey-dispatch.js";
import { createTaskReminders, type TaskReminders } from "./task-reminders.js";

export interface Jobs {
  /** Opens/closes campaigns, sends invitations and reminders. */
  surveyDispatcher: SurveyDispatcher;
  /** Deadline reminders and escalations. */
  taskReminders: TaskReminders;
  /** Alerts, pings, escalations and retention of anonymous reports. */
  reportNotifier: ReportNotifier;
  /** Waits for the passes in progress (shutdown, test teardown). */
  settle(): Promise<void>;
}

export function createJobs(config: Config, deps: BotDeps, bot: { api: Api; notifications: Notifications }): Jobs {
  const surveyDispatcher = createSurveyDispatcher({ ...deps, api: bot.api, config });
  const taskReminders = createTaskReminders({ ...deps, notifier: bot.notifications, config, policy: config.reminders });
  const reportNotifier = createReportNotifier({ ...deps, api: bot.api, config });
  return {
    surveyDispatcher,
    taskReminders,
    reportNotifier,
    async settle() {
      await surveyDispatcher.settle();
      await taskReminders.settle();
      await reportNotifier.settle();
    },
  };
}
