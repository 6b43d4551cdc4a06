// Deadlines over HTTP through the emulator: a compliance officer imports an action plan
// laid out like seed 002 (bad rows first, then a good file), creates an analysis from its
// period, and a responsible officer sees their due dates with /tasks.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const accountant: TgUser = { id: 600001, first_name: "Ерлан", language_code: "kk" };

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  await running.db.prisma.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77010000001", position: "Главный бухгалтер", role: "officer", language: "kk", telegramId: BigInt(accountant.id), registeredAt: new Date() } });
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor((m) => /выберите действие/.test(m.text ?? ""), { chatId: officer.id });
});
afterAll(() => running.close());

async function planXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("План");
  ws.addRow(["План мероприятий по устранению причин и условий, выявленных по результатам ВАКР"]);
  ws.addRow(["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(content: Buffer, command = "/plan_import") {
  const { emulator } = running;
  const after = emulator.currentMessageId(officer.id);
  await emulator.sendCommand(officer, command);
  const prompt = await emulator.waitFor((m) => /Пришлите план мероприятий/.test(m.text ?? ""), { chatId: officer.id, after });
  await emulator.sendDocument(officer, { fileName: "plan.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content });
  return emulator.waitFor((m) => m.message_id > prompt.message_id, { chatId: officer.id });
}

describe("action plan and analysis in the bot", () => {
  it("a plan with bad rows is refused row by row and nothing is stored", async () => {
    const reply = await upload(await planXlsx([
      [1, "Конфликт интересов", "Проверка аффилированности", "Справка", "Главный бухгалтер", "31.02.2026"],
      [2, "Риск", "", "Справка", "Главный бухгалтер", "до 10 июня 2026 года"],
    ]));
    expect(reply.text).toMatch(/строк|жол/);
    expect(reply.text).toMatch(/3/);
    expect(reply.text).toMatch(/4/);
    expect(await running.db.prisma.task.count()).toBe(0);
  });

  it("a good plan is previewed, then imported with due dates and matched people", async () => {
    const preview = await upload(await planXlsx([
      [1, "Конфликт интересов при закупках", "Проверка аффилированности поставщиков", "Справка", "Главный бухгалтер", "7 декабря 2026 года"],
      [2, "Отсутствие информации", "Информация об исполнении плана", "Информация", "Комплаенс-офицер", "ежеквартально к 5 числу месяца, следующего за отчётным"],
    ]));
    expect(preview.text).toMatch(/План проверен: пунктов — 2/);
    const after = running.emulator.currentMessageId(officer.id);
    await running.emulator.clickButton(officer, preview, /Загрузить план \(2\)/);
    const done = await running.emulator.waitFor((m) => /План загружен/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(done.text).toMatch(/пунктов — 2, сроков — 5/);
    expect(await running.db.prisma.task.count({ where: { kind: "plan" } })).toBe(2);
  });

  it("dates without a year: refused until the year is given with the command (as the CLI's --year)", async () => {
    const rows = [[3, "Подарки", "Разъяснение правил о подарках", "Протокол", "Главный бухгалтер", "до 10 июня"]];
    expect((await upload(await planXlsx(rows))).text).toMatch(/не указан год/);
    const { emulator } = running;
    let after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/plan_import 20x7");
    await emulator.waitFor((m) => /четырьмя цифрами/.test(m.text ?? ""), { chatId: officer.id, after });
    after = emulator.currentMessageId(officer.id);
    const preview = await upload(await planXlsx(rows), "/plan_import 2027");
    expect(emulator.sentMessages(officer.id).some((m) => m.message_id > after && /отнесены к 2027 году/.test(m.text ?? ""))).toBe(true);
    expect(preview.text).toMatch(/План проверен: пунктов — 1/);
    await emulator.clickButton(officer, preview, /Загрузить план/);
    await emulator.waitFor((m) => /План загружен/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(await running.db.prisma.taskOccurrence.count({ where: { dueOn: "2027-06-10" } })).toBe(1);
  });

  it("an analysis is created from its period, with the milestones of seed 002", async () => {
    const { emulator } = running;
    let after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/analysis");
    await emulator.waitFor((m) => /период проведения ВАКР/.test(m.text ?? ""), { chatId: officer.id, after });
    await emulator.sendText(officer, "30.04.2026 – 02.03.2026");
    await emulator.waitFor((m) => /Окончание раньше начала/.test(m.text ?? ""), { chatId: officer.id, after });
    await emulator.sendText(officer, "02.03.2026 – 30.04.2026");
    const preview = await emulator.waitFor((m) => /ВАКР 02\.03\.2026 – 30\.04\.2026/.test(m.text ?? "") && emulator.inlineButtons(m).length > 0, { chatId: officer.id, after });
    expect(preview.text).toContain("16.02.2026 — Анонсирование на интернет-ресурсе");
    expect(preview.text).toContain("19.05.2026 — Подписание аналитической справки");
    after = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, preview, /Создать/);
    await emulator.waitFor((m) => /Создано этапов: 12/.test(m.text ?? ""), { chatId: officer.id, after });
  });

  it("the responsible officer sees their due dates in their language", async () => {
    const after = running.emulator.currentMessageId(accountant.id);
    await running.emulator.sendCommand(accountant, "/tasks");
    const msg = await running.emulator.waitFor((m) => /тапсырмаларыңыз/.test(m.text ?? ""), { chatId: accountant.id, after });
    expect(msg.text).toContain("07.12.2026 — 1. Проверка аффилированности поставщиков");
  });
});
