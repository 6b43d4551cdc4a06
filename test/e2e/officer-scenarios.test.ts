// Issue 13's scenarios replayed through the real app and the Bot API emulator: a compliance
// officer who ran /setup imports a 30-person roster that Russian Excel saved as «CSV»
// (Windows-1251) and that contains herself; ten employees register; a questionnaire with a
// follow-up question and a multiple choice goes to everyone and ten answer; three anonymous
// reports come in, one about compliance staff; a six-item plan has a deadline on a public
// holiday. Every figure the officer reads must be right, and the documents must say only
// what is true.
import { unzipSync, strFromU8 } from "fflate";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { conversation } from "../support/conversation.js";
import { toWindows1251 } from "../support/windows-1251.js";

/** Tuesday 15 December 2026, 10:00 in Almaty: the working day before Independence Day (16.12). */
const EPOCH = new Date("2026-12-15T05:00:00Z");

const officer: TgUser = { id: 500001, first_name: "Наталья", language_code: "ru" };
const HER = "Иванова Наталья Сергеевна";
const HER_PHONE = "+7 701 000 00 01";
const head: TgUser = { id: 500002, first_name: "Марат", language_code: "ru" };
const HEAD = "Сейткалиев Марат Ерланович";
const newcomer: TgUser = { id: 690001, first_name: "Наталья", language_code: "ru" };

const DEPARTMENTS = ["Бухгалтерия", "Отдел закупок", "Отдел кадров"];
/** The ten employees who register and answer: the first answers in Kazakh. */
const staff = Array.from({ length: 10 }, (_, i) => ({
  user: { id: 610000 + i, first_name: `Сотрудник${i}`, language_code: i === 0 ? "kk" : "ru" } satisfies TgUser,
  name: `Тестов${"абвгдежзик"[i]} Сотрудник Иванович`,
  phone: `+7 702 000 00 ${String(10 + i)}`,
}));

function rosterCsv(): Buffer {
  const rows = [["ФИО", "Телефон", "Подразделение", "Должность", "Роль"]];
  rows.push([HER, HER_PHONE, "Комплаенс-служба", "Комплаенс-офицер", "комплаенс"]);
  rows.push([HEAD, "+7 701 000 00 02", "Руководство", "Председатель правления", "наблюдатель"]);
  // Five registered employees in each of two departments: their response rates are shown apart.
  for (const [i, s] of staff.entries()) rows.push([s.name, s.phone, DEPARTMENTS[i % 2]!, "Специалист", i === 1 ? "ответственный" : "сотрудник"]);
  for (let i = 0; i < 18; i++) rows.push([`Непришедший${"абвгдежзиклмнопрст"[i]} Работник Петрович`, `+7 703 000 00 ${String(10 + i)}`, DEPARTMENTS[i % 3]!, "Специалист", "сотрудник"]);
  return toWindows1251(rows.map((r) => r.join(";")).join("\r\n") + "\r\n");
}

const T = (ru: string, kk: string) => ({ kk, ru });
const DEFINITION = {
  id: "staff-check",
  title: T("Опрос о коррупционных рисках", "Сыбайлас жемқорлық тәуекелдері туралы сауалнама"),
  mode: "anonymous",
  sections: [
    {
      id: "main",
      title: T("Основное", "Негізгі"),
      questions: [
        { id: "know", type: "yesno", text: T("Знаете ли вы, куда сообщить о коррупции?", "Сыбайлас жемқорлық туралы қайда хабарлау керегін білесіз бе?") },
        {
          id: "seen",
          type: "single",
          text: T("Сталкивались ли вы с коррупцией на работе?", "Жұмыста сыбайлас жемқорлыққа тап болдыңыз ба?"),
          options: [
            { code: "never", label: T("Никогда", "Ешқашан") },
            { code: "once", label: T("Один раз", "Бір рет") },
            { code: "often", label: T("Несколько раз", "Бірнеше рет") },
          ],
        },
        {
          id: "where",
          type: "multiple",
          max: 3,
          showIf: { question: "seen", equals: ["once", "often"] },
          text: T("Где это было?", "Бұл қай жерде болды?"),
          options: [
            { code: "buy", label: T("Закупки", "Сатып алу") },
            { code: "hire", label: T("Приём на работу", "Жұмысқа қабылдау") },
            { code: "audit", label: T("Проверки", "Тексерулер") },
          ],
        },
        {
          id: "trust",
          type: "scale",
          min: 1,
          max: 3,
          text: T("Я доверяю горячей линии.", "Сенім телефонына сенемін."),
          labels: { 1: T("Не согласен", "Келіспеймін"), 2: T("Затрудняюсь ответить", "Айту қиын"), 3: T("Согласен", "Келісемін") },
        },
      ],
    },
  ],
};

