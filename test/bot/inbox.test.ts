// The durable inbox (src/bot/inbox.ts) on the database under test: an update stored twice is
// handled once; one chat's updates are handled one at a time and in order across two
// instances; an update a dead instance was handling is taken over; one that kills the process
// every time is given up; the webhook answers 200 only once the update is stored.
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Inbox, webhookReceiver, type InboxOptions } from "../../src/bot/inbox.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { createLogger } from "../../src/logger.js";
import { createMetrics } from "../../src/metrics.js";
import { startHttpServer } from "../../src/http/server.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { LogCapture, TEST_KEY } from "../support/harness.js";

let db: TestDatabase;
let logs: LogCapture;
const keyring = createKeyring([TEST_KEY]);

beforeEach(async () => {
  db = await createTestDatabase();
  logs = new LogCapture();
});
afterEach(() => db.destroy());

const message = (updateId: number, chatId: number, text = `u${updateId}`): Update =>
  ({ update_id: updateId, message: { message_id: updateId, date: 1_772_427_600, chat: { id: chatId, type: "private", first_name: "U" }, from: { id: chatId, is_bot: false, first_name: "U" }, text } }) as Update;

function inbox(database: Database, handle: (u: Update) => Promise<void>, options: Partial<InboxOptions> = {}): Inbox {
  return new Inbox({ database, keyring, logger: createLogger("debug", logs), metrics: createMetrics({ defaults: false }), handle }, { idlePollMs: 20, ...options });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the inbox", () => {
  it("stores an update encrypted and once, however often it arrives, and handles it once", async () => {
    const handled: number[] = [];
    const a = inbox(db, async (u) => void handled.push(u.update_id));
    expect(await a.receive([message(1, 501, "секрет Ержанов")])).toBe(1);
    expect(await a.receive([message(1, 501, "секрет Ержанов")])).toBe(0);
    expect(await Promise.all([a.receive([message(2, 501)]), a.receive([message(2, 501)]), a.receive([message(2, 501)])])).toEqual(expect.arrayContaining([1, 0, 0]));
    const rows = JSON.stringify(await db.prisma.inboxUpdate.findMany(), (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
    expect(rows).not.toContain("Ержанов");
    expect(rows).not.toContain("501");
    await a.drain();
    expect(handled).toEqual([1, 2]);
    expect(await db.prisma.inboxUpdate.count({ where: { status: { not: "done" } } })).toBe(0);
    // Delivered again after it was handled (a webhook retry that came late): the tombstone knows it.
    expect(await a.receive([message(1, 501, "секрет Ержанов")])).toBe(0);
    await a.drain();
    expect(handled).toEqual([1, 2]);
    // The tombstone keeps the update_id and when, nothing of the update or its chat.
    const tombstones = await db.prisma.inboxUpdate.findMany({ where: { status: "done" } });
    expect(tombstones.map((t) => [Number(t.updateId), t.chatKey, t.payload])).toEqual([[1, "", ""], [2, "", ""]]);
  });

  it("two instances handle every update once, one chat at a time and in update_id order", async () => {
    const second = db.provider === "postgres" ? await openDatabase(db.url, { poolSize: 4 }) : db;
    const handled = new Map<number, number[]>();
    const inHand = new Set<number>();
    let overlaps = 0;
    const handle = async (u: Update) => {
      const chat = u.message!.chat.id;
      if (inHand.has(chat)) overlaps++;
      inHand.add(chat);
      await sleep(Math.random() * 4);
      handled.set(chat, [...(handled.get(chat) ?? []), u.update_id]);
      inHand.delete(chat);
    };
    const a = inbox(db, handle);
    const b = inbox(second, handle);
    try {
      a.start();
      b.start();
      // 12 chats, 8 updates each, interleaved, arriving in batches through both instances.
      const updates = Array.from({ length: 96 }, (_, i) => message(i + 1, 7000 + (i % 12)));
      for (let i = 0; i < updates.length; i += 16) await (i % 32 ? a : b).receive(updates.slice(i, i + 16));
      const until = Date.now() + 20_000;
      while ((await db.prisma.inboxUpdate.count({ where: { status: { not: "done" } } })) > 0 && Date.now() < until) await sleep(20);
      await Promise.all([a.stop(), b.stop()]);
    } finally {
      if (second !== db) await second.close();
    }
    expect(overlaps).toBe(0);
    for (let c = 0; c < 12; c++) {
      const ids = handled.get(7000 + c)!;
      expect(ids).toHaveLength(8);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
  }, 30_000);

  it("an update a dead instance was handling is taken over once its claim goes stale, and logged", async () => {
    const handled: number[] = [];
    const a = inbox(db, async (u) => void handled.push(u.update_id), { staleAfterMs: 1_000 });
    await a.receive([message(10, 601), message(11, 601)]);
    await db.prisma.inboxUpdate.updateMany({ where: { updateId: 10 }, data: { status: "handling", claimedBy: "dead", claimedAt: new Date(), attempts: 1 } });
    await a.drain();
    expect(handled).toEqual([]); // the chat's first update is still in someone's hands: its second waits
    await db.prisma.inboxUpdate.updateMany({ where: { updateId: 10 }, data: { claimedAt: new Date(Date.now() - 5_000) } });
    await a.drain();
    expect(handled).toEqual([10, 11]);
    expect(logs.text).toContain("inbox_taken_over");
  });

  it("an update that stopped the process on every attempt is given up, and the chat goes on", async () => {
    const handled: number[] = [];
    const a = inbox(db, async (u) => void handled.push(u.update_id), { staleAfterMs: 1_000, maxAttempts: 3 });
    await a.receive([message(20, 602), message(21, 602)]);
    await db.prisma.inboxUpdate.updateMany({ where: { updateId: 20 }, data: { status: "handling", claimedBy: "dead", claimedAt: new Date(Date.now() - 5_000), attempts: 3 } });
    await a.drain();
    expect(handled).toEqual([21]);
    expect(logs.text).toContain("inbox_given_up");
  });

  it("a handler that throws does not stop the chat: logged, and the next update is handled", async () => {
    const handled: number[] = [];
    const a = inbox(db, async (u) => {
      if (u.update_id === 30) throw new Error("boom");
      handled.push(u.update_id);
    });
    await a.receive([message(30, 603), message(31, 603)]);
    await a.drain();
    expect(handled).toEqual([31]);
    expect(logs.text).toContain("inbox_handler_failed");
  });
});

describe("the webhook", () => {
  it("answers 200 only once the update is stored; repeated and parallel deliveries are stored once; a wrong secret or a body that is no update is refused", async () => {
    const handled: number[] = [];
    const a = inbox(db, async (u) => void handled.push(u.update_id));
    const http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      metrics: createMetrics({ defaults: false }),
      logger: createLogger("silent"),
      health: async () => ({}),
      webhook: { path: "/hook", handler: webhookReceiver(a, "s3cret-token", createLogger("silent")) },
    });
    try {
      const post = (body: string, secret = "s3cret-token") => fetch(`${http.url}/hook`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body }).then((r) => r.status);
      const body = JSON.stringify(message(40, 604));
      expect(await Promise.all([post(body), post(body), post(body)])).toEqual([200, 200, 200]);
      expect(await post(body)).toBe(200);
      expect(await db.prisma.inboxUpdate.count({ where: { status: { not: "done" } } })).toBe(1);
      expect(await post(body, "wrong-secret")).toBe(401);
      expect(await post("{not json")).toBe(400);
      expect(await post(JSON.stringify({ message: {} }))).toBe(400);
      expect(await post("x".repeat(2 * 1024 * 1024))).toBe(413);
      await a.drain();
      expect(handled).toEqual([40]);
    } finally {
      await http.close();
    }
  });
});
