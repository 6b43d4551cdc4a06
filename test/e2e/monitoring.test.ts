// The quarterly information on the action plan's execution over HTTP through the emulator
// (seed 002: by the 5th of the month after the quarter; seed 004 item 5: non-execution to the
// head). On Thursday 1 October 2026 a compliance officer has a plan whose third quarter holds
// an item done in time, one done late, one extended and done today through the real "more time"
// and "done" flows, and one not done: the reminder two working days before 05.10.2026 carries those
// totals and the draft, /monitoring gives documents with exactly those figures in both
// languages, the non-execution list reaches the observer once, and an employee is refused.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { conversation } from "../support/conversation.js";

/** Thursday 1 October 2026, 10:00 in Almaty. */
const EPOCH = new Date("2026-10-01T05:00:00Z");

const officer: TgUser = { id: 510001, first_name: "Officer", language_code: "ru" };
const accountant: TgUser = { id: 610001, first_name: "Ерлан", language_code: "ru" };
const head: TgUser = { id: 710001, first_name: "Бас", language_code: "kk" };
const employee: TgUser = { id: 810001, first_name: "Айгүл", language_code: "ru" };

let running: RunningApp;
const emu = () => running.emulator;
const { next, act, has, withButton } = conversation(emu);

beforeAll(async () => {
  running = await startTestApp({ epoch: EPOCH, env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const registered = { registeredAt: new Date() };
  await p.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77010000001", position: "Главный бухгалтер", role: "officer", language: "ru", telegramId: BigInt(accountant.id), ...registered } });
  await p.user.create({ data: { fullName: "Сейтжанов Бауыржан", phone: "77010000002", position: "Председатель Правления", role: "observer", language: "kk", telegramId: BigInt(head.id), ...registered } });
  await p.user.create({ data: { fullName: "Айгүл Нұрлановна", phone: "77010000003", role: "employee", language: "ru", telegramId: BigInt(employee.id), ...registered } });
  await emu().sendCommand(officer, "/start");
  await emu().waitFor((m) => /выберите действие/.test(m.text ?? ""), { chatId: officer.id });
}, 60_000);
afterAll(() => running?.close());

const PLAN = [
  ["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"],
  ["1", "Обучение", "Семинар по антикоррупционному комплаенсу", "Протокол", "Главный бухгалтер", "15.07.2026"],
  ["2", "Оценка рисков", "Актуализация карты коррупционных рисков", "Карта", "Главный бухгалтер", "14.08.2026"],
  ["3", "Информирование", "Информация о горячей линии на сайте", "Ссылка", "Главный бухгалтер", "15.09.2026"],
  ["4", "Конфликт интересов", "Проверка деклараций о конфликте интересов", "Справка", "Главный бухгалтер", "30.09.2026"],
  ["5", "Подарки", "Разъяснение правил о подарках", "Протокол", "Главный бухгалтер", "10.11.2026"],
];

function docxParagraphs(file: Buffer): string[] {
  const xml = strFromU8(unzipSync(new Uint8Array(file))["word/document.xml"]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
}

async function xlsxRows(file: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return out;
}

/** The DOCX and the XLSX sent to `user` after `mark`, by file name. */
async function documentsAfter(user: TgUser, mark: number, lang: "kk" | "ru"): Promise<{ docx: Buffer; xlsx: Buffer }> {
  const named = (ext: string) => (m: SentMessage) => m.document?.file_name === `plan-execution-2026-Q3-${lang}.${ext}`;
  const docx = await next(user, mark, named("docx"), 30_000);
  const xlsx = await next(user, mark, named("xlsx"), 30_000);
  return { docx: emu().file(docx.document!.file_id)!.bytes, xlsx: emu().file(xlsx.document!.file_id)!.bytes };
}

/** The figure after a label in the DOCX's totals table. */
const after = (paragraphs: string[], label: string) => paragraphs[paragraphs.indexOf(label) + 1];

describe("the quarterly information on the plan's execution", () => {
  it("the plan is imported; items of the third quarter are done in time, late, extended, or not at all", async () => {
    const o = officer;
    const csv = Buffer.from(PLAN.map((r) => r.join(";")).join("\r\n") + "\r\n", "utf8");
    await act(o, () => emu().sendCommand(o, "/plan_import 2026"), has(/Пришлите план мероприятий/));
    let m = await act(o, () => emu().sendDocument(o, { fileName: "план.csv", mimeType: "text/csv", content: csv }), withButton(/Загрузить план \(5\)/));
    m = await act(o, () => emu().clickButton(o, m, /Загрузить план/), has(/План загружен/));
    expect(m.text).toMatch(/пунктов — 5/);
    // Done before today: what the responsible person marked in July and August (the "done"
    // flow stamps today's date, so these are written as it writes them).
    const p = running.db.prisma;
    const who = await p.user.findFirstOrThrow({ where: { telegramId: BigInt(accountant.id) } });
    const occurrence = (dueOn: string) => p.taskOccurrence.findFirstOrThrow({ where: { dueOn } });
    await p.taskOccurrence.update({ where: { id: (await occurrence("2026-07-15")).id }, data: { status: "done", doneOn: "2026-07-14", doneById: who.id } });
    await p.taskOccurrence.update({ where: { id: (await occurrence("2026-08-14")).id }, data: { status: "done", doneOn: "2026-08-20", doneById: who.id } });
    // Item 3 (due 15.09): the accountant asks for more time until 05.10.2026, the officer
    // approves, and the accountant marks it done today with a link as evidence — all in the bot.
    const a = accountant;
    m = await act(a, () => emu().sendCommand(a, "/tasks"), withButton(/15\.09\.2026/));
    m = await act(a, () => emu().clickButton(a, m, /15\.09\.2026/), withButton(/продление/));
    await act(a, () => emu().clickButton(a, m, /продление/), has(/Почему нужно продлить/));
    await act(a, () => emu().sendText(a, "Сайт на обновлении"), has(/До какой даты/));
    const officerMark = emu().currentMessageId(o.id);
    await act(a, () => emu().sendText(a, "05.10.2026"), has(/Запрос о продлении срока до 05\.10\.2026 отправлен/));
    const request = await next(o, officerMark, withButton(/Согласовать/), 30_000);
    const approvedMark = emu().currentMessageId(a.id);
    await emu().clickButton(o, request, /Согласовать/);
    await next(a, approvedMark, has(/продлён до 05\.10\.2026/), 30_000);
    expect(await occurrence("2026-10-05")).toMatchObject({ originalDueOn: "2026-09-15" });

    m = await act(a, () => emu().sendCommand(a, "/tasks"), withButton(/05\.10\.2026/));
    m = await act(a, () => emu().clickButton(a, m, /05\.10\.2026/), withButton(/Выполнено/));
    await act(a, () => emu().clickButton(a, m, /Выполнено/), has(/Пришлите подтверждение выполнения/));
    await act(a, () => emu().sendText(a, "Ссылка на страницу сайта"), has(/Отмечено как выполненное/));
  }, 60_000);

  it("the officer is reminded two working days before 05.10.2026, with the totals and the draft, once", async () => {
    const o = officer;
    const mark = emu().currentMessageId(o.id);
    await running.app.jobs.monitoringReminders.tick();
    const reminder = await next(o, mark, has(/До 05\.10\.2026 нужно представить информацию/), 30_000);
    expect(reminder.text).toContain("за III квартал 2026 года (осталось рабочих дней: 2)");
    expect(reminder.text).toContain("исполнено в срок — 1, срок продлён — 1, с нарушением срока — 1, не исполнено — 1, срок не наступил — 0");
    // A second pass (another instance, a restart) finds the ledger row and queues nothing.
    await running.app.jobs.monitoringReminders.tick();
    expect(await running.db.prisma.planReportNotice.count({ where: { kind: "reminder" } })).toBe(1);

    const draftMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, reminder, /Получить проект/);
    const { docx, xlsx } = await documentsAfter(o, draftMark, "ru");
    const text = docxParagraphs(docx);
    expect(text[0]).toBe("Информация об исполнении Плана мероприятий по устранению причин и условий, способствующих совершению коррупционных правонарушений, за III квартал 2026 года");
    expect(text[1]).toBe("(по состоянию на 01.10.2026)");
    expect(after(text, "Мероприятий со сроком в квартале, всего")).toBe("4");
    expect(after(text, "Исполнено в срок")).toBe("1");
    expect(after(text, "Срок продлён (исполнено в продлённый срок или продлённый срок не наступил)")).toBe("1");
    expect(after(text, "Исполнено с нарушением срока")).toBe("1");
    expect(after(text, "Не исполнено")).toBe("1");
    expect(after(text, "Доля исполненных в срок (в том числе в продлённый) среди мероприятий, срок которых наступил")).toBe("50%");
    const joined = text.join("\n");
    expect(joined).toContain("05.10.2026 (продлён с 15.09.2026)");
    expect(joined).toContain("Ссылка на страницу сайта");
    expect(joined).not.toContain("Разъяснение правил о подарках"); // due in the fourth quarter
    const rows = await xlsxRows(xlsx);
    const row = (n: string) => rows.find((r) => r[0] === n && r.length === 7)!;
    expect(row("1").slice(3)).toEqual(["15.07.2026", "исполнено в срок", "—", "14.07.2026"]);
    expect(row("2").slice(3)).toEqual(["14.08.2026", "исполнено с нарушением срока", "—", "20.08.2026"]);
    expect(row("3").slice(3)).toEqual(["05.10.2026 (продлён с 15.09.2026)", "исполнено в продлённый срок", "Ссылка на страницу сайта", "01.10.2026"]);
    expect(row("4").slice(3)).toEqual(["30.09.2026", "не исполнено", "—", "—"]);
  }, 60_000);

  it("/monitoring gives the previous quarter's totals and documents; the other language on a button", async () => {
    const o = officer;
    const mark = emu().currentMessageId(o.id);
    await emu().sendCommand(o, "/monitoring");
    await documentsAfter(o, mark, "ru");
    const summary = await next(o, mark, has(/Исполнение плана мероприятий за III квартал 2026 года/), 30_000);
    expect(summary.text).toContain("мероприятий со сроком в квартале: 4\nисполнено в срок: 1\nсрок продлён: 1\nисполнено с нарушением срока: 1\nне исполнено: 1\nсрок не наступил: 0\nдоля исполненных в срок: 50%");
    expect(emu().inlineButtons(summary).map((b) => b.text)).toEqual(expect.arrayContaining(["Документы на казахском языке", "Направить руководству сведения о неисполнении", "IV квартал 2026 года", "III квартал 2026 года", "II квартал 2026 года", "I квартал 2026 года"]));

    const kkMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, summary, /на казахском языке/);
    const { docx, xlsx } = await documentsAfter(o, kkMark, "kk");
    const text = docxParagraphs(docx);
    expect(text[0]).toContain("іс-шаралар жоспарының 2026 жылғы III тоқсанда орындалуы туралы ақпарат");
    expect(after(text, "Тоқсанда мерзімі бар іс-шаралар, барлығы")).toBe("4");
    expect(after(text, "Мерзімінде орындалды")).toBe("1");
    expect(after(text, "Мерзімі бұзылып орындалды")).toBe("1");
    expect(after(text, "Орындалмады")).toBe("1");
    expect(after(text, "Мерзімі келген іс-шаралардың ішінде мерзімінде (ұзартылған мерзімде де) орындалғандардың үлесі")).toBe("50%");
    const rows = await xlsxRows(xlsx);
    expect(rows.find((r) => r[0] === "Тоқсанда мерзімі бар іс-шаралар, барлығы")?.at(-1)).toBe("4");
    expect(rows.find((r) => r[0] === "3")?.[4]).toBe("ұзартылған мерзімде орындалды");
  }, 60_000);

  it("the non-execution list reaches the observer once; a second press says when it was sent", async () => {
    const o = officer;
    const summary = emu()
      .sentMessages(o.id)
      .filter((m) => emu().inlineButtons(m).some((b) => /Направить руководству/.test(b.text)))
      .at(-1)!;
    const headMark = emu().currentMessageId(head.id);
    await act(o, () => emu().clickButton(o, summary, /Направить руководству/), has(/направлены наблюдателям \(получателей: 1\)/));
    const notice = await next(head, headMark, has(/орындамау фактілері/), 30_000);
    expect(notice.text).toContain("2026 жылғы III тоқсан");
    expect(notice.text).toContain("4. Проверка деклараций о конфликте интересов\nЖауаптылар: Ахметов Ерлан Серикович. Мерзімі: 30.09.2026.");
    expect(notice.text).not.toContain("Актуализация карты");
    await act(o, () => emu().clickButton(o, summary, /Направить руководству/), has(/уже направлены 01\.10\.2026/));
    expect(await running.db.prisma.planReportNotice.count({ where: { kind: "nonExecution" } })).toBe(1);
    expect(await running.db.prisma.auditLog.count({ where: { action: "plan.non_execution_sent" } })).toBe(1);
    expect(emu().sentMessages(head.id).filter((m) => m.message_id > headMark && /орындамау фактілері/.test(m.text ?? ""))).toHaveLength(1);
  }, 60_000);

  it("the observer reads the documents without the send button; an employee is refused", async () => {
    const mark = emu().currentMessageId(head.id);
    await emu().sendCommand(head, "/monitoring");
    await documentsAfter(head, mark, "kk");
    const summary = await next(head, mark, has(/Іс-шаралар жоспарының орындалуы/), 30_000);
    const buttons = emu().inlineButtons(summary).map((b) => b.text);
    expect(buttons).toContain("Орыс тіліндегі құжаттар");
    expect(buttons.join(" ")).not.toMatch(/басшылыққа жіберу/);

    await act(employee, () => emu().sendCommand(employee, "/monitoring"), has(/недоступна/));
    expect(emu().sentMessages(employee.id).some((m) => !!m.document)).toBe(false);
  }, 60_000);
});
