// The analysis's record in the bot: compliance fills in each field from the card (the order,
// the texts, the units a page at a time, the direction, the covered period, the working group,
// the sources, the campaigns); observers read the same card without the edit buttons and a
// forged edit is refused; a stale search result and bad input change nothing.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../../../src/domain/calendar/work-calendar.js";
import { createAnalysisBy } from "../../../../src/services/plan.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Айгүл", language_code: "kk" };
let h: Harness;
let analysisId: number;
const dept: number[] = [];
const campaign: Record<string, number> = {};

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2026-04-06T05:00:00Z") });
  await h.text(compliance, "/start");
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Айгүл Серікова", phone: "77010000003", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  dept.length = 0;
  for (let i = 1; i <= 10; i++) dept.push((await p.department.create({ data: { name: `Подразделение ${String(i).padStart(2, "0")}` } })).id);
  await p.user.create({ data: { fullName: "Ахметов Ерлан", position: "Проректор", departmentId: dept[0]!, phone: "77010000010" } });
  await p.user.create({ data: { fullName: "Ахметова Дана", phone: "77010000011" } });
  const definition = await p.surveyDefinition.create({ data: { slug: "s", version: 1, title: JSON.stringify({ kk: "Сұхбат", ru: "Интервью руководителей" }), content: "{}", checksum: "c", source: "upload" } });
  for (const mode of ["attributed", "anonymous"] as const) {
    campaign[mode] = (await p.campaign.create({ data: { definitionId: definition.id, mode, status: "closed", opensOn: "2026-03-01", closesOn: "2026-03-10", audience: '{"kind":"all"}' } })).id;
  }
  const officer = await p.user.findFirstOrThrow({ where: { telegramId: BigInt(compliance.id) } });
  ({ analysisId } = await createAnalysisBy(p, createWorkCalendar(), { start: "2026-04-01", end: "2026-06-30" }, officer.id));
  h.clear();
});
afterEach(() => h.destroy());

const press = async (who: TgUser, text: string | RegExp) => {
  const button = h.lastButtons(who.id).find((b) => (typeof text === "string" ? b.text === text : text.test(b.text)));
  if (!button) throw new Error(`no button ${String(text)} in ${JSON.stringify(h.lastButtons(who.id).map((b) => b.text))}`);
  await h.callback(who, button.data);
  return button.data;
};
const alert = () => String(h.callsOf("answerCallbackQuery").at(-1)?.payload.text);
const stored = () => h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId }, include: { units: true, members: true } });
const openCard = async (who: TgUser) => {
  await h.text(who, "/analysis");
  await press(who, who === compliance ? "Сведения об анализе" : "Талдау туралы мәліметтер");
};

