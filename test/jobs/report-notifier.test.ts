// Background work of anonymous reports (src/jobs/report-notifier.ts): batched, content-free
// alerts to the handlers of an audience after their random delay, exactly once across
// instances and without losing events that arrive during a send; opt-in pings to the
// decrypted chat in its language; escalation of overdue cases once per deadline in office
// hours of working days (compliance cases to the heads too); purge after retention; old
// abuse counters purged by housekeeping. Nothing identifying or written by the reporter
// reaches a message to officers or the log.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { zonedDateTime } from "../../src/domain/calendar/time-zone.js";
import { createI18n, type I18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { createReportNotifier, type ReportNotifier } from "../../src/jobs/report-notifier.js";
import { registerReportNotifications } from "../../src/bot/features/reports/notifications.js";
import { housekeepingJob } from "../../src/jobs/housekeeping.js";
import { changeStatus, extend, fileReport, isSubscribed, reply, subscribe, type NewReport, type ReportServiceDeps } from "../../src/services/reports.js";
import { BLOCKED, fakeTelegram, outboxThrough, sendingAfterTick, SERVER_ERROR, type FakeTelegram } from "../support/campaign-fixtures.js";
import { createMetrics } from "../../src/metrics.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { LogCapture, TEST_KEY, testConfig } from "../support/harness.js";
import { CLAIM_TTL_MS } from "../../src/jobs/background.js";

const TZ = "Asia/Almaty";
const keyring = createKeyring([TEST_KEY]);
const calendar = createWorkCalendar();
const config = testConfig({ REPORT_RETENTION_DAYS: "30" });

const COMPLIANCE_RU = 810001;
const COMPLIANCE_KK = 810002;
const INACTIVE = 810009;
const OBSERVER = 820001;
const EMPLOYEE = 830001;
const REPORTER_CHAT = 900001;

const SECRET = "Начальник склада Ержанов требует откат 10% с каждого договора";
const REPORT: NewReport = {
  category: "bribery",
  involvesManagement: false,
  content: { unit: "Склад №3", what: SECRET, whenWhere: "Январь 2026, склад №3", who: "Ержанов", attachments: [] },
};

let db: TestDatabase;
let i18n: I18n;
let logs: LogCapture;
const clock = { now: new Date() };
let rnd = 0.5;
let svc: ReportServiceDeps;
let complianceId: number;
let observerId: number;

beforeEach(async () => {
  db = await createTestDatabase();
  i18n = await createI18n();
  logs = new LogCapture();
  rnd = 0.5;
  at("2026-02-03", "10:00"); // Tuesday
  svc = { db: db.prisma, keyring, calendar, now: () => new Date(clock.now), timeZone: TZ, policy: config.reports, random: () => rnd };
  const person = (telegramId: number | null, role: string, language: string | null, active = true) =>
    db.prisma.user.create({ data: { fullName: `Person ${telegramId ?? "unregistered"} ${role}`, role, language, active, telegramId: telegramId === null ? null : BigInt(telegramId), registeredAt: telegramId === null ? null : new Date() } });
  complianceId = (await person(COMPLIANCE_RU, "compliance", "ru")).id;
  await person(COMPLIANCE_KK, "compliance", "kk");
  await person(INACTIVE, "compliance", "ru", false);
  await person(null, "compliance", null);
  observerId = (await person(OBSERVER, "observer", "ru")).id;
  await person(EMPLOYEE, "employee", "ru");
});
afterEach(() => db.destroy());

function at(date: string, time: string): void {
  clock.now = zonedDateTime(date, time, TZ);
}

function notifier(tg: FakeTelegram, database: Database = db, logger = createLogger("debug", logs)): ReportNotifier {
  const now = () => new Date(clock.now);
  const { outbox, sender } = outboxThrough({ keyring, i18n, logger, metrics: createMetrics({ defaults: false }), now }, database, tg.api, registerReportNotifications);
  return sendingAfterTick(createReportNotifier({ db: database, keyring, notifier: outbox, logger, calendar, config, now, random: () => rnd }), sender);
}

const texts = (tg: FakeTelegram, chat: number) => tg.delivered(chat).map((c) => c.text);
const officer = (role: "compliance" | "observer" = "compliance") => ({ id: role === "compliance" ? complianceId : observerId, role });

function expectNoSecrets(text: string): void {
  for (const s of [SECRET, "Ержанов", "Склад", "откат", "Взяточничество", "Парақорлық", "2026-00", String(REPORTER_CHAT)]) expect(text).not.toContain(s);
}

describe("alerts to case handlers", () => {
  it("go out once after the random delay, one per compliance officer, with a count and nothing else", async () => {
    for (let i = 0; i < 3; i++) await fileReport(svc, REPORT);
    const tg = fakeTelegram();
    const job = notifier(tg);
    at("2026-02-03", "10:24"); // the first report fixed the send time at 10:25 (10 + 0.5 × 30 minutes)
    expect(await job.tick()).toMatchObject({ alerts: 0 });
    expect(tg.calls).toEqual([]);
    at("2026-02-03", "10:25");
    expect(await job.tick()).toMatchObject({ alerts: 2 });
    expect(texts(tg, COMPLIANCE_RU)).toEqual(["📥 Новых событий по анонимным сообщениям о коррупции: 3. Откройте /cases, чтобы посмотреть."]);
    expect(texts(tg, COMPLIANCE_KK)).toEqual(["📥 Сыбайлас жемқорлық туралы анонимді хабарламалар бойынша жаңа оқиғалар: 3. Қарау үшін /cases ашыңыз."]);
    expect([...tg.deliveredPerChat().keys()].sort()).toEqual([COMPLIANCE_RU, COMPLIANCE_KK]); // not the observer, the inactive or the employee
    for (const c of tg.calls) {
      expectNoSecrets(c.text);
      expect(c.payload.reply_markup).toBeUndefined();
    }
    expect(await db.prisma.reportAlert.count()).toBe(0);
    at("2026-02-03", "11:30");
    await job.tick();
    expect(tg.calls).toHaveLength(2);
    expectNoSecrets(logs.text);
  });

  it("a report about compliance or top management alerts the observers only", async () => {
    await fileReport(svc, { ...REPORT, involvesManagement: true });
    const tg = fakeTelegram();
    at("2026-02-03", "10:30");
    await notifier(tg).tick();
    expect(texts(tg, OBSERVER)).toEqual(["📥 Новых событий по анонимным сообщениям о коррупции: 1. Откройте /cases, чтобы посмотреть."]);
    expect(tg.deliveredPerChat().size).toBe(1);
  });

  it("events filed while the alert is being sent are kept for the next batch", async () => {
    await fileReport(svc, REPORT);
    await fileReport(svc, REPORT);
    const tg = fakeTelegram();
    let filed = false;
    tg.api.config.use(async (prev, method, payload, signal) => {
      if (method === "sendMessage" && !filed) {
        filed = true;
        rnd = 0; // a new batch would be due 10 minutes after this moment
        await fileReport(svc, REPORT);
      }
      return prev(method, payload, signal);
    });
    const job = notifier(tg);
    at("2026-02-03", "10:30");
    await job.tick();
    expect(texts(tg, COMPLIANCE_RU)).toEqual(["📥 Новых событий по анонимным сообщениям о коррупции: 2. Откройте /cases, чтобы посмотреть."]);
    const left = await db.prisma.reportAlert.findUniqueOrThrow({ where: { audience: "compliance" } });
    expect(left).toMatchObject({ events: 1, claimedAt: null });
    expect(left.sendAfter.getTime()).toBeGreaterThan(clock.now.getTime()); // a fresh random delay
    at("2026-02-03", "10:40");
    await job.tick();
    expect(texts(tg, COMPLIANCE_RU)).toEqual([
      "📥 Новых событий по анонимным сообщениям о коррупции: 2. Откройте /cases, чтобы посмотреть.",
      "📥 Новых событий по анонимным сообщениям о коррупции: 1. Откройте /cases, чтобы посмотреть.",
    ]);
    expect(await db.prisma.reportAlert.count()).toBe(0);
  });

  it("when Telegram fails for everyone, the outbox records it and sends the alerts again later", async () => {
    await fileReport(svc, REPORT);
    const tg = fakeTelegram();
    tg.failures.set(COMPLIANCE_RU, SERVER_ERROR);
    tg.failures.set(COMPLIANCE_KK, SERVER_ERROR);
    const job = notifier(tg);
    at("2026-02-03", "10:30");
    expect(await job.tick()).toMatchObject({ alerts: 2 });
    expect(texts(tg, COMPLIANCE_RU)).toHaveLength(0);
    expect(await db.prisma.outboxMessage.findMany({ select: { ambiguous: true } })).toEqual([{ ambiguous: 1 }, { ambiguous: 1 }]);
    tg.failures.clear();
    at("2026-02-03", "10:36");
    expect(await job.tick()).toMatchObject({ alerts: 0 });
    expect(texts(tg, COMPLIANCE_RU)).toHaveLength(1);
    expect(texts(tg, COMPLIANCE_KK)).toHaveLength(1);
  });

  it("a claim left by a crash is taken over after the TTL", async () => {
    await fileReport(svc, REPORT);
    const claimedAt = zonedDateTime("2026-02-03", "10:28", TZ);
    await db.prisma.reportAlert.update({ where: { audience: "compliance" }, data: { claimedAt } });
    const tg = fakeTelegram();
    const job = notifier(tg);
    at("2026-02-03", "10:30");
    await job.tick();
    expect(tg.calls).toEqual([]); // another instance may still be sending it
    clock.now = new Date(claimedAt.getTime() + CLAIM_TTL_MS + 60_000);
    await job.tick();
    await job.tick();
    expect(texts(tg, COMPLIANCE_RU)).toHaveLength(1);
  });
});

describe("pings to reporters who opted in", () => {
  async function subscribedCase(chatId: number, lang: "kk" | "ru"): Promise<number> {
    const filed = await fileReport(svc, REPORT);
    await subscribe(svc, filed.id, { chatId, lang });
    return filed.id;
  }

  it("go to the decrypted chat after the random delay, once, in the stored language", async () => {
    const id = await subscribedCase(REPORTER_CHAT, "kk");
    expect(JSON.stringify(await db.prisma.reportMailbox.findMany())).not.toContain(String(REPORTER_CHAT));
    const tg = fakeTelegram();
    const job = notifier(tg);
    at("2026-02-03", "11:00");
    await reply(svc, officer(), id, "Спасибо, проверяем.");
    await job.tick(); // alert to officers only
    expect(texts(tg, REPORTER_CHAT)).toEqual([]);
    at("2026-02-03", "11:24"); // ping delay: 5 + 0.5 × 40 = 25 minutes
    await job.tick();
    expect(texts(tg, REPORTER_CHAT)).toEqual([]);
    at("2026-02-03", "11:25");
    expect(await job.tick()).toMatchObject({ pings: 1 });
    expect(texts(tg, REPORTER_CHAT)).toEqual(["🔔 Сыбайлас жемқорлық туралы хабарламаңыз бойынша жаңалық бар. Оны құпия кодыңызбен ашыңыз: /case"]);
    expect(await db.prisma.reportMailbox.findFirstOrThrow()).toMatchObject({ pingAfter: null, claimedAt: null });
    at("2026-02-03", "12:30");
    await job.tick();
    expect(texts(tg, REPORTER_CHAT)).toHaveLength(1);
    // The next news pings again, in the same way.
    await reply(svc, officer(), id, "Нужны подробности.");
    at("2026-02-03", "13:00");
    await job.tick();
    expect(texts(tg, REPORTER_CHAT)).toHaveLength(2);
    expect(logs.text).not.toContain(String(REPORTER_CHAT));
    expectNoSecrets(logs.text);
  });

  it("a chat that blocked the bot loses its mailbox; a failed ping is sent again by the outbox", async () => {
    const blocked = await subscribedCase(REPORTER_CHAT, "ru");
    const flaky = await subscribedCase(REPORTER_CHAT + 1, "ru");
    const tg = fakeTelegram();
    tg.failures.set(REPORTER_CHAT, BLOCKED);
    tg.failures.set(REPORTER_CHAT + 1, SERVER_ERROR);
    await changeStatus(svc, officer(), blocked, "review");
    await changeStatus(svc, officer(), flaky, "review");
    const job = notifier(tg);
    at("2026-02-03", "10:30");
    expect(await job.tick()).toMatchObject({ pings: 2 });
    expect(await isSubscribed(svc, blocked)).toBe(false);
    expect(await isSubscribed(svc, flaky)).toBe(true);
    tg.failures.clear();
    at("2026-02-03", "10:36");
    expect(await job.tick()).toMatchObject({ pings: 0 });
    expect(texts(tg, REPORTER_CHAT + 1)).toEqual(["🔔 По вашему сообщению о коррупции есть новости. Откройте его своим секретным кодом: /case"]);
    expect(texts(tg, REPORTER_CHAT)).toEqual([]);
    expect(logs.text).not.toContain(String(REPORTER_CHAT));
  });
});

describe("several instances", () => {
  it("two concurrent ticks send every alert and ping exactly once", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const filed = await fileReport(svc, { ...REPORT, involvesManagement: i % 3 === 0 });
      await subscribe(svc, filed.id, { chatId: REPORTER_CHAT + i, lang: "ru" });
      ids.push(filed.id);
    }
    for (const [i, id] of ids.entries()) await reply(svc, officer(i % 3 === 0 ? "observer" : "compliance"), id, "Ответ");
    const second = db.provider === "postgres" ? await openDatabase(db.url, { poolSize: 4 }) : db;
    try {
      const a = fakeTelegram({ yieldTurns: 2 });
      const b = fakeTelegram({ yieldTurns: 2 });
      at("2026-02-03", "10:30");
      const reports = await Promise.all([notifier(a).tick(), notifier(b, second).tick()]);
      const delivered = new Map<number, number>();
      for (const tg of [a, b]) for (const [chat, n] of tg.deliveredPerChat()) delivered.set(chat, (delivered.get(chat) ?? 0) + n);
      expect(delivered.get(COMPLIANCE_RU)).toBe(1);
      expect(delivered.get(COMPLIANCE_KK)).toBe(1);
      expect(delivered.get(OBSERVER)).toBe(1);
      for (let i = 0; i < 6; i++) expect(delivered.get(REPORTER_CHAT + i)).toBe(1);
      expect(reports.reduce((n, r) => n + r.alerts + r.pings, 0)).toBe(9);
    } finally {
      if (second !== db) await second.close();
    }
  });
});

