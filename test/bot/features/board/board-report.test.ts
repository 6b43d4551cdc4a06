// /board_report in the bot: the officer's default period and the periods offered, a forged
// period refused as stale, the observer's read-only list (nothing before an approval, the
// approved report after it), a draft approved from a stale message refused.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Айгүл", language_code: "kk" };
let h: Harness;

beforeEach(async () => {
  // Monday 2 February 2027: the year 2026 is the report due next (25.02.2027).
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2027-02-01T05:00:00Z") });
  await h.text(compliance, "/start");
  await h.db.prisma.user.create({ data: { fullName: "Айгүл Серікова", phone: "77010000003", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  h.clear();
});
afterEach(() => h.destroy());

describe("/board_report", () => {
  it("gives the officer the year's draft with the other periods, and refuses a period that has not ended", async () => {
    await h.text(compliance, "/board_report");
    expect(h.callsOf("sendDocument").map((c) => (c.payload.document as { filename?: string } | undefined)?.filename ?? "")).toHaveLength(2);
    expect(h.lastReply(compliance.id)).toContain("Отчёт Совету директоров: 2026 год");
    expect(h.lastReply(compliance.id)).toContain("Срок представления — 25.02.2027.");
    const buttons = h.lastButtons(compliance.id);
    expect(buttons.map((b) => b.text)).toEqual(["Утвердить и направить наблюдателям", "Файлы на казахском языке", "III квартал 2026 года", "II квартал 2026 года", "I квартал 2026 года", "2025 год"]);
    h.clear();
    await h.callback(compliance, "bd.p:2027-Q1");
    expect(h.callsOf("sendDocument")).toHaveLength(0);
    h.clear();
    await h.callback(observer, "bd.g:2026:kk");
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true, text: "Бұл кезеңнің есебі бекітілмеген." });
  });

  it("shows the observer only approved reports, and a stale approve button is refused", async () => {
    await h.text(observer, "/board_report");
    expect(h.lastReply(observer.id)).toBe("Директорлар кеңесіне бекітілген есептер әлі жоқ.");
    await h.text(compliance, "/board_report");
    const approve = h.lastButtons(compliance.id)[0]!.data;
    await h.text(compliance, "/board_report"); // a new draft: the first message's button is stale
    const fresh = h.lastButtons(compliance.id)[0]!.data;
    expect(fresh).not.toBe(approve);
    h.clear();
    await h.callback(compliance, approve);
    expect(String(h.callsOf("answerCallbackQuery").at(-1)?.payload.text)).toMatch(/проект был сформирован заново/);
    await h.callback(compliance, fresh);
    expect(h.lastReply(compliance.id)).toBe("Отчёт утверждён: 2026 год. Направлено наблюдателям — 1.");
    h.clear();
    await h.text(observer, "/board_report");
    expect(h.lastButtons(observer.id).map((b) => [b.text, b.data])).toEqual([["2026 жыл", "bd.g:2026:kk"]]);
  });
});

describe("/board_report's alerts (review)", () => {
  it("keep within Telegram's 200 characters of a callback answer, however long the approver's name", async () => {
    await h.text(compliance, "/board_report");
    const approve = h.lastButtons(compliance.id)[0]!.data;
    // The roster takes names of up to 200 characters.
    await h.db.prisma.user.updateMany({ where: { telegramId: BigInt(compliance.id) }, data: { fullName: "Абдрахманова-Кожахметова ".repeat(8).trim() } });
    await h.callback(compliance, approve);
    h.clear();
    await h.callback(compliance, approve);
    const text = String(h.callsOf("answerCallbackQuery").at(-1)?.payload.text);
    expect(text).toMatch(/^Этот отчёт уже утверждён/);
    expect(text.length).toBeLessThanOrEqual(200);
  });
});

describe("/board_report's HTML (review)", () => {
  it("escapes the approver's name on the approved report's screen", async () => {
    await h.db.prisma.user.updateMany({ where: { telegramId: BigInt(compliance.id) }, data: { fullName: "<Ким> & Ко" } });
    await h.text(compliance, "/board_report");
    await h.callback(compliance, h.lastButtons(compliance.id)[0]!.data);
    h.clear();
    await h.text(compliance, "/board_report");
    const last = h.callsOf("sendMessage").at(-1)!.payload;
    expect(last.parse_mode).toBe("HTML");
    expect(String(last.text)).toContain("&lt;Ким&gt; &amp; Ко");
    await h.callback(compliance, h.lastButtons(compliance.id).find((b) => b.data.startsWith("bd.rd:"))!.data);
    expect(String(h.callsOf("sendMessage").at(-1)!.payload.text)).toContain("&lt;Ким&gt; &amp; Ко");
  });
});
