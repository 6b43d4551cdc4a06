// Summaries over HTTP through the emulator (PRODUCT.md §4): the weekly digest reaches the
// compliance officer on Monday 2 March 2026 (the app's clock starts at 10:00 Almaty that day)
// with the button that turns it off; /dashboard shows the same figures as text and one chart,
// its buttons open the plan, the cases and the campaigns and turn the digest back on; an
// observer gets no plan button; an employee is refused.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TgUser } from "../support/bot-api-emulator.js";
import { startTestApp, type RunningApp } from "../support/app.js";
import { conversation } from "../support/conversation.js";

const officer: TgUser = { id: 500001, first_name: "Officer", language_code: "ru" };
const head: TgUser = { id: 600002, first_name: "Head", language_code: "kk" };
const accountant: TgUser = { id: 600001, first_name: "Ерлан", language_code: "ru" };
const employee: TgUser = { id: 600003, first_name: "Анна", language_code: "ru" };

let running: RunningApp;
const emu = () => running.emulator;
const { next, act, has, withButton } = conversation(emu);

beforeAll(async () => {
  running = await startTestApp({ env: { COMPLIANCE_TELEGRAM_IDS: String(officer.id) } });
  const p = running.db.prisma;
  const accountantId = (await p.user.create({ data: { fullName: "Ахметов Ерлан Серикович", phone: "77010000001", role: "officer", language: "ru", telegramId: BigInt(accountant.id), registeredAt: new Date() } })).id;
  await p.user.create({ data: { fullName: "Ким Анна", phone: "77010000003", role: "employee", language: "ru", telegramId: BigInt(employee.id), registeredAt: new Date() } });
  await p.user.create({ data: { fullName: "Омаров Бауыржан", phone: "77010000002", role: "observer", language: "kk", telegramId: BigInt(head.id), registeredAt: new Date() } });
  const task = await p.task.create({ data: { kind: "plan", number: "3", title: "Проверка аффилированности поставщиков", deadline: JSON.stringify({ kind: "date", due: "2026-02-26" }), assignees: { create: [{ userId: accountantId }] } } });
  await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-02-26" } });
  const def = await p.surveyDefinition.create({ data: { slug: "s", version: 1, title: "{}", content: JSON.stringify({ id: "s", title: { kk: "Сыбайлас жемқорлықты қабылдау", ru: "Восприятие коррупции" }, mode: "anonymous", sections: [] }), checksum: "x", source: "test" } });
  await p.campaign.create({ data: { definitionId: def.id, mode: "anonymous", status: "open", opensOn: "2026-02-23", closesOn: "2026-03-13", audience: JSON.stringify({ kind: "all" }) } });
  await act(officer, () => emu().sendCommand(officer, "/start"), has(/выберите действие/));
}, 60_000);
afterAll(() => running?.close());

