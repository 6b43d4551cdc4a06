// The weekly digest (src/jobs/weekly-digest.ts): on the first working day of the week, from
// the reminder hour, one message per compliance officer and observer through the outbox, with
// the figures of their scope in their language; once per week and person across ticks and
// instances; nothing when there is nothing to say; nothing to someone who turned it off.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { createWeeklyDigest, type WeeklyDigest } from "../../src/jobs/weekly-digest.js";
import { registerSummaryNotifications } from "../../src/bot/features/summaries/notifications.js";
import { setDigest } from "../../src/services/summaries.js";
import { purgeDigestsBefore } from "../../src/db/repositories/summaries.js";
import { fakeTelegram, outboxThrough, sendingAfterTick, type FakeTelegram } from "../support/campaign-fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const TZ = "Asia/Almaty";
const COMPLIANCE = 810001;
const OBSERVER = 810002;
const OFFICER = 810003;
let h: Harness;
let officerId: number;
let complianceId: number;

beforeEach(async () => {
  h = await createHarness({ now: zonedDateTime("2026-03-02", "10:00", TZ) });
  const p = h.db.prisma;
  complianceId = (await p.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance", language: "ru", telegramId: BigInt(COMPLIANCE), registeredAt: new Date() } })).id;
  await p.user.create({ data: { fullName: "Омаров Бауыржан", phone: "77010000002", role: "observer", language: "kk", telegramId: BigInt(OBSERVER), registeredAt: new Date() } });
  officerId = (await p.user.create({ data: { fullName: "Ахметов Ерлан", phone: "77010000003", role: "officer", language: "ru", telegramId: BigInt(OFFICER), registeredAt: new Date() } })).id;
  // Someone who left: no digest.
  await p.user.create({ data: { fullName: "Бывший Наблюдатель", phone: "77010000004", role: "observer", language: "ru", telegramId: 810004n, registeredAt: new Date(), active: false } });
});
afterEach(() => h.destroy());

function at(date: string, time = "10:00"): void {
  h.clock.now = zonedDateTime(date, time, TZ);
}

/** The job of one instance on `database`, its outbox sent through `tg` after each tick. */
function job(tg: FakeTelegram, database: Database = h.db): WeeklyDigest {
  const { outbox, sender } = outboxThrough(h.deps, database, tg.api, registerSummaryNotifications);
  const digest = createWeeklyDigest({ db: database, notifier: outbox, logger: h.deps.logger, calendar: h.deps.calendar, config: h.config, now: h.deps.now });
  return sendingAfterTick(digest, sender);
}

async function planItem(dueOn: string, title: string, assignees: number[] = [officerId]): Promise<void> {
  const task = await h.db.prisma.task.create({
    data: { kind: "plan", number: "7", title, deadline: JSON.stringify({ kind: "date", due: dueOn }), assignees: { create: assignees.map((userId) => ({ userId })) } },
  });
  await h.db.prisma.taskOccurrence.create({ data: { taskId: task.id, dueOn } });
}

let reportSeq = 0;
async function report(audience: "compliance" | "observer", receivedOn: string, due: { ack: string; decision: string }): Promise<void> {
  reportSeq++;
  await h.db.prisma.report.create({
    data: { number: `2026-${String(reportSeq).padStart(4, "0")}`, receiptHash: `hash-${reportSeq}`, audience, category: "bribery", content: "sealed", receivedOn, ackDueOn: due.ack, decisionDueOn: due.decision },
  });
}

const texts = (tg: FakeTelegram, chat: number) => tg.delivered(chat).map((c) => c.text);

describe("the weekly digest", () => {
  it("goes once per person on the first working day, from the reminder hour, with each audience's counts, in each language", async () => {
    await planItem("2026-02-26", "Проверка аффилированности поставщиков");
    await planItem("2026-03-05", "Обучение сотрудников");
    // Compliance: an older case overdue (its acknowledgement was due 25 Feb), one new (the 7
    // days to 2 March start on 24 February); observers: one older case, not overdue.
    await report("compliance", "2026-02-20", { ack: "2026-02-25", decision: "2026-03-13" });
    await report("compliance", "2026-03-01", { ack: "2026-03-04", decision: "2026-03-20" });
    await report("observer", "2026-02-20", { ack: "2026-03-03", decision: "2026-03-31" });
    // A running campaign: 3 invited (one not reached yet), 1 answered; a closed one is not listed.
    const p = h.db.prisma;
    const it = await p.department.create({ data: { name: "Отдел ИТ" } });
    const def = await p.surveyDefinition.create({ data: { slug: "s", version: 1, title: "{}", content: JSON.stringify({ id: "s", title: { kk: "Қабылдау", ru: "Восприятие коррупции" }, mode: "anonymous", sections: [] }), checksum: "x", source: "test" } });
    const open = await p.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status: "open", opensOn: "2026-02-23", closesOn: "2026-03-13", audience: JSON.stringify({ kind: "all" }) } });
    await p.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status: "closed", opensOn: "2026-01-05", closesOn: "2026-01-20", closedOn: "2026-01-20", audience: JSON.stringify({ kind: "all" }) } });
    await p.campaignParticipant.createMany({
      data: [
        { campaignId: open.id, userId: officerId, departmentId: it.id, inviteStatus: "sent", invitedOn: "2026-02-23", completedOn: "2026-02-24" },
        { campaignId: open.id, userId: complianceId, departmentId: it.id, inviteStatus: "sent", invitedOn: "2026-02-23" },
        { campaignId: open.id, userId: complianceId + 100, departmentId: null, inviteStatus: "pending" },
      ],
    });
    const tg = fakeTelegram();
    const digest = job(tg);

    at("2026-03-02", "08:55");
    expect((await digest.tick()).queued).toBe(0);
    at("2026-03-02", "09:00");
    expect(await digest.tick()).toMatchObject({ queued: 2 });
    at("2026-03-02", "15:00");
    expect((await digest.tick()).queued).toBe(0);
    // Tuesday: not the first working day.
    at("2026-03-03", "10:00");
    expect((await digest.tick()).queued).toBe(0);

    expect(texts(tg, OFFICER)).toEqual([]);
    expect(texts(tg, 810004)).toEqual([]);
    const [ru] = texts(tg, COMPLIANCE);
    expect(texts(tg, COMPLIANCE)).toHaveLength(1);
    expect(ru).toContain("Еженедельная сводка, 02.03.2026");
    expect(ru).toContain("новые с 23.02.2026 по 01.03.2026: 1");
    expect(ru).toContain("просроченные: 1");
    expect(ru).toContain("⚠️ 26.02.2026 — 7. Проверка аффилированности поставщиков. Ответственные: Ахметов Ерлан; просрочено на 2 рабочих дня");
    expect(ru).toContain("📌 05.03.2026 — 7. Обучение сотрудников. Ответственные: Ахметов Ерлан");
    // The ledger's totals, as /campaigns shows them; no department (under the threshold here).
    expect(ru).toContain("• «Восприятие коррупции» (до 13.03.2026): ответили 1 из 2, 50%");
    expect(ru).not.toContain("Отдел ИТ");
    expect(ru!.match(/Восприятие коррупции/g)).toHaveLength(1);
    expect(tg.delivered(COMPLIANCE)[0]!.payload.reply_markup).toMatchObject({ inline_keyboard: [[{ text: "🔕 Не присылать сводку", callback_data: "sum.off" }]] });
    const [kk] = texts(tg, OBSERVER);
    expect(texts(tg, OBSERVER)).toHaveLength(1);
    expect(kk).toContain("Апталық шолу, 02.03.2026");
    expect(kk).toContain("Бақылаушылар қарайтын");
    expect(kk).toContain("23.02.2026 – 01.03.2026 аралығындағы жаңалары: 0");
    expect(kk).toContain("мерзімі өткендері: 0");
    expect(kk).toContain("кешігуі: 2 жұмыс күні");

    // The next week: once more.
    // Monday 9 March 2026 is the day off for 8 March: the week's digest goes on Tuesday.
    at("2026-03-09", "10:00");
    expect((await digest.tick()).queued).toBe(0);
    at("2026-03-10", "10:00");
    expect((await digest.tick()).queued).toBe(2);
    expect(texts(tg, COMPLIANCE)).toHaveLength(2);
    expect(await h.db.prisma.summaryDigest.count()).toBe(4);
  });

  it("says nothing when there is nothing to say, and decides that once", async () => {
    // Done and later due dates, decided cases: not news.
    await planItem("2026-04-20", "Позже");
    const tg = fakeTelegram();
    const digest = job(tg);
    at("2026-03-02", "10:00");
    expect(await digest.tick()).toMatchObject({ queued: 0, empty: 2 });
    expect(await digest.tick()).toMatchObject({ queued: 0, empty: 0 });
    expect(tg.calls).toHaveLength(0);
    expect(await h.db.prisma.outboxMessage.count()).toBe(0);
  });

  it("is not sent to someone who turned it off, and is again once turned back on", async () => {
    await planItem("2026-03-04", "Скоро");
    await setDigest(h.db.prisma, complianceId, false);
    expect(await h.db.prisma.auditLog.count({ where: { action: "summaries.digest_off", actorUserId: complianceId } })).toBe(1);
    const tg = fakeTelegram();
    const digest = job(tg);
    at("2026-03-02", "10:00");
    expect(await digest.tick()).toMatchObject({ queued: 1, optedOut: 1 });
    expect(texts(tg, COMPLIANCE)).toEqual([]);
    expect(texts(tg, OBSERVER)).toHaveLength(1);
    // Back on the same day: this week's digest still comes, once.
    await setDigest(h.db.prisma, complianceId, true);
    at("2026-03-02", "11:00");
    expect((await digest.tick()).queued).toBe(1);
    expect((await digest.tick()).queued).toBe(0);
    expect(texts(tg, COMPLIANCE)).toHaveLength(1);
    expect(await h.db.prisma.auditLog.count({ where: { action: "summaries.digest_on", actorUserId: complianceId } })).toBe(1);
  });

  it("two instances on one database queue each person's digest exactly once", async () => {
    await planItem("2026-03-04", "Скоро");
    for (let i = 0; i < 10; i++) {
      await h.db.prisma.user.create({ data: { fullName: `Комплаенс ${i}`, phone: `7702${String(i).padStart(7, "0")}`, role: "compliance", language: i % 2 ? "kk" : "ru", telegramId: BigInt(820000 + i), registeredAt: new Date() } });
    }
    const second = h.db.provider === "postgres" ? await openDatabase(h.db.url, { poolSize: 4 }) : h.db;
    try {
      const a = fakeTelegram({ yieldTurns: 2 });
      const b = fakeTelegram({ yieldTurns: 2 });
      at("2026-03-02", "10:00");
      const reports = await Promise.all([job(a).tick(), job(b, second).tick(), job(a).tick()]);
      const delivered = new Map<number, number>();
      for (const tg of [a, b]) for (const [chat, n] of tg.deliveredPerChat()) delivered.set(chat, (delivered.get(chat) ?? 0) + n);
      for (const chat of [COMPLIANCE, OBSERVER, ...Array.from({ length: 10 }, (_, i) => 820000 + i)]) expect(delivered.get(chat), String(chat)).toBe(1);
      expect(delivered.size).toBe(12);
      expect(reports.reduce((n, r) => n + r.queued, 0)).toBe(12);
      expect(await h.db.prisma.summaryDigest.count({ where: { outcome: "queued" } })).toBe(12);
    } finally {
      if (second !== h.db) await second.close();
    }
  });

  it("on a week whose Monday is a holiday, goes on the first working day (Nauryz 2026: Thursday 26 March)", async () => {
    await planItem("2026-03-27", "Отчёт");
    const tg = fakeTelegram();
    const digest = job(tg);
    for (const day of ["2026-03-23", "2026-03-24", "2026-03-25"]) {
      at(day, "10:00");
      expect((await digest.tick()).queued, day).toBe(0);
    }
    at("2026-03-26", "10:00");
    expect((await digest.tick()).queued).toBe(2);
    expect(texts(tg, COMPLIANCE)[0]).toContain("Еженедельная сводка, 26.03.2026");
  });
});

