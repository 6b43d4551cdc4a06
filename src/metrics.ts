// Prometheus metrics. Labels carry kinds of things (update type, method), never ids.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface Metrics {
  registry: Registry;
  updates: Counter<"type">;
  updateErrors: Counter;
  updateDuration: Histogram;
  apiCalls: Counter<"method" | "outcome">;
  /** Outbox messages by what became of them (sent, blocked, failed, retried, ambiguous, paused). */
  outbox: Counter<"outcome">;
  /** Updates stored in the inbox, and the repeats Telegram delivered again (dedup). */
  inbox: Counter<"outcome">;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry, prefix: "adal_" });
  return {
    registry,
    updates: new Counter({ name: "adal_updates_total", help: "Telegram updates handled", labelNames: ["type"], registers: [registry] }),
    updateErrors: new Counter({ name: "adal_update_errors_total", help: "Updates whose handling failed", registers: [registry] }),
    updateDuration: new Histogram({
      name: "adal_update_duration_seconds",
      help: "Time to handle one update",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    apiCalls: new Counter({ name: "adal_bot_api_calls_total", help: "Bot API calls made", labelNames: ["method", "outcome"], registers: [registry] }),
    outbox: new Counter({ name: "adal_outbox_messages_total", help: "Outbox messages by outcome", labelNames: ["outcome"], registers: [registry] }),
    inbox: new Counter({ name: "adal_inbox_updates_total", help: "Updates received into the inbox by outcome (stored, duplicate)", labelNames: ["outcome"], registers: [registry] }),
  };
}
