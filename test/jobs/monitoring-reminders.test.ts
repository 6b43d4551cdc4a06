// Reminders of the quarterly plan-execution information (src/jobs/monitoring-reminders.ts):
// 5, 2 and 1 working days before the 5th (moved to the working day before when it is a day
// off) and on the day, to each compliance officer in their language, once per person and day
// with two instances on one database, and only for a quarter whose plan has due dates.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerMonitoringNotifications } from "../../src/bot/features/monitoring/notifications.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { DEFAULT_REMINDER_POLICY, reminderDaysLeft } from "../../src/domain/reminders.js";
import { createMonitoringReminders, type MonitoringReminders } from "../../src/jobs/monitoring-reminders.js";
import { reportDueDay } from "../../src/domain/plan/execution.js";
import { fakeTelegram, outboxThrough, sendingAfterTick, type FakeTelegram } from "../support/campaign-fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const TZ = "Asia/Almaty";
const calendar = createWorkCalendar();
let h: Harness;

beforeEach(async () => {
  h = await createHarness({ now: zonedDateTime("2026-09-28", "10:00", TZ) });
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Ким Анна", phone: "77010000002", role: "compliance", language: "ru", telegramId: 720001n, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Сәрсенова Дана", phone: "77010000003", role: "compliance", language: "kk", telegramId: 720002n, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Ахметов Ерлан", phone: "77010000001", role: "officer", language: "kk", telegramId: 720003n, registeredAt: new Date() } });
});
afterEach(() => h.destroy());

async function planItem(dueOn: string, status = "open", doneOn: string | null = null): Promise<void> {
  const task = await h.db.prisma.task.create({ data: { kind: "plan", number: "1", title: "Семинар", deadline: JSON.stringify({ kind: "date", due: dueOn }) } });
  await h.db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn, status, doneOn } });
}

function job(tg: FakeTelegram, database: Database = h.db): MonitoringReminders {
  const { outbox, sender } = outboxThrough(h.deps, database, tg.api, registerMonitoringNotifications);
  const reminders = createMonitoringReminders({ db: database, keyring: h.deps.keyring, notifier: outbox, logger: h.deps.logger, calendar: h.deps.calendar, config: h.config, policy: DEFAULT_REMINDER_POLICY, now: h.deps.now });
  return sendingAfterTick(reminders, sender);
}

const at = (date: string, time = "10:00") => void (h.clock.now = zonedDateTime(date, time, TZ));

describe("the due date of the quarterly information", () => {
  it("is the 5th, or the working day before it when the 5th is a day off", () => {
    expect(reportDueDay("monitoring", { kind: "quarter", year: 2026, quarter: 3 }, calendar)).toBe("2026-10-05"); // Monday
    expect(reportDueDay("monitoring", { kind: "quarter", year: 2026, quarter: 2 }, calendar)).toBe("2026-07-03"); // 5 July is a Sunday
    expect(reportDueDay("monitoring", { kind: "quarter", year: 2026, quarter: 1 }, calendar)).toBe("2026-04-03"); // 5 April is a Sunday
    expect(reportDueDay("monitoring", { kind: "quarter", year: 2026, quarter: 4 }, calendar)).toBe("2027-01-05");
  });

  it("is reminded of 5, 2 and 1 working days before and on the day", () => {
    const days = ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06"].map((d) => reminderDaysLeft("2026-10-05", d, calendar, DEFAULT_REMINDER_POLICY));
    expect(days).toEqual([5, null, null, 2, 1, 0, null]);
  });
});

describe("monitoring reminders", () => {
  it("go to each compliance officer on the reminder days, in their language, with the totals so far", async () => {
    await planItem("2026-07-15", "done", "2026-07-14");
    await planItem("2026-09-30");
    const tg = fakeTelegram();
    const reminders = job(tg);
    const log: string[] = [];
    for (const day of ["2026-09-26", "2026-09-28", "2026-09-29", "2026-09-30", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06"]) {
      for (const time of ["08:30", "10:00", "15:00", "18:30"]) {
        at(day, time);
        const before = tg.calls.length;
        await reminders.tick();
        for (const c of tg.calls.slice(before)) if (c.ok) log.push(`${day} ${time} ${c.chatId}`);
      }
    }
    expect(log).toEqual(["2026-09-28", "2026-10-01", "2026-10-02", "2026-10-05"].flatMap((d) => [`${d} 10:00 720001`, `${d} 10:00 720002`]));
    const ru = tg.delivered(720001).map((c) => c.text);
    // On 28.09 the quarter is not over: item 2 is not yet due.
    expect(ru[0]).toContain("До 05.10.2026 нужно представить информацию об исполнении плана мероприятий за III квартал 2026 года (осталось рабочих дней: 5)");
    expect(ru[0]).toContain("исполнено в срок — 1, срок продлён — 0, с нарушением срока — 0, не исполнено — 0, срок не наступил — 1");
    expect(ru[1]).toContain("не исполнено — 1, срок не наступил — 0");
    expect(ru[3]).toMatch(/^Сегодня, 05\.10\.2026, последний день/);
    expect(tg.delivered(720002)[0]!.text).toContain("2026 жылғы III тоқсан");
    expect(JSON.stringify(tg.delivered(720001)[0]!.payload)).toContain("mn.d:2026:3");
  });

  it("say nothing for a quarter whose plan has no due dates", async () => {
    await planItem("2026-11-10");
    const tg = fakeTelegram();
    at("2026-10-01");
    expect(await job(tg).tick()).toEqual({ queued: 0 });
    expect(tg.calls).toHaveLength(0);
  });

  it("are queued once with two instances on one database", async () => {
    await planItem("2026-09-30");
    at("2026-10-01");
    // SQLite: one file, one client (as in task-reminders.test.ts); PostgreSQL: a second pool.
    const other = h.db.provider === "postgres" ? await openDatabase(h.db.url, { poolSize: 4 }) : h.db;
    try {
      const tg = fakeTelegram();
      await Promise.all([job(tg).tick(), job(tg, other).tick(), job(tg).tick()]);
      expect(tg.delivered(720001)).toHaveLength(1);
      expect(tg.delivered(720002)).toHaveLength(1);
      expect(await h.db.prisma.planReportNotice.count()).toBe(2);
    } finally {
      if (other !== h.db) await other.close();
    }
  });
});
