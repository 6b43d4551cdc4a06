// Two complete bot instances (startApp twice) on one PostgreSQL database, talking to one
// Telegram (the emulator): every deadline reminder is queued once and reaches its person
// exactly once through the two outbox senders.
// PostgreSQL only — several instances are a PostgreSQL deployment; two SQLite connections
// in one process would block each other's event loop.
import { describe, expect, inject, it } from "vitest";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { startTestApp } from "../support/app.js";
import { TEST_BOT_INFO } from "../support/harness.js";

describe.runIf(inject("testDb").provider === "postgres")("two instances", () => {
  it("send every reminder exactly once", async () => {
    const emulator = await BotApiEmulator.start({ botInfo: TEST_BOT_INFO });
    const epoch = zonedDateTime("2026-03-03", "10:00", "Asia/Almaty");
    // Several instances run in webhook mode (Telegram allows one getUpdates consumer).
    const first = await startTestApp({ emulator, epoch, mode: "webhook" });
    const second = await startTestApp({ emulator, epoch, mode: "webhook", env: { DATABASE_URL: first.db.url } });
    try {
      const p = first.db.prisma;
      const people = [];
      for (let i = 0; i < 12; i++) {
        people.push(await p.user.create({ data: { fullName: `Орындаушы ${i}`, phone: `7704${String(i).padStart(7, "0")}`, role: "officer", language: i % 2 ? "kk" : "ru", telegramId: BigInt(740000 + i), registeredAt: new Date() } }));
      }
      for (const [i, u] of people.entries()) {
        const task = await p.task.create({ data: { kind: "plan", number: String(i + 1), title: `Мероприятие ${i + 1}`, deadline: "{}", assignees: { create: [{ userId: u.id }] } } });
        await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-03-03" } });
      }
      const reports = await Promise.all([first.app.jobs.taskReminders.tick(), second.app.jobs.taskReminders.tick(), first.app.jobs.taskReminders.tick()]);
      // A second tick() on the same instance joins the pass already running (same report).
      expect([...new Set(reports)].reduce((n, r) => n + r.sent, 0)).toBe(12);
      expect(await p.taskReminder.count({ where: { status: "sent" } })).toBe(12);
      // Queued once each; the two instances' outbox senders deliver them (one pacer between them).
      const until = Date.now() + 15_000;
      while ((await p.outboxMessage.count()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      for (const u of people) expect(emulator.sentMessages(Number(u.telegramId)).filter((m) => /⏰/.test(m.text ?? ""))).toHaveLength(1);
    } finally {
      await second.stopApp();
      await first.close();
      await second.db.destroy();
      await emulator.stop();
    }
  });
});
