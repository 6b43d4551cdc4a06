// What the background jobs (survey dispatch, task reminders, report notifier) share: the
// claim timeout, the working hours for messages to staff, and single-flight passes.
/**
 * A row claimed for sending (status "sending" or a claimedAt) by a process that then died is
 * taken over after this long; every job that claims rows uses it.
 */
export const CLAIM_TTL_MS = 10 * 60 * 1000;

/** Messages that must not wake people (invitations, reminders, escalations) go out between these local times on working days. */
export const WORKING_HOURS = { from: "09:00", to: "18:00" } as const;

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
