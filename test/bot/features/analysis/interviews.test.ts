// The analysis hub's interview tables in the bot: a unit head answers the real interview
// template (seed 003's figures, two legal acts as two act slots, an offence), two more units'
// interviews are stored; the officer sees the summary and takes the DOCX (kk) and the XLSX (ru);
// an observer reads them too; an analysis without an interview campaign says so, and a document
// button of it is stale. Every view is audited.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSurveyButton } from "../../../../src/bot/features/surveys/buttons.js";
import { createCampaign, getCampaign } from "../../../../src/db/repositories/campaigns.js";
import { draftKey, loadDraft } from "../../../../src/db/repositories/survey-answers.js";
import { saveDefinition } from "../../../../src/db/repositories/survey-definitions.js";
import { allQuestions } from "../../../../src/domain/surveys/definition.js";
import { launchCampaign } from "../../../../src/services/surveys.js";
import { docxText, xlsxRows, rowOf } from "../../../support/board-documents.js";
import { createHarness, type Harness, type TgUser } from "../../../support/harness.js";
import { controlAnswers, interviewTemplate, SEED_ACT_1, SEED_ACT_2, servicesAnswers } from "../../../support/interview-fixture.js";

const compliance: TgUser = { id: 500001, first_name: "Анна", language_code: "ru" };
const observer: TgUser = { id: 520001, first_name: "Айгүл", language_code: "kk" };
const head: TgUser = { id: 530001, first_name: "Людмила", language_code: "ru" };
const def = interviewTemplate();
const questions = new Map(allQuestions(def).map((q) => [q.id, q]));
let h: Harness;
let campaignId: number;
let analysisId: number;

/** What the unit head answers (seed 003's unit); a question not here gets «Да», 0, or is skipped. */
const PLAN: Record<string, string> = {
  unit_name: "Центр поддержки семьи и детства",
  period_from: "01.01.2026",
  period_to: "31.12.2026",
  ps_has: "no",
  pm_has: "no",
  ct_has: "no",
  hr_staff_positions: "26,5",
  hr_headcount: "22",
  hr_vacancies: "0,5",
  hr_hired: "2",
  hr_dismissed_voluntary: "9",
  hr_rotation: "6",
  hr_penalties_total: "3",
  hr_penalty_remark: "3",
  hr_penalties_cancelled_any: "no",
  hr_offences_any: "yes",
  hr_offences: "1",
  hr_offences_details: "Административное правонарушение водителя; объявлено замечание",
  hr_risky_positions: "Заместитель директора; юрист",
  npa_reviewed: "2",
  npa_1_has: "yes",
  npa_1_name: SEED_ACT_1,
  npa_1_unregulated: "Отсутствуют типовые правила деятельности центров поддержки семьи и детства",
  npa_1_measures: "Поданы предложения в Комитет по охране прав детей",
  npa_2_has: "yes",
  npa_2_name: SEED_ACT_2,
  npa_2_issues: "Вид организации не указан в номенклатуре",
  npa_2_measures: "Внесены изменения приказом от 29.12.2016 № 726",
  npa_3_has: "no",
};

async function press(user: TgUser, text: RegExp): Promise<void> {
  const b = h.lastButtons(user.id).find((x) => text.test(x.text));
  if (!b) throw new Error(`no button ${text} in ${JSON.stringify(h.lastButtons(user.id).map((x) => x.text))}`);
  await h.callback(user, b.data);
}

