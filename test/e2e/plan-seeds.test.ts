// The seeds' plans through the bot, as an officer in April 2022 would import them: seed 004
// (the whole Kazakh plan for 2022) saved as CSV with commas, and seed 002's project map, whose
// deadlines count from the analysis (ВАКР) — waiting for one, then dated by it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { KK_PLAN, RU_PROJECT_MAP, toCsv, toXlsx } from "../support/plan-fixtures.js";

const officer: TgUser = { id: 500002, first_name: "Officer", language_code: "ru" };

let running: RunningApp;
beforeAll(async () => {
  running = await startTestApp({ epoch: new Date("2022-04-01T04:00:00Z"), env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  await running.emulator.sendCommand(officer, "/start");
  await running.emulator.waitFor((m) => /выберите действие/.test(m.text ?? ""), { chatId: officer.id });
});
afterAll(() => running.close());

async function upload(file: { fileName: string; mimeType: string; content: Buffer }) {
  const { emulator } = running;
  const after = emulator.currentMessageId(officer.id);
  await emulator.sendCommand(officer, "/plan_import");
  const prompt = await emulator.waitFor((m) => /Пришлите план мероприятий/.test(m.text ?? ""), { chatId: officer.id, after });
  await emulator.sendDocument(officer, file);
  return emulator.waitFor((m) => m.message_id > prompt.message_id, { chatId: officer.id });
}

async function confirm(preview: Awaited<ReturnType<typeof upload>>) {
  const after = running.emulator.currentMessageId(officer.id);
  await running.emulator.clickButton(officer, preview, /Загрузить план/);
  return running.emulator.waitFor((m) => /План загружен/.test(m.text ?? ""), { chatId: officer.id, after });
}

describe("the seeds' plans imported in the bot", () => {
  it("seed 004 as CSV with commas: every due date of 2022, none of 2023 but the reports on 2022", async () => {
    const preview = await upload({ fileName: "жоспар.csv", mimeType: "text/csv", content: toCsv(KK_PLAN, { separator: "," }) });
    expect(preview.text).toMatch(/пунктов — 35; со сроками — 26 \(из них повторяющихся — 3\); по мере событий, без даты — 9/);
    const done = await confirm(preview);
    expect(done.text).toMatch(/пунктов — 35, сроков — 40/);
    const db = running.db.prisma;
    const board = await db.taskOccurrence.findMany({ where: { task: { number: "16" } }, orderBy: { dueOn: "asc" } });
    expect(board.map((o) => [o.dueOn, o.period])).toEqual([["2022-04-25", "2022-Q1"], ["2022-07-25", "2022-Q2"], ["2022-10-25", "2022-Q3"], ["2023-02-25", "2022"]]);
    expect((await db.taskOccurrence.findMany({ where: { dueOn: { gte: "2023-01-01" } }, orderBy: { dueOn: "asc" } })).map((o) => o.dueOn)).toEqual(["2023-01-05", "2023-02-25"]);
  });

  it("the project map: its deadlines wait for the analysis, are said in words, and are dated when it is created", async () => {
    const { emulator } = running;
    const preview = await upload({ fileName: "карта.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: await toXlsx(RU_PROJECT_MAP) });
    expect(preview.text).toContain("Сроки, отсчитываемые от дат ВАКР:");
    expect(preview.text).toContain("• п. 1: за 10 рабочих дней до начала ВАКР — срок появится, когда будет создан ВАКР");
    expect(preview.text).toContain("• п. 3: в течение одного года со дня подписания аналитической справки — срок появится, когда будет создан ВАКР");
    const done = await confirm(preview);
    expect(done.text).toContain("9 пунктов со сроками от дат ВАКР получат сроки, когда будет создан ВАКР");

    let after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/plan");
    const overview = await emulator.waitFor((m) => /План мероприятий:/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(overview.text).toContain("Ждут создания ВАКР, чтобы получить сроки: 9 пунктов.");

    after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/analysis");
    await emulator.waitFor((m) => /период проведения ВАКР/.test(m.text ?? ""), { chatId: officer.id, after });
    await emulator.sendText(officer, "02.05.2022 – 30.06.2022");
    const schedule = await emulator.waitFor((m) => /ВАКР 02\.05\.2022 – 30\.06\.2022/.test(m.text ?? "") && emulator.inlineButtons(m).length > 0, { chatId: officer.id, after });
    after = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, schedule, /Создать/);
    const created = await emulator.waitFor((m) => /Создано этапов/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(created.text).toContain("Пункты плана, ждавшие ВАКР, получили сроки от него: 9.");

    // The announcement item falls on the announcement milestone's day.
    const db = running.db.prisma;
    const announcement = await db.taskOccurrence.findFirst({ where: { task: { kind: "milestone", milestoneId: "announcement" } } });
    const item = await db.taskOccurrence.findFirst({ where: { task: { kind: "plan", deadlineText: "За 10 рабочих дней до начала ВАКР" } } });
    expect(item?.dueOn).toBe(announcement!.dueOn);
    after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/plan");
    const again = await emulator.waitFor((m) => /План мероприятий:/.test(m.text ?? ""), { chatId: officer.id, after });
    expect(again.text).not.toContain("Ждут создания ВАКР");
  });

  it("the task card of such an item says its rule in words", async () => {
    const { emulator } = running;
    const after = emulator.currentMessageId(officer.id);
    await emulator.sendCommand(officer, "/tasks");
    const list = await emulator.waitFor((m) => /Утверждение приказа по проведению ВАКР/.test(m.text ?? ""), { chatId: officer.id, after });
    const line = list.text!.split("\n").find((l) => l.includes("Утверждение приказа по проведению ВАКР"))!;
    const n = /(\d+)\) /.exec(line)![1]!;
    const clicked = emulator.currentMessageId(officer.id);
    await emulator.clickButton(officer, list, new RegExp(`^${n}\\. `));
    const card = await emulator.waitFor((m) => /Срок отсчитывается от дат ВАКР/.test(m.text ?? ""), { chatId: officer.id, after: clicked });
    expect(card.text).toContain("Срок отсчитывается от дат ВАКР: за 5 рабочих дней до начала ВАКР.");
  });
});