describe("escalation of overdue cases", () => {
  it("after the deadline, on a working day from 09:00, once; compliance cases to the heads too", async () => {
    const compliance = await fileReport(svc, REPORT); // acknowledgement due Fri 06.02
    const routed = await fileReport(svc, { ...REPORT, involvesManagement: true });
    expect(compliance.ackDueOn).toBe("2026-02-06");
    const tg = fakeTelegram();
    const job = notifier(tg);
    const escalations = () => tg.calls.filter((c) => c.ok && c.text.startsWith("🚨")).map((c) => `${c.chatId} ${c.text}`);
    for (const [day, time] of [
      ["2026-02-06", "10:00"], // due today: not late yet
      ["2026-02-07", "10:00"], // Saturday
      ["2026-02-08", "12:00"], // Sunday
      ["2026-02-09", "08:55"], // Monday, before office hours
    ] as const) {
      at(day, time);
      await job.tick();
    }
    expect(escalations()).toEqual([]);
    at("2026-02-09", "09:05");
    expect(await job.tick()).toMatchObject({ escalations: 2, escalationMessages: 4 });
    at("2026-02-09", "15:00");
    await job.tick();
    expect(escalations()).toEqual([
      `${COMPLIANCE_RU} 🚨 Сообщение № ${compliance.number}: истёк срок подтверждения получения 06.02.2026 (просрочка — 1 рабочий день). Откройте /cases.`,
      `${COMPLIANCE_KK} 🚨 № ${compliance.number} хабарлама: алынғанын растау мерзімі 06.02.2026 өтті (1 жұмыс күні кешікті). /cases ашыңыз.`,
      `${OBSERVER} 🚨 Сообщение № ${compliance.number}: истёк срок подтверждения получения 06.02.2026 (просрочка — 1 рабочий день). Откройте /cases.`,
      `${OBSERVER} 🚨 Сообщение № ${routed.number}: истёк срок подтверждения получения 06.02.2026 (просрочка — 1 рабочий день). Откройте /cases.`,
    ]);
    for (const c of tg.calls) for (const s of [SECRET, "Ержанов", "Взяточничество"]) expect(c.text).not.toContain(s);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "report.escalated" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actorUserId, a.subject])).toEqual([
      [null, `report:${compliance.number}`],
      [null, `report:${routed.number}`],
    ]);
    expect(await db.prisma.report.findUniqueOrThrow({ where: { id: compliance.id } })).toMatchObject({ ackEscalatedOn: "2026-02-09", decisionEscalatedOn: null });

    // The decision deadline: the acknowledged compliance case and the routed one, once each.
    await changeStatus(svc, officer(), compliance.id, "review");
    expect(compliance.decisionDueOn).toBe("2026-02-24");
    const before = escalations().length;
    at("2026-02-24", "16:00");
    await job.tick();
    expect(escalations()).toHaveLength(before);
    at("2026-02-25", "09:00");
    await job.tick();
    at("2026-02-26", "09:00");
    await job.tick();
    const decision = escalations().slice(before);
    expect(decision).toHaveLength(4);
    expect(decision[0]).toBe(`${COMPLIANCE_RU} 🚨 Сообщение № ${compliance.number}: истёк срок принятия решения 24.02.2026 (просрочка — 1 рабочий день). Откройте /cases.`);
    expect(decision.filter((t) => t.startsWith(String(OBSERVER)))).toHaveLength(2);

    // One reasoned extension gives a new deadline, which escalates once more if missed.
    at("2026-02-25", "11:00");
    expect(await extend(svc, officer(), compliance.id, "2026-03-03", "Нужна экспертиза")).toBeNull();
    at("2026-03-03", "10:00");
    await job.tick();
    expect(escalations()).toHaveLength(before + 4);
    at("2026-03-04", "10:00");
    await job.tick();
    at("2026-03-04", "11:00");
    await job.tick();
    expect(escalations().slice(before + 4)).toEqual([
      `${COMPLIANCE_RU} 🚨 Сообщение № ${compliance.number}: истёк срок принятия решения 03.03.2026 (просрочка — 1 рабочий день). Откройте /cases.`,
      `${COMPLIANCE_KK} 🚨 № ${compliance.number} хабарлама: шешім қабылдау мерзімі 03.03.2026 өтті (1 жұмыс күні кешікті). /cases ашыңыз.`,
      `${OBSERVER} 🚨 Сообщение № ${compliance.number}: истёк срок принятия решения 03.03.2026 (просрочка — 1 рабочий день). Откройте /cases.`,
    ]);
  });

  it("two instances escalate a case once", async () => {
    await fileReport(svc, REPORT);
    const second = db.provider === "postgres" ? await openDatabase(db.url, { poolSize: 4 }) : db;
    try {
      const a = fakeTelegram({ yieldTurns: 2 });
      const b = fakeTelegram({ yieldTurns: 2 });
      at("2026-02-09", "09:30");
      const reports = await Promise.all([notifier(a).tick(), notifier(b, second).tick()]);
      expect(reports.reduce((n, r) => n + r.escalations, 0)).toBe(1);
      const escalated = [a, b].flatMap((tg) => tg.calls.filter((c) => c.ok && c.text.startsWith("🚨")));
      expect(escalated.map((c) => c.chatId).sort()).toEqual([COMPLIANCE_RU, COMPLIANCE_KK, OBSERVER].sort());
    } finally {
      if (second !== db) await second.close();
    }
  });
});

