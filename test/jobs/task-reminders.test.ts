// Deadline reminders (src/jobs/task-reminders.ts): the right days and hours, each person's
// language, one escalation to compliance, nothing for finished items; exactly once with two
// instances on one database; a crashed claim is taken over; downtime over a deadline
// catches up at start; bulk sends survive Telegram's 429 through the emulator.
import { Api } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders.js";
import { createTaskReminders, type TaskReminders } from "../../src/jobs/task-reminders.js";
import type { Notifier } from "../../src/domain/notifications.js";
import { registerTaskNotifications } from "../../src/bot/features/tasks/notifications.js";
import { BotApiEmulator } from "../support/bot-api-emulator.js";
import { fakeTelegram, outboxThrough, sendAll, sendingAfterTick, type FakeTelegram } from "../support/campaign-fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { CLAIM_TTL_MS } from "../../src/jobs/background.js";

const TZ = "Asia/Almaty";
let h: Harness;
let officerId: number;

beforeEach(async () => {
  h = await createHarness({ now: zonedDateTime("2026-03-02", "10:00", TZ) });
  const p = h.db.prisma;
  officerId = (await p.user.create({ data: { fullName: "Ахметов Ерлан", phone: "77010000001", role: "officer", language: "kk", telegramId: 710001n, registeredAt: new Date() } })).id;
  await p.user.create({ data: { fullName: "Ким Анна", phone: "77010000002", role: "compliance", language: "ru", telegramId: 710002n, registeredAt: new Date() } });
});
afterEach(() => h.destroy());

async function taskDue(dueOn: string, title = "Проверка аффилированности поставщиков", assignees = [officerId]): Promise<number> {
  const task = await h.db.prisma.task.create({
    data: { kind: "plan", number: "1", title, completionForm: "Справка", deadline: JSON.stringify({ kind: "date", due: dueOn }), assignees: { create: assignees.map((userId) => ({ userId })) } },
  });
  return (await h.db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn } })).id;
}

/** The job of one instance on `database`, its outbox sent through `api` after each tick. */
function job(tg: FakeTelegram, database: Database = h.db): TaskReminders {
  const { outbox, sender } = outboxThrough(h.deps, database, tg.api, registerTaskNotifications);
  return sendingAfterTick(reminderJob(database, outbox), sender);
}

function reminderJob(database: Database, outbox: Notifier): TaskReminders {
  return createTaskReminders({ db: database, notifier: outbox, logger: h.deps.logger, calendar: h.deps.calendar, config: h.config, policy: DEFAULT_REMINDER_POLICY, now: h.deps.now });
}

function at(date: string, time = "10:00"): void {
  h.clock.now = zonedDateTime(date, time, TZ);
}

const texts = (tg: FakeTelegram, chat: number) => tg.delivered(chat).map((c) => c.text);

