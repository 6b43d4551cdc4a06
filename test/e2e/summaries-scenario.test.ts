// Issue 14's "done means", over HTTP through the emulator, on whichever database the suite runs
// on: a compliance officer imports seed 004's whole plan for 2022 (XLSX) on Friday 1 April 2022;
// the weekly digest goes out once per week and person through the outbox; in the second
// quarter one item is done in time, one after an approved extension, one late, and the rest not
// at all — all through the bot's own "done" and "more time" flows; on 1 July the quarterly
// information (reminder, draft, /monitoring) and the board report (draft, approval, the
// observer's copy) give exactly those figures in Russian and in Kazakh.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SentMessage, TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { docxText, rowOf, xlsxRows } from "../support/board-documents.js";
import { conversation } from "../support/conversation.js";
import { KK_PLAN, toXlsx } from "../support/plan-fixtures.js";

const officer: TgUser = { id: 540001, first_name: "Гүлнар", language_code: "ru" };
const secretary: TgUser = { id: 540002, first_name: "Дана", language_code: "ru" };
const head: TgUser = { id: 540003, first_name: "Бауыржан", language_code: "kk" };

/** 10:00 in Almaty (UTC+5) on a day of 2022. */
const at = (day: string, time = "10:00") => new Date(`${day}T${time}:00+05:00`);

let running: RunningApp;
const emu = () => running.emulator;
const { next, act, has, withButton } = conversation(emu);

beforeAll(async () => {
  running = await startTestApp({ epoch: at("2022-04-01"), env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const registered = { registeredAt: new Date() };
  await p.user.create({ data: { fullName: "Жұмабаева Дана Серікқызы", phone: "77010000001", position: "Корпоративтік хатшы", role: "officer", language: "ru", telegramId: BigInt(secretary.id), ...registered } });
  await p.user.create({ data: { fullName: "Омаров Бауыржан", phone: "77010000002", position: "Басқарма Төрағасы", role: "observer", language: "kk", telegramId: BigInt(head.id), ...registered } });
  await act(officer, () => emu().sendCommand(officer, "/start"), has(/выберите действие/));
}, 60_000);
afterAll(() => running?.close());

/** Opens the item whose line in /tasks contains `title` (its number's button). */
async function openItem(user: TgUser, title: string): Promise<SentMessage> {
  const list = await act(user, () => emu().sendCommand(user, "/tasks"), has(/\d\) /));
  const line = list.text!.split("\n").find((l) => l.includes(title));
  const number = /(\d+)\) /.exec(line ?? "")?.[1];
  if (!number) throw new Error(`no item «${title}» in /tasks: ${list.text}`);
  return act(user, () => emu().clickButton(user, list, new RegExp(`^${number}\\. `)), withButton(/Выполнено/));
}

async function markDone(user: TgUser, title: string, evidence: string): Promise<void> {
  const card = await openItem(user, title);
  await act(user, () => emu().clickButton(user, card, /Выполнено/), has(/Пришлите подтверждение выполнения/));
  await act(user, () => emu().sendText(user, evidence), has(/Отмечено как выполненное/));
}

const file = (m: SentMessage) => emu().file(m.document!.file_id)!.bytes;

/** The DOCX and the XLSX the bot sends `user` after `mark`. */
async function documents(user: TgUser, mark: number) {
  const d = await next(user, mark, (m) => /\.docx$/.test(m.document?.file_name ?? ""), 30_000);
  const x = await next(user, d.message_id, (m) => /\.xlsx$/.test(m.document?.file_name ?? ""), 30_000);
  // SCENARIO_RENDER=<dir> keeps the files to render and look at (soffice, pdftoppm).
  const keep = process.env.SCENARIO_RENDER;
  if (keep) for (const m of [d, x]) writeFileSync(`${keep}/${user.id}-${m.message_id}-${m.document!.file_name}`, file(m));
  return { docx: docxText(file(d)), xlsx: await xlsxRows(file(x)), names: [d.document!.file_name, x.document!.file_name] };
}

const WORDING = {
  ru: { on_time: "Исполнено в срок", extended: "Срок продлён (исполнено в продлённый срок или продлённый срок не наступил)", late: "Исполнено с нарушением срока", not_done: "Не исполнено", pending: "Срок не наступил" },
  kk: {
    on_time: "Мерзімінде орындалды",
    extended: "Мерзімі ұзартылды (ұзартылған мерзімде орындалды немесе ұзартылған мерзімі әлі келген жоқ)",
    late: "Мерзімі бұзылып орындалды",
    not_done: "Орындалмады",
    pending: "Мерзімі келген жоқ",
  },
} as const;

/** The due dates of plan items first due in the second quarter of 2022, counted on the database. */
let inQuarter = 0;
const expected = () => ({ on_time: 1, extended: 1, late: 1, not_done: inQuarter - 3, pending: 0 });

