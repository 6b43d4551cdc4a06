// The durable inbox: every update is stored (encrypted, keyed by update_id) before Telegram is
// told it arrived — before the next getUpdates confirms it (polling, bot/polling.ts) or before
// the webhook answers 200 (webhookReceiver below) — and handled from the database:
// - Telegram delivering an update again, or two webhook deliveries of it in parallel, store it
//   once (update_id is the key) and it is handled once;
// - a chat's updates are handled one at a time, in update_id order, across every instance: an
//   update is claimed only when no earlier update of its chat is left in the inbox;
// - a process killed mid-way loses nothing: what it stored and had not finished is claimed again
//   by any instance once its claim stops being renewed (staleAfterMs). An update the process was
//   handling when it died is handled again — at least once, never zero times.
// Privacy: the row holds no time of arrival, the update is encrypted and the chat is a keyed hash
// of its own; the row is deleted when handled and its pages wiped with the other transient tables
// (db/repositories/storage-hygiene.ts).
import { randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { Database } from "../db/client.js";
import { claimKnownUpdate, claimUpdates, finishUpdate, purgeTombstones, renewClaims, storeUpdates, type ClaimedUpdate } from "../db/repositories/inbox.js";
import type { Keyring } from "../domain/crypto.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { Waker } from "./waker.js";

export interface InboxOptions {
  /** Updates of different chats handled at once by this instance. */
  concurrency: number;
  /** How often an idle instance looks for updates other instances stored (webhook mode). */
  idlePollMs: number;
  /** A claim not renewed for this long belongs to an instance that stopped: taken over. */
  staleAfterMs: number;
  /** Claims on updates in hand are renewed this often. */
  renewEveryMs: number;
  /** An update whose handling killed the process this many times is given up (logged). */
  maxAttempts: number;
}

/** How long a handled update's id is remembered, so that a late repeat of its delivery is not handled again. */
export const TOMBSTONE_MS = 10 * 60_000;

export const INBOX_DEFAULTS: InboxOptions = { concurrency: 256, idlePollMs: 250, staleAfterMs: 20_000, renewEveryMs: 5_000, maxAttempts: 3 };

export interface InboxDeps {
  database: Database;
  keyring: Keyring;
  logger: Logger;
  metrics: Metrics;
  /** Handles one update (bot.handleUpdate). */
  handle(update: Update): Promise<void>;
}

/** The chat an update belongs to (its order is kept), or null for updates of no chat. */
export function chatOfUpdate(u: Update): number | null {
  const id = u.message?.chat.id ?? u.edited_message?.chat.id ?? u.callback_query?.message?.chat.id ?? u.callback_query?.from.id ?? u.my_chat_member?.chat.id ?? null;
  return typeof id === "number" ? id : null;
}

/** An update this instance stored, waiting in its chat's local queue. */
interface Local {
  updateId: number;
  chatKey: string;
  update: Update;
}

export class Inbox {
  readonly instance = randomUUID();
  private readonly options: InboxOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly waker = new Waker();
  private readonly active = new Set<Promise<void>>();
  private readonly busyChats = new Set<string>();
  /** What this instance stored, by chat, in update_id order: claimed without reading the table. */
  private readonly local = new Map<string, Local[]>();
  private renewTimer: NodeJS.Timeout | undefined;
  private lastStaleCheck = 0;
  private lastPurge = 0;
  private lastTableRead = 0;

  constructor(
    private readonly deps: InboxDeps,
    options: Partial<InboxOptions> = {},
  ) {
    this.options = { ...INBOX_DEFAULTS, ...options };
  }

  /** Stores updates (new ones only); resolves once they are durable. The number new. */
  async receive(updates: readonly Update[]): Promise<number> {
    const rows = updates.map((u) => {
      const chat = chatOfUpdate(u);
      return { update: u, updateId: u.update_id, chatKey: chat === null ? `update:${u.update_id}` : this.deps.keyring.hash("chat-key", `inbox:${chat}`), payload: this.deps.keyring.encrypt(JSON.stringify(u)) };
    });
    const stored = await storeUpdates(this.deps.database, rows);
    this.deps.metrics.inbox.inc({ outcome: "stored" }, stored.size);
    if (rows.length > stored.size) this.deps.metrics.inbox.inc({ outcome: "duplicate" }, rows.length - stored.size);
    for (const r of rows) {
      if (!stored.has(r.updateId)) continue;
      const queue = this.local.get(r.chatKey);
      if (queue) queue.push({ updateId: r.updateId, chatKey: r.chatKey, update: r.update });
      else this.local.set(r.chatKey, [{ updateId: r.updateId, chatKey: r.chatKey, update: r.update }]);
    }
    if (stored.size) this.wake();
    return stored.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
    this.renewTimer = setInterval(() => {
      if (this.active.size) void renewClaims(this.deps.database, this.instance, new Date()).catch((e: Error) => this.deps.logger.error({ event: "inbox_renew_failed", message: e.message }, "inbox claims could not be renewed"));
    }, this.options.renewEveryMs);
    this.renewTimer.unref();
  }

  /** Stops claiming and waits for the updates in hand. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.renewTimer);
    this.wake();
    await this.loop;
    await Promise.all(this.active);
  }

  /** Handles everything stored and free to take, then resolves (tests, one instance). */
  async drain(): Promise<void> {
    for (;;) {
      // Done only when nothing was in hand before a claim that found nothing: an update
      // finishing during the claim may have freed its chat's next one.
      const idle = this.active.size === 0;
      if ((await this.claim(true, true)) > 0) continue;
      if (idle) return;
      if (this.active.size) await Promise.race(this.active);
    }
  }

  private wake(): void {
    this.waker.wake();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        // The table is read too every idlePollMs, busy or not: updates other instances stored,
        // left by a dead one, or waiting behind an earlier update of their chat.
        claimed = await this.claim(Date.now() - this.lastTableRead >= this.options.idlePollMs);
      } catch (error) {
        this.deps.logger.error({ event: "inbox_claim_failed", message: (error as Error).message }, "the inbox could not be read; trying again");
      }
      if (!claimed && this.running) await this.waker.wait(this.options.idlePollMs);
    }
  }

  /** Claims what this instance has room for and starts handling it: its own updates first, then (`readTable`) the table's. */
  private async claim(readTable: boolean, staleNow = false): Promise<number> {
    const { database } = this.deps;
    // The head of every free chat's local queue, claimed at once (PostgreSQL: over the pool).
    const heads: Local[] = [];
    for (const [chatKey, queue] of this.local) {
      if (this.active.size + heads.length >= this.options.concurrency) break;
      if (this.busyChats.has(chatKey)) continue;
      heads.push(queue.shift()!);
      if (!queue.length) this.local.delete(chatKey);
    }
    const now = new Date();
    const got = await Promise.all(heads.map((h) => claimKnownUpdate(database, this.instance, now, h.updateId, h.chatKey)));
    let claimed = 0;
    heads.forEach((head, i) => {
      // Not claimed: another instance took it, or an earlier update of the chat is in another's
      // hands — reading the table finds it again when it is free.
      if (!got[i]) return;
      this.start1({ updateId: head.updateId, chatKey: head.chatKey, attempts: 1, takenOver: false }, head.update);
      claimed++;
    });
    if (!readTable) return claimed;
    this.lastTableRead = Date.now();
    const room = this.options.concurrency - this.active.size;
    if (room <= 0) return claimed;
    if (Date.now() - this.lastPurge > 60_000) {
      this.lastPurge = Date.now();
      await purgeTombstones(database, new Date(Date.now() - TOMBSTONE_MS));
    }
    // Updates left by an instance that died: looked for once a second (and at start).
    const lookForStale = staleNow || Date.now() - this.lastStaleCheck >= 1_000;
    if (lookForStale) this.lastStaleCheck = Date.now();
    const stale = lookForStale ? await claimUpdates(database, this.instance, new Date(), new Date(Date.now() - this.options.staleAfterMs), room, this.busyChats) : [];
    const fresh = room > stale.length ? await claimUpdates(database, this.instance, new Date(), null, Math.min(room - stale.length, 32), this.busyChats) : [];
    for (const c of [...stale, ...fresh]) {
      this.dropLocal(c.chatKey, c.updateId);
      this.start1(c, null, c.payload);
    }
    return claimed + stale.length + fresh.length;
  }

  /** An update claimed from the table is no longer waiting in the local queue. */
  private dropLocal(chatKey: string, updateId: number): void {
    const queue = this.local.get(chatKey);
    if (!queue) return;
    const rest = queue.filter((l) => l.updateId !== updateId);
    if (rest.length) this.local.set(chatKey, rest);
    else this.local.delete(chatKey);
  }

  private start1(c: Pick<ClaimedUpdate, "updateId" | "chatKey" | "attempts" | "takenOver">, update: Update | null, payload?: string): void {
    this.busyChats.add(c.chatKey);
    const work: Promise<void> = this.handleOne(c, update, payload).finally(() => {
      this.active.delete(work);
      this.busyChats.delete(c.chatKey);
      // The chat's next update is free now.
      this.wake();
    });
    this.active.add(work);
  }

  private async handleOne(c: Pick<ClaimedUpdate, "updateId" | "attempts" | "takenOver">, known: Update | null, payload?: string): Promise<void> {
    const { logger, database } = this.deps;
    try {
      if (c.attempts > this.options.maxAttempts) {
        logger.error({ event: "inbox_given_up", updateId: c.updateId, attempts: c.attempts }, "an update stopped the process every time it was handled; given up");
        return;
      }
      if (c.takenOver) logger.warn({ event: "inbox_taken_over", updateId: c.updateId, attempts: c.attempts }, "an update left by a stopped instance is handled again");
      let update = known;
      if (!update) {
        try {
          update = JSON.parse(this.deps.keyring.decryptText(payload ?? "")) as Update;
        } catch {
          logger.error({ event: "inbox_unreadable", updateId: c.updateId }, "an inbox update cannot be decrypted");
          return;
        }
      }
      await this.deps.handle(update).catch((error: Error) => logger.error({ event: "inbox_handler_failed", updateId: c.updateId, message: error.message }, "handling an update failed"));
    } finally {
      await finishUpdate(database, c.updateId, new Date()).catch((error: Error) => logger.error({ event: "inbox_finish_failed", updateId: c.updateId, message: error.message }, "a handled update could not be marked; it may be handled again"));
    }
  }
}

/** Header Telegram sends with every webhook request (the secret_token of setWebhook). */
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
/** Updates are small; anything bigger is not from Telegram. */
const MAX_WEBHOOK_BODY = 1024 * 1024;

/**
 * The webhook: checks Telegram's secret, stores the update in the inbox and answers 200 only
 * then (a failure to store answers 500, and Telegram delivers it again). Repeated and parallel
 * deliveries of one update are stored once.
 */
export function webhookReceiver(inbox: Inbox, secret: string, logger: Logger): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const expected = Buffer.from(secret);
  return async (req, res) => {
    const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ""));
    if (req.method !== "POST" || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BODY) {
        res.writeHead(413).end();
        req.destroy();
        return;
      }
      chunks.push(chunk);
    }
    let update: Update;
    try {
      update = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update;
      if (!Number.isSafeInteger(update?.update_id)) throw new Error("no update_id");
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      await inbox.receive([update]);
    } catch (error) {
      logger.error({ event: "inbox_store_failed", message: (error as Error).message }, "an update could not be stored; Telegram will deliver it again");
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  };
}
