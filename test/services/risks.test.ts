// The risk register's service (src/services/risks.ts): risks and recommendations with their
// record-level checks and audit, evidence only from disclosed survey questions, and a
// recommendation turned into a plan item as a typed item is (its due date and its link).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { riskLinksOfTask } from "../../src/db/repositories/risks.js";
import { submitAttributed } from "../../src/db/repositories/survey-answers.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { MAX_RECOMMENDATIONS, type RiskDraft } from "../../src/domain/analysis/risks.js";
import { validateDefinition } from "../../src/domain/surveys/definition.js";
import { createI18n, type TFunction } from "../../src/i18n.js";
import type { Translate } from "../../src/i18n-resources.js";
import { createAnalysis } from "../../src/services/plan.js";
import {
  addEvidence,
  addRecommendation,
  createPlanItemFromRecommendation,
  createRisk,
  deleteRecommendation,
  deleteRisk,
  describeEvidence,
  editRecommendation,
  evidenceCandidates,
  linkPlanItem,
  removeEvidence,
  riskRegisterOf,
  setRiskTextIn,
  unlinkPlanItem,
  updateRisk,
} from "../../src/services/risks.js";
import { startCampaign, type Actor } from "../../src/services/surveys.js";
import { addPerson, seedOrganisation, type Organisation } from "../support/campaign-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { TEST_KEY } from "../support/harness.js";

const keyring = createKeyring([TEST_KEY]);
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
const calendar = createWorkCalendar();

let db: TestDatabase;
let org: Organisation;
let officer: Actor;
let analysisId: number;
let t: Translate;

beforeEach(async () => {
  db = await createTestDatabase();
  org = await seedOrganisation(db.prisma);
  const c = await addPerson(db.prisma, { fullName: "Комплаенс Офицер", telegramId: 9001, language: "ru", departmentId: org.accounting.id, role: "compliance" });
  officer = { id: c.id, role: "compliance" };
  ({ analysisId } = await createAnalysis(db.prisma, calendar, { start: "2026-03-02", end: "2026-04-30" }, { createdById: officer.id, assigneeIds: [officer.id] }));
  t = (await createI18n()).t("ru") as TFunction as Translate;
});
afterEach(() => db.destroy());

const draft = (over: Partial<RiskDraft> = {}): RiskDraft => ({
  direction: "organisational",
  area: "personnel",
  factorCode: "p2",
  factor: { ru: "Назначение на должность без проведения конкурсного отбора" },
  title: { ru: "Назначение без конкурса" },
  description: { ru: "Сотрудники назначаются без конкурса" },
  functions: { ru: "Подбор персонала" },
  positions: [{ ru: "Руководитель кадровой службы" }],
  likelihood: 4,
  impact: 3,
  ...over,
});

const actions = async () => (await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => a.action);