let running: RunningApp;
const emu = () => running.emulator;

beforeAll(async () => {
  running = await startTestApp({ epoch: EPOCH });
}, 60_000);
afterAll(() => running?.close());

const { next, act, has, withButton } = conversation(emu);
/** The message as it stands now (after the bot's edits). */
const current = (user: TgUser, id: number) => emu().sentMessages(user.id).find((m) => m.message_id === id)!;

function docxText(file: Buffer): string {
  const xml = strFromU8(unzipSync(new Uint8Array(file))["word/document.xml"]!);
  return xml.replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, "") + "\n").replace(/<[^>]+>/g, "");
}

describe("the officer's first day: one person, one count", () => {
  it("runs /setup, imports a Windows-1251 roster that contains herself, and is linked to her row", async () => {
    const o = officer;
    await act(o, () => emu().sendCommand(o, `/setup ${running.app.setupCode}`), has(/Поделитесь, пожалуйста, номером телефона/));
    let m = await act(o, () => emu().sendCommand(o, "/import"), has(/Пришлите файл со списком/));
    m = await act(o, () => emu().sendDocument(o, { fileName: "сотрудники.csv", mimeType: "text/csv", content: rosterCsv() }), withButton(/Загрузить список \(30\)/));
    expect(m.text).toContain("сотрудников — 30");
    m = await act(o, () => emu().clickButton(o, m, /Загрузить список/), has(/Список загружен/));
    await act(o, () => emu().sendContact(o, HER_PHONE), has(new RegExp(`связана со строкой «${HER}»`)));
    const her = await running.db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(o.id) }, include: { department: true } });
    expect(her).toMatchObject({ fullName: HER, role: "compliance" });
    expect(her.department?.name).toBe("Комплаенс-служба");
  }, 60_000);

  it("ten employees and the head register by phone; a one-word name on a department link is refused", async () => {
    for (const { user, phone } of staff) {
      const pick = await act(user, () => emu().sendCommand(user, "/start"), withButton(/Қазақша/));
      await act(user, () => emu().clickButton(user, pick, user.language_code === "kk" ? /Қазақша/ : /Русский/), (x) => /📱/.test(JSON.stringify(x.sentReplyMarkup ?? {})));
      await act(user, () => emu().sendContact(user, phone), has(/зарегистрированы|тіркелдіңіз/));
    }
    const pick = await act(head, () => emu().sendCommand(head, "/start"), withButton(/Русский/));
    await act(head, () => emu().clickButton(head, pick, /Русский/));
    await act(head, () => emu().sendContact(head, "+7 701 000 00 02"), has(/зарегистрированы/));

    // A department link: «Наталья» alone is not a name; nobody is created.
    let m = await act(officer, () => emu().sendCommand(officer, "/invite"), withButton(/Подразделение/));
    m = await act(officer, () => emu().clickButton(officer, m, /Подразделение/), withButton(/Бухгалтерия/));
    m = await act(officer, () => emu().clickButton(officer, m, /Бухгалтерия/), withButton(/^7/));
    m = await act(officer, () => emu().clickButton(officer, m, /^7/), has(/start=i_/));
    const token = /start=(i_[A-Za-z0-9_-]+)/.exec(m.text!)![1]!;
    await act(newcomer, () => emu().sendCommand(newcomer, `/start ${token}`), has(/«Бухгалтерия»/));
    await act(newcomer, () => emu().sendText(newcomer, "Наталья"), has(/фамилию и имя/));
    expect(await running.db.prisma.user.count()).toBe(30);
  }, 120_000);

  it("/roster counts 30 people, 12 registered, and no one without a department", async () => {
    const m = await act(officer, () => emu().sendCommand(officer, "/roster"), has(/Сотрудники/));
    expect(m.text).toContain("зарегистрировано 12 из 30");
    expect(m.text).not.toMatch(/без подразделения|не связаны/);
    expect(m.text).toContain("• Комплаенс-служба: 1 из 1");
  });
});

