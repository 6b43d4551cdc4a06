import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { parsePlanRows } from "../../src/domain/plan/import.js";
import { importPlan } from "../../src/services/plan.js";
import { planExecution } from "../../src/services/plan-execution.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

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
  ["1", "Конфликт интересов", "Проверка аффилированности поставщиков", "Справка", "Главный бухгалтер", "10 июля 2026 года"],
  ["2", "Закупки", "Обучение закупщиков", "Протокол", "Главный бухгалтер", "20 августа 2026 года"],
  ["3", "Кадры", "Проверка личных дел", "Справка", "Комплаенс-офицер", "15 сентября 2026 года"],
  ["4", "Кадры", "Ротация", "Приказ", "ОҚП", "25 сентября 2026 года"],
  ["5", "Кадры", "Аттестация", "Приказ", "Комплаенс-офицер", "5 октября 2026 года"],
];

describe("plan execution in a quarter", () => {
  it("gives each due date first due in the quarter its status, the evidence and the non-execution list", async () => {
    const parsed = parsePlanRows(rows);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    await importPlan(db.prisma, parsed.items, { createdById: 2, today: "2026-07-01", calendar: createWorkCalendar() });
    const occ = async (number: string) => (await db.prisma.taskOccurrence.findFirst({ where: { task: { number } } }))!;
    // 1: done on time with a text; 2: done late; 3: extended from 15.09 to 05.10 and done on 01.10;
    // 4: not done; 5: due in the next quarter.
    await db.prisma.taskOccurrence.update({ where: { id: (await occ("1")).id }, data: { status: "done", doneOn: "2026-07-09", doneById: 1, evidence: keyring.encrypt(JSON.stringify({ text: "Справка № 12" })) } });
    await db.prisma.taskOccurrence.update({ where: { id: (await occ("2")).id }, data: { status: "done", doneOn: "2026-08-24", doneById: 1, evidence: keyring.encrypt(JSON.stringify({ fileId: "f", fileName: "протокол.pdf" })) } });
    await db.prisma.taskOccurrence.update({ where: { id: (await occ("3")).id }, data: { dueOn: "2026-10-05", originalDueOn: "2026-09-15", status: "done", doneOn: "2026-10-01", doneById: 2, evidence: keyring.encrypt(JSON.stringify({ text: "Справка" })) } });

    const q3 = await planExecution(db.prisma, keyring, { kind: "quarter", year: 2026, quarter: 3 }, "2026-10-05");
    expect(q3.rows.map((r) => [r.number, r.status, r.doneOn])).toEqual([
      ["1", "on_time", "2026-07-09"],
      ["2", "late", "2026-08-24"],
      ["3", "extended", "2026-10-01"],
      ["4", "not_done", null],
    ]);
    expect(q3.totals).toEqual({ on_time: 1, extended: 1, late: 1, not_done: 1, pending: 0, total: 4 });
    expect(q3.rows[0]).toMatchObject({ responsible: ["Ахметов Ерлан Серикович"], doneBy: "Ахметов Ерлан Серикович", evidence: { text: "Справка № 12", file: false } });
    expect(q3.rows[1]!.evidence).toEqual({ text: null, fileName: "протокол.pdf", file: true });
    // Nobody matched «ОҚП»: the plan's words stand for the responsible.
    expect(q3.nonExecution.map((r) => [r.number, r.responsible])).toEqual([["4", ["ОҚП"]]]);
    const q4 = await planExecution(db.prisma, keyring, { kind: "quarter", year: 2026, quarter: 4 }, "2026-10-02");
    expect(q4.rows.map((r) => [r.number, r.status])).toEqual([["5", "pending"]]);
  });
});
