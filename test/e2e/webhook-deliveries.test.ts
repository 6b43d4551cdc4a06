// Webhook deliveries as Telegram makes them: several updates at once (max_connections), each
// possibly delivered twice (Telegram repeats a delivery whose answer it did not see), to one
// instance or — on PostgreSQL — to two instances behind one address. Every update is handled
// once, and one chat's updates in the order they were sent (bot/inbox.ts).
import { describe, expect, inject, it } from "vitest";
import { BotApiEmulator, type TgUser } from "../support/bot-api-emulator.js";
import { startTestApp } from "../support/app.js";
import { TEST_BOT_INFO } from "../support/harness.js";

const COMMANDS = ["/start", "/help", "/language", "/cancel"];

/** The replies to COMMANDS one at a time, for one user: what each chat must get, in this order. */
async function reference(emulator: BotApiEmulator, user: TgUser): Promise<string[]> {
  for (const c of COMMANDS) {
    const before = emulator.sentMessages(user.id).length;
    await emulator.sendCommand(user, c);
    await emulator.waitFor((m) => m.chat.id === user.id && emulator.sentMessages(user.id).length > before, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 150)); // a command answered with more than one message
  }
  return emulator.sentMessages(user.id).map((m) => m.text ?? "");
}

async function burst(emulator: BotApiEmulator, users: TgUser[], expected: number): Promise<void> {
  // Interleaved across chats, in order within each chat.
  for (const c of COMMANDS) for (const u of users) await emulator.sendCommand(u, c);
  const deadline = Date.now() + 30_000;
  while (users.some((u) => emulator.sentMessages(u.id).length < expected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // a repeat would show up by now
}

const users = (from: number, n: number): TgUser[] => Array.from({ length: n }, (_, i) => ({ id: from + i, first_name: `W${i}`, language_code: "ru" }));

describe("webhook deliveries in parallel and repeated", () => {
  it("one instance: every update once, each chat in order", async () => {
    const emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO, webhook: { parallel: 16, repeat: 2 } });
    const app = await startTestApp({ emulator, mode: "webhook" });
    try {
      const expected = await reference(emulator, { id: 950_000, first_name: "Ref", language_code: "ru" });
      const crowd = users(950_100, 20);
      await burst(emulator, crowd, expected.length);
      for (const u of crowd) expect(emulator.sentMessages(u.id).map((m) => m.text ?? ""), `chat ${u.id}`).toEqual(expected);
      // Every update arrived twice; the second copy of each was a duplicate.
      expect(emulator.webhookDeliveries.filter((d) => d.status === 200).length).toBe(2 * (COMMANDS.length * 21));
      expect(await app.db.prisma.inboxUpdate.count({ where: { status: { not: "done" } } })).toBe(0);
    } finally {
      await app.close();
      await emulator.stop();
    }
  }, 90_000);

  it.runIf(inject("testDb").provider === "postgres")("two instances behind one address: every update once, each chat in order across them", async () => {
    const emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO, webhook: { parallel: 16, repeat: 2 } });
    const first = await startTestApp({ emulator, mode: "webhook" });
    const second = await startTestApp({ emulator, mode: "webhook", env: { DATABASE_URL: first.db.url } });
    try {
      // The webhook is the second's (set last); the load balancer sends copies to the first too.
      emulator.webhookAlsoTo = [`${first.app.http.url}/tg/hook`];
      const expected = await reference(emulator, { id: 960_000, first_name: "Ref", language_code: "ru" });
      const crowd = users(960_100, 20);
      await burst(emulator, crowd, expected.length);
      for (const u of crowd) expect(emulator.sentMessages(u.id).map((m) => m.text ?? ""), `chat ${u.id}`).toEqual(expected);
      // Both received and both handled (each instance's own metrics).
      for (const app of [first, second]) {
        const metrics = await (await fetch(`${app.app.http.url}/metrics`)).text();
        expect(Number(/adal_inbox_updates_total\{outcome="stored"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
        expect(Number(/adal_updates_total\{[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
      }
    } finally {
      await second.stopApp();
      await first.close();
      await second.db.destroy();
      await emulator.stop();
    }
  }, 90_000);
});
