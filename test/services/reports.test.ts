import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { DEFAULT_REPORT_POLICY, type ReportContent } from "../../src/domain/reports/case.js";
import { normalizeReceipt, RECEIPT_BITS } from "../../src/domain/reports/receipts.js";
import {
  addFromReporter,
  addNote,
  ALERT_DELAY_MINUTES,
  assign,
  caseAudit,
  caseById,
  caseContent,
  CaseAccessError,
  caseEntries,
  changeStatus,
  extend,
  fileReport,
  findByReceipt,
  handlersOf,
  inbox,
  inboxCounts,
  INBOX_PAGE_SIZE,
  isSubscribed,
  mailboxHash,
  officerCase,
  PING_DELAY_MINUTES,
  readMailboxAddress,
  receiptHash,
  reply,
  REPORTER_VISIBLE,
  subscribe,
  unsubscribe,
  type NewReport,
  type Officer,
  type ReportServiceDeps,
} from "../../src/services/reports.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const master = randomBytes(32);
const keyring = createKeyring([master]);
const calendar = createWorkCalendar();
const START = new Date("2026-03-02T05:00:00Z"); // Monday 2 March 2026, 10:00 in Almaty
const MINUTE = 60_000;

let db: TestDatabase;
let now: Date;
let random: () => number;
let d: ReportServiceDeps;
let complianceA: Officer;
let complianceB: Officer;
let observer: Officer;
let employee: Officer;
let inactiveCompliance: Officer;

beforeEach(async () => {
  db = await createTestDatabase();
  now = new Date(START);
  random = () => 0.5;
  d = { db: db.prisma, keyring, calendar, now: () => now, timeZone: "Asia/Almaty", policy: DEFAULT_REPORT_POLICY, random: () => random() };
  const user = async (fullName: string, role: string, telegramId: bigint, active = true) => {
    const u = await db.prisma.user.create({ data: { fullName, role, telegramId, active } });
    return { id: u.id, role: u.role };
  };
  complianceA = await user("Сәрсенбаева Гүлнар", "compliance", 101n);
  complianceB = await user("Ахметов Ерлан", "compliance", 102n);
  observer = await user("Жұмабеков Нұрлан", "observer", 103n);
  employee = await user("Иванов Иван", "employee", 104n);
  inactiveCompliance = await user("Бекова Айгүл", "compliance", 105n, false);
});
afterEach(() => db.destroy());

const WHAT = "Начальник отдела закупок требует откат 10% — Сатып алу бөлімінің бастығы";
const WHEN_WHERE = "15 февраля, кабинет 304";
const WHO = "Серіков Д.";
const UNIT = "Отдел закупок";

const report = (over: Partial<NewReport> = {}): NewReport => ({
  category: "bribery",
  involvesManagement: false,
  content: { unit: UNIT, what: WHAT, whenWhere: WHEN_WHERE, who: WHO, attachments: [{ kind: "photo", fileId: "AgACAgIAAxkBAAIBQ2photo" }] },
  ...over,
});

const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * MINUTE);
};
const atDay = (iso: string) => {
  now = new Date(`${iso}T05:00:00Z`);
};

