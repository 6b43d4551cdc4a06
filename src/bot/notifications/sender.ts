// The outbox sender: every instance runs one, sending one message at a time (so a crash can
// leave at most one message of this instance in doubt) in the slots of the one pacer that
// all jobs and instances share (SendPacer in the database).
//
// Delivery semantics (Telegram has no idempotency key):
// - a message is sent at least once unless Telegram refuses it for good (the chat blocked the
//   bot, or the request is invalid) — then whoever queued it hears so (Notifier.onUndelivered);
// - it can repeat only when Telegram executed it but the outcome did not reach the outbox: a
//   crash between the call and the row's deletion (the row is taken over after staleAfterMs),
//   a 5xx, or a connection lost after the request went out. Each such case is counted on the
//   row (`ambiguous`), logged (outbox_ambiguous) and counted in the metrics before the message
//   is sent again, at most `maxAmbiguous` times;
// - a failure that certainly did not reach Telegram (connection refused, name not resolved)
//   and 429 are retried freely; 429 pauses every instance for its retry_after, however long.
import { randomUUID } from "node:crypto";
import { GrammyError, HttpError, type Api } from "grammy";
import type { Database } from "../../db/client.js";
import { claimOutboxMessage, completeOutboxMessage, forgetChatTurns, pauseSending, reserveSendSlot, retryOutboxMessage, settleChatTurn, type ClaimedMessage } from "../../db/repositories/outbox.js";
import type { Notification, Undelivered } from "../../domain/notifications.js";
import type { Logger } from "../../logger.js";
import type { Metrics } from "../../metrics.js";
import type { Outbox, OutboxPayload } from "../../services/outbox.js";
import { TELEGRAM_LIMITS, type InteractiveLoad, type PacerOptions } from "./pacer.js";
import { Waker } from "../waker.js";

export interface SenderOptions extends PacerOptions {
  /** How late a sender may be on its slot without losing it. */
  toleranceMs: number;
  /** How often an idle sender looks for messages queued by other instances. */
  idlePollMs: number;
  /** A message claimed this long ago by an instance that did not finish it is taken over. */
  staleAfterMs: number;
  /** Failures that certainly did not reach Telegram, before a message is given up. */
  maxAttempts: number;
  /** Outcomes not known (see above), before a message is given up rather than sent again. */
  maxAmbiguous: number;
}

/** A claimed message waits this long for its slot at most; a longer pause puts it back. */
const MAX_SLOT_WAIT_MS = 5_000;

export const SENDER_DEFAULTS: SenderOptions = { ...TELEGRAM_LIMITS, toleranceMs: 50, idlePollMs: 500, staleAfterMs: 2 * 60_000, maxAttempts: 40, maxAmbiguous: 2 };

export interface SenderDeps {
  database: Database;
  outbox: Outbox;
  /** An Api without auto-retry: this sender decides what is retried. */
  api: Api;
  render(n: Notification): { text: string; other: Parameters<Api["sendMessage"]>[2] };
  load: InteractiveLoad;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}

type Outcome = { kind: "sent" } | { kind: "paused"; retryAfter: number } | { kind: "blocked" } | { kind: "refused"; code: number; description: string } | { kind: "unsent"; reason: string } | { kind: "ambiguous"; reason: string };

const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** What a failed call says about whether Telegram executed it. */
export function classifyFailure(error: unknown): Exclude<Outcome, { kind: "sent" }> {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: "paused", retryAfter: error.parameters.retry_after ?? 5 };
    if (error.error_code === 403 || (error.error_code === 400 && /chat not found|user is deactivated|bot was blocked/i.test(error.description))) return { kind: "blocked" };
    if (error.error_code >= 500) return { kind: "ambiguous", reason: `${error.error_code} ${error.description}` };
    return { kind: "refused", code: error.error_code, description: error.description };
  }
  const cause = (error instanceof HttpError ? error.error : error) as { code?: string; cause?: { code?: string } } | undefined;
  const code = cause?.code ?? cause?.cause?.code ?? "";
  if (NOT_SENT_CODES.has(code)) return { kind: "unsent", reason: code };
  return { kind: "ambiguous", reason: code || (error instanceof Error ? error.message : String(error)) };
}

