// Roster import through the real bot and the emulator's file storage: bad files are
// explained row by row and nothing is stored; a good file is stored only after confirmation.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const employee: TgUser = { id: 600001, first_name: "Employee", language_code: "ru" };

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  await running.db.prisma.user.create({ data: { fullName: "Employee", phone: "77010000002", telegramId: BigInt(employee.id), language: "ru", registeredAt: new Date() } });
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor((m) => /Выберите действие|выберите действие/.test(m.text ?? ""), { chatId: officer.id });
});
afterAll(() => running.close());

async function upload(fileName: string, content: Buffer | string, mimeType = "text/csv") {
  const { emulator } = running;
  const after = emulator.currentMessageId(officer.id);
  await emulator.sendCommand(officer, "/import");
  const prompt = await emulator.waitFor((m) => /Пришлите файл со списком/.test(m.text ?? ""), { chatId: officer.id, after });
  await emulator.sendDocument(officer, { fileName, mimeType, content: Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8") });
  return emulator.waitFor((m) => m.message_id > prompt.message_id && !/Пришлите файл/.test(m.text ?? ""), { chatId: officer.id });
}

const count = () => running.db.prisma.user.count();

describe("roster import", () => {
  it("reports every bad row with its number and imports nothing", async () => {
    const before = await count();
    const reply = await upload("staff.csv", "ФИО;Телефон;Роль\nИванов Иван;87011112233;\n;87011112234;\nПетров Пётр;123;директор\nСидоров;87011112233;\n");
    expect(reply.text).toContain("Файл не загружен: ошибок — 4.");
    expect(reply.text).toContain("строка 3: не указаны ФИО");
    expect(reply.text).toContain("строка 4: «123» — не номер телефона");
    expect(reply.text).toContain("строка 4: неизвестная роль «директор»");
    expect(reply.text).toContain("строка 5: телефон «87011112233» уже есть в строке 2");
    expect(reply.text).toContain("Ничего не сохранено.");
    expect(await count()).toBe(before);
  });

  it("explains unsupported and unreadable files", async () => {
    expect((await upload("staff.pdf", "%PDF-1.4", "application/pdf")).text).toBe("Нужен файл CSV или XLSX.");
    expect((await upload("staff.xlsx", "PK\u0003\u0004garbage", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).text).toMatch(/Не удалось прочитать файл/);
    const noHeader = (await upload("staff.csv", "Имя,Почта\nА,a@b\n")).text;
    expect(noHeader).toMatch(/Не найдена строка заголовков.*ФИО, Телефон/);
    expect(noHeader).toContain("Первая заполненная строка файла: «Имя», «Почта».");
    expect(noHeader).toContain("как минимум «ФИО», «Телефон»");
  });

  it("refuses a file over the size limit before downloading it", async () => {
    const reply = await upload("big.csv", Buffer.alloc(6 * 1024 * 1024, 0x41));
    expect(reply.text).toMatch(/Файл больше 5 МБ/);
    expect(running.emulator.downloadedFiles.filter((f) => f.fileName === "big.csv")).toHaveLength(0);
  });

  it("imports only after confirmation; cancelling stores nothing; a second click is stale", async () => {
    const before = await count();
    let preview = await upload("staff.csv", "ФИО,Телефон,Подразделение\nАманов Нурлан,87013334455,ИТ\n");
    expect(preview.text).toMatch(/Файл проверен: сотрудников — 1,/);
    await running.emulator.clickButton(officer, preview, /Отмена/);
    await running.emulator.waitFor((m) => m.message_id === preview.message_id && m.text === "Отменено. Ничего не изменено.", { chatId: officer.id });
    expect(await count()).toBe(before);

    preview = await upload("staff.csv", "ФИО,Телефон,Подразделение\nАманов Нурлан,87013334455,ИТ\n");
    const confirmData = running.emulator.buttonByText(preview, /Загрузить список \(1\)/)!.callback_data!;
    await running.emulator.clickButton(officer, preview, /Загрузить список \(1\)/);
    await running.emulator.waitFor((m) => /Список загружен: добавлено — 1/.test(m.text ?? ""), { chatId: officer.id });
    expect(await count()).toBe(before + 1);
    // The same button pressed again (e.g. a double tap or an old message): refused.
    await running.emulator.sendCallback(officer, confirmData, preview.message_id);
    await running.emulator.waitForCall("answerCallbackQuery", (c) => /устарела/.test(String(c.payload.text)));
    expect(await count()).toBe(before + 1);
    expect(await running.db.prisma.auditLog.count({ where: { action: "roster.imported" } })).toBe(1);
  });

  it("a role change refreshes that person's Telegram command menu", async () => {
    const preview = await upload("staff.csv", "ФИО;Телефон;Роль\nEmployee;87010000002;комплаенс\n");
    await running.emulator.clickButton(officer, preview, /Загрузить список \(1\)/);
    await running.emulator.waitFor((m) => /Список загружен: добавлено — 0, обновлено — 1/.test(m.text ?? ""), { chatId: officer.id });
    await vi.waitFor(() => expect(running.emulator.myCommands({ scope: { type: "chat", chat_id: employee.id } }).map((c) => c.command)).toContain("import"));
    const after = running.emulator.currentMessageId(employee.id);
    await running.emulator.sendCommand(employee, "/roster");
    await running.emulator.waitFor((m) => /Сотрудники: зарегистрировано/.test(m.text ?? ""), { chatId: employee.id, after });
    await running.db.prisma.user.update({ where: { telegramId: BigInt(employee.id) }, data: { role: "employee" } });
  });

  it("changing who is an observer is audited and told to the observers before and after", async () => {
    const head: TgUser = { id: 600050, first_name: "Head", language_code: "kk" };
    await running.db.prisma.user.create({ data: { fullName: "Басшы Бірінші", phone: "77010000050", telegramId: BigInt(head.id), role: "observer", language: "kk", registeredAt: new Date() } });
    // The officer makes the employee an observer and demotes the head.
    const preview = await upload("staff.csv", "ФИО;Телефон;Роль\nEmployee;87010000002;наблюдатель\nБасшы Бірінші;87010000050;сотрудник\n");
    const headMark = running.emulator.currentMessageId(head.id);
    const employeeMark = running.emulator.currentMessageId(employee.id);
    await running.emulator.clickButton(officer, preview, /Загрузить список \(2\)/);
    const toHead = await running.emulator.waitFor((m) => /бақылаушылар тізімі өзгерді/.test(m.text ?? ""), { chatId: head.id, after: headMark });
    expect(toHead.text).toContain("Қосылды: Employee");
    expect(toHead.text).toContain("Шығарылды: Басшы Бірінші");
    await running.emulator.waitFor((m) => /Список наблюдателей изменён/.test(m.text ?? ""), { chatId: employee.id, after: employeeMark });
    expect(await running.db.prisma.auditLog.count({ where: { action: "observers.changed" } })).toBe(1);
    const roleChanges = await running.db.prisma.auditLog.findMany({ where: { action: "user.role_changed", details: { contains: "observer" } } });
    expect(roleChanges.map((a) => JSON.parse(a.details!))).toEqual(expect.arrayContaining([{ from: "employee", to: "observer" }, { from: "observer", to: "employee" }]));
    await running.db.prisma.user.update({ where: { telegramId: BigInt(employee.id) }, data: { role: "employee" } });
  });

  it("a file over the 20 MB a bot may download gets the size message, not an error (Telegram's getFile refuses it)", async () => {
    const getFiles = () => running.emulator.calls.filter((c) => c.method === "getFile").length;
    const before = getFiles();
    const reply = await upload("roster.csv", Buffer.alloc(21 * 1024 * 1024, 0x41));
    expect(reply.text).toMatch(/^Файл больше 5 МБ/);
    expect(getFiles()).toBe(before); // refused on the size the message reported
  });

  it("a file sent without /import is not treated as a roster", async () => {
    const before = await count();
    const after = running.emulator.currentMessageId(officer.id);
    await running.emulator.sendDocument(officer, { fileName: "staff.csv", mimeType: "text/csv", content: Buffer.from("ФИО,Телефон\nX Y,87015556677\n") });
    await running.emulator.waitFor((m) => /не жду файл/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(await count()).toBe(before);
  });

  it("an employee cannot start an import", async () => {
    const after = running.emulator.currentMessageId(employee.id);
    await running.emulator.sendCommand(employee, "/import");
    await running.emulator.waitFor((m) => /недоступна/.test(m.text ?? ""), { chatId: employee.id, after });
  });
});
