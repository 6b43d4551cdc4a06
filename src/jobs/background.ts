// What the background jobs (survey dispatch, task reminders, report notifier) share: the
// claim timeout, the working hours for messages to staff, the dependencies of a reminder job,
// and single-flight passes.
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Notifier } from "../domain/notifications.js";
import type { ReminderPolicy } from "../domain/reminders.js";
import type { Logger } from "../logger.js";
/**
 * A row claimed for sending (status "sending" or a claimedAt) by a process that then died is
 * taken over after this long; every job that claims rows uses it.
 */
export const CLAIM_TTL_MS = 10 * 60 * 1000;

/** Messages that must not wake people (invitations, reminders, escalations) go out between these local times on working days. */
export const WORKING_HOURS = { from: "09:00", to: "18:00" } as const;

/** What a job that reminds people of due dates (plan items, the quarterly information, the board report) is given. */
export interface ReminderJobDeps {
  db: Database;
  /** The outbox, paced with every other job. */
  notifier: Notifier;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage">;
  policy: ReminderPolicy;
  now: () => Date;
}

/**
 * A background pass that never runs twice at once in this process: concurrent `tick()`s
 * share the pass that is running; `settle()` waits for it (orderly shutdown, tests).
 * Across processes, the jobs claim rows in the database instead.
 */
export interface SingleFlight<R> {
  tick(): Promise<R>;
  settle(): Promise<void>;
}

export function singleFlight<R>(pass: () => Promise<R>): SingleFlight<R> {
  let running: Promise<R> | null = null;
  return {
    tick() {
      if (!running) running = pass().finally(() => (running = null));
      return running;
    },
    async settle() {
      // Only waits: a failed pass was already reported to whoever called tick().
      await running?.catch(() => undefined);
    },
  };
}
