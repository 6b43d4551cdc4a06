import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { parsePlanRows } from "../../src/domain/plan/import.js";
import { createAnalysis, importPlan, openTasksOf, recordAnalysisEvent } from "../../src/services/plan.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

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
    const summary = await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-03-02" });
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