/** Every column of every report table, as text. */
async function dumpReportTables(): Promise<string> {
  const p = db.prisma;
  const all = await Promise.all([p.report.findMany(), p.reportEntry.findMany(), p.reportMailbox.findMany(), p.reportAlert.findMany(), p.reportCounter.findMany(), p.auditLog.findMany(), p.dailyCounter.findMany()]);
  return JSON.stringify(all, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

describe("filing", () => {
  it("numbers cases per year, never reusing a number", async () => {
    const a = await fileReport(d, report());
    const b = await fileReport(d, report());
    expect([a.number, b.number]).toEqual(["2026-0001", "2026-0002"]);
    // A purged case does not free its number.
    await db.prisma.report.delete({ where: { id: b.id } });
    expect((await fileReport(d, report())).number).toBe("2026-0003");
    // 31 December, 23:59 in Almaty is still 2026; a minute later it is 2027.
    now = new Date("2026-12-31T18:59:00Z");
    expect((await fileReport(d, report())).number).toBe("2026-0004");
    now = new Date("2026-12-31T19:00:00Z");
    const y2027 = await fileReport(d, report());
    expect(y2027.number).toBe("2027-0001");
    expect((await caseById(d, y2027.id))!.receivedOn).toBe("2027-01-01");
    expect((await db.prisma.reportCounter.findMany({ orderBy: { scope: "asc" } })).map((c) => [c.scope, c.last])).toEqual([
      ["2026:compliance", 4],
      ["2027:compliance", 1],
    ]);
  });

  it("numbers stay distinct when reports are filed at the same moment", async () => {
    const filed = await Promise.all(Array.from({ length: 6 }, () => fileReport(d, report())));
    expect(filed.map((f) => f.number).sort()).toEqual(["2026-0001", "2026-0002", "2026-0003", "2026-0004", "2026-0005", "2026-0006"]);
    expect(new Set(filed.map((f) => f.receipt)).size).toBe(6);
  });

  it("gives a receipt of at least 80 bits that opens the case however it is typed", async () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
    const filed = await fileReport(d, report());
    const other = await fileReport(d, report());
    expect(filed.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    const canonical = filed.receipt.replace(/-/g, "");
    const typings = [filed.receipt, filed.receipt.toLowerCase(), canonical, canonical.toLowerCase(), ` ${filed.receipt.replace(/-/g, " ")} `, canonical.match(/.{1,4}/g)!.join("-"), filed.receipt.replace(/0/g, "o").replace(/1/g, "l")];
    for (const typed of typings) expect((await findByReceipt(d, typed))?.id, typed).toBe(filed.id);
    expect((await findByReceipt(d, other.receipt))?.id).toBe(other.id);
  });

  it("a wrong code or garbage opens nothing", async () => {
    const filed = await fileReport(d, report());
    const canonical = normalizeReceipt(filed.receipt)!;
    const last = canonical.at(-1)!;
    const wrong = canonical.slice(0, -1) + (last === "Z" ? "Y" : "Z");
    expect(await findByReceipt(d, wrong)).toBeNull();
    expect(await findByReceipt(d, canonical.slice(0, -1))).toBeNull();
    expect(await findByReceipt(d, canonical + "A")).toBeNull();
    for (const junk of ["", "   ", "hello", "2026-0001", "UUUUU-UUUUU-UUUUU-UUUUU", "'; DROP TABLE Report; --", "ӘӘӘӘӘ-ӘӘӘӘӘ-ӘӘӘӘӘ-ӘӘӘӘӘ"]) expect(await findByReceipt(d, junk)).toBeNull();
  });

  it("stores only a keyed hash of the receipt and encrypts what the reporter wrote", async () => {
    const filed = await fileReport(d, report());
    const row = await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } });
    const canonical = normalizeReceipt(filed.receipt)!;
    expect(row.receiptHash).toBe(receiptHash(keyring, canonical));
    expect(row.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await dumpReportTables();
    for (const secret of [filed.receipt, canonical, canonical.toLowerCase(), WHAT, WHEN_WHERE, WHO, UNIT, "кабинет 304", "AgACAgIAAxkBAAIBQ2photo"]) expect(dump).not.toContain(secret);
    expect(row.content).toMatch(/^v1\./);
    expect(await caseContent(d, filed.id)).toEqual(report().content);
  });

  it("a different key reads nothing", async () => {
    const filed = await fileReport(d, report());
    const row = await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } });
    const stranger = createKeyring([randomBytes(32)]);
    expect(() => stranger.decryptText(row.content)).toThrow();
    const strangerDeps = { ...d, keyring: stranger };
    expect(await findByReceipt(strangerDeps, filed.receipt)).toBeNull();
    await expect(caseContent(strangerDeps, filed.id)).rejects.toThrow();
    // With the old key kept for reading (rotation), it is readable again.
    const rotated = createKeyring([randomBytes(32), master]);
    expect(JSON.parse(rotated.decryptText(row.content)) as ReportContent).toMatchObject({ what: WHAT });
  });

  it("routes reports involving management to the observer and sets the deadlines", async () => {
    const ordinary = await fileReport(d, report());
    const sensitive = await fileReport(d, report({ involvesManagement: true, category: "abuse" }));
    expect(ordinary.audience).toBe("compliance");
    expect(sensitive.audience).toBe("observer");
    // Monday 2 March 2026: 3 working days → 5 March; 15 (9 March is a day off) → 27 March.
    expect(ordinary).toMatchObject({ ackDueOn: "2026-03-05", decisionDueOn: "2026-03-27" });
    // Routed cases count apart: compliance sees no gap where they are.
    expect([ordinary.number, sensitive.number, (await fileReport(d, report())).number]).toEqual(["2026-0001", "2026-R0001", "2026-0002"]);
    expect(await caseById(d, sensitive.id)).toMatchObject({
      number: "2026-R0001",
      audience: "observer",
      category: "abuse",
      status: "received",
      outcome: null,
      receivedOn: "2026-03-02",
      ackDueOn: "2026-03-05",
      decisionDueOn: "2026-03-27",
      acknowledgedOn: null,
      extendedOn: null,
      decidedOn: null,
      assigneeId: null,
      overdue: { ack: false, decision: false },
    });
  });

  it("deadlines skip Nauryz", async () => {
    now = new Date("2026-03-19T05:00:00Z");
    expect(await fileReport(d, report())).toMatchObject({ ackDueOn: "2026-03-27", decisionDueOn: "2026-04-14" });
  });

  it("queues one content-free alert per audience, sent after a random delay", async () => {
    await fileReport(d, report());
    const first = await db.prisma.reportAlert.findUniqueOrThrow({ where: { audience: "compliance" } });
    expect(first.events).toBe(1);
    // random 0.5 → the middle of the range.
    expect(first.sendAfter.getTime()).toBe(START.getTime() + ((ALERT_DELAY_MINUTES.min + ALERT_DELAY_MINUTES.max) / 2) * MINUTE);
    // Later events join the batch without moving its send time.
    advance(5);
    random = () => 0.99;
    await fileReport(d, report());
    const filed = await fileReport(d, report({ involvesManagement: true }));
    await addFromReporter(d, filed.id, { text: "ещё" });
    const alerts = await db.prisma.reportAlert.findMany({ orderBy: { audience: "asc" } });
    expect(alerts.map((a) => [a.audience, a.events])).toEqual([
      ["compliance", 2],
      ["observer", 2],
    ]);
    expect(alerts[0]!.sendAfter).toEqual(first.sendAfter);
    const observerDelay = (alerts[1]!.sendAfter.getTime() - now.getTime()) / MINUTE;
    expect(observerDelay).toBeGreaterThanOrEqual(ALERT_DELAY_MINUTES.min);
    expect(observerDelay).toBeLessThanOrEqual(ALERT_DELAY_MINUTES.max);
  });

  it("alert delays stay within the range at both ends of the random source", async () => {
    for (const [r, audience] of [
      [0, false],
      [0.999999, true],
    ] as const) {
      random = () => r;
      await fileReport(d, report({ involvesManagement: audience }));
    }
    const alerts = await db.prisma.reportAlert.findMany({ orderBy: { audience: "asc" } });
    const delays = alerts.map((a) => (a.sendAfter.getTime() - START.getTime()) / MINUTE);
    expect(delays[0]).toBe(ALERT_DELAY_MINUTES.min);
    expect(delays[1]).toBeCloseTo(ALERT_DELAY_MINUTES.max, 2);
    expect(delays[1]).toBeLessThanOrEqual(ALERT_DELAY_MINUTES.max);
  });
});

