// Board report reminders (src/jobs/board-reminders.ts): 5, 2 and 1 working days before the due
// date and on the day, to each reachable compliance officer in their language, once per day
// however often the job runs; nothing for a period with nothing in it, nothing once approved,
// nothing before the reminders' hour.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import type { Notification, Notifier, QueuedNotification } from "../../src/domain/notifications.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders.js";
import { createBoardReminders } from "../../src/jobs/board-reminders.js";
import { createHarness, type Harness } from "../support/harness.js";

const TZ = "Asia/Almaty";
let h: Harness;
let queued: Notification[];

const notifier: Notifier = {
  async queue(items: readonly (Notification | QueuedNotification)[]) {
    for (const item of items) queued.push("notification" in item ? item.notification : item);
  },
  onUndelivered() {},
};

beforeEach(async () => {
  queued = [];
  h = await createHarness({ now: zonedDateTime("2026-10-12", "10:00", TZ) });
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Ким Анна", phone: "77010000002", role: "compliance", language: "ru", telegramId: 710002n, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Сейтова Айгерім", phone: "77010000003", role: "compliance", language: "kk", telegramId: 710003n, registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Не зарегистрирована", phone: "77010000004", role: "compliance" } });
  const task = await p.task.create({ data: { kind: "plan", number: "1", title: "Проверка", deadline: "2026-08-14" } });
  await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-08-14" } });
});
afterEach(() => h.destroy());

const job = () => createBoardReminders({ db: h.db, notifier, logger: h.deps.logger, calendar: h.deps.calendar, config: h.config, policy: DEFAULT_REMINDER_POLICY, now: () => h.clock.now });

async function walk(from: number, to: number, time = "10:00"): Promise<string[]> {
  const reminders = job();
  for (let d = from; d <= to; d++) {
    h.clock.now = zonedDateTime(`2026-10-${String(d).padStart(2, "0")}`, time, TZ);
    await reminders.tick();
    await reminders.tick();
  }
  return queued.map((n) => (n.kind === "boardReminder" ? `${n.chatId}:${n.lang}:${n.periodKey}:${n.dueOn}:${n.daysLeft}` : n.kind));
}

describe("board report reminders", () => {
  it("go 5, 2 and 1 working days before the due date (the 25th is a Sunday: Friday the 23rd) and on the day, once each", async () => {
    const sent = await walk(12, 27);
    const day = (left: number) => [`710002:ru:2026-Q3:2026-10-23:${left}`, `710003:kk:2026-Q3:2026-10-23:${left}`];
    expect(sent).toEqual([...day(5), ...day(2), ...day(1), ...day(0)]);
    expect(await h.db.prisma.boardReminder.count()).toBe(8);
  });

  it("say nothing for a period with nothing in it", async () => {
    await h.db.prisma.taskOccurrence.deleteMany();
    expect(await walk(12, 27)).toEqual([]);
  });

  it("are not set off by a report routed past compliance (compliance must not learn it arrived)", async () => {
    await h.db.prisma.taskOccurrence.deleteMany();
    const report = { receiptHash: "h", category: "gifts", content: "sealed", receivedOn: "2026-08-03", ackDueOn: "2026-08-06", decisionDueOn: "2026-08-24" };
    await h.db.prisma.report.create({ data: { ...report, number: "2026-0001", audience: "observer" } });
    expect(await walk(16, 16)).toEqual([]);
    await h.db.prisma.report.create({ data: { ...report, number: "2026-0002", receiptHash: "h2", audience: "compliance" } });
    expect(await walk(16, 16)).toHaveLength(2);
  });

  it("say nothing once the report is approved", async () => {
    await h.db.prisma.boardReport.create({ data: { periodKey: "2026-Q3", status: "approved", snapshot: "x", draftNonce: "abcdef", draftedOn: "2026-10-12", approvedOn: "2026-10-12" } });
    expect(await walk(12, 27)).toEqual([]);
  });

  it("wait for the reminders' hour", async () => {
    expect(await walk(16, 16, "08:30")).toEqual([]);
  });
});