describe("deadline reminders", () => {
  it("go on the right working days, in each person's language, and escalate once", async () => {
    await taskDue("2026-03-13");
    const tg = fakeTelegram();
    const reminders = job(tg);
    const log: string[] = [];
    for (let d = 2; d <= 18; d++) {
      const day = `2026-03-${String(d).padStart(2, "0")}`;
      for (const time of ["08:30", "10:00", "15:00", "18:30"]) {
        at(day, time);
        const before = tg.calls.length;
        await reminders.tick();
        for (const c of tg.calls.slice(before)) if (c.ok) log.push(`${day} ${time} ${c.chatId} ${c.text.split(" ")[0]}`);
      }
    }
    // Officer (kk): before:5 on Thu 5th, before:2 on Wed 11th, before:1 on Thu 12th, due on
    // Fri 13th, overdue on Mon 16th, Tue 17th, Wed 18th — once a day, at the first tick
    // in working hours. Compliance (ru): one escalation, Mon 16th.
    expect(log).toEqual([
      "2026-03-05 10:00 710001 ⏰",
      "2026-03-11 10:00 710001 ⏰",
      "2026-03-12 10:00 710001 ⏰",
      "2026-03-13 10:00 710001 ⏰",
      // The escalation goes ahead of reminders (outbox priority).
      "2026-03-16 10:00 710002 🚨",
      "2026-03-16 10:00 710001 ⚠️",
      "2026-03-17 10:00 710001 ⚠️",
      "2026-03-18 10:00 710001 ⚠️",
    ]);
    const officer = texts(tg, 710001);
    expect(officer[0]).toBe("⏰ 5 жұмыс күнінен кейін, 13.03.2026, мерзім: «1. Проверка аффилированности поставщиков». Аяқтау нысаны: Справка.");
    expect(officer[3]).toMatch(/^⏰ Бүгін, 13\.03\.2026/);
    expect(texts(tg, 710002)).toEqual(["🚨 Просрочен срок 13.03.2026 (на 1 рабочий день): «1. Проверка аффилированности поставщиков». Ответственные: Ахметов Ерлан."]);
    // Every reminder carries the button that opens the item.
    const buttons = (tg.delivered(710001)[0]!.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard.flat().map((b) => b.callback_data);
    expect(buttons).toEqual([expect.stringMatching(/^tk\.o:\d+$/), expect.stringMatching(/^tk\.d:\d+$/), expect.stringMatching(/^tk\.x:\d+$/)]);
  });

  it("a due date on a holiday: the day before it says so and never says today", async () => {
    await taskDue("2026-12-16"); // Independence Day, a Wednesday
    await h.db.prisma.user.create({ data: { fullName: "Смирнова Ольга", phone: "77010000003", role: "officer", language: "ru", telegramId: 710003n, registeredAt: new Date() } });
    const ru = (await h.db.prisma.user.findFirstOrThrow({ where: { telegramId: 710003n } })).id;
    await taskDue("2026-12-19", "Отчёт", [ru]); // a Saturday
    const tg = fakeTelegram();
    const reminders = job(tg);
    for (const day of ["2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17"]) {
      at(day);
      await reminders.tick();
    }
    const kk = texts(tg, 710001);
    expect(kk[0]).toBe("⏰ 1 жұмыс күнінен кейін, 16.12.2026, мерзім: «1. Проверка аффилированности поставщиков». Аяқтау нысаны: Справка.\n16.12.2026 — жұмыс істелмейтін күн: Тәуелсіздік күні. Мерзімнің алдындағы соңғы жұмыс күні — 15.12.2026.");
    expect(kk[1]).toBe("⏰ Бүгін — 16.12.2026 мерзімінің алдындағы соңғы жұмыс күні: «1. Проверка аффилированности поставщиков». Аяқтау нысаны: Справка.\n16.12.2026 — жұмыс істелмейтін күн: Тәуелсіздік күні.");
    expect(kk[2]).toMatch(/^⚠️ Мерзімі өткеніне 1 жұмыс күні болды/);
    expect(kk).toHaveLength(3);
    for (const text of kk) expect(text).not.toMatch(/Бүгін, /);
    at("2026-12-18");
    await reminders.tick();
    expect(texts(tg, 710003).at(-1)).toBe("⏰ Сегодня последний рабочий день перед сроком 19.12.2026: «1. Отчёт». Форма завершения: Справка.\n19.12.2026 — выходной день (суббота).");
  });

  it("a reminder planned for another day or for a due date since moved is not sent", async () => {
    const occurrence = await taskDue("2026-03-04");
    at("2026-03-04", "10:00");
    // Left pending by a crash on the 3rd ("due" was planned before the date moved to the 4th), and a "due" of yesterday.
    await h.db.prisma.taskReminder.create({ data: { occurrenceId: occurrence, userId: officerId, kind: "due", forDay: "2026-03-03", dueAt: zonedDateTime("2026-03-03", "09:00", TZ) } });
    const tg = fakeTelegram();
    const report = await job(tg).tick();
    expect(report).toMatchObject({ skipped: 1, sent: 1 });
    expect(texts(tg, 710001)).toEqual([expect.stringMatching(/^⏰ Бүгін, 04\.03\.2026/)]);
  });

  it("say nothing about items already done, and nothing twice", async () => {
    const occurrence = await taskDue("2026-03-03");
    const tg = fakeTelegram();
    const reminders = job(tg);
    at("2026-03-03");
    await reminders.tick();
    await reminders.tick();
    expect(texts(tg, 710001)).toHaveLength(1);
    await h.db.prisma.taskOccurrence.update({ where: { id: occurrence }, data: { status: "done", doneOn: "2026-03-03" } });
    at("2026-03-04");
    expect(await reminders.tick()).toMatchObject({ planned: 0, sent: 0 });
    expect(texts(tg, 710001)).toHaveLength(1);
  });

  it("catch up after downtime over a deadline: today's overdue notice and the escalation go out at start", async () => {
    await taskDue("2026-03-03");
    const tg = fakeTelegram();
    at("2026-03-06", "11:40"); // the bot was down since before the deadline
    const report = await job(tg).tick();
    expect(report).toMatchObject({ planned: 2, sent: 2 });
    expect(texts(tg, 710001)[0]).toMatch(/^⚠️ Мерзімі өткеніне 3 жұмыс күні болды: /);
    expect(texts(tg, 710002)[0]).toMatch(/^🚨/);
  });

  it("a claim left by a crash is taken over after the TTL and sent once", async () => {
    const occurrence = await taskDue("2026-03-03");
    at("2026-03-03", "10:00");
    const claimedAt = new Date(h.clock.now.getTime() - 5 * 60_000);
    await h.db.prisma.taskReminder.create({ data: { occurrenceId: occurrence, userId: officerId, kind: "due", forDay: "2026-03-03", dueAt: zonedDateTime("2026-03-03", "09:00", TZ), status: "sending", claimedAt } });
    const tg = fakeTelegram();
    const reminders = job(tg);
    await reminders.tick();
    expect(texts(tg, 710001)).toEqual([]); // another instance may still be sending it
    h.clock.now = new Date(claimedAt.getTime() + CLAIM_TTL_MS + 60_000);
    await reminders.tick();
    await reminders.tick();
    expect(texts(tg, 710001)).toHaveLength(1);
    expect(await h.db.prisma.taskReminder.findFirst()).toMatchObject({ status: "sent" });
  });

  it("a failure that may hide a delivery (5xx) is recorded and sent again later; a blocked chat is not", async () => {
    await taskDue("2026-03-03");
    const tg = fakeTelegram();
    tg.failures.set(710001, { error_code: 500, description: "Internal Server Error" });
    tg.failures.set(710002, { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const reminders = job(tg);
    at("2026-03-03", "10:00");
    expect(await reminders.tick()).toMatchObject({ sent: 1 });
    expect(tg.delivered(710001)).toHaveLength(0);
    expect(await h.db.prisma.outboxMessage.findMany({ select: { ambiguous: true } })).toEqual([{ ambiguous: 1 }]);
    tg.failures.delete(710001);
    at("2026-03-03", "10:06");
    expect(await reminders.tick()).toMatchObject({ sent: 0 });
    expect(tg.delivered(710001)).toHaveLength(1);
    at("2026-03-04", "10:00");
    await reminders.tick(); // overdue to the officer + escalation to the blocked officer
    at("2026-03-04", "10:30");
    await reminders.tick();
    expect(tg.calls.filter((c) => c.chatId === 710002)).toHaveLength(1);
    expect(await h.db.prisma.taskReminder.count({ where: { status: "failed" } })).toBe(1);
  });

  it("two instances on one database send every reminder exactly once", async () => {
    for (let i = 0; i < 15; i++) {
      const u = await h.db.prisma.user.create({ data: { fullName: `Орындаушы ${i}`, phone: `7702${String(i).padStart(7, "0")}`, role: "officer", language: "ru", telegramId: BigInt(720000 + i), registeredAt: new Date() } });
      await taskDue("2026-03-03", `Пункт ${i}`, [u.id, officerId]);
    }
    const second = h.db.provider === "postgres" ? await openDatabase(h.db.url, { poolSize: 4 }) : h.db;
    try {
      const a = fakeTelegram({ yieldTurns: 2 });
      const b = fakeTelegram({ yieldTurns: 2 });
      at("2026-03-03");
      const reports = await Promise.all([job(a).tick(), job(b, second).tick(), job(a).tick()]);
      const delivered = new Map<number, number>();
      for (const tg of [a, b]) for (const [chat, n] of tg.deliveredPerChat()) delivered.set(chat, (delivered.get(chat) ?? 0) + n);
      expect(delivered.get(710001)).toBe(15);
      for (let i = 0; i < 15; i++) expect(delivered.get(720000 + i)).toBe(1);
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(30);
      expect(await h.db.prisma.taskReminder.count({ where: { status: "sent" } })).toBe(30);
    } finally {
      if (second !== h.db) await second.close();
    }
  });
});

describe("bulk sending against Telegram's limits", () => {
  it("the outbox pauses on 429 for retry_after until every reminder is delivered, each once", async () => {
    const emulator = await BotApiEmulator.start({ rateLimit: { globalPerSecond: 8, perChatPerSecond: 1, retryAfter: 1 } });
    try {
      for (let i = 0; i < 20; i++) {
        const u = await h.db.prisma.user.create({ data: { fullName: `Адам ${i}`, phone: `7703${String(i).padStart(7, "0")}`, role: "officer", language: "kk", telegramId: BigInt(730000 + i), registeredAt: new Date() } });
        await taskDue("2026-03-03", `Пункт ${i}`, [u.id]);
      }
      const api = new Api("123456:TEST-token-for-the-emulator-only", { apiRoot: emulator.apiRoot });
      at("2026-03-03");
      // The real pace (30 messages/s) is faster than this emulator allows (8/s); the outbox's clock runs.
      const start = Date.now();
      const running = { ...h.deps, now: () => new Date(h.clock.now.getTime() + Date.now() - start) };
      const { outbox, sender } = outboxThrough(running, h.db, api, registerTaskNotifications, { perSecond: 30, perChatIntervalMs: 1_050, toleranceMs: 100 });
      const report = await reminderJob(h.db, outbox).tick();
      expect(report).toMatchObject({ sent: 20 });
      await sendAll(sender, h.db);
      expect(emulator.rateLimited).toBeGreaterThan(0);
      for (let i = 0; i < 20; i++) expect(emulator.sentMessages(730000 + i)).toHaveLength(1);
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});
