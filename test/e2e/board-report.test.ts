// The board report (seed 004 item 16) over HTTP through the emulator: a third quarter with plan
// items done in time, in an extended time, late and not done, an interview campaign with answers
// (one question under the anonymity threshold), and two anonymous reports (one of them routed
// past compliance). The day before the due date (the 25th of October 2026 is a Sunday, so the
// report is due on Friday the 23rd) the compliance officer is reminded, opens the draft, reads
// it in both languages, approves it; the observer is told once and gets exactly those figures in
// both languages; an employee is refused.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { validateDefinition } from "../../src/domain/surveys/definition.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { conversation } from "../support/conversation.js";
import { docxText, rowOf, xlsxRows } from "../support/board-documents.js";

const officer: TgUser = { id: 510001, first_name: "Officer", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Бақылаушы", language_code: "kk" };
const employee: TgUser = { id: 530001, first_name: "Employee", language_code: "ru" };
/** Thursday 22 October 2026, 10:00 in Almaty: one working day before the due date. */
const EPOCH = new Date("2026-10-22T05:00:00Z");

let running: RunningApp;
const emu = () => running.emulator;
const { act, has, withButton, next } = conversation(emu);

async function seedQuarter(): Promise<void> {
  const p = running.db.prisma;
  const people = [];
  for (let i = 0; i < 8; i++) {
    people.push(
      await p.user.create({
        data: { fullName: `Сотрудник ${i + 1}`, phone: `7702000000${i}`, role: "employee", language: "ru", ...(i === 0 ? { telegramId: BigInt(employee.id), registeredAt: new Date() } : {}) },
      }),
    );
  }
  await p.user.create({ data: { fullName: "Наблюдатель Айгуль", phone: "77020000100", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  const responsible = await p.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77020000200", role: "officer", language: "kk" } });
  const item = async (n: string, title: string, o: { dueOn: string; originalDueOn?: string; status: string; doneOn?: string }) => {
    const task = await p.task.create({ data: { kind: "plan", number: n, title, deadline: o.originalDueOn ?? o.dueOn, assignees: { create: [{ userId: responsible.id }] } } });
    await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: o.dueOn, originalDueOn: o.originalDueOn ?? null, status: o.status, doneOn: o.doneOn ?? null } });
  };
  await item("1", "Разъяснение правил о подарках", { dueOn: "2026-07-15", status: "done", doneOn: "2026-07-10" });
  await item("2", "Анализ закупок у аффилированных поставщиков", { dueOn: "2026-09-20", originalDueOn: "2026-09-01", status: "done", doneOn: "2026-09-15" });
  await item("3", "Обучение по антикоррупционному законодательству", { dueOn: "2026-08-14", status: "done", doneOn: "2026-08-20" });
  await item("4", "Проверка аффилированности поставщиков", { dueOn: "2026-09-10", status: "open" });
  await item("5", "Декларирование конфликта интересов", { dueOn: "2026-12-10", status: "open" }); // Q4: not in this report

  const def = validateDefinition({
    id: "board-interview",
    title: { kk: "Бөлімше басшыларымен сұхбат", ru: "Интервью с руководителями подразделений" },
    mode: "attributed",
    sections: [
      {
        id: "main",
        title: { kk: "Негізгі", ru: "Основное" },
        questions: [
          { id: "gifts", type: "yesno", text: { kk: "Сыйлық ұсынылды ма?", ru: "Вам предлагали подарки?" } },
          {
            id: "where",
            type: "single",
            text: { kk: "Қай жерде ұсынылды?", ru: "Где это было?" },
            options: [
              { code: "office", label: { kk: "Кеңседе", ru: "В офисе" } },
              { code: "outside", label: { kk: "Кеңседен тыс", ru: "Вне офиса" } },
            ],
          },
        ],
      },
    ],
  });
  if (!def.ok) throw new Error(JSON.stringify(def.issues));
  const { record } = await saveDefinition(p, def.definition, "test:board", null);
  const campaign = await p.campaign.create({
    data: { definitionId: record.id, mode: "attributed", status: "closed", opensOn: "2026-09-01", closesOn: "2026-09-14", closedOn: "2026-09-14", audience: JSON.stringify({ kind: "all" }) },
  });
  for (const [i, person] of people.entries()) {
    const completed = i < 6;
    await p.campaignParticipant.create({ data: { campaignId: campaign.id, userId: person.id, inviteStatus: "sent", invitedOn: "2026-09-01", completedOn: completed ? "2026-09-05" : null } });
    if (!completed) continue;
    // Five «no», one «yes»; only two said where (under the threshold of five: suppressed).
    const answers = i < 2 ? { gifts: { code: i === 0 ? "yes" : "no" }, where: { code: "office" } } : { gifts: { code: "no" }, where: { skipped: true } };
    await p.interviewResponse.create({ data: { campaignId: campaign.id, userId: person.id, answers: JSON.stringify(answers), submittedOn: "2026-09-05" } });
  }

  const report = (n: string, audience: string, extra: object) =>
    p.report.create({
      data: { number: n, receiptHash: `hash-${n}`, audience, category: "gifts", content: "sealed", receivedOn: "2026-08-03", ackDueOn: "2026-08-06", decisionDueOn: "2026-08-24", ...extra },
    });
  await report("2026-0001", "compliance", { status: "decided", outcome: "substantiated", acknowledgedOn: "2026-08-04", decidedOn: "2026-08-20" });
  await report("2026-0002", "observer", { status: "review", acknowledgedOn: "2026-08-05" });
}

beforeAll(async () => {
  running = await startTestApp({ epoch: EPOCH, env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor((m) => /выберите действие/.test(m.text ?? ""), { chatId: officer.id });
  await seedQuarter();
}, 60_000);
afterAll(() => running?.close());

const file = (m: { document?: { file_id: string } }) => emu().file(m.document!.file_id)!.bytes;

/** The DOCX and the XLSX the bot sends after `after` in the user's chat. */
async function documents(user: TgUser, after: number): Promise<{ docx: string; xlsx: Awaited<ReturnType<typeof xlsxRows>> }> {
  const d = await next(user, after, (m) => /\.docx$/.test(m.document?.file_name ?? ""), 30_000);
  const x = await next(user, d.message_id, (m) => /\.xlsx$/.test(m.document?.file_name ?? ""), 30_000);
  return { docx: docxText(file(d)), xlsx: await xlsxRows(file(x)) };
}

function expectRussianFigures(docx: string): void {
  expect(docx).toContain("Отчёт о деятельности комплаенс-службы по противодействию коррупции за III квартал 2026 года");
  expect(docx).toContain("Срок представления — 23.10.2026.");
  expect(docx).toContain("приходящиеся на отчётный период, — 4; из них наступили — 4; исполнено в срок (в том числе в продлённый срок) — 2, это 50% от наступивших");
  expect(docx).toMatch(/Исполнено в срок\n1\nСрок продлён \(исполнено в продлённый срок или продлённый срок не наступил\)\n1\nИсполнено с нарушением срока\n1\nНе исполнено\n1\nСрок не наступил\n0\nИтого\n4\n/);
  expect(docx).toMatch(/4\nПроверка аффилированности поставщиков\nАхметов Ерлан Серикович\n10\.09\.2026/);
  expect(docx).not.toContain("Декларирование конфликта интересов");
  expect(docx).toContain("«Интервью с руководителями подразделений» (именное интервью, 01.09.2026 – 14.09.2026)\nПриглашено — 8; ответили — 6; доля ответивших — 75%.");
  expect(docx).toMatch(/Вам предлагали подарки\?\n6\nНет\n83,3%/);
  expect(docx).toMatch(/Где это было\?\n—\nне показывается/);
  expect(docx).not.toContain("В офисе");
  expect(docx).toContain("Поступило сообщений о коррупции, рассматриваемых комплаенс-службой, — 1.");
  expect(docx).toMatch(/— Факты подтвердились\n1\n/);
  expect(docx).toContain("Всего по организации за отчётный период поступило сообщений о коррупции — 2");
}

function expectKazakhFigures(docx: string, xlsx: Awaited<ReturnType<typeof xlsxRows>>): void {
  expect(docx).toContain("2026 жылғы III тоқсандағы сыбайлас жемқорлыққа қарсы қызмет туралы есеп");
  expect(docx).toContain("орындалу мерзімдері — 4; оның ішінде мерзімі келгені — 4; мерзімінде (ұзартылған мерзімді қоса алғанда) орындалғаны — 2");
  expect(docx).toMatch(/Орындалмады\n1\n/);
  expect(docx).toContain("Шақырылғаны — 8; жауап бергені — 6; жауап бергендер үлесі — 75%.");
  expect(docx).toMatch(/Сыйлық ұсынылды ма\?\n6\nЖоқ\n83,3%/);
  expect(docx).not.toContain("Кеңседе");
  expect(docx).toContain("хабарламалар саны — 1.");
  expect(docx).toContain("жалпы саны — 2;");
  const plan = xlsx.get("Іс-шаралар жоспары");
  expect(rowOf(plan, "Мерзімінде орындалды")?.[2]).toBe(1);
  expect(rowOf(plan, "Барлығы")?.[2]).toBe(4);
  expect(rowOf(xlsx.get("Сауалнамалар"), "Бөлімше басшыларымен сұхбат")?.slice(2)).toEqual([8, 6, 0.75]);
  expect(rowOf(xlsx.get("Хабарламалар"), "Барлығы келіп түскені")?.[1]).toBe(1);
}

async function answerOf(update: { callback_query?: { id: string } }): Promise<string> {
  const id = update.callback_query!.id;
  return vi.waitFor(() => {
    const answer = emu().callbackAnswer(id);
    if (!answer) throw new Error("not answered yet");
    return answer.text ?? "";
  });
}

describe("the board report", () => {
  let reminder: Awaited<ReturnType<typeof next>>;
  let control: Awaited<ReturnType<typeof next>>;

  it("reminds the compliance officer the working day before the due date, once", async () => {
    const mark = emu().currentMessageId(officer.id);
    await running.app.jobs.boardReminders.tick();
    reminder = await next(officer, mark, has(/Срок представления отчёта Совету директоров \(III квартал 2026 года\) — 23\.10\.2026, осталось рабочих дней: 1/));
    expect(emu().inlineButtons(reminder).map((b) => b.text)).toEqual(["Открыть проект"]);
    await running.app.jobs.boardReminders.tick();
    expect(await running.db.prisma.boardReminder.count()).toBe(1);
  });

  it("gives the officer the draft with exactly the quarter's figures, in Russian and in Kazakh", async () => {
    let mark = emu().currentMessageId(officer.id);
    await emu().clickButton(officer, reminder, "Открыть проект");
    const ru = await documents(officer, mark);
    expect(ru.docx).toContain("ПРОЕКТ");
    expectRussianFigures(ru.docx);
    control = await next(officer, mark, withButton(/Утвердить и направить наблюдателям/), 30_000);
    expect(control.text).toContain("Отчёт Совету директоров: III квартал 2026 года");
    mark = emu().currentMessageId(officer.id);
    await emu().clickButton(officer, control, "Файлы на казахском языке");
    const kk = await documents(officer, mark);
    expect(kk.docx).toContain("ЖОБА");
    expectKazakhFigures(kk.docx, kk.xlsx);
  });

  it("is approved once; the observer is told once and gets exactly what was approved, in both languages", async () => {
    await act(officer, () => emu().clickButton(officer, control, /Утвердить и направить наблюдателям/), has(/Отчёт утверждён: III квартал 2026 года\. Направлено наблюдателям — 1\./));
    const again = await emu().clickButton(officer, control, /Утвердить и направить наблюдателям/);
    expect(await answerOf(again)).toMatch(/^Этот отчёт уже утверждён 22\.10\.2026: /);

    const notice = await next(observer, 0, has(/Директорлар кеңесіне есеп бекітілді: 2026 жылғы III тоқсан/), 30_000);
    let mark = emu().currentMessageId(observer.id);
    await emu().clickButton(observer, notice, "Құжаттарды алу");
    const kk = await documents(observer, mark);
    expect(kk.docx).not.toContain("ЖОБА");
    expect(kk.docx).toContain("Бекітілген күні — 22.10.2026");
    expectKazakhFigures(kk.docx, kk.xlsx);

    mark = emu().currentMessageId(observer.id);
    await emu().clickButton(observer, notice, "Файлдар орыс тілінде");
    const ruObserver = await documents(observer, mark);
    expect(ruObserver.docx).toContain("Утверждён 22.10.2026");
    expectRussianFigures(ruObserver.docx);

    mark = emu().currentMessageId(observer.id);
    const list = await act(observer, () => emu().sendCommand(observer, "/board_report"), withButton(/2026 жылғы III тоқсан/));
    expect(list.text).toContain("Директорлар кеңесіне бекітілген есептер");
    await emu().clickButton(observer, list, /2026 жылғы III тоқсан/);
    await documents(observer, mark);
    const docsMessage = emu().sentMessages(observer.id).filter((m) => m.message_id > mark && /\.docx$/.test(m.document?.file_name ?? "")).at(-1)!;
    expect(docsMessage.caption).toContain("2026 жылғы III тоқсан");
    // The Russian files from the same snapshot: the officer's approved view offers them.
    mark = emu().currentMessageId(officer.id);
    const shown = await act(officer, () => emu().sendCommand(officer, "/board_report"), withButton(/Файлы на казахском языке/));
    expect(shown.text).toMatch(/Утверждён 22\.10\.2026/);
    const ru = await documents(officer, mark);
    expect(ru.docx).not.toContain("ПРОЕКТ");
    expectRussianFigures(ru.docx);

    // Told once: no second notice, whatever was clicked.
    await running.app.jobs.boardReminders.tick();
    expect(emu().sentMessages(observer.id).filter((m) => /есеп бекітілді/.test(m.text ?? ""))).toHaveLength(1);
    expect(await running.db.prisma.auditLog.count({ where: { action: "board.approved" } })).toBe(1);
  });

  it("can be approved anew with later figures; the observers are told again and get the new ones", async () => {
    const p = running.db.prisma;
    const four = await p.taskOccurrence.findFirstOrThrow({ where: { task: { number: "4" } } });
    await p.taskOccurrence.update({ where: { id: four.id }, data: { status: "done", doneOn: "2026-10-21" } });
    const shown = await act(officer, () => emu().sendCommand(officer, "/board_report"), withButton(/Сформировать новый проект/));
    let mark = emu().currentMessageId(officer.id);
    await emu().clickButton(officer, shown, /Сформировать новый проект/);
    const draft = await documents(officer, mark);
    expect(draft.docx).toContain("ПРОЕКТ");
    expect(draft.docx).toMatch(/Исполнено с нарушением срока\n2\nНе исполнено\n0\n/);
    const redrawn = await next(officer, mark, withButton(/Утвердить повторно/), 30_000);
    expect(redrawn.text).toContain("заменит утверждённый");
    await act(officer, () => emu().clickButton(officer, redrawn, /Утвердить повторно/), has(/Отчёт утверждён повторно: III квартал 2026 года\. Направлено наблюдателям — 1\./));
    expect(await answerOf(await emu().clickButton(officer, redrawn, /Утвердить повторно/))).toMatch(/уже утверждён/);

    mark = emu().currentMessageId(observer.id);
    const notice = await next(observer, mark, has(/есеп бекітілді/), 30_000);
    await emu().clickButton(observer, notice, "Құжаттарды алу");
    const kk = await documents(observer, notice.message_id);
    expect(kk.docx).toMatch(/Мерзімі бұзылып орындалды\n2\nОрындалмады\n0\n/);
    expect(emu().sentMessages(observer.id).filter((m) => /есеп бекітілді/.test(m.text ?? ""))).toHaveLength(2);
    expect(await p.auditLog.count({ where: { action: "board.reapproved" } })).toBe(1);
  });

  it("refuses an employee", async () => {
    const reply = await act(employee, () => emu().sendCommand(employee, "/board_report"));
    expect(reply.text).toMatch(/недоступна/);
  });
});
