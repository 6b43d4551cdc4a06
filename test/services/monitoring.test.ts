// The non-execution list for the head (services/monitoring.ts, seed 004 item 5): queued to every
// observer once per quarter, even when two officers press at the same moment, audited; nothing
// when every due date was met or nobody observes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { sendNonExecutionToHead } from "../../src/services/monitoring.js";
import { createOutbox } from "../../src/services/outbox.js";
import { createHarness, type Harness } from "../support/harness.js";
import { registerMonitoringNotifications } from "../../src/bot/features/monitoring/notifications.js";
import { Notifications } from "../../src/bot/notifications/index.js";
import type { PlanNonExecutionNotice } from "../../src/domain/notifications.js";
import { createI18n } from "../../src/i18n.js";

let h: Harness;
let actor: number;
const period = { kind: "quarter", year: 2026, quarter: 3 } as const;

beforeEach(async () => {
  h = await createHarness({ now: zonedDateTime("2026-10-02", "10:00", "Asia/Almaty") });
  actor = (await h.db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000002", role: "compliance", language: "ru", telegramId: 730001n, registeredAt: new Date() } })).id;
});
afterEach(() => h.destroy());

async function planItem(dueOn: string, status = "open"): Promise<void> {
  const task = await h.db.prisma.task.create({ data: { kind: "plan", number: "7", title: "Проверка деклараций", responsibleText: "Отдел кадров", deadline: JSON.stringify({ kind: "date", due: dueOn }) } });
  await h.db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn, status, doneOn: status === "done" ? dueOn : null } });
}

const observer = (n: number, language = "kk") =>
  h.db.prisma.user.create({ data: { fullName: `Бақылаушы ${n}`, phone: `7701100000${n}`, role: "observer", language, telegramId: BigInt(740000 + n), registeredAt: new Date() } });

const send = () => sendNonExecutionToHead(h.db.prisma, h.deps.outbox, { keyring: h.deps.keyring, period, asOf: "2026-10-02", actorUserId: actor, now: h.deps.now(), defaultLanguage: "ru" });

describe("the non-execution list for the head", () => {
  it("is queued to every observer once, however many presses", async () => {
    await planItem("2026-09-30");
    await planItem("2026-08-10", "done");
    await observer(1);
    await observer(2, "ru");
    const outcomes = await Promise.all([send(), send(), send()]);
    expect(outcomes.filter((o) => o.outcome === "sent")).toEqual([{ outcome: "sent", count: 2, items: 1 }]);
    expect(outcomes.filter((o) => o.outcome === "already")).toHaveLength(2);
    const reader = createOutbox({ db: h.db, keyring: h.deps.keyring, now: h.deps.now });
    const queued = (await h.db.prisma.outboxMessage.findMany()).map((m) => reader.open(m.payload).n as unknown as { kind: string; lang: string; items: { number: string; responsible: string; dueOn: string }[] });
    expect(queued.map((q) => [q.kind, q.lang]).sort()).toEqual([["planNonExecution", "kk"], ["planNonExecution", "ru"]]);
    expect(queued[0]!.items).toEqual([{ number: "7", measure: "Проверка деклараций", responsible: "Отдел кадров", dueOn: "2026-09-30" }]);
    expect(queued[0]).toMatchObject({ total: 1 });
    expect(await h.db.prisma.auditLog.count({ where: { action: "plan.non_execution_sent", actorUserId: actor } })).toBe(1);
    expect(await send()).toMatchObject({ outcome: "already" });
  });

  it("lists the first items of a long list and says how many there are", async () => {
    for (let i = 0; i < 12; i++) await planItem("2026-09-30");
    await observer(1);
    expect(await send()).toEqual({ outcome: "sent", count: 1, items: 12 });
    const reader = createOutbox({ db: h.db, keyring: h.deps.keyring, now: h.deps.now });
    const [row] = await h.db.prisma.outboxMessage.findMany();
    const notice = reader.open(row!.payload).n as unknown as { items: unknown[]; total: number };
    expect([notice.items.length, notice.total]).toEqual([10, 12]);
  });

  it("is not sent when every due date was met, or when nobody observes", async () => {
    await planItem("2026-08-10", "done");
    await observer(1);
    expect(await send()).toEqual({ outcome: "nothing" });
    await planItem("2026-09-30");
    await h.db.prisma.user.updateMany({ where: { role: "observer" }, data: { active: false } });
    expect(await send()).toEqual({ outcome: "noObservers" });
    expect(await h.db.prisma.planReportNotice.count()).toBe(0);
    expect(await h.db.prisma.outboxMessage.count()).toBe(0);
  });
});

describe("the non-execution list of a quarter that has not ended (review)", () => {
  it("is refused, and does not use up the quarter's one notice", async () => {
    // 02.10.2026: the fourth quarter runs; an item of it is already overdue.
    await planItem("2026-10-01");
    await observer(1);
    const current = { kind: "quarter", year: 2026, quarter: 4 } as const;
    const early = await sendNonExecutionToHead(h.db.prisma, h.deps.outbox, { keyring: h.deps.keyring, period: current, asOf: "2026-10-02", actorUserId: actor, now: h.deps.now(), defaultLanguage: "ru" });
    expect(early).toEqual({ outcome: "notEnded" });
    expect(await h.db.prisma.planReportNotice.count()).toBe(0);
    expect(await h.db.prisma.outboxMessage.count()).toBe(0);
    // After the quarter: the whole list goes.
    await planItem("2026-12-20");
    const later = await sendNonExecutionToHead(h.db.prisma, h.deps.outbox, { keyring: h.deps.keyring, period: current, asOf: "2027-01-04", actorUserId: actor, now: h.deps.now(), defaultLanguage: "ru" });
    expect(later).toEqual({ outcome: "sent", count: 1, items: 2 });
  });
});

describe("the non-execution list with a long item number (review)", () => {
  it("still fits one Telegram message: the number is cut like the other fields", async () => {
    // A № cell holding text (a merged cell copied from Word repeats the section's title there).
    const number = "Сыбайлас жемқорлыққа қарсы мониторинг және сыбайлас жемқорлық тәуекелдерін талдау ".repeat(6);
    for (let i = 0; i < 12; i++) {
      const task = await h.db.prisma.task.create({ data: { kind: "plan", number, title: "Проверка деклараций ".repeat(20), responsibleText: "Отдел кадров ".repeat(20), deadline: JSON.stringify({ kind: "date", due: "2026-09-30" }) } });
      await h.db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-09-30" } });
    }
    await observer(1, "ru");
    expect(await send()).toMatchObject({ outcome: "sent" });
    const reader = createOutbox({ db: h.db, keyring: h.deps.keyring, now: h.deps.now });
    const [row] = await h.db.prisma.outboxMessage.findMany();
    const notice = reader.open(row!.payload).n as unknown as PlanNonExecutionNotice;
    const notifications = new Notifications({ queue: async () => undefined, onUndelivered: () => undefined }, await createI18n());
    registerMonitoringNotifications(notifications);
    expect(notifications.render(notice).text.length).toBeLessThanOrEqual(4096);
  });
});
