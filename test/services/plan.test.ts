import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { parsePlanFile, parsePlanRows } from "../../src/domain/plan/import.js";
import { addOneYear } from "../../src/domain/schedule.js";
import { KK_PLAN, RU_PROJECT_MAP, toCsv, toXlsx } from "../support/plan-fixtures.js";
import { createAnalysis, importPlan, openTasksOf, recordAnalysisEvent } from "../../src/services/plan.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { randomBytes } from "node:crypto";
import { createKeyring } from "../../src/domain/crypto.js";
import { planExecution } from "../../src/services/plan-execution.js";

const keyring = createKeyring([randomBytes(32)]);

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77010000001", position: "Главный бухгалтер", role: "officer", telegramId: 11n } });
  await db.prisma.user.create({ data: { fullName: "Сәрсенбаева Гүлнар", phone: "77010000002", role: "compliance", telegramId: 12n } });
});
afterEach(() => db.destroy());

const rows = [
  ["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"],
  ["1", "Конфликт интересов при закупках", "Проверка аффилированности поставщиков", "Справка", "Главный бухгалтер", "7 декабря 2026 года"],
  ["2", "Отсутствие информации об исполнении", "Информация об исполнении плана", "Информация", "Комплаенс-офицер", "ежеквартально к 5 числу месяца, следующего за отчётным"],
  ["3", "Жалобы граждан", "Рассмотрение обращений", "Ответ", "ОҚП", "по мере поступления"],
];

describe("action plan import", () => {
  it("stores every item with its due dates and matched people, in one transaction", async () => {
    const parsed = parsePlanRows(rows);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-03-02", calendar: createWorkCalendar() });
    expect(summary).toMatchObject({ tasks: 3, withoutDate: 1, assigned: 2, unmatched: [{ text: "ОҚП", items: 1 }] });
    // One date, four quarterly dates in the coming year, none for the event-driven item.
    expect(summary.occurrences).toBe(1 + 4);
    const quarterly = await db.prisma.taskOccurrence.findMany({ where: { task: { number: "2" } }, orderBy: { dueOn: "asc" } });
    expect(quarterly.map((o) => o.dueOn)).toEqual(["2026-04-05", "2026-07-05", "2026-10-05", "2027-01-05"]);
    const tasks = await openTasksOf(db.prisma, 1);
    expect(tasks.map((t) => [t.dueOn, t.title])).toEqual([["2026-12-07", "Проверка аффилированности поставщиков"]]);
  });

  it("creates an analysis with one task per milestone of seed 002", async () => {
    const { milestones } = await createAnalysis(db.prisma, createWorkCalendar(), { start: "2026-03-02", end: "2026-04-30" }, { createdById: 2, assigneeIds: [2] });
    expect(milestones).toBe(12);
    const tasks = await openTasksOf(db.prisma, 2);
    expect(tasks[0]).toMatchObject({ dueOn: "2026-02-16", titleKey: "schedule.milestone.announcement" });
    expect(tasks.find((t) => t.titleKey === "schedule.milestone.report_signed")?.dueOn).toBe("2026-05-19");
  });
});

describe("actual dates of an analysis", () => {
  it("signing and approval move the milestones that count from them", async () => {
    const calendar = createWorkCalendar();
    await createAnalysis(db.prisma, calendar, { start: "2026-03-02", end: "2026-04-30" }, { createdById: 2, assigneeIds: [2] });
    const signed = await recordAnalysisEvent(db.prisma, calendar, "reportSignedOn", "2026-05-15");
    // The plan: 10 working days after 15 May 2026 → 1 June (checked in the schedule tests).
    expect(signed!.moved.find((m) => m.milestoneId === "action_plan")).toMatchObject({ from: "2026-06-03", to: "2026-06-01" });
    const approved = await recordAnalysisEvent(db.prisma, calendar, "planApprovedOn", "2026-06-05");
    expect(approved!.moved.find((m) => m.milestoneId === "publication")).toMatchObject({ to: "2026-06-10" });
    const open = await openTasksOf(db.prisma, 2);
    expect(open.find((t) => t.titleKey === "schedule.milestone.publication")?.dueOn).toBe("2026-06-10");
    // Approval before signing is refused and nothing changes.
    await expect(recordAnalysisEvent(db.prisma, calendar, "planApprovedOn", "2026-05-01")).rejects.toThrow();
    expect((await db.prisma.analysis.findFirst())!.planApprovedOn).toBe("2026-06-05");
  });
});

// ---------------------------------------------------------------------------------------------
// The seeds' plans imported whole.

async function parsedFile(content: Buffer, name: string) {
  const parsed = await parsePlanFile(content, name);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return parsed;
}

