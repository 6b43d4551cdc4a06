// Long polling against other pollers. Telegram lets one getUpdates poll a bot at a time: a
// second one is answered 409 Conflict ("terminated by other getUpdates request"), as is
// polling while a webhook is set. @grammyjs/runner gives up at the first 409, and its failure
// reached nobody: the bot went quiet with the process still up. A conflict is usually brief —
// the old instance finishing its last long poll during a restart — so getUpdates is retried
// with backoff for a while; a conflict that lasts means a second deployment, and polling ends
// with a clear message (main.ts stops the process with a non-zero exit).
//
// The poll loop (pollIntoInbox) confirms an update only after the inbox stored it: getUpdates'
// offset moves past a batch on the next call, and that call is made only once the batch is in
// the database. @grammyjs/runner confirmed updates as soon as they were fetched, so a kill -9
// lost the ones in flight.
import { GrammyError, HttpError, type Api, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";

export interface ConflictRetryOptions {
  /** How long a conflict may last before polling gives up (default 90 s: three long polls). */
  giveUpAfterMs?: number;
  /** First wait; doubled after each conflict up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** What the process says when polling ends on a lasting conflict. */
export const POLLING_CONFLICT_MESSAGE =
  "another process is receiving this bot's updates (Telegram answers 409 Conflict to getUpdates): only one instance may use long polling, " +
  "and none while a webhook is set. Stop the other instance, or run several instances with BOT_MODE=webhook.";

/** grammY's signal type (abort-controller's), of which only these are used. */
type Signal = { aborted: boolean; addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void };

const wait = (ms: number, signal?: Signal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Retries getUpdates on 409 with backoff. Each poll ends the other's, so two pollers would
 * both see conflicts: the newcomer yields. An instance that has polled successfully keeps
 * retrying (it is the one that was receiving the updates); one that never has lets the 409
 * through after `giveUpAfterMs`, which stops it.
 */
export function conflictRetry(logger: Logger, options: ConflictRetryOptions = {}): Transformer {
  const { giveUpAfterMs = 90_000, firstDelayMs = 1_000, maxDelayMs = 15_000 } = options;
  let polled = false;
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    const since = Date.now();
    for (let delay = firstDelayMs; ; delay = Math.min(delay * 2, maxDelayMs)) {
      const result = await prev(method, payload, signal);
      if (result.ok) polled = true;
      if (result.ok || result.error_code !== 409 || signal?.aborted) return result;
      if (!polled && Date.now() - since >= giveUpAfterMs) {
        logger.error({ event: "polling_conflict_lasting", description: result.description }, "polling conflict lasted too long");
        return result;
      }
      logger.warn({ event: "polling_conflict", description: result.description, retryInMs: delay }, "another getUpdates poller or a webhook: retrying");
      await wait(delay, signal);
    }
  };
}

/**
 * Polling starts by deleting the webhook, as getUpdates needs — but a webhook found set may be
 * another deployment's, still receiving this bot's updates: polling would silently take them
 * over. Refused unless told to (POLLING_REPLACES_WEBHOOK=true, e.g. when this deployment
 * switches from webhook to polling); main.ts deletes it when polling starts.
 */
export async function refuseForeignWebhook(api: Api, allowed: boolean): Promise<void> {
  const { url } = await api.getWebhookInfo();
  if (url && !allowed) {
    const host = URL.canParse(url) ? new URL(url).host : "another address";
    throw new Error(
      `a webhook is set for this bot (${host}): another deployment may be receiving its updates. Stop it, or run this one with BOT_MODE=webhook; ` +
        "to move this bot to long polling here, set POLLING_REPLACES_WEBHOOK=true",
    );
  }
}

export interface PollingHandle {
  /** Settles when polling ends: after stop(), or rejected with the error that ended it. */
  task: Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
}

/**
 * Long polling into the inbox: each batch is stored before the next getUpdates confirms it.
 * Network errors and 5xx are retried with backoff (getUpdates repeats harmlessly: unconfirmed
 * updates come again and the inbox stores them once); a 409 that conflictRetry let through, or
 * 401/404 (a revoked token), end polling.
 */
export function pollIntoInbox(api: Api, store: (updates: Update[]) => Promise<unknown>, logger: Logger, allowedUpdates: readonly string[]): PollingHandle {
  const abort = new AbortController();
  let running = true;
  let offset = 0;
  const task = (async () => {
    let backoff = 1_000;
    while (running) {
      let updates: Update[];
      try {
        updates = await api.getUpdates({ offset, timeout: 30, allowed_updates: allowedUpdates as never }, abort.signal as never);
      } catch (error) {
        if (!running) return;
        const fatal = error instanceof GrammyError && (error.error_code === 409 || error.error_code === 401 || error.error_code === 404);
        if (fatal) throw error;
        logger.warn({ event: "polling_retry", code: error instanceof GrammyError ? error.error_code : error instanceof HttpError ? "network" : "unknown", retryInMs: backoff }, "getUpdates failed; retrying");
        await wait(backoff, abort.signal);
        backoff = Math.min(backoff * 2, 30_000);
        continue;
      }
      backoff = 1_000;
      if (!updates.length) continue;
      // Stored before the next poll confirms them; a failure to store keeps the offset, so
      // Telegram delivers the batch again.
      for (;;) {
        try {
          await store(updates);
          break;
        } catch (error) {
          logger.error({ event: "inbox_store_failed", message: (error as Error).message }, "updates could not be stored; trying again before confirming them");
          await wait(backoff, abort.signal);
          backoff = Math.min(backoff * 2, 30_000);
          if (!running) return;
        }
      }
      offset = updates[updates.length - 1]!.update_id + 1;
    }
  })();
  return {
    task,
    isRunning: () => running,
    async stop() {
      running = false;
      abort.abort();
      await task.catch(() => undefined);
    },
  };
}
