// The outbox and its sender (src/services/outbox.ts, src/bot/notifications/sender.ts) against
// the Bot API emulator on the database under test: one pacer for every instance, one message a
// second per chat, a 429 pausing everyone, actions ahead of bulk, faults after Telegram
// executed a call recorded and sent again once, a crashed instance's message taken over.
// The pace is asserted on the slots the pacer reserves, never on when calls arrived.
// The kind used here exists for this file only (declaration merging).
import { AsyncLocalStorage } from "node:async_hooks";
import { Api, InlineKeyboard } from "grammy";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Notifications } from "../../../src/bot/notifications/index.js";
import { registerReportNotifications } from "../../../src/bot/features/reports/notifications.js";
import { registerTaskNotifications } from "../../../src/bot/features/tasks/notifications.js";
import { InteractiveLoad, TELEGRAM_LIMITS } from "../../../src/bot/notifications/pacer.js";
import { OutboxSender, type SenderOptions } from "../../../src/bot/notifications/sender.js";
import { openDatabase, type Database } from "../../../src/db/client.js";
import { createKeyring } from "../../../src/domain/crypto.js";
import type { NotificationBase, Notification } from "../../../src/domain/notifications.js";
import { createI18n, type I18n } from "../../../src/i18n.js";
import { createLogger } from "../../../src/logger.js";
import { createMetrics } from "../../../src/metrics.js";
import { createOutbox, type Outbox } from "../../../src/services/outbox.js";
import { BotApiEmulator, type BotApiEmulatorOptions } from "../../support/bot-api-emulator.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";
import { LogCapture, TEST_KEY } from "../../support/harness.js";

// What the pacer decides, recorded as it decides it: the repository's functions, wrapped. Each
// sender runs in its own async context (`asSender`), so a slot is known by the sender and the
// chat of the message it was reserved for; a pause is known from the moment it is stored.
interface Reservation {
  sender: string;
  chatKey: string;
  /** The pauses stored when the reservation began (their ends, epoch ms, and who stored them). */
  pauses: Pause[];
  /** The clock the sender gave the pacer, and the slot it got. */
  now: number;
  slot: number;
}
interface Pause {
  until: number;
  by: string;
}
const pacer = vi.hoisted(() => ({ reservations: [] as Reservation[], pauses: [] as Pause[] }));
const senderContext = new AsyncLocalStorage<{ name: string; chatKey: string; slot?: number }>();

vi.mock("../../../src/db/repositories/outbox.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/db/repositories/outbox.js")>();
  return {
    ...real,
    claimOutboxMessage: async (...args: Parameters<typeof real.claimOutboxMessage>) => {
      const message = await real.claimOutboxMessage(...args);
      const context = senderContext.getStore();
      if (message && context) context.chatKey = message.chatKey;
      return message;
    },
    reserveSendSlot: async (...args: Parameters<typeof real.reserveSendSlot>) => {
      const pauses = [...pacer.pauses];
      const slot = await real.reserveSendSlot(...args);
      const context = senderContext.getStore();
      if (context) {
        context.slot = slot;
        pacer.reservations.push({ sender: context.name, chatKey: context.chatKey, pauses, now: args[1], slot });
      }
      return slot;
    },
    pauseSending: async (...args: Parameters<typeof real.pauseSending>) => {
      await real.pauseSending(...args);
      pacer.pauses.push({ until: args[1], by: senderContext.getStore()?.name ?? "?" });
    },
  };
});

/** The most slots in any one second [t, t + 1000 ms). */
function busiestSecond(slots: number[]): number {
  const sorted = [...slots].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + 1000) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

/** `work` (a sender's start or drain) as the sender `name`: what the pacer gives it is recorded. */
function asSender<T>(name: string, work: () => T): T {
  return senderContext.run({ name, chatKey: "" }, work);
}

declare module "../../../src/domain/notifications.js" {
  interface NotificationKinds {
    senderTestNotice: SenderTestNotice;
  }
}

export interface SenderTestNotice extends NotificationBase<"senderTestNotice"> {
  n: number;
}

let i18n: I18n;
let db: TestDatabase;
let emulator: BotApiEmulator | undefined;
let logs: LogCapture;
const keyring = createKeyring([TEST_KEY]);
const now = () => new Date();