/** Each imported item in order: its number and its due dates (with the reported periods of recurrences). */
async function storedPlan(batch: string) {
  const tasks = await db.prisma.task.findMany({ where: { importBatch: batch }, include: { occurrences: { orderBy: { dueOn: "asc" } } }, orderBy: { id: "asc" } });
  return tasks.map((t) => ({
    number: t.number,
    section: t.section,
    risk: t.risk,
    title: t.title,
    responsibleText: t.responsibleText,
    deadlineText: t.deadlineText,
    deadline: t.deadline,
    analysisId: t.analysisId,
    occurrences: t.occurrences.map((o) => (o.period ? `${o.dueOn} ${o.period}` : o.dueOn)),
  }));
}

const JUNE_10 = ["2022-06-10"];
const MAY_31 = ["2022-05-31"];
/** Seed 004 imported on 1 April 2022: every item's due dates (recurrences: with the period they report on). */
const SEED_004_DUE: [string, string[]][] = [
  ["1", ["2022-04-16"]], ["1", MAY_31], ["1", JUNE_10],
  ["2", JUNE_10],
  ["3", []],
  ["4", ["2022-10-31"]], ["4", ["2022-11-30"]],
  // Quarterly by the 5th of the month after the quarter: the fourth quarter's in January 2023.
  ["5", ["2022-04-05 2022-Q1", "2022-07-05 2022-Q2", "2022-10-05 2022-Q3", "2023-01-05 2022-Q4"]], ["5", []], ["5", []],
  ["6", MAY_31], ["6", JUNE_10], ["6", JUNE_10], ["6", JUNE_10],
  ["7", MAY_31], ["7", JUNE_10],
  ["8", MAY_31], ["8", JUNE_10], ["8", JUNE_10], ["8", JUNE_10],
  ["9", MAY_31], ["9", JUNE_10], ["9", JUNE_10], ["9", JUNE_10],
  ["10", []],
  ["11", ["2022-08-01"]], ["11", ["2022-08-01"]],
  // Monthly seminars: April to December 2022, none in 2023; «4 тоқсан»: by the end of 2022.
  ["12", []],
  ["12", ["04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31", "11-30", "12-31"].map((d) => `2022-${d} 2022-M${d.slice(0, 2)}`)],
  ["12", ["2022-12-31"]],
  ["13", []], ["14", []], ["15", []],
  // The board: quarterly for Q1–Q3 by the 25th, the year (with Q4) by 25 February 2023.
  ["16", ["2022-04-25 2022-Q1", "2022-07-25 2022-Q2", "2022-10-25 2022-Q3", "2023-02-25 2022"]],
  ["17", []],
];