describe("the reporter's follow-up", () => {
  it("adds texts and files to the case file, without an author", async () => {
    const filed = await fileReport(d, report());
    await addFromReporter(d, filed.id, { text: "Забыл добавить: это было дважды" });
    await addFromReporter(d, filed.id, { attachment: { kind: "document", fileId: "BQACAgIdoc", name: "счёт.pdf", mime: "application/pdf", size: 12345 } });
    const entries = await caseEntries(d, filed.id);
    expect(entries.map((e) => [e.authorId, e.on, e.body])).toEqual([
      [null, "2026-03-02", { kind: "reporter", text: "Забыл добавить: это было дважды" }],
      [null, "2026-03-02", { kind: "file", attachment: { kind: "document", fileId: "BQACAgIdoc", name: "счёт.pdf", mime: "application/pdf", size: 12345 } }],
    ]);
    const dump = await dumpReportTables();
    expect(dump).not.toContain("дважды");
    expect(dump).not.toContain("BQACAgIdoc");
    expect((await db.prisma.reportAlert.findUniqueOrThrow({ where: { audience: "compliance" } })).events).toBe(3);
    await expect(addFromReporter(d, 9999, { text: "x" })).rejects.toThrow();
  });

  it("sees replies, status changes and extensions, but not notes or assignments", async () => {
    const filed = await fileReport(d, report());
    await addFromReporter(d, filed.id, { text: "дополнение" });
    await assign(d, complianceA, filed.id, complianceB.id);
    await addNote(d, complianceA, filed.id, "внутренняя заметка");
    await reply(d, complianceA, filed.id, "Спасибо, рассматриваем");
    expect(await changeStatus(d, complianceA, filed.id, "review")).toBeNull();
    expect(await extend(d, complianceA, filed.id, "2026-04-10", "нужны документы")).toBeNull();
    expect(REPORTER_VISIBLE).not.toContain("note");
    expect(REPORTER_VISIBLE).not.toContain("assign");
    const all = await caseEntries(d, filed.id);
    expect(all.map((e) => e.body.kind)).toEqual(["reporter", "assign", "note", "reply", "status", "extension"]);
    // In the order written.
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    const visible = await caseEntries(d, filed.id, REPORTER_VISIBLE);
    expect(visible.map((e) => e.body)).toEqual([
      { kind: "reporter", text: "дополнение" },
      { kind: "reply", text: "Спасибо, рассматриваем" },
      { kind: "status", from: "received", to: "review" },
      { kind: "extension", from: "2026-03-27", to: "2026-04-10", reason: "нужны документы" },
    ]);
    expect(visible.find((e) => e.body.kind === "reply")!.authorId).toBe(complianceA.id);
    // The summary a receipt opens shows the new deadline.
    expect(await findByReceipt(d, filed.receipt)).toMatchObject({ status: "review", decisionDueOn: "2026-04-10", originalDecisionDueOn: "2026-03-27", extendedOn: "2026-03-02" });
  });
});

