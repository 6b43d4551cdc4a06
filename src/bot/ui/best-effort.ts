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
