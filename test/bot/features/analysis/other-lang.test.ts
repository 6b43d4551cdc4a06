// The officer's texts in the other language: compliance gives a risk's Kazakh name, positions
// (one a line, by order) and recommendation from the risk card, and the record's organisation
// in Kazakh; the report screen names what the Kazakh draft still shows in Russian, the Kazakh
// DOCX holds the Kazakh name and the Russian DOCX the Russian one. Observers cannot (forged
// buttons refused, nothing changes).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRisk, addRecommendation } from "../../../../src/services/risks.js";
import { docxText } from "../../../support/board-documents.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 600002, first_name: "Observer", language_code: "kk" };
let h: Harness;
let analysisId: number;
let riskId: number;

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) }, now: new Date("2026-03-02T05:00:00Z") });
  await h.text(compliance, "/start");
  const p = h.db.prisma;
  await p.user.create({ data: { fullName: "Наблюдатель Айгүл", phone: "77010000002", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  const officer = await p.user.findFirstOrThrow({ where: { telegramId: BigInt(compliance.id) } });
  analysisId = (await p.analysis.create({ data: { startOn: "2026-03-02", endOn: "2026-04-30" } })).id;
  const risk = await createRisk(p, {
    analysisId,
    actorId: officer.id,
    draft: {
      direction: "organisational",
      area: "personnel",
      factorCode: "p2",
      factor: { ru: "Назначение на должность без проведения конкурсного отбора", kk: "Лауазымға конкурстық іріктеусіз тағайындау" },
      title: { ru: "Назначение без конкурса" },
      description: { ru: "Сотрудники назначаются без конкурсного отбора" },
      functions: {},
      positions: [{ ru: "Руководитель кадровой службы" }, { ru: "Главный специалист" }],
      likelihood: 4,
      impact: 5,
    },
  });
  if (!risk.ok) throw new Error("no risk");
  riskId = risk.riskId;
  await addRecommendation(p, { analysisId, riskId, lang: "ru", text: "Проводить конкурсный отбор", actorId: officer.id });
  h.clear();
});
afterEach(() => h.destroy());

const press = async (who: TgUser, pattern: RegExp) => {
  const button = h.lastButtons(who.id).find((b) => pattern.test(b.data));
  if (!button) throw new Error(`no button ${pattern} in ${JSON.stringify(h.lastButtons(who.id))}`);
  await h.callback(who, button.data);
};
const lastAlert = () => h.callsOf("answerCallbackQuery").at(-1)?.payload;
const lastDocument = () => h.callsOf("sendDocument").at(-1)!.payload.document as { fileName: string; bytes: Buffer };
const stored = async () => h.db.prisma.risk.findUniqueOrThrow({ where: { id: riskId }, include: { recommendations: true } });

describe("texts in the other language", () => {
  it("compliance gives the risk's Kazakh texts from the card; the Kazakh draft holds them, the Russian draft the Russian ones", async () => {
    await h.callback(compliance, `rk.o:${analysisId}:${riskId}`);
    expect(h.lastReply(compliance.id)).toContain("🌐 Нет текста на казахском языке: наименование, описание, должности, рекомендация 1.1.");
    await press(compliance, /^rk\.t:/);
    expect(h.lastReply(compliance.id)).toBe("Какой текст риска № 1 написать на казахском языке?");
    // A catalog factor is in both languages already, the empty functions hold nothing: neither is offered.
    expect(h.lastButtons(compliance.id).map((b) => b.text)).toEqual(["Наименование", "Описание", "Должности", "Рекомендация 1.1"]);
    await press(compliance, /^rk\.tf:.*:title$/);
    expect(h.lastReply(compliance.id)).toMatch(/^Сейчас на русском языке: Назначение без конкурса\n\nОтправьте текст «Наименование» риска № 1 на казахском языке/);
    await h.text(compliance, "Конкурссыз тағайындау");
    expect(h.replies(compliance.id).join("\n")).toContain("Текст на казахском языке сохранен в риске № 1.");
    expect(h.lastReply(compliance.id)).toContain("Риск № 1: Назначение без конкурса");
    expect(h.lastReply(compliance.id)).toContain("🌐 Нет текста на казахском языке: описание, должности, рекомендация 1.1.");

    // Positions: one a line, by order; another number of lines is asked again.
    await press(compliance, /^rk\.t:/);
    await press(compliance, /^rk\.tf:.*:positions$/);
    expect(h.lastReply(compliance.id)).toMatch(/1\. Руководитель кадровой службы\n2\. Главный специалист/);
    expect(h.lastReply(compliance.id)).toMatch(/по одной в строке и в том же порядке.*Должностей: 2/s);
    await h.text(compliance, "Кадр қызметінің басшысы");
    expect(h.lastReply(compliance.id)).toBe("Число строк должно совпадать с числом должностей (2): по одной строке на каждую должность, в том же порядке.");
    await h.text(compliance, "Кадр қызметінің басшысы\nБас маман");

    await press(compliance, /^rk\.t:/);
    await press(compliance, /^rk\.tr:/);
    await h.text(compliance, "Конкурстық іріктеу өткізу");
    expect(h.lastReply(compliance.id)).toContain("🌐 Нет текста на казахском языке: описание.");

    const risk = await stored();
    expect(JSON.parse(risk.title)).toEqual({ ru: "Назначение без конкурса", kk: "Конкурссыз тағайындау" });
    expect(JSON.parse(risk.positions)).toEqual([{ ru: "Руководитель кадровой службы", kk: "Кадр қызметінің басшысы" }, { ru: "Главный специалист", kk: "Бас маман" }]);
    expect(JSON.parse(risk.recommendations[0]!.text)).toEqual({ ru: "Проводить конкурсный отбор", kk: "Конкурстық іріктеу өткізу" });
    const audits = await h.db.prisma.auditLog.findMany({ where: { action: { in: ["risk.text_set", "risk.recommendation_edited"] } }, orderBy: { id: "asc" } });
    expect(audits.map((a) => [a.action, JSON.parse(a.details!)])).toEqual([
      ["risk.text_set", { field: "title", lang: "kk" }],
      ["risk.text_set", { field: "positions", lang: "kk" }],
      ["risk.recommendation_edited", { lang: "kk" }],
    ]);

    // The report screen names what the Kazakh draft still shows in Russian.
    await h.callback(compliance, `an.h:rep:${analysisId}`);
    const screen = h.lastReply(compliance.id);
    expect(screen).toContain("🌐 В проекте на казахском языке тексты на русском: риск № 1 (описание).");
    expect(screen).not.toContain("В проекте на русском языке");

    await press(compliance, /^rp\.ad:.*:kk$/);
    const kk = docxText(lastDocument().bytes);
    expect(kk).toContain("Конкурссыз тағайындау");
    expect(kk).toContain("Бас маман");
    expect(kk).not.toContain("Назначение без конкурса");
    await press(compliance, /^rp\.ad:.*:ru$/);
    const ru = docxText(lastDocument().bytes);
    expect(ru).toContain("Назначение без конкурса");
    expect(ru).not.toContain("Конкурссыз тағайындау");
  });

  it("the record's organisation is written in Kazakh beside the Russian one", async () => {
    await h.callback(compliance, `ar.t:organisation:${analysisId}`);
    await h.text(compliance, "АО «Казахстанская компания»");
    expect(h.lastReply(compliance.id)).toContain("🌐 Нет текста на казахском языке: организация.");
    await h.callback(compliance, `ar.t:organisation:${analysisId}`);
    expect(h.lastReply(compliance.id)).toContain("Сейчас (русский): АО «Казахстанская компания»\n\nЯзык текста: русский.");
    await press(compliance, /^ar\.l:/);
    expect(h.lastReply(compliance.id)).toContain("Язык текста: казахский.");
    expect(h.lastButtons(compliance.id).map((b) => b.text)).toEqual(["🌐 Написать на другом языке: русский"]);
    await h.text(compliance, "«Қазақстан компаниясы» АҚ");
    expect(h.lastReply(compliance.id)).not.toContain("Нет текста на казахском");
    const analysis = await h.db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } });
    expect(JSON.parse(analysis.organisation!)).toEqual({ ru: "АО «Казахстанская компания»", kk: "«Қазақстан компаниясы» АҚ" });
    const audit = await h.db.prisma.auditLog.findMany({ where: { action: "analysis.record_changed" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => JSON.parse(a.details!))).toEqual([
      { field: "organisation", lang: "ru" },
      { field: "organisation", lang: "kk" },
    ]);
  });

  it("observers cannot give a text in the other language: forged buttons are refused and nothing changes", async () => {
    await h.callback(observer, `rk.o:${analysisId}:${riskId}`);
    // Every text has its Russian version (the Kazakh reader's other language): no line about it.
    expect(h.lastReply(observer.id)).toContain("№ 1 тәуекел: Назначение без конкурса");
    expect(h.lastReply(observer.id)).not.toContain("Орыс тіліндегі мәтіні жоқ");
    expect(h.lastButtons(observer.id).map((b) => b.data.split(":")[0])).toEqual(["rk.l"]);
    const before = await stored();
    await h.callback(observer, `rk.t:${analysisId}:${riskId}`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    await h.callback(observer, `rk.tf:abcdefgh:title`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    await h.callback(observer, `rk.tr:abcdefgh:1`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    await h.callback(observer, `ar.l:abcdefgh`);
    expect(lastAlert()).toMatchObject({ show_alert: true });
    await h.text(observer, "Атауы");
    expect(await stored()).toEqual(before);
    // Compliance's own button of an earlier choice is stale once another starts.
    await h.callback(compliance, `rk.t:${analysisId}:${riskId}`);
    const first = h.lastButtons(compliance.id).find((b) => b.data.startsWith("rk.tf:"))!.data;
    await h.callback(compliance, `rk.t:${analysisId}:${riskId}`);
    await h.callback(compliance, first);
    expect(lastAlert()?.text).toMatch(/устарела/);
    expect(await stored()).toEqual(before);
  });
});