describe("the analysis's record", () => {
  it("is filled in by compliance field by field, and the hub says how far it has come", async () => {
    await h.text(compliance, "/analysis");
    expect(h.lastReply(compliance.id)).toContain("📋 Приказ не указан · рабочая группа не сформирована");
    await press(compliance, "Сведения об анализе");
    expect(h.lastReply(compliance.id)).toContain("Основание: приказ не указан");

    await press(compliance, "Приказ");
    expect(h.lastReply(compliance.id)).toContain("номер и дату приказа");
    await h.text(compliance, "218");
    expect(h.lastReply(compliance.id)).toContain("Не удалось прочитать номер и дату приказа");
    await h.text(compliance, "№ 5 от 01.07.2026");
    expect(h.lastReply(compliance.id)).toBe("Дата приказа не может быть позже окончания анализа.");
    await h.text(compliance, "№ 218 от 20.03.2026");
    expect(h.lastReply(compliance.id)).toContain("Основание: приказ № 218 от 20.03.2026");

    await press(compliance, "Организация");
    await h.text(compliance, "НАО «Университет»");
    await press(compliance, "Объект анализа");
    await h.text(compliance, "служба <СОП>");
    expect(h.lastReply(compliance.id)).toContain("Объект анализа: служба &lt;СОП&gt;");

    await press(compliance, "Подразделения");
    expect(h.lastReply(compliance.id)).toContain("страница 1 из 2");
    expect(h.lastButtons(compliance.id).filter((b) => b.data.startsWith("ar.ut:"))).toHaveLength(8);
    await press(compliance, "▫️ Подразделение 01");
    await press(compliance, "Далее ›");
    await press(compliance, "▫️ Подразделение 10");
    expect(h.lastButtons(compliance.id).map((b) => b.text)).toContain("✅ Подразделение 10");

    await press(compliance, "« К сведениям об анализе");
    await press(compliance, "Направление");
    await press(compliance, /^▫️ Нормативные правовые акты и/);
    await press(compliance, "« К сведениям об анализе");
    await press(compliance, "Анализируемый период");
    await h.text(compliance, "31.12.2023 – 01.01.2022");
    expect(h.lastReply(compliance.id)).toContain("Не удалось прочитать период");
    await h.text(compliance, "01.01.2022 – 31.12.2023");

    await press(compliance, "Источники");
    await press(compliance, /^▫️ 7\. /);
    await press(compliance, "« К сведениям об анализе");
    await press(compliance, "Кампании");
    await press(compliance, /^▫️ 👤 /);
    await press(compliance, /^▫️ 🔒 /);

    await press(compliance, "« К сведениям об анализе");
    await press(compliance, "Рабочая группа");
    await press(compliance, "Добавить сотрудника");
    await h.text(compliance, "никого такого");
    expect(h.lastReply(compliance.id)).toContain("Сотрудник не найден");
    await h.text(compliance, "ахметов");
    await press(compliance, "Ахметов Ерлан (Подразделение 01)");
    await press(compliance, "Руководитель: Ахметов Ерлан");
    await press(compliance, "Добавить сотрудника");
    await h.text(compliance, "Дана");
    await press(compliance, "Ахметова Дана");

    h.clear();
    await openCard(compliance);
    const card = h.lastReply(compliance.id);
    for (const line of [
      "Основание: приказ № 218 от 20.03.2026",
      "Организация: НАО «Университет»",
      "Подразделения: Подразделение 01; Подразделение 10",
      "Направление: Нормативные правовые акты и организационно-управленческая деятельность объекта анализа",
      "Период проведения анализа: 01.04.2026 – 30.06.2026",
      "Анализируемый период: 01.01.2022 – 31.12.2023",
      "• Ахметов Ерлан — Проректор, Подразделение 01 (руководитель рабочей группы)",
      "• Ахметова Дана",
      "• Публикации в средствах массовой информации",
      `Именные интервью руководителей подразделений: Интервью руководителей, кампания № ${campaign.attributed} (01.03.2026 – 10.03.2026)`,
      `Анонимные опросы сотрудников: Интервью руководителей, кампания № ${campaign.anonymous}`,
      "График проведения:",
    ]) expect(card).toContain(line);
    expect(card).toMatch(/⏳ \d\d\.\d\d\.2026 — .+ \(не выполнено\)/);
    expect(h.callsOf("sendMessage").at(-1)?.payload.parse_mode).toBe("HTML");

    await h.text(compliance, "/analysis");
    expect(h.lastReply(compliance.id)).toContain("📋 Приказ № 218 от 20.03.2026 · рабочая группа: 2");
    const log = await h.db.prisma.auditLog.findMany({ where: { action: "analysis.record_changed" } });
    expect(new Set(log.map((a) => JSON.parse(a.details!).field))).toEqual(new Set(["order", "organisation", "objectText", "units", "direction", "covered", "sources", "interviews", "surveys", "members"]));
  });

  it("shows observers the same card without edit buttons, and refuses a forged edit", async () => {
    await openCard(observer);
    expect(h.lastReply(observer.id)).toContain("Негіздеме: бұйрық көрсетілмеген");
    expect(h.lastButtons(observer.id).map((b) => b.text)).toEqual(["« Талдауға"]);
    const before = JSON.stringify(await stored());
    for (const data of [`ar.ds:${analysisId}:both`, `ar.t:order:${analysisId}`, `ar.ut:${analysisId}:${dept[0]}:0`]) {
      h.clear();
      await h.callback(observer, data);
      expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true });
      expect(h.callsOf("sendMessage")).toHaveLength(0);
    }
    expect(JSON.stringify(await stored())).toBe(before);
  });

  it("refuses a person found by an earlier search, an unknown unit and an unknown direction, changing nothing", async () => {
    await openCard(compliance);
    await press(compliance, "Рабочая группа");
    await press(compliance, "Добавить сотрудника");
    await h.text(compliance, "Ахметов");
    const old = h.lastButtons(compliance.id)[0]!.data;
    await h.text(compliance, "Ахметова");
    const fresh = h.lastButtons(compliance.id).find((b) => b.text === "Ахметова Дана")!.data;
    const before = JSON.stringify(await stored());
    h.clear();
    await h.callback(compliance, old);
    expect(alert()).toContain("устарела");
    await h.callback(compliance, `ar.ut:${analysisId}:999999:0`);
    expect(alert()).toBe("Такого подразделения нет в справочнике. Ничего не изменено.");
    await h.callback(compliance, `ar.ds:${analysisId}:everything`);
    expect(alert()).toBe("Такого направления анализа нет. Ничего не изменено.");
    await h.callback(compliance, `ar.ct:${analysisId}:999999`);
    expect(alert()).toBe("Такой кампании нет. Ничего не изменено.");
    await h.callback(compliance, `ar.gh:${analysisId}:999999`);
    expect(alert()).toContain("нет среди действующих сотрудников");
    await h.callback(compliance, `ar.v:999999`);
    expect(alert()).toContain("устарела");
    expect(h.callsOf("sendMessage")).toHaveLength(0);
    expect(JSON.stringify(await stored())).toBe(before);
    // The current search's result still adds the person.
    await h.callback(compliance, fresh);
    expect((await stored()).members).toHaveLength(1);
  });
});