describe("summaries for compliance officers and observers", () => {
  it("the weekly digest arrives once, and its button turns it off", async () => {
    const mark = emu().currentMessageId(officer.id);
    await running.app.jobs.weeklyDigest.tick();
    await running.app.jobs.weeklyDigest.tick();
    const digest = await next(officer, mark, has(/Еженедельная сводка, 02\.03\.2026/));
    expect(digest.text).toContain("⚠️ 26.02.2026 — 3. Проверка аффилированности поставщиков. Ответственные: Ахметов Ерлан Серикович; просрочено на 2 рабочих дня");
    expect(digest.text).toContain("«Восприятие коррупции» (до 13.03.2026): приглашения ещё не доставлены");
    const observerDigest = await next(head, 0, has(/Апталық шолу, 02\.03\.2026/));
    expect(observerDigest.text).toContain("Бақылаушылар қарайтын");
    const off = await act(officer, () => emu().clickButton(officer, digest, /Не присылать сводку/), has(/Еженедельная сводка отключена/));
    expect(off.text).toContain("/dashboard");
    // The digest's button turned: pressed again, it would undo.
    const turned = emu().sentMessages(officer.id).find((m) => m.message_id === digest.message_id)!;
    expect(emu().inlineButtons(turned).map((b) => b.text)).toEqual(["🔔 Присылать еженедельную сводку"]);
    expect(emu().sentMessages(officer.id).filter((m) => /Еженедельная сводка, /.test(m.text ?? ""))).toHaveLength(1);
    expect(await running.db.prisma.summaryOptOut.count()).toBe(1);
    expect(await running.db.prisma.auditLog.count({ where: { action: "summaries.digest_off" } })).toBe(1);
  });

  it("/dashboard is in the compliance officer's /help and main menu, not in an employee's /help", async () => {
    const help = await act(officer, () => emu().sendCommand(officer, "/help"), has(/\/dashboard/));
    expect(help.text).toContain("сводка: сообщения, кампании, сроки плана");
    const employeeHelp = await act(employee, () => emu().sendCommand(employee, "/help"), has(/\/surveys/));
    expect(employeeHelp.text).not.toContain("/dashboard");
    const menu = await act(officer, () => emu().sendCommand(officer, "/menu"), withButton(/Сводка/));
    const dashboard = await act(officer, () => emu().clickButton(officer, menu, /📊 Сводка/), has(/Сводка на 02\.03\.2026/));
    expect(dashboard.text).toContain("Просроченные сроки: 1");
  });

  it("/dashboard as compliance: a chart, the figures, and buttons that open the lists and turn the digest on", async () => {
    const mark = emu().currentMessageId(officer.id);
    const text = await act(officer, () => emu().sendCommand(officer, "/dashboard"), has(/Сводка на 02\.03\.2026/));
    const photo = emu().sentMessages(officer.id).find((m) => m.message_id > mark && m.photo);
    expect(photo?.caption).toMatch(/Сроки плана мероприятий/);
    expect(text.text).toContain("Просроченные сроки: 1");
    expect(text.text).toContain("новые с 24.02.2026 по 02.03.2026: 0");
    expect(text.text).toContain("Еженедельная сводка отключена.");
    expect(emu().inlineButtons(text).map((b) => b.text)).toEqual(["🗓 План и сроки", "📥 Сообщения о коррупции", "🗂 Кампании опросов", "🔔 Присылать еженедельную сводку"]);

    await act(officer, () => emu().clickButton(officer, text, /План и сроки/), has(/Открытых сроков: 1, из них просрочено: 1/));
    await act(officer, () => emu().clickButton(officer, text, /Сообщения о коррупции/), has(/Сообщения о коррупции/));
    await act(officer, () => emu().clickButton(officer, text, /Кампании опросов/), has(/Опросы \(кампании\)/));
    await act(officer, () => emu().clickButton(officer, text, /Присылать еженедельную сводку/), has(/Еженедельная сводка включена/));
    const turned = emu().sentMessages(officer.id).find((m) => m.message_id === text.message_id)!;
    expect(emu().inlineButtons(turned).map((b) => b.text)).toEqual(["🗓 План и сроки", "📥 Сообщения о коррупции", "🗂 Кампании опросов", "🔕 Не присылать сводку"]);
    expect(await running.db.prisma.summaryOptOut.count()).toBe(0);
    const again = await act(officer, () => emu().sendCommand(officer, "/dashboard"), withButton(/Не присылать сводку/));
    expect(again.text).toContain("Еженедельная сводка приходит в первый рабочий день недели.");
  });

  it("/dashboard as an observer: their audience, no plan button (the plan is compliance's to manage)", async () => {
    const text = await act(head, () => emu().sendCommand(head, "/dashboard"), has(/Шолу, 02\.03\.2026 күйі бойынша/));
    expect(text.text).toContain("Бақылаушылар қарайтын");
    expect(emu().inlineButtons(text).map((b) => b.text)).toEqual(["📥 Сыбайлас жемқорлық туралы хабарламалар", "🗂 Сауалнама науқандары", "🔕 Шолуды жібермеу"]);
  });

  for (const who of [employee, accountant]) {
    it(`/dashboard is refused to ${who === employee ? "an employee" : "a responsible officer"}, and its buttons too`, async () => {
      await act(who, () => emu().sendCommand(who, "/dashboard"), has(/недоступна/));
      expect(emu().calls.filter((c) => c.method === "sendPhoto" && c.payload.chat_id === who.id)).toHaveLength(0);
      const before = await running.db.prisma.summaryOptOut.count();
      const update = await emu().sendCallback(who, "sum.off", emu().currentMessageId(who.id));
      await vi.waitFor(() => expect(emu().callbackAnswer(update.callback_query!.id)).toMatchObject({ show_alert: true, text: expect.stringMatching(/недоступна/) }));
      expect(await running.db.prisma.summaryOptOut.count()).toBe(before);
    });
  }
});
