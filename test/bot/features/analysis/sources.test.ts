// The other sources' section over the Bot API emulator: the officer gets the template, fills
// it (seed 001's figures and one bad row), sees the preview, confirms, and the same file again
// adds nothing; a typed figure, a deletion (a forged one of another analysis refused); hostile
// files (not a table, a zip bomb, too many rows) refused with a message and nothing stored;
// the observer reads without the officer's buttons.
import ExcelJS from "exceljs";
import { Zip, ZipDeflate } from "fflate";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TgMessage, TgUser } from "../../../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../../../support/app.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Айгүл", language_code: "kk" };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

let running: RunningApp;
let analysisId: number;
let otherFigureId: number;
beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const db = running.db.prisma;
  await db.user.create({ data: { fullName: "Айгүл Серікова", phone: "77010000003", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  const older = await db.analysis.create({ data: { startOn: "2025-03-02", endOn: "2025-04-30" } });
  otherFigureId = (await db.sourceFigure.create({ data: { analysisId: older.id, kind: "court", period: "2024", category: "total", count: 7 } })).id;
  analysisId = (await db.analysis.create({ data: { startOn: "2026-03-02", endOn: "2026-04-30" } })).id;
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor((m) => /выберите действие/.test(m.text ?? ""), { chatId: officer.id });
});
afterAll(() => running.close());

const figures = () => running.db.prisma.sourceFigure.count({ where: { analysisId } });

/** The next message to this chat matching `re`, after what is there now, once `act` is done. */
async function after(chatId: number, act: () => Promise<unknown>, re: RegExp): Promise<TgMessage> {
  const since = running.emulator.currentMessageId(chatId);
  await act();
  return running.emulator.waitFor((m) => re.test(m.text ?? m.caption ?? ""), { chatId, after: since });
}

async function openSection(user: TgUser, re: RegExp): Promise<TgMessage> {
  const hub = await after(user.id, () => running.emulator.sendCommand(user, "/analysis"), /02\.03\.2026/);
  return after(user.id, () => running.emulator.clickButton(user, hub, /Другие источники|Басқа дереккөздер/), re);
}

async function upload(content: Buffer, fileName = "sources.xlsx", mimeType = XLSX): Promise<TgMessage> {
  const screen = await openSection(officer, /Другие источники/);
  const ask = await after(officer.id, () => running.emulator.clickButton(officer, screen, /Загрузить заполненный шаблон/), /Пришлите заполненный шаблон/);
  const since = ask.message_id;
  await running.emulator.sendDocument(officer, { fileName, mimeType, content });
  return running.emulator.waitFor((m) => m.message_id > since && m.sentVia !== "user", { chatId: officer.id });
}

let filled: Buffer;

describe("other sources in the bot", () => {
  it("sends the template; the filled template is previewed, imported on confirmation, and a second time adds nothing", async () => {
    const screen = await openSection(officer, /Сведения других источников ещё не внесены/);
    const sent = await after(officer.id, () => running.emulator.clickButton(officer, screen, /Получить шаблон/), /Шаблон сведений/);
    const file = running.emulator.file(sent.document!.file_id)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const [data, example] = wb.worksheets;
    example!.eachRow((row, n) => {
      if (n > 1) data!.getRow(n).values = row.values as ExcelJS.CellValue[];
    });
    data!.getRow(example!.rowCount + 1).values = ["Судебные дела", "вчера", "ответчик", "", 5];
    filled = Buffer.from(await wb.xlsx.writeBuffer());

    const preview = await upload(filled);
    expect(preview.text).toContain("Файл проверен: показателей — 17, из них уже внесены — 0, ошибок — 1.");
    expect(preview.text).toContain(`строка ${example!.rowCount + 1}: период не распознан`);
    expect(await figures()).toBe(0);
    const done = await after(officer.id, () => running.emulator.clickButton(officer, preview, /Внести показатели/), /Внесено показателей/);
    expect(done.text).toBe("Внесено показателей: 17; уже были внесены: 0.");
    const summary = await running.emulator.waitFor((m) => /через E-Өтініш поступило 2\u00a0612 обращений/.test(m.text ?? ""), { chatId: officer.id, after: done.message_id });
    expect(summary.text).toContain("разбивка (3\u00a0612) больше общего числа (2\u00a0612)");

    const again = await upload(filled);
    expect(again.text).toContain("из них уже внесены — 17");
    const twice = await after(officer.id, () => running.emulator.clickButton(officer, again, /Внести показатели/), /Внесено показателей/);
    expect(twice.text).toBe("Внесено показателей: 0; уже были внесены: 17.");
    expect(await figures()).toBe(17);
  });

  it("refuses hostile files with a message and stores nothing", async () => {
    expect((await upload(Buffer.from("%PDF-1.4 not a table"), "scan.pdf", "application/pdf")).text).toBe("Нужен файл XLSX или CSV.");
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const entry = new ZipDeflate("xl/sharedStrings.xml", { level: 1 });
    zip.add(entry);
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 100; i++) entry.push(zeros, i === 99);
    zip.end();
    expect((await upload(Buffer.concat(parts))).text).toBe("Файл больше 5 МБ.");
    const csv = ["Вид сведений;Период;Категория;Количество", ...Array.from({ length: 2001 }, (_, i) => `суд;2023;всего;${i}`)].join("\n");
    expect((await upload(Buffer.from(csv), "many.csv", "text/csv")).text).toBe("В файле слишком много строк (не более 2000).");
    expect(await figures()).toBe(17);
  });

  it("adds a typed figure, explains a bad line, deletes a figure, and refuses a forged deletion", async () => {
    const screen = await openSection(officer, /Другие источники/);
    await after(officer.id, () => running.emulator.clickButton(officer, screen, /Добавить показатель/), /поля через точку с запятой/);
    expect((await after(officer.id, () => running.emulator.sendText(officer, "взыскания; вчера; выговор; 3"), /Не удалось/)).text).toContain("период не распознан");
    const added = await after(officer.id, () => running.emulator.sendText(officer, "взыскания; I полугодие 2024; выговор; 3; Отдел кадров"), /Показатель внесён/);
    expect(added.text).toBe("Показатель внесён: Дисциплинарные взыскания, I полугодие 2024 года, выговор: 3 (Отдел кадров)");
    expect(await figures()).toBe(18);

    const list = await after(officer.id, () => running.emulator.clickButton(officer, screen, /Показатели и удаление/), /Показатели \(18\)/);
    const ask = await after(officer.id, () => running.emulator.clickButton(officer, list, /^18$/), /Удалить показатель/);
    await after(officer.id, () => running.emulator.clickButton(officer, ask, /^Удалить$/), /Показатель удалён/);
    expect(await figures()).toBe(17);

    const forged = await running.emulator.sendCallback(officer, `as.dd:${analysisId}:${otherFigureId}`, list.message_id);
    await vi.waitFor(() => expect(running.emulator.callbackAnswer(forged.callback_query!.id)).toMatchObject({ show_alert: true, text: expect.stringMatching(/устарела/) }));
    expect(await running.db.prisma.sourceFigure.count({ where: { id: otherFigureId } })).toBe(1);
  });

  it("shows the observer the figures without the officer's buttons", async () => {
    const screen = await openSection(observer, /Басқа дереккөздер/);
    expect(screen.text).toContain("2022–2023 жылдар ішінде «E-Өтініш» платформасы арқылы түскен өтініштер саны: 2\u00a0612.");
    expect(running.emulator.inlineButtons(screen).map((b) => b.text)).toEqual(["« Талдауға"]);
  });
});