describe("mailbox", () => {
  it("subscribing stores the chat encrypted, linked only by a token inside the report", async () => {
    const filed = await fileReport(d, report());
    expect(await isSubscribed(d, filed.id)).toBe(false);
    await subscribe(d, filed.id, { chatId: 777_000_123, lang: "kk" });
    const boxes = await db.prisma.reportMailbox.findMany();
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.pingAfter).toBeNull();
    expect(readMailboxAddress(keyring, boxes[0]!.chat)).toEqual({ chatId: 777_000_123, lang: "kk" });
    const content = (await caseContent(d, filed.id))!;
    expect(content.mailboxToken).toBeTruthy();
    expect(boxes[0]!.tokenHash).toBe(mailboxHash(keyring, content.mailboxToken!));
    expect(await isSubscribed(d, filed.id)).toBe(true);
    // Nothing in storage shows the chat or the token in the clear.
    const dump = await dumpReportTables();
    expect(dump).not.toContain("777000123");
    expect(dump).not.toContain(content.mailboxToken!);
    // The rest of the content is kept.
    expect(content).toMatchObject(report().content);
    // Officers never see the token.
    const seen = await officerCase(d, complianceA, filed.id);
    expect(seen.content).not.toHaveProperty("mailboxToken");
    expect(seen.content).toEqual(report().content);
  });

  it("subscribing again replaces the mailbox; unsubscribing removes it", async () => {
    const filed = await fileReport(d, report());
    const other = await fileReport(d, report());
    await subscribe(d, other.id, { chatId: 5, lang: "ru" });
    await subscribe(d, filed.id, { chatId: 1, lang: "kk" });
    const firstToken = (await caseContent(d, filed.id))!.mailboxToken!;
    await subscribe(d, filed.id, { chatId: 2, lang: "ru" });
    const secondToken = (await caseContent(d, filed.id))!.mailboxToken!;
    expect(secondToken).not.toBe(firstToken);
    const boxes = await db.prisma.reportMailbox.findMany();
    expect(boxes).toHaveLength(2);
    const mine = boxes.find((b) => b.tokenHash === mailboxHash(keyring, secondToken))!;
    expect(readMailboxAddress(keyring, mine.chat)).toEqual({ chatId: 2, lang: "ru" });
    expect(boxes.some((b) => b.tokenHash === mailboxHash(keyring, firstToken))).toBe(false);

    expect(await unsubscribe(d, filed.id)).toBe(true);
    expect(await isSubscribed(d, filed.id)).toBe(false);
    expect((await caseContent(d, filed.id))!).not.toHaveProperty("mailboxToken");
    expect(await caseContent(d, filed.id)).toEqual(report().content);
    expect(await unsubscribe(d, filed.id)).toBe(false);
    // The other case's mailbox is untouched.
    expect(await db.prisma.reportMailbox.count()).toBe(1);
    expect(await isSubscribed(d, other.id)).toBe(true);
  });

  it("news schedules one ping after a random delay, and no second while one is pending", async () => {
    const filed = await fileReport(d, report());
    await subscribe(d, filed.id, { chatId: 42, lang: "ru" });
    const box = () => db.prisma.reportMailbox.findFirstOrThrow();

    expect(await changeStatus(d, complianceA, filed.id, "review")).toBeNull();
    const scheduled = (await box()).pingAfter!;
    expect(scheduled.getTime()).toBe(now.getTime() + ((PING_DELAY_MINUTES.min + PING_DELAY_MINUTES.max) / 2) * MINUTE);

    // More news while the ping is pending joins it.
    advance(10);
    await reply(d, complianceA, filed.id, "Ответ");
    await extend(d, complianceA, filed.id, "2026-04-01", "причина");
    expect((await box()).pingAfter).toEqual(scheduled);

    // Internal work is no news for the reporter.
    await db.prisma.reportMailbox.updateMany({ data: { pingAfter: null } });
    await addNote(d, complianceA, filed.id, "заметка");
    await assign(d, complianceA, filed.id, complianceA.id);
    await officerCase(d, complianceA, filed.id);
    expect((await box()).pingAfter).toBeNull();

    // After the ping went out (pingAfter cleared), the next news schedules another.
    for (const [r, act] of [
      [0, () => reply(d, complianceA, filed.id, "ещё ответ")],
      [0.999999, () => changeStatus(d, complianceA, filed.id, "decided", "substantiated")],
    ] as const) {
      await db.prisma.reportMailbox.updateMany({ data: { pingAfter: null } });
      random = () => r;
      await act();
      const delay = ((await box()).pingAfter!.getTime() - now.getTime()) / MINUTE;
      expect(delay).toBeCloseTo(r === 0 ? PING_DELAY_MINUTES.min : PING_DELAY_MINUTES.max, 2);
    }
  });

  it("extension pings too, and news without a mailbox is fine", async () => {
    const subscribed = await fileReport(d, report());
    const silent = await fileReport(d, report());
    await subscribe(d, subscribed.id, { chatId: 42, lang: "kk" });
    expect(await extend(d, complianceA, subscribed.id, "2026-04-01", "причина")).toBeNull();
    expect((await db.prisma.reportMailbox.findFirstOrThrow()).pingAfter).not.toBeNull();
    expect(await changeStatus(d, complianceA, silent.id, "review")).toBeNull();
    await reply(d, complianceA, silent.id, "ответ");
    // After unsubscribing, news schedules nothing.
    await unsubscribe(d, subscribed.id);
    await reply(d, complianceA, subscribed.id, "ответ");
    expect(await db.prisma.reportMailbox.count()).toBe(0);
  });
});

