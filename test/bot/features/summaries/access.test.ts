// Access to the summaries (review of issue 14): every command and button of /dashboard,
// /monitoring and /board_report pressed by people without the right, and with forged or stale
// arguments; observers never get a draft of the board report that was not approved.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const anna: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const olga: TgUser = { id: 600002, first_name: "Ольга", language_code: "ru" };
const erlan: TgUser = { id: 600001, first_name: "Ерлан", language_code: "ru" };
const timur: TgUser = { id: 600003, first_name: "Тимур", language_code: "ru" };
let h: Harness;

beforeEach(async () => {
  // Friday 2 October 2026: the third quarter has ended.
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(anna.id) }, now: new Date("2026-10-02T05:00:00Z") });
  await h.text(anna, "/start");
  const p = h.db.prisma;
  const user = (fullName: string, phone: string, role: string, tg: TgUser) => p.user.create({ data: { fullName, phone, role, language: "ru", telegramId: BigInt(tg.id), registeredAt: new Date() } });
  await user("Орлова Ольга", "77010000003", "observer", olga);
  await user("Ерланов Ерлан", "77010000004", "employee", erlan);
  const officer = await user("Тимуров Тимур", "77010000005", "officer", timur);
  const task = await p.task.create({ data: { kind: "plan", number: "1", title: "Обучение", responsibleText: "Отдел кадров", deadline: JSON.stringify({ kind: "date", due: "2026-09-15" }), assignees: { create: [{ userId: officer.id }] } } });
  await p.taskOccurrence.create({ data: { taskId: task.id, dueOn: "2026-09-15" } });
  h.clear();
});
afterEach(() => h.destroy());

const lastAnswer = () => h.callsOf("answerCallbackQuery").at(-1)?.payload ?? {};
const state = async () => {
  const p = h.db.prisma;
  return JSON.stringify([await p.boardReport.findMany(), await p.planReportNotice.findMany(), await p.outboxMessage.count(), await p.summaryOptOut.findMany()]);
};

describe("people without the right", () => {
  it("an employee and a responsible officer get no summary, document or change from any command or button", async () => {
    await h.text(anna, "/board_report"); // a stored draft to aim at
    const approve = h.lastButtons(anna.id)[0]!.data;
    const before = await state();
    for (const who of [erlan, timur]) {
      for (const command of ["/dashboard", "/monitoring", "/board_report"]) {
        h.clear();
        await h.text(who, command);
        expect(h.callsOf("sendDocument"), command).toHaveLength(0);
        expect(h.callsOf("sendPhoto"), command).toHaveLength(0);
        expect(h.lastReply(who.id), command).not.toMatch(/Сводка|квартал|Совету директоров/);
      }
      for (const data of ["sum.off", "sum.on", "mn.q:2026:3", "mn.l:2026:3:kk", "mn.d:2026:3", "mn.h:2026:3", "bd.p:2026-Q3", "bd.f:2026-Q3:kk", approve, "bd.g:2026-Q3:ru", "bd.rd:2026-Q3", "bd.ra:2026-Q3:AAAAAAAAAAAA"]) {
        h.clear();
        await h.callback(who, data);
        expect(lastAnswer(), data).toMatchObject({ show_alert: true });
        expect(h.callsOf("sendMessage"), data).toHaveLength(0);
        expect(h.callsOf("sendDocument"), data).toHaveLength(0);
      }
    }
    expect(await state()).toBe(before);
  });

  it("an observer reads the quarterly information but cannot draft, approve, send to the head or open a draft", async () => {
    await h.text(anna, "/board_report");
    const approve = h.lastButtons(anna.id)[0]!.data;
    const before = await state();
    for (const data of ["mn.d:2026:3", "mn.h:2026:3", "bd.p:2026-Q3", "bd.f:2026-Q3:ru", approve, "bd.rd:2026-Q3", "bd.ra:2026-Q3:AAAAAAAAAAAA"]) {
      h.clear();
      await h.callback(olga, data);
      expect(lastAnswer(), data).toMatchObject({ show_alert: true });
      expect(h.callsOf("sendDocument"), data).toHaveLength(0);
    }
    // The stored draft is not an approved report.
    h.clear();
    await h.callback(olga, "bd.g:2026-Q3:ru");
    expect(lastAnswer()).toMatchObject({ show_alert: true, text: expect.stringMatching(/не утверждён/) });
    expect(h.callsOf("sendDocument")).toHaveLength(0);
    h.clear();
    await h.text(olga, "/board_report");
    expect(h.lastButtons(olga.id)).toEqual([]);
    expect(await state()).toBe(before);
    // Reading is theirs: the quarter's documents, without the button that sends to the head.
    h.clear();
    await h.callback(olga, "mn.q:2026:3");
    expect(h.callsOf("sendDocument")).toHaveLength(2);
    expect(h.lastButtons(olga.id).map((b) => b.data)).not.toContain("mn.h:2026:3");
  });
});

describe("forged and stale arguments", () => {
  it("a nonsense, future or Q4 board period, another language, an old approve nonce: refused, nothing stored or sent", async () => {
    await h.text(anna, "/board_report");
    const old = h.lastButtons(anna.id)[0]!.data;
    await h.text(anna, "/board_report");
    const before = await state();
    for (const data of ["bd.p:2026-Q4", "bd.p:2026", "bd.p:2027-Q1", "bd.p:abc", "bd.p:2026-Q3:x", "bd.f:2026-Q3:en", "bd.g:2026-Q3:de", "bd.ok:2026-Q4:AAAAAAAAAAAA", "bd.rd:2026-Q3", "bd.ra:2026-Q3:AAAAAAAAAAAA", "mn.q:2026:5", "mn.q:2077:1", "mn.l:2026:3:en"]) {
      h.clear();
      await h.callback(anna, data);
      expect(lastAnswer(), data).toMatchObject({ show_alert: true });
      expect(h.callsOf("sendDocument"), data).toHaveLength(0);
    }
    h.clear();
    await h.callback(anna, old);
    expect(String(lastAnswer().text)).toMatch(/проект был сформирован заново/);
    expect(await state()).toBe(before);
  });

  it("the non-execution list of a running or future quarter is refused and not offered", async () => {
    h.clear();
    await h.callback(anna, "mn.q:2026:4");
    expect(h.lastButtons(anna.id).map((b) => b.data)).not.toContain("mn.h:2026:4");
    for (const data of ["mn.h:2026:4", "mn.h:2076:4"]) {
      h.clear();
      await h.callback(anna, data);
      expect(h.lastReply(anna.id), data).toMatch(/после окончания квартала/);
    }
    expect(await h.db.prisma.planReportNotice.count()).toBe(0);
    expect(await h.db.prisma.outboxMessage.count()).toBe(0);
    // The ended quarter's is offered and goes.
    h.clear();
    await h.callback(anna, "mn.q:2026:3");
    expect(h.lastButtons(anna.id).map((b) => b.data)).toContain("mn.h:2026:3");
  });
});