/** Answers the open interview question by question through the bot, as PLAN says, and submits it. */
async function answerInterview(user: TgUser): Promise<void> {
  await h.callback(user, openSurveyButton.encode([campaignId]));
  await press(user, /Начать/);
  for (let step = 0; step < 300; step++) {
    const draft = await loadDraft(h.db.prisma, h.deps.keyring, draftKey(h.deps.keyring, campaignId, user.id), h.deps.now());
    if (!draft || draft.current === "review") break;
    const q = questions.get(draft.current)!;
    const planned = PLAN[q.id];
    if (q.type === "yesno") await press(user, (planned ?? "yes") === "yes" ? /^Да$/ : /^Нет$/);
    else if (q.type === "number" || q.type === "date") await h.text(user, planned ?? "0");
    else if (q.type === "multiple") {
      await press(user, new RegExp(`${q.options.at(-1)!.label.ru.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
      await press(user, /Готово/);
    } else if (planned !== undefined) await h.text(user, planned);
    else if (q.optional) await press(user, /Пропустить/);
    else throw new Error(`no answer planned for ${q.id}`);
  }
  await press(user, /Отправить ответы/);
  expect(h.lastReply(user.id)).toBe("✅ Спасибо! Ваши ответы сохранены.");
}

beforeEach(async () => {
  h = await createHarness({ config: { COMPLIANCE_TELEGRAM_IDS: String(compliance.id) } });
  const p = h.db.prisma;
  await h.text(compliance, "/start");
  await p.user.create({ data: { fullName: "Айгүл Серікова", phone: "77010000003", role: "observer", language: "kk", telegramId: BigInt(observer.id), registeredAt: new Date() } });
  const centre = await p.department.create({ data: { name: "Центр поддержки семьи и детства" } });
  await p.user.create({ data: { fullName: "Куземко Людмила Петровна", position: "Директор", phone: "77010000004", language: "ru", telegramId: BigInt(head.id), departmentId: centre.id, registeredAt: new Date() } });
  const { record } = await saveDefinition(p, def, "template", null);
  const c = await createCampaign(p, { definitionId: record.id, mode: "attributed", opensOn: "2026-03-02", closesOn: "2026-03-31", audience: { kind: "departments", ids: [centre.id] }, reminderCap: 2, createdById: 1, today: "2026-03-02" });
  await launchCampaign(p, c);
  campaignId = (await getCampaign(p, c.id))!.id;
  // Two more units' interviews, stored as the bot stores them.
  for (const [name, fullName, answers] of [["Отдел государственных услуг", "Ахметова Гульнара", servicesAnswers], ["Отдел контроля", "Иванов Пётр", controlAnswers]] as const) {
    const d = await p.department.create({ data: { name } });
    const u = await p.user.create({ data: { fullName, phone: `7702000${String(d.id).padStart(4, "0")}`, departmentId: d.id } });
    await p.interviewResponse.create({ data: { campaignId, userId: u.id, answers: JSON.stringify(answers), submittedOn: "2026-03-02" } });
  }
  analysisId = (await p.analysis.create({ data: { startOn: "2026-03-02", endOn: "2026-04-30", interviewCampaignIds: JSON.stringify([campaignId]) } })).id;
  h.clear();
});
afterEach(() => h.destroy());

function lastDocument(): { fileName: string; bytes: Buffer } {
  return h.callsOf("sendDocument").at(-1)!.payload.document as { fileName: string; bytes: Buffer };
}

describe("the interview tables of an analysis", () => {
  it("a unit head's interview answered in the bot, with two acts, becomes the tables the officer reads and takes as DOCX and XLSX", async () => {
    await answerInterview(head);
    const stored = await h.db.prisma.interviewResponse.findMany({ where: { campaignId }, orderBy: { id: "desc" }, take: 1 });
    const answers = JSON.parse(stored[0]!.answers);
    expect(answers).toMatchObject({ hr_staff_positions: { number: 26.5 }, npa_1_has: { code: "yes" }, npa_2_name: { text: SEED_ACT_2 }, npa_3_has: { code: "no" }, hr_offences: { number: 1 } });
    expect(answers.npa_4_has).toBeUndefined();
    expect(answers.hr_penalties_cancelled).toBeUndefined();

    await h.text(compliance, "/analysis");
    expect(h.lastReply(compliance.id)).toContain("Таблицы интервью: 3 подразделения");
    await press(compliance, /Таблицы интервью/);
    const summary = h.lastReply(compliance.id);
    expect(summary).toContain("Ответило 3 подразделения.");
    expect(summary).toContain("Численность по штату: 41,5, фактическая: 36.");
    expect(summary).toContain("Текучесть кадров: 11 (30,6%).");
    expect(summary).toContain("Дисциплинарных взысканий: 6, отменено: 1.");
    expect(summary).toContain("Правонарушений сотрудников в период службы: 2.");
    expect(summary).toContain("Нормативных правовых актов с коррупционными рисками: 3.");
    expect(h.lastButtons(compliance.id).map((b) => b.text)).toEqual(["📄 DOCX на казахском языке", "📄 DOCX на русском языке", "📊 XLSX на казахском языке", "📊 XLSX на русском языке", "⬅️ К анализу"]);

    await press(compliance, /DOCX на казахском/);
    const docx = lastDocument();
    expect(docx.fileName).toBe(`interview-tables-${analysisId}-kk.docx`);
    const text = docxText(docx.bytes);
    expect(text).toContain("Персоналды басқару және мүдделер қақтығысын реттеу");
    expect(text).toContain("9 (40,9%)");
    expect(text).toContain("26,5");
    expect(text).toContain(SEED_ACT_1);
    expect(text).toContain("Сұхбат берген басшылардың бөлімшелерінің ешқайсысы бұл функцияны жүзеге асырмайды."); // no unit has permits
    expect(text).toContain("Куземко Людмила Петровна\nДиректор");

    await press(compliance, /XLSX на русском/);
    const xlsx = await xlsxRows(lastDocument().bytes);
    expect([...xlsx.keys()]).toEqual(["Госуслуги", "Разрешительные функции", "Контрольные функции", "Управление персоналом", "Взыскания", "Отменённые взыскания", "Правонарушения", "Нормативные правовые акты", "Респонденты"]);
    const personnel = xlsx.get("Управление персоналом")!;
    const header = personnel[0]!;
    const centre = rowOf(personnel, "Центр поддержки семьи и детства")!;
    expect(centre[header.indexOf("Численность по штату (штатных единиц)")]).toBe(26.5);
    expect(centre[header.indexOf("Уволено всего")]).toBe(9);
    expect(centre[header.indexOf("Текучесть кадров")]).toBeCloseTo(9 / 22, 6);
    expect(rowOf(xlsx.get("Нормативные правовые акты")!.map((r) => r.slice(1)), "Центр поддержки семьи и детства")).toBeDefined();
    expect(xlsx.get("Нормативные правовые акты")!.filter((r) => r[1] === "Центр поддержки семьи и детства").map((r) => r[2])).toEqual([SEED_ACT_1, SEED_ACT_2]);
    expect(rowOf(xlsx.get("Правонарушения"), "Итого")).toEqual(["Итого", 2]);

    const audit = await h.db.prisma.auditLog.findMany({ where: { action: "analysis.interviews_viewed" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => JSON.parse(a.details!).what)).toEqual(["screen", "docx", "xlsx"]);
  });

  it("an observer reads them in Kazakh, without the respondents' names", async () => {
    await h.text(observer, "/analysis");
    expect(h.lastReply(observer.id)).toContain("Сұхбат кестелері: бөлімшелер саны — 2");
    await press(observer, /Сұхбат кестелері/);
    expect(h.lastReply(observer.id)).toContain("Жауап берген бөлімшелер саны — 2.");
    await press(observer, /XLSX қазақ тілінде/);
    expect(lastDocument().fileName).toBe(`interview-tables-${analysisId}-kk.xlsx`);
    const xlsx = await xlsxRows(lastDocument().bytes);
    expect(xlsx.get("Респонденттер")).toEqual([["Бөлімше", "Жауап берілген күн"], ["Отдел государственных услуг", expect.anything()], ["Отдел контроля", expect.anything()]]);
    await press(observer, /DOCX орыс тілінде/);
    const docx = docxText(lastDocument().bytes);
    expect(docx).toContain("Руководители подразделений, представившие сведения");
    expect(docx).not.toContain("Ахметова");
    expect(docx).toContain("Нарушение сроков выдачи справок");
  });

  it("an analysis without an interview campaign says so, and a document button of it is stale", async () => {
    await h.db.prisma.analysis.update({ where: { id: analysisId }, data: { interviewCampaignIds: "[]" } });
    await h.text(compliance, "/analysis");
    expect(h.lastReply(compliance.id)).toContain("Таблицы интервью: кампания интервью не выбрана");
    await press(compliance, /Таблицы интервью/);
    expect(h.lastReply(compliance.id)).toBe("К анализу не привязана кампания интервью руководителей подразделений. Выберите её в записи анализа.");
    h.clear();
    await h.callback(compliance, `ai.d:${analysisId}:ru`);
    expect(h.callsOf("sendDocument")).toHaveLength(0);
    expect(h.callsOf("answerCallbackQuery").at(-1)?.payload).toMatchObject({ show_alert: true });
    expect(await h.db.prisma.auditLog.count({ where: { action: "analysis.interviews_viewed" } })).toBe(0);
  });
});