describe("officer access", () => {
  it("compliance cannot touch observer cases and vice versa", async () => {
    const ordinary = await fileReport(d, report());
    const sensitive = await fileReport(d, report({ involvesManagement: true }));
    const attempts = (officer: Officer, id: number) => [
      () => officerCase(d, officer, id),
      () => assign(d, officer, id, officer.id),
      () => changeStatus(d, officer, id, "review"),
      () => reply(d, officer, id, "ответ"),
      () => addNote(d, officer, id, "заметка"),
      () => extend(d, officer, id, "2026-04-01", "причина"),
      () => caseAudit(d, officer, id),
    ];
    for (const [officer, id] of [
      [complianceA, sensitive.id],
      [observer, ordinary.id],
      [employee, ordinary.id],
      [employee, sensitive.id],
      [complianceA, 9999],
    ] as const) {
      for (const attempt of attempts(officer, id)) await expect(attempt()).rejects.toBeInstanceOf(CaseAccessError);
    }
    // Nothing changed and nothing was written.
    for (const id of [ordinary.id, sensitive.id]) expect(await caseById(d, id)).toMatchObject({ status: "received", assigneeId: null, extendedOn: null, acknowledgedOn: null });
    expect(await db.prisma.reportEntry.count()).toBe(0);
    expect(await db.prisma.auditLog.count()).toBe(0);
    // The right role may.
    await expect(officerCase(d, observer, sensitive.id)).resolves.toMatchObject({ summary: { id: sensitive.id } });
    await expect(officerCase(d, complianceB, ordinary.id)).resolves.toMatchObject({ summary: { id: ordinary.id } });
  });

  it("only compliance and observers have an inbox, each seeing their own cases", async () => {
    await fileReport(d, report());
    await fileReport(d, report({ involvesManagement: true }));
    await fileReport(d, report({ involvesManagement: true }));
    await expect(inbox(d, employee, "all")).rejects.toBeInstanceOf(CaseAccessError);
    await expect(inbox(d, { id: 999, role: "officer" }, "open")).rejects.toBeInstanceOf(CaseAccessError);
    expect((await inbox(d, complianceA, "all")).cases.map((c) => c.audience)).toEqual(["compliance"]);
    expect((await inbox(d, observer, "all")).cases.map((c) => c.audience)).toEqual(["observer", "observer"]);
  });
});

describe("status workflow", () => {
  it("moves forward only; a decision needs an outcome and records the day", async () => {
    const filed = await fileReport(d, report());
    atDay("2026-03-04");
    expect(await changeStatus(d, complianceA, filed.id, "review")).toBeNull();
    expect(await caseById(d, filed.id)).toMatchObject({ status: "review", acknowledgedOn: "2026-03-04", decidedOn: null });
    expect(await changeStatus(d, complianceA, filed.id, "received")).toBe("backwards");
    expect(await changeStatus(d, complianceA, filed.id, "review")).toBe("backwards");
    atDay("2026-03-10");
    expect(await changeStatus(d, complianceA, filed.id, "checking")).toBeNull();
    // The first acknowledgement stays.
    expect((await caseById(d, filed.id))!.acknowledgedOn).toBe("2026-03-04");
    expect(await changeStatus(d, complianceA, filed.id, "decided")).toBe("outcomeRequired");
    expect((await caseById(d, filed.id))!.status).toBe("checking");
    atDay("2026-03-20");
    expect(await changeStatus(d, complianceA, filed.id, "decided", "referred")).toBeNull();
    expect(await caseById(d, filed.id)).toMatchObject({ status: "decided", outcome: "referred", decidedOn: "2026-03-20", acknowledgedOn: "2026-03-04", overdue: { ack: false, decision: false } });
    // Decided is final.
    for (const to of ["received", "review", "checking", "decided"] as const) expect(await changeStatus(d, complianceA, filed.id, to, "substantiated")).toBe("backwards");
    expect((await caseById(d, filed.id))!.outcome).toBe("referred");
    const statuses = await caseEntries(d, filed.id, ["status"]);
    expect(statuses.map((e) => [e.on, e.body])).toEqual([
      ["2026-03-04", { kind: "status", from: "received", to: "review" }],
      ["2026-03-10", { kind: "status", from: "review", to: "checking" }],
      ["2026-03-20", { kind: "status", from: "checking", to: "decided", outcome: "referred" }],
    ]);
    // Refused changes leave no trace.
    expect(await db.prisma.auditLog.count({ where: { action: "report.status" } })).toBe(3);
  });

  it("a case can be decided straight from received, acknowledging it", async () => {
    const filed = await fileReport(d, report());
    expect(await changeStatus(d, complianceA, filed.id, "decided", "no_action")).toBeNull();
    expect(await caseById(d, filed.id)).toMatchObject({ status: "decided", outcome: "no_action", decidedOn: "2026-03-02", acknowledgedOn: "2026-03-02" });
  });

  it("an outcome given with another status is not recorded", async () => {
    const filed = await fileReport(d, report());
    expect(await changeStatus(d, complianceA, filed.id, "review", "substantiated")).toBeNull();
    expect((await caseById(d, filed.id))!.outcome).toBeNull();
    const [row] = await db.prisma.auditLog.findMany({ where: { action: "report.status" } });
    expect(JSON.parse(row!.details!)).toEqual({ from: "received", to: "review" });
  });

  it("two officers moving the case at once: only one succeeds", async () => {
    const filed = await fileReport(d, report());
    const results = await Promise.all([changeStatus(d, complianceA, filed.id, "review"), changeStatus(d, complianceB, filed.id, "review")]);
    expect(results.sort()).toEqual(["backwards", null].sort());
    expect(await caseEntries(d, filed.id, ["status"])).toHaveLength(1);
  });

  it("a reply acknowledges the case without changing its status", async () => {
    const filed = await fileReport(d, report());
    atDay("2026-03-04");
    await reply(d, complianceA, filed.id, "Получили, спасибо");
    expect(await caseById(d, filed.id)).toMatchObject({ status: "received", acknowledgedOn: "2026-03-04" });
    atDay("2026-03-12");
    await reply(d, complianceA, filed.id, "Второй ответ");
    const summary = (await caseById(d, filed.id))!;
    expect(summary.acknowledgedOn).toBe("2026-03-04");
    // Past the acknowledgement day, but acknowledged: not overdue, nor in the overdue inbox.
    expect(summary.overdue).toEqual({ ack: false, decision: false });
    expect((await inbox(d, complianceA, "overdue")).total).toBe(0);
    expect((await inbox(d, complianceA, "new")).total).toBe(1);
  });
});