describe("seed 004 imported whole: every deadline right, from XLSX and from CSV with ';' and ','", () => {
  it.each([
    ["XLSX", async () => parsedFile(await toXlsx(KK_PLAN), "жоспар.xlsx")],
    ["CSV ;", async () => parsedFile(toCsv(KK_PLAN, { separator: ";" }), "жоспар.csv")],
    ["CSV ,", async () => parsedFile(toCsv(KK_PLAN, { separator: "," }), "жоспар.csv")],
  ])("%s", async (_name, load) => {
    const parsed = await load();
    expect(parsed.year).toBe(2022);
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-04-01", year: parsed.year, calendar: createWorkCalendar() });
    const stored = await storedPlan(summary.batch);
    expect(stored.map((t) => [t.number, t.occurrences])).toEqual(SEED_004_DUE);
    expect(summary).toMatchObject({ tasks: 35, occurrences: SEED_004_DUE.reduce((n, [, d]) => n + d.length, 0), withoutDate: 9, relative: 0 });
    expect(await db.prisma.taskOccurrence.count({ where: { dueOn: { gte: "2023-01-01" } } })).toBe(2);
    const item12 = stored.filter((t) => t.number === "12")[2]!;
    expect(JSON.parse(item12.deadline)).toEqual({ kind: "range", from: "2022-10-01", due: "2022-12-31" });
  });

  it("the three files store exactly the same plan", async () => {
    const files = [await parsedFile(await toXlsx(KK_PLAN), "жоспар.xlsx"), await parsedFile(toCsv(KK_PLAN, { separator: ";" }), "a.csv"), await parsedFile(toCsv(KK_PLAN, { separator: "," }), "b.csv")];
    const stored = [];
    // Each into an empty plan: the same rows imported again would be recognised and skipped.
    for (const parsed of files) {
      await db.prisma.task.deleteMany();
      stored.push(await storedPlan((await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-04-01", year: parsed.year, calendar: createWorkCalendar() })).batch));
    }
    expect(stored[1]).toEqual(stored[0]);
    expect(stored[2]).toEqual(stored[0]);
  });

  it("imported mid-year: due dates already past are not created, the plan's period still ends the recurrences", async () => {
    const parsed = await parsedFile(await toXlsx(KK_PLAN), "жоспар.xlsx");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-08-15", year: parsed.year, calendar: createWorkCalendar() });
    const stored = await storedPlan(summary.batch);
    expect(stored.filter((t) => t.number === "16")[0]!.occurrences).toEqual(["2022-10-25 2022-Q3", "2023-02-25 2022"]);
    expect(stored.filter((t) => t.number === "12")[1]!.occurrences.map((o) => o.slice(0, 10))).toEqual(["2022-08-31", "2022-09-30", "2022-10-31", "2022-11-30", "2022-12-31"]);
  });

  it("a plan without a year keeps the coming year of recurrences", async () => {
    const parsed = await parsedFile(await toXlsx(KK_PLAN), "жоспар.xlsx");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-04-01", year: null, calendar: createWorkCalendar() });
    const monthly = (await storedPlan(summary.batch)).filter((t) => t.number === "12")[1]!.occurrences;
    expect(monthly).toHaveLength(12);
    expect(monthly.at(-1)).toBe("2023-03-31 2023-M03");
  });
});

describe("deadlines counted from the analysis (seed 002's project map)", () => {
  const calendar = createWorkCalendar();
  const period = { start: "2022-03-01", end: "2022-04-29" };
  /** The milestone each row of RU_PROJECT_MAP falls on (the one-year monitoring: a year after the signing). */
  const SAME_AS = ["announcement", "order", "discussion_announcement", "public_discussion", "report_signed", "action_plan", "publication", "report_signed+1y", "risk_map_update"];

  async function milestoneDue(analysisId: number): Promise<Map<string, string>> {
    const tasks = await db.prisma.task.findMany({ where: { analysisId, kind: "milestone" }, include: { occurrences: true } });
    const due = new Map(tasks.map((t) => [t.milestoneId!, t.occurrences[0]!.dueOn]));
    due.set("report_signed+1y", addOneYear(due.get("report_signed")!));
    return due;
  }

  it("an analysis that exists dates them exactly as its milestones", async () => {
    const { analysisId } = await createAnalysis(db.prisma, calendar, period, { createdById: 2, assigneeIds: [2] });
    const parsed = await parsedFile(await toXlsx(RU_PROJECT_MAP), "карта.xlsx");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-02-01", year: parsed.year, calendar });
    expect(summary).toMatchObject({ tasks: 10, relative: 9, withoutDate: 0, analysis: { id: analysisId, startOn: "2022-03-01", endOn: "2022-04-29" } });
    const stored = await storedPlan(summary.batch);
    const due = await milestoneDue(analysisId);
    expect(stored.slice(0, 9).map((t) => t.occurrences)).toEqual(SAME_AS.map((id) => [due.get(id)]));
    expect(stored.slice(0, 9).every((t) => t.analysisId === analysisId)).toBe(true);
    // «За 10 рабочих дней до начала ВАКР» of 1 March 2022: 15 February (the schedule's own rule).
    expect(stored[0]!.occurrences).toEqual(["2022-02-15"]);
    // The ISO information: quarterly for 2022 only.
    expect(stored[9]!.occurrences).toEqual(["2022-04-05 2022-Q1", "2022-07-05 2022-Q2", "2022-10-05 2022-Q3", "2023-01-05 2022-Q4"]);
  });

  it("an analysis of another year than the plan's does not date them", async () => {
    await createAnalysis(db.prisma, calendar, period, { createdById: 2, assigneeIds: [2] });
    const parsed = await parsePlanFile(await toXlsx(RU_PROJECT_MAP), "карта.xlsx", undefined, { year: 2023 });
    if (!parsed.ok) throw new Error("not ok");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-12-01", year: parsed.year, calendar });
    expect(summary).toMatchObject({ relative: 9, analysis: null });
    expect((await storedPlan(summary.batch)).slice(0, 9).every((t) => t.occurrences.length === 0 && t.analysisId === null)).toBe(true);
  });

  it("without an analysis they wait; the analysis created next dates them, and recorded dates move them", async () => {
    const parsed = await parsedFile(toCsv(RU_PROJECT_MAP, { separator: "," }), "карта.csv");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-02-01", year: parsed.year, calendar });
    expect(summary).toMatchObject({ relative: 9, withoutDate: 0, analysis: null, occurrences: 4 });
    expect((await storedPlan(summary.batch)).slice(0, 9).map((t) => t.occurrences)).toEqual(SAME_AS.map(() => []));

    const { analysisId } = await createAnalysis(db.prisma, calendar, period, { createdById: 2, assigneeIds: [2] });
    let due = await milestoneDue(analysisId);
    let stored = await storedPlan(summary.batch);
    expect(stored.slice(0, 9).map((t) => t.occurrences)).toEqual(SAME_AS.map((id) => [due.get(id)]));
    expect(stored.slice(0, 9).every((t) => t.analysisId === analysisId)).toBe(true);

    // Signed earlier than due, approved: the items after them move with the milestones.
    const signed = await recordAnalysisEvent(db.prisma, calendar, "reportSignedOn", "2022-05-06");
    expect(signed!.movedItems.map((m) => m.title)).toEqual([RU_PROJECT_MAP[7]![2], RU_PROJECT_MAP[8]![2], RU_PROJECT_MAP[9]![2], RU_PROJECT_MAP[10]![2]]);
    await recordAnalysisEvent(db.prisma, calendar, "planApprovedOn", "2022-05-16");
    due = await milestoneDue(analysisId);
    // The signing milestone keeps its deadline; the year of monitoring counts from the actual signing.
    due.set("report_signed+1y", "2023-05-06");
    stored = await storedPlan(summary.batch);
    expect(stored.slice(0, 9).map((t) => t.occurrences)).toEqual(SAME_AS.map((id) => [due.get(id)]));
    expect(stored[7]!.occurrences).toEqual(["2023-05-06"]);
    expect(stored[6]!.occurrences).toEqual([due.get("publication")]);
  });
});

describe("the same plan imported again (review)", () => {
  it("adds no second copy of an item already in the plan, so the quarterly figures do not double", async () => {
    const parsed = parsePlanRows(rows);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const calendar = createWorkCalendar();
    await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-03-02", calendar });
    // The first due date of the quarterly item is extended meanwhile; the file is sent again a month later, one row corrected.
    const first = await db.prisma.taskOccurrence.findFirstOrThrow({ where: { dueOn: "2026-04-05" } });
    await db.prisma.taskOccurrence.update({ where: { id: first.id }, data: { dueOn: "2026-04-20", originalDueOn: "2026-04-05" } });
    const corrected = rows.map((r) => (r[0] === "1" ? [...r.slice(0, 5), "8 декабря 2026 года"] : r));
    const again = parsePlanRows(corrected);
    if (!again.ok) throw new Error(JSON.stringify(again));
    const summary = await importPlan(db.prisma, again.items, { createdById: 2, today: "2026-04-02", calendar });
    expect(summary).toMatchObject({ tasks: 1, skipped: 2 });
    expect(await db.prisma.task.count({ where: { kind: "plan" } })).toBe(4);
    const q2 = await planExecution(db.prisma, keyring, { kind: "quarter", year: 2026, quarter: 2 }, "2026-07-06");
    expect(q2.totals.total).toBe(1);
  });

  it("imports a plan of another year whose rows read the same", async () => {
    const parsed = parsePlanRows(rows);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const calendar = createWorkCalendar();
    await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-03-02", year: 2026, calendar });
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-03-02", year: 2027, calendar });
    // The dated item names its own year; the quarterly one has 2027's dates; the event-driven one is already there.
    expect(summary).toMatchObject({ tasks: 1, skipped: 2 });
  });
});

describe("an extended item counted from the analysis, when the analysis's date moves (review)", () => {
  it("keeps its extension: the first due date moves, the extended one stays while it is later", async () => {
    const calendar = createWorkCalendar();
    await createAnalysis(db.prisma, calendar, { start: "2022-03-01", end: "2022-04-29" }, { createdById: 2, assigneeIds: [2] });
    const parsed = await parsedFile(await toXlsx(RU_PROJECT_MAP), "карта.xlsx");
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2022-02-01", year: parsed.year, calendar });
    // «В течение 3 рабочих дней со дня утверждения плана»: the publication.
    const task = (await db.prisma.task.findMany({ where: { importBatch: summary.batch }, orderBy: { id: "asc" } }))[6]!;
    const occurrence = await db.prisma.taskOccurrence.findFirstOrThrow({ where: { taskId: task.id } });
    const first = occurrence.dueOn;
    // An extension was approved: a month more.
    await db.prisma.taskOccurrence.update({ where: { id: occurrence.id }, data: { dueOn: "2022-07-29", originalDueOn: first } });
    await recordAnalysisEvent(db.prisma, calendar, "reportSignedOn", "2022-05-06");
    await recordAnalysisEvent(db.prisma, calendar, "planApprovedOn", "2022-05-16");
    const moved = await db.prisma.taskOccurrence.findUniqueOrThrow({ where: { id: occurrence.id } });
    // Three working days after 16 May 2022.
    expect(moved).toMatchObject({ originalDueOn: "2022-05-19", dueOn: "2022-07-29" });
    // An approval later than the extended date: the extension no longer moves anything.
    await recordAnalysisEvent(db.prisma, calendar, "planApprovedOn", "2022-08-01");
    expect(await db.prisma.taskOccurrence.findUniqueOrThrow({ where: { id: occurrence.id } })).toMatchObject({ originalDueOn: null, dueOn: "2022-08-04" });
  });
});