describe("risks and recommendations", () => {
  it("creates, numbers, updates and deletes, with audit; another analysis's risk is not touched", async () => {
    const first = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    const second = await createRisk(db.prisma, { analysisId, draft: draft({ title: { ru: "Второй" }, likelihood: 5, impact: 5 }), actorId: officer.id });
    expect(first).toMatchObject({ ok: true, number: 1 });
    expect(second).toMatchObject({ ok: true, number: 2 });
    if (!first.ok || !second.ok) throw new Error("not created");
    expect(await createRisk(db.prisma, { analysisId, draft: draft({ likelihood: 7 }), actorId: officer.id })).toMatchObject({ ok: false, error: "invalid", problems: ["likelihood"] });
    expect(await updateRisk(db.prisma, { analysisId, riskId: first.riskId, patch: { impact: 5 }, lang: "ru", actorId: officer.id })).toMatchObject({ ok: true });
    expect(await updateRisk(db.prisma, { analysisId, riskId: first.riskId, patch: { direction: "legal_acts" }, lang: "ru", actorId: officer.id })).toMatchObject({ ok: false, problems: ["area", "factor"] });
    expect(await updateRisk(db.prisma, { analysisId: analysisId + 100, riskId: first.riskId, patch: { impact: 1 }, lang: "ru", actorId: officer.id })).toMatchObject({ ok: false, error: "not_found" });
    const rec = await addRecommendation(db.prisma, { analysisId, riskId: first.riskId, lang: "ru", text: "Проводить конкурс", actorId: officer.id });
    expect(rec).toMatchObject({ ok: true, number: 1, riskNumber: 1 });
    if (!rec.ok) throw new Error("no recommendation");
    // A recommendation is the risk's: named under another risk it is not found.
    expect(await editRecommendation(db.prisma, { analysisId, riskId: second.riskId, recommendationId: rec.recommendationId, lang: "ru", text: "x", actorId: officer.id })).toMatchObject({ ok: false, error: "not_found" });
    expect(await editRecommendation(db.prisma, { analysisId, riskId: first.riskId, recommendationId: rec.recommendationId, lang: "kk", text: "Конкурс өткізу", actorId: officer.id })).toMatchObject({ ok: true });
    const register = await riskRegisterOf(db.prisma, analysisId);
    expect(register.map((r) => [r.number, r.impact, r.title.ru])).toEqual([[1, 5, "Назначение без конкурса"], [2, 5, "Второй"]]);
    expect(register[0]!.recommendations).toEqual([{ id: rec.recommendationId, number: 1, text: { ru: "Проводить конкурс", kk: "Конкурс өткізу" }, planItems: [] }]);
    expect(register[0]!.positions).toEqual([{ ru: "Руководитель кадровой службы" }]);
    expect(await deleteRecommendation(db.prisma, { analysisId, riskId: first.riskId, recommendationId: rec.recommendationId, actorId: officer.id })).toMatchObject({ ok: true });
    expect(await deleteRisk(db.prisma, { analysisId, riskId: second.riskId, actorId: officer.id })).toMatchObject({ ok: true, number: 2 });
    expect((await riskRegisterOf(db.prisma, analysisId)).map((r) => r.number)).toEqual([1]);
    expect(await actions()).toEqual(expect.arrayContaining(["risk.created", "risk.updated", "risk.recommendation_added", "risk.recommendation_edited", "risk.recommendation_deleted", "risk.deleted"]));
  });
});