describe("assignment", () => {
  it("only to an active handler of the same audience", async () => {
    const ordinary = await fileReport(d, report());
    const sensitive = await fileReport(d, report({ involvesManagement: true }));
    await assign(d, complianceA, ordinary.id, complianceB.id);
    expect((await caseById(d, ordinary.id))!.assigneeId).toBe(complianceB.id);
    for (const wrong of [observer.id, employee.id, inactiveCompliance.id, 9999]) await expect(assign(d, complianceA, ordinary.id, wrong)).rejects.toBeInstanceOf(CaseAccessError);
    await expect(assign(d, observer, sensitive.id, complianceA.id)).rejects.toBeInstanceOf(CaseAccessError);
    await assign(d, observer, sensitive.id, observer.id);
    expect((await caseById(d, sensitive.id))!.assigneeId).toBe(observer.id);
    expect((await caseById(d, ordinary.id))!.assigneeId).toBe(complianceB.id);
    // Unassigning.
    await assign(d, complianceB, ordinary.id, null);
    expect((await caseById(d, ordinary.id))!.assigneeId).toBeNull();
    const entries = await caseEntries(d, ordinary.id, ["assign"]);
    expect(entries.map((e) => [e.authorId, e.body])).toEqual([
      [complianceA.id, { kind: "assign", assigneeId: complianceB.id }],
      [complianceB.id, { kind: "assign", assigneeId: null }],
    ]);
  });

  it("handlersOf lists the active people of each audience", async () => {
    expect((await handlersOf(d, "compliance")).map((u) => u.id)).toEqual([complianceB.id, complianceA.id]); // by name: А… before С…
    expect((await handlersOf(d, "observer")).map((u) => u.id)).toEqual([observer.id]);
  });
});