describe("retention", () => {
  it("purges a decided case with its entries and mailbox after the retention period, audited by number only", async () => {
    const filed = await fileReport(svc, REPORT);
    await subscribe(svc, filed.id, { chatId: REPORTER_CHAT, lang: "ru" });
    await reply(svc, officer(), filed.id, "Принято");
    await changeStatus(svc, officer(), filed.id, "decided", "unsubstantiated"); // decided 03.02
    const open = await fileReport(svc, REPORT); // undecided cases are never purged
    expect(await db.prisma.reportEntry.count({ where: { reportId: filed.id } })).toBeGreaterThan(0);
    const tg = fakeTelegram();
    const job = notifier(tg);
    at("2026-03-04", "23:59"); // 29 days later
    expect(await job.tick()).toMatchObject({ purged: 0 });
    expect(await db.prisma.report.count()).toBe(2);
    at("2026-03-05", "00:01"); // 30 days
    expect(await job.tick()).toMatchObject({ purged: 1 });
    expect(await db.prisma.report.findUnique({ where: { id: filed.id } })).toBeNull();
    expect(await db.prisma.reportEntry.count({ where: { reportId: filed.id } })).toBe(0);
    expect(await db.prisma.reportMailbox.count()).toBe(0);
    expect(await db.prisma.report.findUnique({ where: { id: open.id } })).not.toBeNull();
    const purged = await db.prisma.auditLog.findMany({ where: { action: "report.purged" } });
    expect(purged).toEqual([expect.objectContaining({ actorUserId: null, subject: `report:${filed.number}`, details: null })]);
    expect(await job.tick()).toMatchObject({ purged: 0 });
  });
});

describe("housekeeping", () => {
  it("purges the abuse counters of past days", async () => {
    await db.prisma.dailyCounter.createMany({
      data: [
        { key: "report:old", day: "2026-02-02", count: 2 },
        { key: "report:today", day: "2026-02-03", count: 1 },
      ],
    });
    at("2026-02-03", "03:17");
    await housekeepingJob(db, () => new Date(clock.now), TZ).run();
    expect((await db.prisma.dailyCounter.findMany()).map((c) => c.key)).toEqual(["report:today"]);
  });
});