beforeAll(async () => {
  i18n = await createI18n();
});
beforeEach(async () => {
  pacer.reservations.length = 0;
  pacer.pauses.length = 0;
  db = await createTestDatabase();
  logs = new LogCapture();
});
afterEach(async () => {
  await emulator?.stop();
  emulator = undefined;
  await db.destroy();
});

interface Instance {
  outbox: Outbox;
  sender: OutboxSender;
  load: InteractiveLoad;
}

/** One instance: its own outbox, sender and Api, on `database`. */
function instance(database: Database, api: Api, options: Partial<SenderOptions> = {}, load = new InteractiveLoad()): Instance {
  const outbox = createOutbox({ db: database, keyring, now });
  const notifications = new Notifications(outbox, i18n);
  notifications.register("senderTestNotice", (notice, t) => ({ text: `<b>${notice.n}</b> ${t("flows.nothingToCancel")}`, html: true, keyboard: new InlineKeyboard().text(String(notice.n), `n:${notice.n}`) }));
  registerReportNotifications(notifications);
  registerTaskNotifications(notifications);
  const sender = new OutboxSender({ database, outbox, api, render: (n) => notifications.render(n), load, logger: createLogger("debug", logs), metrics: createMetrics({ defaults: false }), now }, { idlePollMs: 50, ...options });
  return { outbox, sender, load };
}

async function startEmulator(options: BotApiEmulatorOptions = {}): Promise<{ emulator: BotApiEmulator; api: () => Api }> {
  emulator = await BotApiEmulator.start(options);
  const root = emulator.apiRoot;
  return { emulator, api: () => new Api("123456:TEST-token-for-the-emulator-only", { apiRoot: root, timeoutSeconds: 10 }) };
}

const notice = (chatId: number, n: number, lang: "kk" | "ru" = "ru"): Notification => ({ kind: "senderTestNotice", chatId, lang, n });