describe("extension", () => {
  it("once, to a later date within the maximum, with the reason encrypted", async () => {
    const filed = await fileReport(d, report());
    atDay("2026-03-20");
    expect(await extend(d, complianceA, filed.id, "2026-03-27", "причина")).toBe("notLater");
    expect(await extend(d, complianceA, filed.id, "2026-04-20", "причина")).toBe("tooLong");
    const reason = "Ждём ответ из департамента финансов";
    expect(await extend(d, complianceA, filed.id, "2026-04-17", reason)).toBeNull();
    const row = await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } });
    expect(row).toMatchObject({ decisionDueOn: "2026-04-17", originalDecisionDueOn: "2026-03-27", extendedOn: "2026-03-20" });
    expect(row.extensionReason).not.toContain("департамент");
    expect(keyring.decryptText(row.extensionReason!)).toBe(reason);
    expect(await extend(d, complianceA, filed.id, "2026-04-20", "ещё")).toBe("alreadyExtended");
    expect((await caseById(d, filed.id))!.decisionDueOn).toBe("2026-04-17");
    expect(await caseEntries(d, filed.id, ["extension"])).toHaveLength(1);
  });

  it("not for decided cases", async () => {
    const filed = await fileReport(d, report());
    await changeStatus(d, complianceA, filed.id, "decided", "unsubstantiated");
    expect(await extend(d, complianceA, filed.id, "2026-04-01", "причина")).toBe("decided");
    expect((await caseById(d, filed.id))!.extendedOn).toBeNull();
  });

  it("two officers extending at once: only one extension", async () => {
    const filed = await fileReport(d, report());
    const results = await Promise.all([extend(d, complianceA, filed.id, "2026-04-01", "a"), extend(d, complianceB, filed.id, "2026-04-02", "b")]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r === "alreadyExtended")).toHaveLength(1);
    expect(await caseEntries(d, filed.id, ["extension"])).toHaveLength(1);
    expect(await db.prisma.auditLog.count({ where: { action: "report.extended" } })).toBe(1);
  });

  it("a case decided while the extension was being written is not extended", async () => {
    const filed = await fileReport(d, report());
    // Another officer decides between the checks and the update.
    const report_ = db.prisma.report;
    const racingReport = new Proxy(report_, {
      get(target, prop, receiver) {
        if (prop !== "updateMany") return Reflect.get(target, prop, receiver);
        return async (args: Parameters<typeof report_.updateMany>[0]) => {
          await report_.update({ where: { id: filed.id }, data: { status: "decided", outcome: "no_action", decidedOn: "2026-03-02" } });
          return report_.updateMany(args);
        };
      },
    });
    const racingDb = new Proxy(db.prisma, { get: (target, prop, receiver) => (prop === "report" ? racingReport : Reflect.get(target, prop, receiver)) });
    expect(await extend({ ...d, db: racingDb }, complianceA, filed.id, "2026-04-01", "причина")).toBe("decided");
    expect(await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } })).toMatchObject({ status: "decided", extendedOn: null, decisionDueOn: "2026-03-27", extensionReason: null });
    expect(await caseEntries(d, filed.id, ["extension"])).toHaveLength(0);
  });

  it("the new decision day is a new clock: an earlier escalation is cleared", async () => {
    const filed = await fileReport(d, report());
    atDay("2026-03-30");
    await db.prisma.report.update({ where: { id: filed.id }, data: { decisionEscalatedOn: "2026-03-30" } });
    expect(await extend(d, complianceA, filed.id, "2026-04-10", "причина")).toBeNull();
    expect((await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } })).decisionEscalatedOn).toBeNull();
  });

  it("an overdue case that is extended is no longer overdue", async () => {
    const filed = await fileReport(d, report());
    await changeStatus(d, complianceA, filed.id, "review");
    atDay("2026-03-30");
    expect((await caseById(d, filed.id))!.overdue.decision).toBe(true);
    expect(await extend(d, complianceA, filed.id, "2026-04-10", "причина")).toBeNull();
    expect((await caseById(d, filed.id))!.overdue.decision).toBe(false);
  });
});