export class OutboxSender {
  readonly instance = randomUUID();
  private readonly options: SenderOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waker = new Waker();
  private lastForget = 0;

  constructor(
    private readonly deps: SenderDeps,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...SENDER_DEFAULTS, ...options };
    deps.outbox.onQueued(() => this.wake());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the message in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.waker.wake();
  }

  /** Sends every message due now, paced (tests, the bench); the number sent or settled. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.sendNext()) n++;
    return n;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = await this.sendNext();
      } catch (error) {
        this.deps.logger.error({ event: "outbox_failed", message: (error as Error).message }, "the outbox sender failed; it tries again");
      }
      if (!busy && this.running) await this.waker.wait(this.options.idlePollMs);
    }
  }

  /** One message: true when one was claimed (sent or settled), false when none was due. */
  async sendNext(): Promise<boolean> {
    const { database } = this.deps;
    const db = database.prisma;
    const pause = this.deps.load.takePause();
    if (pause) await pauseSending(db, pause);
    const stale = () => new Date(this.deps.now().getTime() - this.options.staleAfterMs);
    if (Date.now() - this.lastForget > 60_000) {
      this.lastForget = Date.now();
      await forgetChatTurns(db, new Date(this.deps.now().getTime() - 60_000));
    }
    // The claim first, then the slot: no slot is spent when nothing is due or another instance
    // took the message. The chat's turn is held from the claim while the message waits for its
    // slot and the call is out (the Api times out after 30 s), then counted from the call's end.
    const now = this.deps.now();
    const message = await claimOutboxMessage(database, this.instance, now, stale(), this.options.perChatIntervalMs, this.options.perChatIntervalMs && this.options.perChatIntervalMs + MAX_SLOT_WAIT_MS + 30_000);
    if (!message) return false;
    const slot = await reserveSendSlot(database, Date.now(), 1000 / this.options.perSecond, this.options.toleranceMs, this.deps.load.takeCharge());
    // A long pause (a 429 with a long retry_after): the message goes back to wait for it unclaimed.
    if (slot - Date.now() > MAX_SLOT_WAIT_MS) return this.putBack(message, new Date(now.getTime() + (slot - Date.now())));
    while (this.running || !this.loop) {
      const wait = slot - Date.now();
      if (wait <= 0) break;
      await this.waker.wait(wait);
    }
    if (!this.running && this.loop) return this.putBack(message, now);
    try {
      await this.deliver(message);
    } finally {
      await settleChatTurn(database, message.chatKey, new Date(this.deps.now().getTime() + this.options.perChatIntervalMs));
    }
    return true;
  }

  /** Unclaimed again, untried: it waits for `notBefore` (no attempt counted, nothing ambiguous). */
  private async putBack(message: ClaimedMessage, notBefore: Date): Promise<boolean> {
    // Taken over from a dead instance: it stays counted as ambiguous on the row, and is said so now.
    if (message.takenOver) this.deps.logger.warn({ event: "outbox_ambiguous", id: message.id, reason: "taken over from a stopped instance", ambiguous: message.ambiguous }, "an outbox message may have been sent already; it waits for its turn");
    await retryOutboxMessage(this.deps.database, message.id, notBefore, false, false);
    await settleChatTurn(this.deps.database, message.chatKey, this.deps.now());
    return true;
  }

  private async deliver(message: ClaimedMessage): Promise<void> {
    const db = this.deps.database.prisma;
    const { logger, metrics } = this.deps;
    let payload: OutboxPayload;
    try {
      payload = this.deps.outbox.open(message.payload);
    } catch {
      // Written under a key no longer configured: nothing can be sent.
      logger.error({ event: "outbox_unreadable", id: message.id }, "an outbox message cannot be decrypted");
      await completeOutboxMessage(this.deps.database, message.id);
      return;
    }
    if (message.takenOver) {
      metrics.outbox.inc({ outcome: "ambiguous" });
      logger.warn({ event: "outbox_ambiguous", id: message.id, kind: payload.n.kind, reason: "taken over from a stopped instance", ambiguous: message.ambiguous }, "an outbox message may have been sent already; sending it again");
    }
    const outcome = await this.transmit(payload.n);
    const now = this.deps.now().getTime();
    switch (outcome.kind) {
      case "sent":
        await completeOutboxMessage(this.deps.database, message.id);
        metrics.outbox.inc({ outcome: "sent" });
        return;
      case "paused":
        await pauseSending(db, Date.now() + outcome.retryAfter * 1000);
        await retryOutboxMessage(this.deps.database, message.id, new Date(now + outcome.retryAfter * 1000), false, false);
        metrics.outbox.inc({ outcome: "paused" });
        logger.warn({ event: "outbox_paused", retryAfter: outcome.retryAfter }, "Telegram asked to slow down: every instance pauses");
        return;
      case "blocked":
        return this.undelivered(message, payload, "blocked");
      case "refused":
        logger.error({ event: "outbox_refused", id: message.id, kind: payload.n.kind, code: outcome.code, description: outcome.description }, "Telegram refused an outbox message");
        return this.undelivered(message, payload, "failed");
      case "unsent":
        if (message.attempts >= this.options.maxAttempts) return this.giveUp(message, payload, outcome.reason);
        await retryOutboxMessage(this.deps.database, message.id, new Date(now + this.backoff(message.attempts)), false);
        metrics.outbox.inc({ outcome: "retried" });
        return;
      case "ambiguous":
        metrics.outbox.inc({ outcome: "ambiguous" });
        if (message.ambiguous >= this.options.maxAmbiguous) return this.giveUp(message, payload, outcome.reason);
        logger.warn({ event: "outbox_ambiguous", id: message.id, kind: payload.n.kind, reason: outcome.reason, ambiguous: message.ambiguous + 1 }, "an outbox message may have been sent; recorded, sent again later");
        await retryOutboxMessage(this.deps.database, message.id, new Date(now + this.backoff(message.attempts)), true);
        return;
    }
  }

  private backoff(attempts: number): number {
    return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
  }

  private async giveUp(message: ClaimedMessage, payload: OutboxPayload, reason: string): Promise<void> {
    this.deps.logger.error({ event: "outbox_given_up", id: message.id, kind: payload.n.kind, attempts: message.attempts, ambiguous: message.ambiguous, reason }, "an outbox message was given up");
    await this.undelivered(message, payload, "failed");
  }

  private async undelivered(message: ClaimedMessage, payload: OutboxPayload, outcome: Undelivered): Promise<void> {
    await completeOutboxMessage(this.deps.database, message.id);
    this.deps.metrics.outbox.inc({ outcome });
    if (!payload.ref) return;
    const handler = this.deps.outbox.undeliveredHandler(payload.ref.on);
    await handler?.(payload.ref, outcome).catch((error: Error) => this.deps.logger.error({ event: "outbox_undelivered_handler_failed", on: payload.ref!.on, message: error.message }, "recording an undelivered message failed"));
  }

  private async transmit(n: Notification): Promise<Outcome> {
    let message: ReturnType<SenderDeps["render"]>;
    try {
      message = this.deps.render(n);
    } catch (error) {
      // A kind this version cannot render (queued by a newer one, or a bug): never sendable.
      return { kind: "refused", code: 0, description: `not rendered: ${(error as Error).message}` };
    }
    try {
      await this.deps.api.sendMessage(n.chatId, message.text, message.other);
      return { kind: "sent" };
    } catch (error) {
      return classifyFailure(error);
    }
  }
}
