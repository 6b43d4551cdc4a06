// Queueing messages the bot sends on its own (the Notifier the jobs and the bot are given).
// The chat and the notification are encrypted; the chat is also kept as a keyed hash so that
// one chat gets at most one message a second across instances. A reporter's ping gets a random
// chat key instead: a ping must not pair up with the reminders and invitations of the same
// person, whose rows are written beside the person's own ledger rows.
import { randomBytes } from "node:crypto";
import type { Database, Db } from "../db/client.js";
import { enqueueOutbox } from "../db/repositories/outbox.js";
import type { Keyring } from "../domain/crypto.js";
import { priorityOf, type Notification, type Notifier, type OutboxRef, type QueuedNotification, type Undelivered } from "../domain/notifications.js";

/** What an outbox row's payload holds, encrypted. */
export interface OutboxPayload {
  n: Notification;
  ref?: OutboxRef;
}

export type UndeliveredHandler = (ref: OutboxRef, outcome: Undelivered) => Promise<void>;

export interface Outbox extends Notifier {
  /** Called after messages were queued: the sender of this instance starts at once. */
  onQueued(listener: () => void): void;
  undeliveredHandler(on: string): UndeliveredHandler | undefined;
  /** Reads a row's payload (the sender). */
  open(payload: string): OutboxPayload;
}

export function outboxChatKey(keyring: Keyring, chatId: number): string {
  return keyring.hash("chat-key", `outbox:${chatId}`);
}

export function createOutbox(deps: { db: Database; keyring: Keyring; now: () => Date }): Outbox {
  const handlers = new Map<string, UndeliveredHandler>();
  const listeners: (() => void)[] = [];
  return {
    async queue(items, tx) {
      const now = deps.now();
      const rows = items.map((item) => {
        const queued: QueuedNotification = "notification" in item ? item : { notification: item };
        const n = queued.notification;
        const payload: OutboxPayload = { n, ...(queued.ref ? { ref: queued.ref } : {}) };
        return {
          priority: priorityOf(n),
          chatKey: n.kind === "reportPing" ? `ping:${randomBytes(16).toString("hex")}` : outboxChatKey(deps.keyring, n.chatId),
          payload: deps.keyring.encrypt(JSON.stringify(payload)),
          notBefore: now,
        };
      });
      await enqueueOutbox((tx as Db | undefined) ?? deps.db.prisma, rows);
      // Inside a transaction the rows are not visible yet: the sender looks again shortly.
      for (const l of listeners) l();
    },
    onUndelivered(on, handler) {
      if (handlers.has(on)) throw new Error(`undelivered handler ${on} registered twice`);
      handlers.set(on, handler);
    },
    onQueued(listener) {
      listeners.push(listener);
    },
    undeliveredHandler(on) {
      return handlers.get(on);
    },
    open(payload) {
      return JSON.parse(deps.keyring.decryptText(payload)) as OutboxPayload;
    },
  };
}