describe("inbox", () => {
  it("filters open, new, overdue, mine, closed and all", async () => {
    // Five compliance cases, one of them filed later; one observer case.
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push((await fileReport(d, report())).id);
    await fileReport(d, report({ involvesManagement: true }));
    atDay("2026-03-09");
    ids.push((await fileReport(d, report())).id); // received 9 March: ack due 12 March
    const [received, reviewed, assigned, decided, late] = ids as [number, number, number, number, number];
    atDay("2026-03-03");
    await changeStatus(d, complianceA, reviewed, "review");
    await changeStatus(d, complianceA, assigned, "checking");
    await assign(d, complianceA, assigned, complianceB.id);
    await assign(d, complianceA, decided, complianceB.id);
    await changeStatus(d, complianceA, decided, "decided", "substantiated");

    // 10 March: the first cases' acknowledgement (due 5 March) is late, the later one's is not.
    atDay("2026-03-10");
    const view = async (officer: Officer, f: Parameters<typeof inbox>[2]) => (await inbox(d, officer, f)).cases.map((c) => c.id);
    // Soonest decision day first: the cases of 2 March (due 27 March), then the later one.
    expect(await view(complianceA, "all")).toEqual([received, reviewed, assigned, decided, late]);
    expect(await view(complianceA, "open")).toEqual([received, reviewed, assigned, late]);
    expect(await view(complianceA, "new")).toEqual([received, late]);
    expect(await view(complianceA, "overdue")).toEqual([received]);
    expect(await view(complianceA, "mine")).toEqual([]);
    expect(await view(complianceB, "mine")).toEqual([assigned]);
    expect(await view(complianceA, "closed")).toEqual([decided]);
    expect((await inbox(d, complianceA, "open")).cases[0]!.overdue).toEqual({ ack: true, decision: false });

    // 30 March: every open case filed on 2 March is past its decision day (27 March); the
    // one filed on 9 March is due on 2 April but still unacknowledged (due 12 March).
    atDay("2026-03-30");
    expect(await view(complianceA, "overdue")).toEqual([received, reviewed, assigned, late]);
    expect((await caseById(d, late))!.overdue).toEqual({ ack: true, decision: false });
    expect((await caseById(d, reviewed))!.overdue).toEqual({ ack: false, decision: true });
    expect(await inboxCounts(d, complianceB)).toEqual({ open: 4, new: 2, overdue: 4, mine: 1, closed: 1, all: 5 });
    expect(await inboxCounts(d, observer)).toEqual({ open: 1, new: 1, overdue: 1, mine: 0, closed: 0, all: 1 });
  });

  it("pages through the cases, soonest deadline first; closed ones latest decision first", async () => {
    const ids: number[] = [];
    for (let i = 0; i < INBOX_PAGE_SIZE + 3; i++) {
      ids.push((await fileReport(d, report())).id);
      if (i % 4 === 3) advance(24 * 60); // a few per day: deadlines differ
    }
    const page0 = await inbox(d, complianceA, "open", 0);
    const page1 = await inbox(d, complianceA, "open", 1);
    const page2 = await inbox(d, complianceA, "open", 2);
    expect(page0.total).toBe(INBOX_PAGE_SIZE + 3);
    expect(page0.cases).toHaveLength(INBOX_PAGE_SIZE);
    expect(page1.cases).toHaveLength(3);
    expect(page2.cases).toHaveLength(0);
    const order = [...page0.cases, ...page1.cases];
    expect(order.map((c) => c.id)).toEqual(ids);
    const dues = order.map((c) => c.decisionDueOn);
    expect(dues).toEqual([...dues].sort());

    // Decide three on different days: the latest decision comes first.
    for (const [day, id] of [
      ["2026-03-10", ids[0]!],
      ["2026-03-12", ids[1]!],
      ["2026-03-11", ids[2]!],
    ] as const) {
      atDay(day);
      await changeStatus(d, complianceA, id, "decided", "no_action");
    }
    expect((await inbox(d, complianceA, "closed")).cases.map((c) => c.id)).toEqual([ids[1], ids[2], ids[0]]);
  });
});

describe("audit", () => {
  it("records every officer action, without report content", async () => {
    const filed = await fileReport(d, report());
    await addFromReporter(d, filed.id, { text: "ДОПОЛНЕНИЕ-СЕКРЕТ" });
    // The reporter's side leaves no audit rows.
    expect(await db.prisma.auditLog.count()).toBe(0);

    await officerCase(d, complianceA, filed.id);
    await assign(d, complianceA, filed.id, complianceB.id);
    await changeStatus(d, complianceB, filed.id, "review");
    await reply(d, complianceB, filed.id, "ОТВЕТ-СЕКРЕТ");
    await addNote(d, complianceB, filed.id, "ЗАМЕТКА-СЕКРЕТ");
    await extend(d, complianceB, filed.id, "2026-04-03", "ПРИЧИНА-СЕКРЕТ");
    await changeStatus(d, complianceB, filed.id, "decided", "substantiated");

    const trail = await caseAudit(d, complianceA, filed.id);
    expect(trail.map((a) => [a.actorUserId, a.action, a.subject])).toEqual([
      [complianceA.id, "report.viewed", "report:2026-0001"],
      [complianceA.id, "report.assigned", "report:2026-0001"],
      [complianceB.id, "report.status", "report:2026-0001"],
      [complianceB.id, "report.replied", "report:2026-0001"],
      [complianceB.id, "report.noted", "report:2026-0001"],
      [complianceB.id, "report.extended", "report:2026-0001"],
      [complianceB.id, "report.status", "report:2026-0001"],
    ]);
    expect(JSON.parse(trail[1]!.details!)).toEqual({ assigneeId: complianceB.id });
    expect(JSON.parse(trail[5]!.details!)).toEqual({ from: "2026-03-27", to: "2026-04-03" });
    expect(JSON.parse(trail[6]!.details!)).toEqual({ from: "review", to: "decided", outcome: "substantiated" });
    const audits = JSON.stringify(await db.prisma.auditLog.findMany());
    for (const secret of ["СЕКРЕТ", WHAT, WHEN_WHERE, WHO, UNIT, filed.receipt]) expect(audits).not.toContain(secret);
    // Nor anywhere else in the clear.
    const dump = await dumpReportTables();
    expect(dump).not.toContain("СЕКРЕТ");
  });

  it("officers see dates, not times", async () => {
    const filed = await fileReport(d, report());
    await reply(d, complianceA, filed.id, "ответ");
    const seen = await officerCase(d, complianceA, filed.id);
    for (const e of seen.entries) expect(e.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const v of [seen.summary.receivedOn, seen.summary.ackDueOn, seen.summary.decisionDueOn, seen.summary.acknowledgedOn]) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The report tables hold no timestamps of the report itself.
    const row = await db.prisma.report.findUniqueOrThrow({ where: { id: filed.id } });
    for (const v of Object.values(row) as unknown[]) expect(v).not.toBeInstanceOf(Date);
  });
});
