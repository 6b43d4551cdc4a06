// What every Bot API call goes through: metrics by method and outcome, then retries.
import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** Counts each call by method and outcome (ok, Telegram's error code, or "network"). */
export function apiCallMetrics(metrics: Metrics): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      metrics.apiCalls.inc({ method, outcome: result.ok ? "ok" : String(result.error_code) });
      return result;
    } catch (error) {
      metrics.apiCalls.inc({ method, outcome: "network" });
      throw error;
    }
  };
}

/**
 * The answer to a button press never stops the work the press asked for. Telegram refuses an
 * answer that comes too late ("query is too old": after a restart, a slow database, a lost
 * reply) or twice, and the request itself may fail; the press still counts, so the failure is
 * logged and the handler goes on as if answered (the user just sees the button's spinner end
 * by itself). Inside auto-retry: an answer is tried once, never held back for a retry_after
 * while the work waits (the metrics below it still count the failure).
 */
export function tolerantCallbackAnswers(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== "answerCallbackQuery") return prev(method, payload, signal);
    try {
      const result = await prev(method, payload, signal);
      if (result.ok) return result;
      logger.warn({ event: "callback_answer_failed", code: result.error_code, description: result.description }, "a button press could not be answered; its action goes on");
    } catch (error) {
      logger.warn({ event: "callback_answer_failed", code: "network", description: error instanceof Error ? error.message : String(error) }, "a button press could not be answered; its action goes on");
    }
    return { ok: true, result: true as never };
  };
}

export function apiTransformers(metrics: Metrics, logger: Logger): Transformer[] {
  // The first is innermost (grammY wraps each transformer around the ones before it).
  return [
    apiCallMetrics(metrics),
    tolerantCallbackAnswers(logger),
    // 429 and 5xx are retried honouring retry_after.
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }),
  ];
}