describe("a risk's texts in the other language", () => {
  it("stores the Kazakh text beside the Russian one, audited with its field and language; the Russian kept", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft({ factorCode: null, factor: { ru: "Свой фактор" }, positions: [{ ru: "Начальник отдела" }, { ru: "Специалист" }] }), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    const set = (field: Parameters<typeof setRiskTextIn>[1]["field"], text: string) => setRiskTextIn(db.prisma, { analysisId, riskId: risk.riskId, field, lang: "kk", text, actorId: officer.id });
    expect(await set("title", "  Конкурссыз тағайындау ")).toEqual({ ok: true, number: 1 });
    expect(await set("factor", "Өз факторы")).toMatchObject({ ok: true });
    expect(await set("description", "Қызметкерлер конкурссыз тағайындалады")).toMatchObject({ ok: true });
    expect(await set("functions", "Персоналды іріктеу")).toMatchObject({ ok: true });
    // Positions one a line, by order; another number of lines changes nothing.
    expect(await set("positions", "Бөлім бастығы")).toEqual({ ok: false, error: "count", detail: "2" });
    expect(await set("positions", "1. Бөлім бастығы\n\n2. Маман")).toMatchObject({ ok: true });
    expect(await set("title", "   ")).toMatchObject({ ok: false, error: "text" });
    expect(await set("title", "ы".repeat(301))).toMatchObject({ ok: false, error: "text" });
    expect(await setRiskTextIn(db.prisma, { analysisId: analysisId + 100, riskId: risk.riskId, field: "title", lang: "kk", text: "x", actorId: officer.id })).toMatchObject({ ok: false, error: "not_found" });
    const [entry] = await riskRegisterOf(db.prisma, analysisId);
    expect(entry).toMatchObject({
      title: { ru: "Назначение без конкурса", kk: "Конкурссыз тағайындау" },
      factor: { ru: "Свой фактор", kk: "Өз факторы" },
      description: { ru: "Сотрудники назначаются без конкурса", kk: "Қызметкерлер конкурссыз тағайындалады" },
      functions: { ru: "Подбор персонала", kk: "Персоналды іріктеу" },
      positions: [{ ru: "Начальник отдела", kk: "Бөлім бастығы" }, { ru: "Специалист", kk: "Маман" }],
    });
    const audits = await db.prisma.auditLog.findMany({ where: { action: "risk.text_set" }, orderBy: { id: "asc" } });
    expect(audits.map((a) => JSON.parse(a.details ?? "{}"))).toEqual(["title", "factor", "description", "functions", "positions"].map((field) => ({ field, lang: "kk" })));
  });

  it("refuses a catalog factor and a field with no text yet; a recommendation's Kazakh text keeps its Russian one", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft({ functions: {}, positions: [] }), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    for (const field of ["factor", "functions", "positions"] as const) {
      expect(await setRiskTextIn(db.prisma, { analysisId, riskId: risk.riskId, field, lang: "kk", text: "мәтін", actorId: officer.id })).toEqual({ ok: false, error: "invalid" });
    }
    const rec = await addRecommendation(db.prisma, { analysisId, riskId: risk.riskId, lang: "ru", text: "Проводить конкурс", actorId: officer.id });
    if (!rec.ok) throw new Error("no recommendation");
    expect(await editRecommendation(db.prisma, { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId, lang: "kk", text: "Конкурс өткізу", actorId: officer.id })).toMatchObject({ ok: true });
    const [entry] = await riskRegisterOf(db.prisma, analysisId);
    expect(entry!.recommendations[0]!.text).toEqual({ ru: "Проводить конкурс", kk: "Конкурс өткізу" });
    const edited = await db.prisma.auditLog.findFirst({ where: { action: "risk.recommendation_edited" } });
    expect(JSON.parse(edited!.details ?? "{}")).toEqual({ lang: "kk" });
    expect(await db.prisma.auditLog.count({ where: { action: "risk.text_set" } })).toBe(0);
  });
});