describe("a questionnaire to everyone, ten answers", () => {
  let campaignMessage: SentMessage;

  it("the officer uploads it and launches it to all employees: 30 participants", async () => {
    const o = officer;
    await act(o, () => emu().sendCommand(o, "/survey_upload"), has(/Пришлите файл анкеты/));
    await act(o, () => emu().sendDocument(o, { fileName: "anketa.json", mimeType: "application/json", content: Buffer.from(JSON.stringify(DEFINITION)) }), has(/сохранена: staff-check, версия 1/));
    let m = await act(o, () => emu().sendCommand(o, "/campaigns"), withButton(/Новая кампания/));
    m = await act(o, () => emu().clickButton(o, m, /Новая кампания/), has(/Шаг 1 из 4/));
    m = await act(o, () => emu().clickButton(o, m, /Опрос о коррупционных рисках/), has(/Шаг 2 из 4/));
    m = await act(o, () => emu().clickButton(o, m, /анонимный опрос/), has(/Шаг 3 из 4/));
    m = await act(o, () => emu().clickButton(o, m, /Все сотрудники/), has(/Шаг 4 из 4/));
    m = await act(o, () => emu().clickButton(o, m, /^14/), has(/Проверьте:/));
    expect(m.text).toContain("Участники: все сотрудники");
    campaignMessage = await act(o, () => emu().clickButton(o, m, /Запустить/), has(/запущена/));
    expect(campaignMessage.text).toContain("участников: 30");
  }, 60_000);

  it("ten answer: progress never jumps, a tick edits the question, the survey's language stays in the survey", async () => {
    for (const [i, { user }] of staff.entries()) {
      const kk = user.language_code === "kk";
      const invitation = await next(user, 0, (x) => emu().inlineButtons(x).some((b) => b.callback_data?.startsWith("sv.o:")));
      const notice = await act(user, () => emu().clickButton(user, invitation, /📋/), has(/🔒/));
      // Four questions at most: the third is asked only after some answers.
      expect(notice.text).toMatch(kk ? /ең көбі 4/ : /не более 4/);
      let q = await act(user, () => emu().clickButton(user, notice, /▶️/), withButton(/./));
      const headers: string[] = [];
      const header = (x: SentMessage) => /· (\d+)\/(\d+)/.exec(x.text ?? "")!.slice(1).map(Number) as [number, number];
      if (i === 2) {
        // The questionnaire in Kazakh for her: the person stays Russian-speaking.
        // The switch edits the question in place.
        const id = q.message_id;
        await emu().clickButton(user, q, /🌐/);
        await emu().waitFor(() => /Негізгі/.test(current(user, id).text ?? ""), { chatId: user.id, timeoutMs: 5_000 });
        q = current(user, id);
      }
      headers.push(header(q).join("/"));
      q = await act(user, () => emu().clickButton(user, q, i % 3 === 0 ? /^(Нет|Жоқ)$/ : /^(Да|Иә)$/), withButton(/./));
      headers.push(header(q).join("/"));
      const seen = i < 4 ? /^(Никогда|Ешқашан)$/ : i % 2 ? /^(Один раз|Бір рет)$/ : /^(Несколько раз|Бірнеше рет)$/;
      q = await act(user, () => emu().clickButton(user, q, seen), withButton(/./));
      headers.push(header(q).join("/"));
      if (i >= 4) {
        // Two ticks: the same message is edited to show them, nothing new is sent.
        const sentBefore = emu().sentMessages(user.id).length;
        const ticked = () => emu().inlineButtons(current(user, q.message_id)).filter((b) => b.text.startsWith("☑️")).length;
        for (const [n, option] of [/Закупки|Сатып алу/, i % 2 ? /Проверки|Тексерулер/ : /Приём на работу|Жұмысқа қабылдау/].entries()) {
          await emu().clickButton(user, current(user, q.message_id), option);
          for (let waited = 0; ticked() < n + 1 && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
          expect(ticked()).toBe(n + 1);
        }
        expect(emu().sentMessages(user.id).length).toBe(sentBefore);
        q = await act(user, () => emu().clickButton(user, current(user, q.message_id), /Готово|Дайын/), withButton(/./));
        headers.push(header(q).join("/"));
      }
      const review = await act(user, () => emu().clickButton(user, q, /^3$/), withButton(/✅/));
      await act(user, () => emu().clickButton(user, review, /✅/), has(/^✅/));
      // Positions go up by one, totals never grow, and the last is n/n.
      const parsed = headers.map((h) => h.split("/").map(Number) as [number, number]);
      expect(parsed.map(([n]) => n), `respondent ${i}: ${headers}`).toEqual(parsed.map((_, k) => k + 1));
      for (let k = 1; k < parsed.length; k++) expect(parsed[k]![1]).toBeLessThanOrEqual(parsed[k - 1]![1]);
      expect(parsed.at(-1)![0]).toBe(parsed.at(-1)![1]);
    }
    const switched = await running.db.prisma.user.findUniqueOrThrow({ where: { telegramId: BigInt(staff[2]!.user.id) } });
    expect(switched.language).toBe("ru");
    await act(staff[2]!.user, () => emu().sendCommand(staff[2]!.user, "/menu"), has(/выберите действие/));
  }, 300_000);

  it("the documents: response rates by department without a phantom, the over-100 % note only where true, charts as one album", async () => {
    const o = officer;
    let m = await act(o, () => emu().sendCommand(o, "/campaigns"), withButton(/#1/));
    m = await act(o, () => emu().clickButton(o, m, /#1/), has(/Ответили: 10 из 12/));
    // Closed early, so every answer is counted at once.
    m = await act(o, () => emu().clickButton(o, m, /Завершить/), withButton(/Завершить/));
    await act(o, () => emu().clickButton(o, m, /Завершить/), has(/Кампания #1 завершена/));
    m = await act(o, () => emu().sendCommand(o, "/campaigns"), withButton(/#1/));
    const card = await act(o, () => emu().clickButton(o, m, /#1/), withButton(/DOCX ru/));
    const mark = emu().currentMessageId(o.id);
    await emu().clickButton(o, card, /DOCX ru/);
    const doc = await next(o, mark, (x) => !!x.document, 30_000);
    const text = docxText(emu().file(doc.document!.file_id)!.bytes);
    expect(text).not.toMatch(/Подразделение не указано|без подразделения/i);
    // Бухгалтерия alone; the head's and her own one-person units cannot stand apart, and with them
    // the smallest other unit (disclosure control): 12 invited, 5 + 7.
    expect(text).toMatch(/Бухгалтерия\n5\n5\n100\n/);
    expect(text).toMatch(/Другие подразделения\n7\n5\n71,4\n/);
    // Six chose two places each: 12 of 6 — shares add up to 200 %, and only there is it said.
    expect(text.match(/сумма долей превышает 100/g)).toHaveLength(1);
    const chartsMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, card, /Диаграммы/);
    await next(o, chartsMark, (x) => !!x.photo, 60_000);
    const albums = emu().calls.filter((c) => c.method === "sendMediaGroup" && c.payload.chat_id === o.id);
    expect(albums).toHaveLength(1);
    expect(emu().calls.filter((c) => c.method === "sendPhoto" && c.payload.chat_id === o.id)).toHaveLength(0);
    // XLSX for officers: option texts, not codes.
    const xMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, card, /XLSX ru/);
    const xlsx = await next(o, xMark, (x) => !!x.document, 30_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(emu().file(xlsx.document!.file_id)!.bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join("\n");
    expect(cells).toContain("Несколько раз");
    expect(cells).not.toMatch(/^(never|once|often)$/m);
  }, 120_000);
});

describe("three reports, one about compliance staff", () => {
  async function file(user: TgUser, aboutCompliance: boolean): Promise<void> {
    let m = await act(user, () => emu().sendCommand(user, "/report"), withButton(/Продолжить|Жалғастыру/));
    m = await act(user, () => emu().clickButton(user, m, /Продолжить|Жалғастыру/), withButton(/Взяточничество|Пара/));
    m = await act(user, () => emu().clickButton(user, m, /Взяточничество|Пара/), withButton(/^(Нет|Жоқ)$/));
    m = await act(user, () => emu().clickButton(user, m, aboutCompliance ? /^(Да|Иә)$/ : /^(Нет|Жоқ)$/), withButton(/Пропустить|Өткізіп/));
    m = await act(user, () => emu().clickButton(user, m, /Пропустить|Өткізіп/), withButton(/./));
    m = await act(user, () => emu().sendText(user, "Начальник требует деньги за подписание акта приёмки"), withButton(/./));
    m = await act(user, () => emu().sendText(user, "В декабре 2026 года, на складе"), withButton(/Пропустить|Өткізіп/));
    m = await act(user, () => emu().clickButton(user, m, /Пропустить|Өткізіп/), withButton(/Готово|файлсыз|Без файлов|Дайын/));
    m = await act(user, () => emu().clickButton(user, m, /Готово|файлсыз|Без файлов|Дайын/), withButton(/Отправить|Жіберу/));
    await act(user, () => emu().clickButton(user, m, /Отправить|Жіберу/), has(/Ваш секретный код|Құпия код/i));
  }

  it("compliance sees its two and is told plainly that the third is not counted, and why", async () => {
    await file(staff[3]!.user, false);
    await file(staff[4]!.user, false);
    await file(staff[5]!.user, true);
    let m = await act(officer, () => emu().sendCommand(officer, "/cases"), withButton(/Статистика/));
    expect(m.text).toMatch(/все: 2/);
    m = await act(officer, () => emu().clickButton(officer, m, /Статистика/), has(/2026/));
    expect(m.text).toMatch(/рассматривает руководство, здесь они не учтены/);
    const headCases = await act(head, () => emu().sendCommand(head, "/cases"), has(/Сообщения о коррупции/));
    expect(headCases.text).toMatch(/все: 1/);
  }, 120_000);
});

describe("a six-item plan with a deadline on Independence Day", () => {
  const PLAN = [
    ["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"],
    ["1", "Конфликт интересов", "Проверка аффилированности поставщиков", "Справка", staff[1]!.name, "16.12.2026"],
    ["2", "Закупки", "Анализ закупок у одного источника", "Справка", staff[1]!.name, "15.12.2026"],
    ["3", "Кадры", "Проверка сведений кандидатов", "Информация", "Отдел кадров", "30.12.2026"],
    ["4", "Подарки", "Разъяснение правил о подарках", "Протокол", HER, "25.12.2026"],
    ["5", "Обучение", "Обучение работников", "Протокол", HER, "28.12.2026"],
    ["6", "Отчётность", "Информация об исполнении плана", "Информация", HER, "ежеквартально к 5 числу месяца, следующего за отчётным"],
  ];

  it("imports from a Windows-1251 CSV; the day before the holiday is the last working day, never «today»", async () => {
    const o = officer;
    const csv = toWindows1251(PLAN.map((r) => r.map((c) => (c.includes(";") ? `"${c}"` : c)).join(";")).join("\r\n") + "\r\n");
    await act(o, () => emu().sendCommand(o, "/plan_import"), has(/Пришлите план мероприятий/));
    let m = await act(o, () => emu().sendDocument(o, { fileName: "план.csv", mimeType: "text/csv", content: csv }), withButton(/Загрузить план \(6\)/));
    // Said before anything is stored: item 1's date is a public holiday.
    expect(m.text).toMatch(/нерабочие дни[^]*• п\. 1: 16\.12\.2026 — День Независимости/);
    m = await act(o, () => emu().clickButton(o, m, /Загрузить план/), has(/План загружен/));
    expect(m.text).toMatch(/пунктов — 6/);
    const responsible = staff[1]!.user;
    const mark = emu().currentMessageId(responsible.id);
    await running.app.jobs.taskReminders.tick();
    // Through the outbox: one a second in a chat.
    const holiday = (await next(responsible, mark, has(/16\.12\.2026/))).text!;
    expect(holiday).toMatch(/последний рабочий день перед сроком 16\.12\.2026/);
    expect(holiday).toMatch(/16\.12\.2026 — нерабочий день/);
    expect(holiday).not.toMatch(/Сегодня, 16/);
    expect((await next(responsible, mark, has(/15\.12\.2026/))).text).toMatch(/^⏰ Сегодня, 15\.12\.2026/);
  }, 60_000);

  it("an extension to the holiday is refused with the nearest working days", async () => {
    const r = staff[1]!.user;
    let m = await act(r, () => emu().sendCommand(r, "/tasks"), withButton(/15\.12\.2026/));
    expect(m.text).toContain("Анализ закупок у одного источника");
    m = await act(r, () => emu().clickButton(r, m, /15\.12\.2026/), withButton(/продление/));
    m = await act(r, () => emu().clickButton(r, m, /продление/), has(/Почему нужно продлить/));
    await act(r, () => emu().sendText(r, "Поставщик не прислал документы"), has(/До какой даты/));
    m = await act(r, () => emu().sendText(r, "16.12.2026"), has(/нерабочий день/));
    expect(m.text).toMatch(/16\.12\.2026 — нерабочий день/);
    expect(emu().inlineButtons(m).map((b) => b.text).join(" ")).toMatch(/17\.12\.2026/);
    expect(await running.db.prisma.extensionRequest.count()).toBe(0);
  }, 60_000);
});
