import type { Logger } from "../../logger.js";

/**
 * Runs a call whose failure must not stop the update (deleting or editing an old message,
 * removing a keyboard): the failure is logged at debug level with what was attempted, and
 * undefined is returned.
 */
export async function bestEffort<T>(logger: Logger, what: string, call: Promise<T> | (() => Promise<T>)): Promise<T | undefined> {
  try {
    return await (typeof call === "function" ? call() : call);
  } catch (error) {
    logger.debug({ event: "best_effort_failed", what, message: (error as Error)?.message }, "best-effort call failed");
    return undefined;
  }
}

/**
 * The same for the anonymous report flows, without the log line: a line written at the moment
 * a reporter acts would put a time on a report (see services/reports.ts), so a failure there
 * is dropped on purpose.
 */
export async function quietly<T>(call: Promise<T> | (() => Promise<T>)): Promise<T | undefined> {
  try {
    return await (typeof call === "function" ? call() : call);
  } catch {
    return undefined;
  }
}
