// What every Bot API call goes through: metrics by method and outcome, then retries.
import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";
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

export function apiTransformers(metrics: Metrics): Transformer[] {
  return [
    apiCallMetrics(metrics),
    // 429 and 5xx are retried honouring retry_after.
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }),
  ];
}