describe("the digest ledger", () => {
  it("keeps a year of weeks; housekeeping deletes older ones", async () => {
    await h.db.prisma.summaryDigest.createMany({ data: [{ userId: complianceId, week: "2025-02-24", outcome: "queued" }, { userId: complianceId, week: "2025-03-03", outcome: "empty" }] });
    expect(await purgeDigestsBefore(h.db.prisma, "2025-03-03")).toBe(1);
    expect((await h.db.prisma.summaryDigest.findMany()).map((r) => r.week)).toEqual(["2025-03-03"]);
  });
});

describe("the weekly digest's new reports (review: every day in exactly one digest)", () => {
  it("counts a report filed after Monday's digest in the next one, even when the next week starts on Tuesday, and never twice", async () => {
    const tg = fakeTelegram();
    const digest = job(tg);
    // Wednesday's report makes the first digest worth sending (it counts it); Monday's after the digest went belongs to the next.
    await report("compliance", "2026-02-25", { ack: "2026-03-30", decision: "2026-04-30" });
    at("2026-03-02", "09:30");
    await digest.tick();
    await report("compliance", "2026-03-02", { ack: "2026-03-30", decision: "2026-04-30" });
    await report("compliance", "2026-03-03", { ack: "2026-03-30", decision: "2026-04-30" });
    // 9 March is a day off: the next digest goes on Tuesday 10 March, at 09:30.
    at("2026-03-10", "09:30");
    await digest.tick();
    await report("compliance", "2026-03-10", { ack: "2026-03-30", decision: "2026-04-30" });
    at("2026-03-16", "09:30");
    await digest.tick();
    const counts = texts(tg, COMPLIANCE).map((t) => /новые с (\S+) по (\S+): (\d+)/.exec(t!)?.slice(1));
    expect(counts).toEqual([
      ["23.02.2026", "01.03.2026", "1"],
      ["02.03.2026", "09.03.2026", "2"],
      ["10.03.2026", "15.03.2026", "1"],
    ]);
  });
});
