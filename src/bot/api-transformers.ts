// What every Bot API call goes through: metrics by method and outcome, then retries.
import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";
import type { Logger } from "../logger.js";
import { MESSAGE_METHODS, type InteractiveLoad } from "./notifications/pacer.js";
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

/**
 * Replies sent while handling an update are not held back by the outbox's pacer: they are
 * counted, and the outbox sender charges them to the shared pacer (bulk makes room); a 429 on
 * one pauses the outbox of every instance.
 */
export function interactiveLoad(load: InteractiveLoad): Transformer {
  return async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (MESSAGE_METHODS.has(method)) {
      // An album is as many messages as it has pictures, to Telegram's limits.
      if (result.ok) for (let i = 0; i < (Array.isArray(result.result) ? result.result.length : 1); i++) load.sent();
      else if (result.error_code === 429) load.rateLimited(result.parameters?.retry_after ?? 5);
    }
    return result;
  };
}

/**
 * Inline keyboards go out without empty rows. grammY's builder leaves one wherever a view calls
 * `.row()` with nothing before it (an empty list, a button left out by a condition); Telegram
 * has never documented what it does with them, so they are not sent at all.
 */
export function compactKeyboards(): Transformer {
  return async (prev, method, payload, signal) => {
    const markup = (payload as { reply_markup?: { inline_keyboard?: unknown[][] } }).reply_markup;
    const rows = markup?.inline_keyboard;
    if (!rows?.some((row) => row.length === 0)) return prev(method, payload, signal);
    const compacted = { ...payload, reply_markup: { ...markup, inline_keyboard: rows.filter((row) => row.length > 0) } };
    return prev(method, compacted as typeof payload, signal);
  };
}

/** Methods that change nothing when repeated: a 5xx or a lost connection may be retried. */
const IDEMPOTENT = /^(get|answer|edit|delete|set|leave|close|logOut|ban|unban|restrict|promote|pin|unpin|sendChatAction)/;

/**
 * 429 is retried honouring retry_after for every method (Telegram did not execute it). A 5xx or
 * a connection lost after the request went out may mean Telegram did execute it: a method that
 * repeats harmlessly (get…, edit…, answer…, delete…, set…) is retried, one that would put a second
 * message into a chat (send…, copy…, forward…) is not — the error reaches the handler, logged.
 */
export function safeRetries(logger: Logger): Transformer {
  const all = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });
  const rateLimitsOnly = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowInternalServerErrors: true, rethrowHttpErrors: true });
  return async (prev, method, payload, signal) => {
    if (IDEMPOTENT.test(method)) return all(prev, method, payload, signal);
    try {
      const result = await rateLimitsOnly(prev, method, payload, signal);
      if (!result.ok && result.error_code >= 500) logger.warn({ event: "api_call_ambiguous", method, code: result.error_code }, "a message may or may not have been sent; not repeated");
      return result;
    } catch (error) {
      logger.warn({ event: "api_call_ambiguous", method, code: "network", description: error instanceof Error ? error.message : String(error) }, "a message may or may not have been sent; not repeated");
      throw error;
    }
  };
}

export function apiTransformers(metrics: Metrics, logger: Logger, load?: InteractiveLoad): Transformer[] {
  // The first is innermost (grammY wraps each transformer around the ones before it).
  return [compactKeyboards(), apiCallMetrics(metrics), ...(load ? [interactiveLoad(load)] : []), tolerantCallbackAnswers(logger), safeRetries(logger)];
}
