// The analytic report section of /analysis in the bot: what the draft holds and lacks, its
// documents for compliance and observers, approving the list of positions exactly as shown (a
// forged or stale approval refused, an observer refused), the officer's section texts in either
// language, and the publication and risk-map update dates once the report is signed. The risk
// register (another part of issue 15) is stubbed with one risk.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RiskEntry } from "../../../../src/domain/analysis/register.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const register = vi.hoisted(() => ({ risks: [] as unknown[] }));
vi.mock("../../../../src/services/risks.js", () => ({ riskRegisterOf: async () => register.risks, describeEvidence: async () => "" }));
vi.mock("../../../../src/services/analysis-record.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../../src/services/analysis-record.js")>();
  return {
    analysisRecordOf: async (db: never, id: number) => {
      const record = await real.analysisRecordOf(db, id);
      return record && { ...record, milestones: [{ id: "publication", titleKey: "schedule.milestone.publication", titleParams: {}, dueOn: "2027-02-10", status: "active" }, { id: "risk_map_update", titleKey: "schedule.milestone.risk_map_update", titleParams: {}, dueOn: "2027-02-11", status: "active" }] };
    },
  };
});

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Айгүл", language_code: "kk" };
const cashier: RiskEntry = { id: 1, number: 1, direction: "organisational", area: "budget", factorCode: null, factor: {}, title: { ru: "Выдача наличных без заявки" }, description: {}, functions: { ru: "Выдача наличных" }, positions: [{ ru: "Кассир" }], likelihood: 3, impact: 4, evidence: [], recommendations: [] };
let h: Harness;
let analysisId: number;