async function untilEmpty(timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await db.prisma.outboxMessage.count()) > 0) {
    if (Date.now() > until) throw new Error("the outbox did not empty");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Two instances on the database (a second connection on PostgreSQL), each queueing its part, both sending until the outbox is empty. */
async function twoInstancesSend(api: () => Api, perSecond: number, queue: (a: Instance, b: Instance) => Promise<void>): Promise<void> {
  const second = await secondConnection();
  try {
    const a = instance(db, api(), { perSecond });
    const b = instance(second, api(), { perSecond });
    await queue(a, b);
    asSender("a", () => a.sender.start());
    asSender("b", () => b.sender.start());
    await untilEmpty();
    await Promise.all([a.sender.stop(), b.sender.stop()]);
  } finally {
    if (second !== db) await second.close();
  }
}

/** The backoff and the chat's turn have passed. */
async function passTime(): Promise<void> {
  await db.prisma.outboxMessage.updateMany({ data: { notBefore: new Date() } });
  await db.prisma.outboxChat.deleteMany();
}

/** A second instance's database: its own connections on PostgreSQL; on SQLite the same client. */
async function secondConnection(): Promise<Database> {
  return db.provider === "postgres" ? openDatabase(db.url, { poolSize: 4 }) : db;
}

describe("the outbox sender", () => {
  it("renders each message in its language with its buttons, HTML kept, and deletes the row once Telegram accepted it", async () => {
    const { emulator, api } = await startEmulator();
    const a = instance(db, api());
    await a.outbox.queue([notice(101, 7, "kk"), notice(102, 8, "ru")]);
    expect(await db.prisma.outboxMessage.count()).toBe(2);
    // Nothing readable in the row: the chat and the message are encrypted.
    // (Only the columns that could carry them, and the ids as whole tokens: a timestamp, a hash
    // or a ciphertext may contain "101" by chance.)
    const rows = await db.prisma.outboxMessage.findMany({ select: { chatKey: true, payload: true } });
    for (const row of rows) {
      expect(row.chatKey).toMatch(/^[0-9a-f]{64}$/);
      expect(row.payload).toMatch(/^v1\./);
      expect(row.payload).not.toMatch(/(^|[^\w-])10[12]([^\w-]|$)|senderTestNotice/);
    }
    expect(await a.sender.drain()).toBe(2);
    const [kk] = emulator.sentMessages(101);
    expect(kk!.text).toBe(`7 ${i18n.t("kk")("flows.nothingToCancel")}`);
    expect(kk!.entities?.[0]).toMatchObject({ type: "bold" });
    expect(kk!.reply_markup?.inline_keyboard.flat()).toEqual([{ text: "7", callback_data: "n:7" }]);
    expect(emulator.sentMessages(102)[0]!.text).toBe(`8 ${i18n.t("ru")("flows.nothingToCancel")}`);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });

  it("two instances share one pacer and one turn per chat: each message once; the slots reserved never over the rate, one a second per chat", async () => {
    const { emulator, api } = await startEmulator();
    // Telegram's rate: 1000/30 ms is not a whole number of milliseconds.
    const perSecond = TELEGRAM_LIMITS.perSecond;
    // Every call went out no earlier than the slot reserved for it (the slots are what was sent).
    const early: number[] = [];
    const slotKeepingApi = () => {
      const a = api();
      a.config.use((prev, method, payload, signal) => {
        const slot = senderContext.getStore()?.slot;
        if (method === "sendMessage" && (slot === undefined || Date.now() < slot)) early.push(Number((payload as { chat_id: number }).chat_id));
        return prev(method, payload, signal);
      });
      return a;
    };
    // 60 chats, two messages each, one queued by each instance: a chat's second message is
    // next in line after its first, so only the chat's turn keeps them apart.
    await twoInstancesSend(slotKeepingApi, perSecond, async (a, b) => {
      for (let i = 0; i < 60; i++) {
        await a.outbox.queue([notice(2000 + i, 1)]);
        await b.outbox.queue([notice(2000 + i, 2)]);
      }
    });
    const sent = emulator.deliveries;
    expect(sent).toHaveLength(120);
    for (let i = 0; i < 60; i++) expect(sent.filter((d) => d.chatId === 2000 + i)).toHaveLength(2);
    expect(early).toEqual([]);
    // One slot a message, and both senders took slots of the one pacer.
    const reserved = pacer.reservations;
    expect(reserved).toHaveLength(120);
    expect(new Set(reserved.map((r) => r.sender))).toEqual(new Set(["a", "b"]));
    // No one-second window holds more slots than the rate.
    expect(busiestSecond(reserved.map((r) => r.slot))).toBeLessThanOrEqual(perSecond);
    // A chat's two slots are a second apart at least.
    const byChat = new Map<string, Reservation[]>();
    for (const r of reserved) byChat.set(r.chatKey, [...(byChat.get(r.chatKey) ?? []), r]);
    expect(byChat.size).toBe(60);
    for (const [, [first, next, ...more]] of byChat) {
      expect(more).toEqual([]);
      expect(Math.abs(next!.slot - first!.slot)).toBeGreaterThanOrEqual(1000);
    }
  }, 60_000);

  it("a 429 pauses every instance for its retry_after: no slot is reserved inside a pause once it is stored, and nothing is lost or sent twice", async () => {
    const { emulator, api } = await startEmulator({ rateLimit: { globalPerSecond: 10, perChatPerSecond: 1, retryAfter: 2 } });
    await twoInstancesSend(api, 30, (a) => a.outbox.queue(Array.from({ length: 40 }, (_, i) => notice(3000 + i, i))));
    expect(emulator.rateLimited).toBeGreaterThan(0);
    expect(logs.text).toContain("outbox_paused");
    // Every slot reserved after a pause was stored comes after its end…
    expect(pacer.pauses.length).toBeGreaterThan(0);
    for (const r of pacer.reservations) for (const p of r.pauses) expect(r.slot).toBeGreaterThanOrEqual(p.until);
    // …whichever sender stored it: one's pause held the other back.
    expect(pacer.reservations.some((r) => r.pauses.some((p) => p.by !== r.sender && r.now < p.until))).toBe(true);
    expect(emulator.deliveries).toHaveLength(40);
    for (let i = 0; i < 40; i++) expect(emulator.sentMessages(3000 + i)).toHaveLength(1);
  }, 60_000);

  it("an answer to someone's action goes ahead of bulk queued before it", async () => {
    const { emulator, api } = await startEmulator();
    const a = instance(db, api(), { perSecond: 200 });
    await a.outbox.queue(Array.from({ length: 30 }, (_, i) => notice(4000 + i, i)));
    await a.outbox.queue([{ kind: "taskDone", chatId: 4999, lang: "ru", title: "t", dueOn: "2026-03-02", who: "w" }]);
    a.sender.start();
    await untilEmpty();
    await a.sender.stop();
    expect(emulator.deliveries[0]!.chatId).toBe(4999);
  });

  it("interactive replies sent meanwhile push bulk back: the shared rate counts them", async () => {
    const { api } = await startEmulator();
    // The replies' clock stands still: they are always of the last second.
    const a = instance(db, api(), { perSecond: 10, toleranceMs: 0 }, new InteractiveLoad(() => 0));
    await a.outbox.queue([notice(5001, 1), notice(5002, 2)]);
    await asSender("a", () => a.sender.drain());
    for (let i = 0; i < 5; i++) a.load.sent();
    await a.outbox.queue([notice(5003, 3)]);
    await asSender("a", () => a.sender.drain());
    // Five replies took five slots of 100 ms ahead of this message (without them: 100 ms at most).
    const [, , third] = pacer.reservations;
    expect(third!.slot - third!.now).toBeGreaterThanOrEqual(500);
  });

  for (const fault of ["5xx", "drop"] as const) {
    it(`a ${fault === "5xx" ? "5xx" : "lost connection"} after Telegram executed the call is recorded on the row and logged before the one repeat`, async () => {
      let faults = 1;
      const { emulator, api } = await startEmulator({ faultAfterExecution: (method) => (method === "sendMessage" && faults-- > 0 ? fault : undefined) });
      const a = instance(db, api());
      await a.outbox.queue([notice(6001, 1)]);
      await a.sender.drain();
      expect(await db.prisma.outboxMessage.findMany({ select: { ambiguous: true, status: true } })).toEqual([{ ambiguous: 1, status: "pending" }]);
      expect(logs.text).toContain("outbox_ambiguous");
      await passTime(); // the backoff passed
      await a.sender.drain();
      // Telegram executed both: the one repeat this fault allows, and it was recorded first.
      expect(emulator.sentMessages(6001)).toHaveLength(2);
      expect(await db.prisma.outboxMessage.count()).toBe(0);
    });
  }

  it("gives a message up after repeated unknown outcomes rather than sending it again and again", async () => {
    const { emulator, api } = await startEmulator({ faultAfterExecution: () => "5xx" });
    const a = instance(db, api(), { maxAmbiguous: 2 });
    await a.outbox.queue([notice(6101, 1)]);
    for (let i = 0; i < 5; i++) {
      await passTime();
      await a.sender.drain();
    }
    expect(emulator.sentMessages(6101)).toHaveLength(3);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
    expect(logs.text).toContain("outbox_given_up");
  });

  it("a message an instance claimed and never finished (a crash) is taken over after the claim went stale, recorded as ambiguous", async () => {
    const { emulator, api } = await startEmulator();
    const a = instance(db, api(), { staleAfterMs: 1_000 });
    await a.outbox.queue([notice(7001, 1)]);
    await db.prisma.outboxMessage.updateMany({ data: { status: "sending", claimedBy: "dead-instance", claimedAt: new Date(Date.now() - 500) } });
    expect(await a.sender.drain()).toBe(0); // it may still be sending it
    await db.prisma.outboxMessage.updateMany({ data: { claimedAt: new Date(Date.now() - 5_000) } });
    expect(await a.sender.drain()).toBe(1);
    expect(emulator.sentMessages(7001)).toHaveLength(1);
    expect(logs.text).toContain("taken over from a stopped instance");
  });

  it("a chat that blocked the bot is reported to whoever queued the message, once, and not tried again", async () => {
    const { emulator, api } = await startEmulator();
    await emulator.blockChat(8001);
    const a = instance(db, api());
    const reported: unknown[] = [];
    a.outbox.onUndelivered("test", async (ref, outcome) => void reported.push({ ref, outcome }));
    await a.outbox.queue([{ notification: notice(8001, 1), ref: { on: "test", id: 42 } }]);
    await a.sender.drain();
    expect(reported).toEqual([{ ref: { on: "test", id: 42 }, outcome: "blocked" }]);
    expect(await db.prisma.outboxMessage.count()).toBe(0);
  });

  it("a reporter's ping gets a chat key of its own: it pairs up with no other message to the same chat", async () => {
    const a = instance(db, new Api("123456:TEST-unused"));
    await a.outbox.queue([notice(9001, 1), notice(9001, 2), { kind: "reportPing", chatId: 9001, lang: "kk" }, { kind: "reportPing", chatId: 9001, lang: "kk" }]);
    const keys = (await db.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } })).map((r) => r.chatKey);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(3);
  });
});