/** Each status's label in the document is followed by its count. */
function expectTotals(docx: string, lang: "kk" | "ru"): void {
  for (const [status, count] of Object.entries(expected())) expect(docx).toContain(`${WORDING[lang][status as keyof typeof WORDING.ru]}\n${count}\n`);
}

describe("issue 14 end to end: seed 004's plan over a quarter", () => {
  it("seed 004 imports as XLSX with the plan's year from its title", async () => {
    const o = officer;
    await act(o, () => emu().sendCommand(o, "/plan_import"), has(/Пришлите план мероприятий/));
    const content = await toXlsx(KK_PLAN);
    const preview = await act(o, () => emu().sendDocument(o, { fileName: "жоспар-2022.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content }), withButton(/Загрузить план/));
    const done = await act(o, () => emu().clickButton(o, preview, /Загрузить план/), has(/План загружен/));
    expect(done.text).toMatch(/пунктов — 35, сроков — 40/);
    const p = running.db.prisma;
    const quarter = await p.taskOccurrence.findMany({ where: { dueOn: { gte: "2022-04-01", lte: "2022-06-30" }, task: { kind: "plan" } } });
    inQuarter = quarter.length;
    expect(inQuarter).toBe(23);
    // The secretary is matched by her position, the compliance officer by «комплаенс-офицер».
    const dana = await p.user.findFirstOrThrow({ where: { telegramId: BigInt(secretary.id) } });
    expect(await p.taskAssignee.count({ where: { userId: dana.id } })).toBeGreaterThan(0);
  }, 60_000);

  it("the weekly digest goes out on Mondays, once per week and person, through the outbox", async () => {
    const digests = (user: TgUser) => emu().sentMessages(user.id).filter((m) => /Еженедельная сводка|Апталық шолу/.test(m.text ?? ""));
    // Monday 11 April: item 1's working group is due on Saturday the 16th (upcoming).
    for (const day of ["2022-04-11", "2022-04-18"]) {
      running.travelTo(at(day));
      await running.app.jobs.weeklyDigest.tick();
      await running.app.jobs.weeklyDigest.tick(); // a second pass, as another instance's, sends nothing
      // Tuesday: not the first working day of the week.
      running.travelTo(at(day, "15:00"));
      await running.app.jobs.weeklyDigest.tick();
    }
    running.travelTo(at("2022-04-19"));
    await running.app.jobs.weeklyDigest.tick();
    await next(head, 0, has(/Апталық шолу, 18\.04\.2022/), 30_000);
    await next(officer, 0, has(/Еженедельная сводка, 18\.04\.2022/), 30_000);
    expect(digests(officer).map((m) => /(\d\d\.\d\d\.2022)/.exec(m.text!)![1])).toEqual(["11.04.2022", "18.04.2022"]);
    expect(digests(head).map((m) => /(\d\d\.\d\d\.2022)/.exec(m.text!)![1])).toEqual(["11.04.2022", "18.04.2022"]);
    expect(digests(secretary)).toHaveLength(0);
    // The ledger the digest is queued with (in one transaction): one row per person and week.
    const ledger = await running.db.prisma.summaryDigest.findMany({ where: { outcome: "queued" }, orderBy: [{ week: "asc" }, { userId: "asc" }] });
    expect(ledger.map((r) => r.week)).toEqual(["2022-04-11", "2022-04-11", "2022-04-18", "2022-04-18"]);
    // On the 18th item 1's working group (nobody matched «ОҚП») is overdue, and the digest says who.
    expect(digests(officer)[1]!.text).toContain("16.04.2022");
  }, 60_000);

  it("in the quarter: one item done in time, one after an approved extension, one late", async () => {
    running.travelTo(at("2022-04-20"));
    await markDone(officer, "Сыбайлас жемқорлыққа қарсы саясатты әзірлеу", "Саясаттың жобасы әзірленді");

    // 8 June: the secretary asks for more time for the plan's approval (due 10.06) until 24.06.
    running.travelTo(at("2022-06-08"));
    const s = secretary;
    let card = await openItem(s, "Сыбайлас жемқорлыққа қарсы іс-қимыл жөніндегі іс-шаралар жоспарын бекіту");
    await act(s, () => emu().clickButton(s, card, /продление/), has(/Почему нужно продлить/));
    await act(s, () => emu().sendText(s, "Заседание Совета директоров перенесено"), has(/До какой даты/));
    const officerMark = emu().currentMessageId(officer.id);
    await act(s, () => emu().sendText(s, "24.06.2022"), has(/Запрос о продлении срока до 24\.06\.2022 отправлен/));
    const request = await next(officer, officerMark, withButton(/Согласовать/), 30_000);
    const approvedMark = emu().currentMessageId(s.id);
    await emu().clickButton(officer, request, /Согласовать/);
    await next(s, approvedMark, has(/продлён до 24\.06\.2022/), 30_000);
    // The same day the officer closes the instruction's drafting, due 31.05: late.
    await markDone(officer, "нұсқаулықты әзірлеу", "Нұсқаулықтың жобасы");

    running.travelTo(at("2022-06-20"));
    card = await openItem(s, "іс-шаралар жоспарын бекіту");
    expect(card.text).toContain("24.06.2022");
    await markDone(s, "іс-шаралар жоспарын бекіту", "Директорлар кеңесінің хаттамасы № 7");
  }, 120_000);

  it("on 1 July the officer is reminded of the quarterly information with the draft; its figures are the quarter's", async () => {
    running.travelTo(at("2022-07-01"));
    const o = officer;
    const mark = emu().currentMessageId(o.id);
    await running.app.jobs.monitoringReminders.tick();
    const reminder = await next(o, mark, has(/До 05\.07\.2022 нужно представить информацию/), 30_000);
    const e = expected();
    expect(reminder.text).toContain(`исполнено в срок — 1, срок продлён — 1, с нарушением срока — 1, не исполнено — ${e.not_done}, срок не наступил — 0`);
    const draftMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, reminder, /Получить проект/);
    const ru = await documents(o, draftMark);
    expect(ru.names).toEqual(["plan-execution-2022-Q2-ru.docx", "plan-execution-2022-Q2-ru.xlsx"]);
    expect(ru.docx).toContain("за II квартал 2022 года");
    expect(ru.docx).toContain(`Мероприятий со сроком в квартале, всего\n${inQuarter}\n`);
    expectTotals(ru.docx, "ru");
    expect(ru.docx).toContain("24.06.2022 (продлён с 10.06.2022)");
    expect(ru.docx).toContain("Директорлар кеңесінің хаттамасы № 7");

    const summaryMark = emu().currentMessageId(o.id);
    await emu().sendCommand(o, "/monitoring");
    const summary = await next(o, summaryMark, has(/Исполнение плана мероприятий за II квартал 2022 года/), 30_000);
    expect(summary.text).toContain(`мероприятий со сроком в квартале: ${inQuarter}\nисполнено в срок: 1\nсрок продлён: 1\nисполнено с нарушением срока: 1\nне исполнено: ${e.not_done}\nсрок не наступил: 0`);
    const kkMark = emu().currentMessageId(o.id);
    await emu().clickButton(o, summary, /на казахском языке/);
    const kk = await documents(o, kkMark);
    expect(kk.docx).toContain("2022 жылғы II тоқсанда орындалуы туралы ақпарат");
    expect(kk.docx).toContain(`Тоқсанда мерзімі бар іс-шаралар, барлығы\n${inQuarter}\n`);
    expectTotals(kk.docx, "kk");
  }, 120_000);

  it("the board report of the quarter: the draft in both languages, approved, the head's copy — the same figures", async () => {
    const o = officer;
    let mark = emu().currentMessageId(o.id);
    await emu().sendCommand(o, "/board_report");
    const ru = await documents(o, mark);
    expect(ru.docx).toContain("Отчёт о деятельности комплаенс-службы по противодействию коррупции за II квартал 2022 года");
    expectTotals(ru.docx, "ru");
    expect(ru.docx).toContain(`Итого\n${inQuarter}\n`);
    expect(rowOf(ru.xlsx.get("План мероприятий"), WORDING.ru.not_done)?.[2]).toBe(expected().not_done);
    const control = await next(o, mark, withButton(/Утвердить и направить наблюдателям/), 30_000);
    mark = emu().currentMessageId(o.id);
    await emu().clickButton(o, control, /Файлы на казахском языке/);
    const kkDraft = await documents(o, mark);
    expectTotals(kkDraft.docx, "kk");

    await act(o, () => emu().clickButton(o, control, /Утвердить и направить наблюдателям/), has(/Отчёт утверждён: II квартал 2022 года\. Направлено наблюдателям — 1\./));
    const notice = await next(head, 0, has(/Директорлар кеңесіне есеп бекітілді: 2022 жылғы II тоқсан/), 30_000);
    mark = emu().currentMessageId(head.id);
    await emu().clickButton(head, notice, "Құжаттарды алу");
    const approved = await documents(head, mark);
    expect(approved.docx).toContain("2022 жылғы II тоқсандағы сыбайлас жемқорлыққа қарсы қызмет туралы есеп");
    expectTotals(approved.docx, "kk");
    expect(rowOf(approved.xlsx.get("Іс-шаралар жоспары"), WORDING.kk.on_time)?.[2]).toBe(1);
    expect(emu().sentMessages(head.id).filter((m) => /есеп бекітілді/.test(m.text ?? ""))).toHaveLength(1);
  }, 120_000);
});