beforeEach(async () => {
  register.risks = [cashier];
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2027-02-01T05:00:00Z") });
  await h.text(compliance, "/start");
  await h.db.prisma.user.create({ data: { fullName: "Айгүл Серікова", phone: "77010000003", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  analysisId = (await h.db.prisma.analysis.create({ data: { startOn: "2027-01-04", endOn: "2027-02-26" } })).id;
  h.clear();
});
afterEach(() => h.destroy());

const filenames = () => h.callsOf("sendDocument").map((c) => (c.payload.document as { fileName?: string } | undefined)?.fileName ?? "");
const alert = () => h.callsOf("answerCallbackQuery").at(-1)?.payload;

describe("the analytic report section", () => {
  it("shows compliance what the draft holds and lacks, sends both drafts and the list, and approves the list as shown", async () => {
    await h.text(compliance, "/analysis");
    expect(h.lastReply(compliance.id)).toContain("Справка: проект, рисков — 1");
    const open = h.lastButtons(compliance.id).find((b) => b.text === "Аналитическая справка")!;
    expect(open.data).toBe(`an.h:rep:${analysisId}`);
    await h.callback(compliance, open.data);
    const screen = h.lastReply(compliance.id);
    expect(screen).toContain("Рисков в реестре: 1");
    expect(screen).toContain("Должностей в перечне: 1");
    expect(screen).toContain("Не хватает: нет приказа, не указан объект, не указано направление, нет руководителя рабочей группы, нет членов рабочей группы, нет источников информации, перечень должностей не утверждён, нет заключения.");
    const buttons = h.lastButtons(compliance.id);
    expect(buttons.map((b) => b.text)).toEqual(["Проект справки на русском (DOCX)", "Проект справки на казахском (DOCX)", "Перечень должностей (DOCX)", "Утвердить перечень должностей", "Изменить текст раздела…", "« К анализу"]);
    for (const b of buttons.slice(0, 3)) await h.callback(compliance, b.data);
    expect(filenames()).toEqual([`analytic-report-${analysisId}-ru-draft.docx`, `analytic-report-${analysisId}-kk-draft.docx`, `positions-${analysisId}-ru.docx`]);
    expect(await h.db.prisma.auditLog.count({ where: { action: "analysis.report_generated" } })).toBe(3);

    const approve = buttons[3]!.data;
    const forged = approve.replace(/:[^:]+$/, ":AAAAAAAA");
    await h.callback(compliance, forged);
    expect(alert()).toMatchObject({ show_alert: true });
    expect((await h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } })).positionsApprovedOn).toBeNull();
    await h.callback(compliance, approve);
    expect(h.lastReply(compliance.id)).toBe("Перечень должностей утверждён 01.02.2027: должностей — 1.");
    await h.callback(compliance, approve);
    expect(h.lastReply(compliance.id)).toBe("Перечень должностей уже утверждён 01.02.2027 в этом виде.");
    // The register changes: the approval button shown before names another list.
    register.risks = [{ ...cashier, positions: [{ ru: "Кассир" }, { ru: "Бухгалтер" }] }];
    h.clear();
    await h.callback(compliance, approve);
    expect(alert()).toMatchObject({ show_alert: true });
    await h.callback(compliance, open.data);
    expect(h.lastReply(compliance.id)).toContain("Перечень должностей утверждён 01.02.2027, но изменён после утверждения.");
  });

  it("lets compliance write a section's text in either language and remove it", async () => {
    await h.callback(compliance, `rp.at:${analysisId}`);
    const sections = h.lastButtons(compliance.id);
    expect(sections.map((b) => b.text)).toEqual(["Вводная часть", "Освоение и распределение бюджетных и финансовых средств", "Заключение", "Адресаты справки", "« К анализу"]);
    await h.callback(compliance, sections[2]!.data);
    expect(h.lastReply(compliance.id)).toContain("Отправьте текст раздела «Заключение» на языке: русский.");
    await h.text(compliance, "Выявлен один коррупционный риск.");
    expect(h.lastReply(compliance.id)).toBe("Текст раздела «Заключение» сохранён (русский). Он войдёт в следующий проект справки.");
    await h.callback(compliance, sections[2]!.data);
    const other = h.lastButtons(compliance.id).find((b) => b.text.startsWith("Написать на другом языке"))!;
    await h.callback(compliance, other.data);
    expect(h.lastReply(compliance.id)).toContain("русский:\nВыявлен один коррупционный риск.");
    expect(h.lastReply(compliance.id)).toContain("на языке: казахский.");
    await h.text(compliance, "Бір сыбайлас жемқорлық тәуекелі анықталды.");
    const stored = JSON.parse((await h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } })).reportTexts) as unknown;
    expect(stored).toEqual({ conclusion: { ru: "Выявлен один коррупционный риск.", kk: "Бір сыбайлас жемқорлық тәуекелі анықталды." } });
    await h.callback(compliance, sections[2]!.data);
    const clear = h.lastButtons(compliance.id).find((b) => b.text === "Удалить текст раздела")!;
    await h.callback(compliance, clear.data);
    expect(h.lastReply(compliance.id)).toBe("Текст раздела «Заключение» удалён.");
    await h.callback(compliance, clear.data); // the flow has ended: stale
    expect(alert()).toMatchObject({ show_alert: true });
    expect(JSON.parse((await h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } })).reportTexts)).toEqual({ conclusion: { kk: "Бір сыбайлас жемқорлық тәуекелі анықталды." } });
    // A section the draft does not offer (a forged index) is refused.
    await h.callback(compliance, `rp.as:${analysisId}:20`);
    expect(alert()).toMatchObject({ show_alert: true });
  });

  it("shows a section whose texts in both languages are as long as allowed, in messages under Telegram's limit", async () => {
    // 4000 characters in each language, with markup that must reach the officer as typed.
    const ru = `<b>Вывод</b> & ${"р".repeat(3980)}`;
    const kk = `*Қорытынды* ${"қ".repeat(3988)}`;
    await h.db.prisma.analysis.update({ where: { id: analysisId }, data: { reportTexts: JSON.stringify({ conclusion: { ru, kk } }) } });
    await h.callback(compliance, `rp.at:${analysisId}`);
    const section = h.lastButtons(compliance.id).find((b) => b.text.endsWith("Заключение"))!;
    h.clear();
    await h.callback(compliance, section.data);
    const sent = h.callsOf("sendMessage").map((c) => String(c.payload.text));
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((text) => text.length <= 4096)).toBe(true);
    expect(sent.join("\n")).toContain(ru);
    expect(sent.join("\n")).toContain(kk);
    expect(sent.at(-1)).toContain("Отправьте текст раздела «Заключение» на языке: русский.");
    expect(h.lastButtons(compliance.id).map((b) => b.text)).toContain("Удалить текст раздела");
  });

  it("gives observers the documents but neither approval nor texts, and names the publication dates once signed", async () => {
    await h.callback(observer, `an.h:rep:${analysisId}`);
    const buttons = h.lastButtons(observer.id);
    expect(buttons.map((b) => b.text)).toEqual(["Анықтама жобасы орыс тілінде (DOCX)", "Анықтама жобасы қазақ тілінде (DOCX)", "Лауазымдар тізбесі (DOCX)", "« Талдауға"]);
    await h.callback(observer, buttons[2]!.data);
    expect(filenames()).toEqual([`positions-${analysisId}-kk.docx`]);
    h.clear();
    for (const data of [`rp.aa:${analysisId}:abcdefgh`, `rp.at:${analysisId}`]) {
      await h.callback(observer, data);
      expect(alert()).toMatchObject({ show_alert: true, text: expect.stringMatching(/қолжетімді емес/) });
    }
    expect((await h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } })).positionsApprovedOn).toBeNull();
    await h.db.prisma.analysis.update({ where: { id: analysisId }, data: { reportSignedOn: "2027-02-03" } });
    await h.callback(compliance, `an.h:rep:${analysisId}`);
    expect(h.lastReply(compliance.id)).toContain("Сроки размещения справки и обновления карты рисков будут рассчитаны после утверждения плана мероприятий");
    await h.db.prisma.analysis.update({ where: { id: analysisId }, data: { planApprovedOn: "2027-02-05" } });
    await h.callback(compliance, `an.h:rep:${analysisId}`);
    expect(h.lastReply(compliance.id)).toContain("Справка подписана 03.02.2027.\n📌 Разместить справку на сайте — до 10.02.2027.\n📌 Обновить карту коррупционных рисков — до 11.02.2027.");
  });
});