/** An interview campaign of five with a yes/no question (shown at k = 5) and a free text (hidden under 10). */
async function interviewCampaign() {
  const parsed = validateDefinition({
    id: "risk-evidence",
    title: { kk: "Бөлім басшыларымен сұхбат", ru: "Интервью с руководителями" },
    mode: "attributed",
    sections: [
      {
        id: "main",
        title: { kk: "Негізгі", ru: "Основное" },
        questions: [
          { id: "gifts", type: "yesno", text: { kk: "Сыйлық ұсынылды ма?", ru: "Вам предлагали подарки?" } },
          { id: "where", type: "text", text: { kk: "Қай жерде?", ru: "Где именно?" } },
        ],
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const definitionId = (await saveDefinition(db.prisma, parsed.definition, "test", null)).record.id;
  const { campaign } = await startCampaign(db.prisma, officer, { definitionId, mode: "attributed", audience: { kind: "all" }, opensOn: "2026-03-02", closesOn: "2026-03-20" }, "2026-03-02");
  for (const person of [org.aigerim, org.boris, org.dana, org.erlan, org.officer]) {
    await submitAttributed(db.prisma, { campaignId: campaign.id, userId: person.id, today: "2026-03-03", answers: { gifts: { code: "no" }, where: { text: "в отделе" } }, draftKey: "none" });
  }
  return campaign;
}

describe("recommendations of one risk", () => {
  it("are refused past MAX_RECOMMENDATIONS (each is a button on the risk's card, and a keyboard holds 100)", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    const args = { analysisId, riskId: risk.riskId, actorId: officer.id };
    for (let i = 1; i <= MAX_RECOMMENDATIONS; i++) expect(await addRecommendation(db.prisma, { ...args, lang: "ru", text: `Мера ${i}` })).toMatchObject({ ok: true, number: i });
    expect(await addRecommendation(db.prisma, { ...args, lang: "ru", text: "Ещё одна" })).toMatchObject({ ok: false, error: "too_many" });
    expect(await db.prisma.riskRecommendation.count()).toBe(MAX_RECOMMENDATIONS);
  });
});

describe("two officers at once", () => {
  it("changing two fields of one risk at the same time keeps both; adding two evidence links at the same time keeps both", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    const ids = { analysisId, riskId: risk.riskId, actorId: officer.id };
    await Promise.all([
      updateRisk(db.prisma, { ...ids, lang: "ru", patch: { title: { ru: "Новое название" } } }),
      updateRisk(db.prisma, { ...ids, lang: "ru", patch: { description: { ru: "Новое описание" } } }),
      updateRisk(db.prisma, { ...ids, lang: "ru", patch: { likelihood: 2 } }),
    ]);
    const deps = { db: db.prisma, keyring, labels };
    const args = { analysisId, riskId: risk.riskId, actor: officer, today: "2026-03-04" };
    await Promise.all([
      addEvidence(deps, { ...args, link: { kind: "interview", table: "personnel" } }),
      addEvidence(deps, { ...args, link: { kind: "reports" } }),
      addEvidence(deps, { ...args, link: { kind: "source", figureKind: "appeals" } }),
    ]);
    const [entry] = await riskRegisterOf(db.prisma, analysisId);
    expect(entry).toMatchObject({ title: { ru: "Новое название" }, description: { ru: "Новое описание" }, likelihood: 2 });
    expect(entry!.evidence).toHaveLength(3);
  });
});

describe("evidence", () => {
  it("takes a disclosed survey question, refuses a hidden one and a campaign the analysis does not draw on, and describes each link", async () => {
    const campaign = await interviewCampaign();
    const risk = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    const deps = { db: db.prisma, keyring, labels };
    const args = { analysisId, riskId: risk.riskId, actor: officer, today: "2026-03-04" };
    // Not in the analysis's campaigns yet.
    expect(await addEvidence(deps, { ...args, link: { kind: "survey", campaignId: campaign.id, questionId: "gifts" } })).toMatchObject({ ok: false, error: "invalid" });
    await db.prisma.analysis.update({ where: { id: analysisId }, data: { interviewCampaignIds: JSON.stringify([campaign.id]) } });
    const candidates = await evidenceCandidates(deps, { analysisId, actor: officer, today: "2026-03-04" });
    expect(candidates!.surveys).toEqual([{ campaignId: campaign.id, title: { kk: "Бөлім басшыларымен сұхбат", ru: "Интервью с руководителями" }, questions: [{ questionId: "gifts", text: { kk: "Сыйлық ұсынылды ма?", ru: "Вам предлагали подарки?" } }] }]);
    expect(await addEvidence(deps, { ...args, link: { kind: "survey", campaignId: campaign.id, questionId: "where" } })).toMatchObject({ ok: false, error: "hidden" });
    expect(await addEvidence(deps, { ...args, link: { kind: "survey", campaignId: campaign.id, questionId: "gifts" } })).toMatchObject({ ok: true });
    expect(await addEvidence(deps, { ...args, link: { kind: "survey", campaignId: campaign.id, questionId: "gifts" } })).toMatchObject({ ok: false, error: "duplicate" });
    expect(await addEvidence(deps, { ...args, link: { kind: "interview", table: "personnel" } })).toMatchObject({ ok: true });
    expect(await addEvidence(deps, { ...args, link: { kind: "reports" } })).toMatchObject({ ok: true });
    expect(await addEvidence(deps, { ...args, link: { kind: "source", figureKind: "appeals" } })).toMatchObject({ ok: true });
    expect(await addEvidence(deps, { ...args, link: { kind: "other", text: { ru: "Акт проверки от 5 марта 2026 года" } } })).toMatchObject({ ok: true });
    expect(await addEvidence(deps, { ...args, link: { kind: "other", text: { ru: " " } } })).toMatchObject({ ok: false, error: "text" });
    const [entry] = await riskRegisterOf(db.prisma, analysisId);
    const described = await Promise.all(entry!.evidence.map((l) => describeEvidence(db.prisma, l, t, "ru")));
    expect(described).toEqual([
      "Опрос «Интервью с руководителями», вопрос «Вам предлагали подарки?»",
      "Таблица интервью: персонал",
      "Статистика сообщений о коррупции (количество)",
      "Обращения физических и юридических лиц (E-Өтініш)",
      "Акт проверки от 5 марта 2026 года",
    ]);
    expect(await removeEvidence(db.prisma, { analysisId, riskId: risk.riskId, index: 9, actorId: officer.id })).toMatchObject({ ok: false, error: "not_found" });
    expect(await removeEvidence(db.prisma, { analysisId, riskId: risk.riskId, index: 0, actorId: officer.id })).toMatchObject({ ok: true });
    expect((await riskRegisterOf(db.prisma, analysisId))[0]!.evidence[0]).toEqual({ kind: "interview", table: "personnel" });
    expect(await actions()).toEqual(expect.arrayContaining(["risk.evidence_added", "risk.evidence_removed"]));
  });
});

describe("recommendations → plan items", () => {
  it("creates a plan item with its due date, the risk's name and the link; the item's card reads the risk and recommendation", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft({ title: { ru: "Назначение без конкурса", kk: "Конкурссыз тағайындау" } }), actorId: officer.id });
    if (!risk.ok) throw new Error("not created");
    await addRecommendation(db.prisma, { analysisId, riskId: risk.riskId, lang: "ru", text: "Не нужна", actorId: officer.id });
    const rec = await addRecommendation(db.prisma, { analysisId, riskId: risk.riskId, lang: "ru", text: "Проводить конкурсный отбор на все должности", actorId: officer.id });
    if (!rec.ok) throw new Error("no recommendation");
    expect(await createPlanItemFromRecommendation(db.prisma, calendar, { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId, deadlineText: "когда-нибудь потом", responsibleText: "Петров Борис", actorId: officer.id, today: "2026-03-04" })).toMatchObject({ ok: false, error: "deadline" });
    const created = await createPlanItemFromRecommendation(db.prisma, calendar, { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId, deadlineText: "7 декабря 2026 года", responsibleText: "Петров Борис; Кадровая служба", actorId: officer.id, today: "2026-03-04" });
    expect(created).toMatchObject({ ok: true, number: "1", occurrences: 1 });
    if (!created.ok) throw new Error("no item");
    const task = await db.prisma.task.findUniqueOrThrow({ where: { id: created.taskId }, include: { occurrences: true, assignees: true } });
    expect(task).toMatchObject({ kind: "plan", title: "Проводить конкурсный отбор на все должности", risk: "Назначение без конкурса", analysisId, responsibleText: "Петров Борис; Кадровая служба" });
    expect(task.occurrences.map((o) => o.dueOn)).toEqual(["2026-12-07"]);
    expect(task.assignees.map((a) => a.userId)).toEqual([org.boris.id]);
    // Counted from the analysis: its own due date from the analysis's end.
    const relative = await createPlanItemFromRecommendation(db.prisma, calendar, { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId, measure: "Утвердить правила конкурса", deadlineText: "в течение 10 рабочих дней после подписания аналитической справки", responsibleText: "Петров Борис", actorId: officer.id, today: "2026-03-04" });
    expect(relative).toMatchObject({ ok: true, number: "2" });
    const [entry] = await riskRegisterOf(db.prisma, analysisId);
    expect(entry!.recommendations[1]!.planItems.map((p) => [p.number, p.title, p.dueOn])).toEqual([["1", "Проводить конкурсный отбор на все должности", "2026-12-07"], ["2", "Утвердить правила конкурса", expect.any(String)]]);
    expect(await riskLinksOfTask(db.prisma, created.taskId)).toEqual([{ riskNumber: 1, riskTitle: JSON.stringify({ ru: "Назначение без конкурса", kk: "Конкурссыз тағайындау" }), recommendationNumber: 2 }]);
    // Linking an existing item to the first recommendation; twice is refused; unlinking.
    const first = entry!.recommendations[0]!;
    expect(await linkPlanItem(db.prisma, { analysisId, riskId: risk.riskId, recommendationId: first.id }, created.taskId, officer.id)).toMatchObject({ ok: true, number: "1" });
    expect(await linkPlanItem(db.prisma, { analysisId, riskId: risk.riskId, recommendationId: first.id }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "already_linked" });
    expect((await riskLinksOfTask(db.prisma, created.taskId)).map((l) => l.recommendationNumber)).toEqual([1, 2]);
    expect(await unlinkPlanItem(db.prisma, { analysisId, riskId: risk.riskId, recommendationId: first.id }, created.taskId, officer.id)).toMatchObject({ ok: true });
    expect(await unlinkPlanItem(db.prisma, { analysisId, riskId: risk.riskId, recommendationId: first.id }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await actions()).toEqual(expect.arrayContaining(["plan.item_added", "risk.plan_item_created", "risk.plan_item_linked", "risk.plan_item_unlinked"]));
  });

  it("refuses a recommendation named with another analysis or another risk (a forged button or a stale flow): no plan item, no link, no unlink", async () => {
    const risk = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    const other = await createRisk(db.prisma, { analysisId, draft: draft(), actorId: officer.id });
    if (!risk.ok || !other.ok) throw new Error("not created");
    const rec = await addRecommendation(db.prisma, { analysisId, riskId: risk.riskId, lang: "ru", text: "Проводить конкурсный отбор", actorId: officer.id });
    if (!rec.ok) throw new Error("no recommendation");
    const { analysisId: elsewhere } = await createAnalysis(db.prisma, calendar, { start: "2026-09-01", end: "2026-10-30" }, { createdById: officer.id, assigneeIds: [officer.id] });
    const item = { deadlineText: "7 декабря 2026 года", responsibleText: "Петров Борис", actorId: officer.id, today: "2026-03-04" } as const;
    const tasksBefore = await db.prisma.task.count({ where: { kind: "plan" } });
    for (const ids of [{ analysisId: elsewhere, riskId: risk.riskId }, { analysisId, riskId: other.riskId }]) {
      expect(await createPlanItemFromRecommendation(db.prisma, calendar, { ...ids, recommendationId: rec.recommendationId, ...item })).toMatchObject({ ok: false, error: "not_found" });
    }
    expect(await db.prisma.task.count({ where: { kind: "plan" } })).toBe(tasksBefore);
    const created = await createPlanItemFromRecommendation(db.prisma, calendar, { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId, ...item });
    if (!created.ok) throw new Error("no item");
    const own = { analysisId, riskId: risk.riskId, recommendationId: rec.recommendationId };
    expect(await unlinkPlanItem(db.prisma, { ...own, analysisId: elsewhere }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await unlinkPlanItem(db.prisma, { ...own, riskId: other.riskId }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await riskLinksOfTask(db.prisma, created.taskId)).toHaveLength(1);
    await unlinkPlanItem(db.prisma, own, created.taskId, officer.id);
    expect(await linkPlanItem(db.prisma, { ...own, analysisId: elsewhere }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await linkPlanItem(db.prisma, { ...own, riskId: other.riskId }, created.taskId, officer.id)).toMatchObject({ ok: false, error: "not_found" });
    expect(await riskLinksOfTask(db.prisma, created.taskId)).toHaveLength(0);
  });
});
