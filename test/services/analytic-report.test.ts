// services/analytic-report.ts over the placeholder parts (the record and the register are
// stubbed here so the test reads what it sets): the draft's model from the records, the survey
// section through the disclosure policy, compliance's report counts only, the positions list's
// approval and «changed after approval», the officer's texts; on both databases.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createKeyring } from "../../src/domain/crypto.js";
import type { RiskEntry } from "../../src/domain/analysis/register.js";
import type { Lang } from "../../src/domain/lang.js";
import { createI18n, type TFunction } from "../../src/i18n.js";
import type { Translate } from "../../src/i18n-resources.js";
import type { AnalysisRecord } from "../../src/services/analysis-record.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { createProbeCampaign } from "../support/campaign-fixtures.js";

const state = vi.hoisted(() => ({ record: null as unknown, risks: [] as unknown[] }));
vi.mock("../../src/services/analysis-record.js", () => ({ analysisRecordOf: async () => state.record }));
vi.mock("../../src/services/risks.js", () => ({ riskRegisterOf: async () => state.risks, describeEvidence: async (_db: unknown, link: { kind: string }, _t: unknown, lang: string) => `${lang}:${link.kind}` }));

const { analyticReportModel, approvePositions, reportTextsOf, setReportText } = await import("../../src/services/analytic-report.js");

const keyring = createKeyring([randomBytes(32)]);
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
let db: TestDatabase;
let t: Record<Lang, Translate>;
let officer: { id: number; role: string };
let observer: { id: number; role: string };
let analysisId: number;

function record(over: Partial<AnalysisRecord> = {}): AnalysisRecord {
  return { id: analysisId, startOn: "2026-04-01", endOn: "2026-05-31", reportSignedOn: null, planApprovedOn: null, orderNumber: "12", orderDate: "2026-03-30", organisation: { ru: "АО «Сети»" }, objectText: {}, units: [], direction: "organisational", coveredFrom: "2026-01-01", coveredTo: "2026-03-31", sources: ["surveys"], members: [], interviewCampaignIds: [], surveyCampaignIds: [], milestones: [{ id: "publication", titleKey: "schedule.milestone.publication", titleParams: {}, dueOn: "2026-06-20", status: "active" }], ...over };
}

const cashier = (functions: string): RiskEntry => ({ id: 1, number: 1, direction: "organisational", area: "budget", factorCode: null, factor: {}, title: { ru: "Касса" }, description: {}, functions: { ru: functions }, positions: [{ ru: "Кассир" }], likelihood: 4, impact: 5, evidence: [{ kind: "reports" }], recommendations: [] });

beforeEach(async () => {
  db = await createTestDatabase();
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as TFunction as Translate, ru: i18n.t("ru") as TFunction as Translate };
  officer = { ...(await db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance" } })), role: "compliance" };
  observer = { ...(await db.prisma.user.create({ data: { fullName: "Наблюдатель", phone: "77010000002", role: "observer" } })), role: "observer" };
  analysisId = (await db.prisma.analysis.create({ data: { startOn: "2026-04-01", endOn: "2026-05-31" } })).id;
  state.record = record();
  state.risks = [];
  const report = { category: "gifts", content: "sealed", receivedOn: "2026-02-03", ackDueOn: "2026-02-06", decisionDueOn: "2026-02-24" };
  await db.prisma.report.create({ data: { ...report, number: "2026-0001", receiptHash: "a", audience: "compliance" } });
  await db.prisma.report.create({ data: { ...report, number: "2026-0002", receiptHash: "b", audience: "observer" } });
});
afterEach(() => db.destroy());

const depsFor = (viewer: { id: number; role: string }) => ({ db: db.prisma, keyring, labels, k: 5, textK: 5, translate: (lang: Lang) => t[lang], viewer });

describe("the analytic report's model", () => {
  it("gathers the record, compliance's report counts in the data's period, and the linked survey as officers see it", async () => {
    const campaign = await createProbeCampaign(db.prisma, { opensOn: "2026-04-06", closesOn: "2026-04-17", audience: { kind: "all" }, createdById: officer.id, today: "2026-04-01" });
    state.record = record({ surveyCampaignIds: [campaign.id, 9999] });
    state.risks = [cashier("Приём наличных")];
    const model = await analyticReportModel(depsFor(observer), analysisId, "2026-05-25");
    expect(model).not.toBeNull();
    expect(model!.reports).toMatchObject({ from: "2026-01-01", to: "2026-03-31", stats: { received: 1, organisationTotal: 2 } });
    expect(model!.surveys.campaigns).toHaveLength(1);
    expect(model!.surveys.campaigns[0]!.questions.every((q) => !q.shown)).toBe(true); // nobody answered: below the threshold
    expect(model!.risks[0]).toMatchObject({ level: "critical", evidenceText: { kk: ["kk:reports"], ru: ["ru:reports"] } });
    expect(model!.positions).toEqual([{ position: { ru: "Кассир" }, units: [], powers: [{ ru: "Приём наличных" }], risks: [{ number: 1, title: { ru: "Касса" } }] }]);
    expect(model!.riskMap.ru.length).toBeGreaterThan(0);
    expect(model!.publicationDueOn).toBe("2026-06-20");
    expect(model!.positionsApproval).toBeNull();
    const audits = await db.prisma.auditLog.findMany({ where: { action: "analysis.report_generated" } });
    expect(audits).toHaveLength(1);
  });

  it("never lets compliance difference the organisation's total: a period of any two days gives none, so an observers' report filed on a day changes nothing", async () => {
    // The observers' report of the fixture came on 3 February. Totals up to the 3rd and up to the
    // 2nd (both finished periods) would differ by exactly that report.
    const seen = [];
    for (const coveredTo of ["2026-02-02", "2026-02-03"]) {
      state.record = record({ coveredFrom: "2026-01-01", coveredTo });
      seen.push((await analyticReportModel(depsFor(officer), analysisId, "2026-05-25"))!.reports.stats);
    }
    expect(seen[0]).toMatchObject({ received: 0, organisationTotal: null });
    expect(seen[1]).toMatchObject({ received: 1, organisationTotal: null });
    // Over whole quarters it is given, as in the board report.
    state.record = record({ coveredFrom: "2026-01-01", coveredTo: "2026-06-30" });
    expect((await analyticReportModel(depsFor(officer), analysisId, "2026-07-01"))!.reports.stats).toMatchObject({ organisationTotal: 2 });
  });

  it("is null for an analysis that does not exist", async () => {
    state.record = null;
    expect(await analyticReportModel(depsFor(officer), 4242, "2026-05-25")).toBeNull();
  });
});

describe("two officers writing texts at once", () => {
  it("keeps both sections (each is written over the texts as read, else read again)", async () => {
    const results = await Promise.all([
      setReportText(db.prisma, analysisId, officer.id, "intro", "ru", "Вводный текст"),
      setReportText(db.prisma, analysisId, officer.id, "conclusion", "ru", "Заключение"),
      setReportText(db.prisma, analysisId, officer.id, "conclusion", "kk", "Қорытынды"),
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await reportTextsOf(db.prisma, analysisId)).toEqual({ intro: { ru: "Вводный текст" }, conclusion: { ru: "Заключение", kk: "Қорытынды" } });
  });
});

describe("approving the list of positions", () => {
  it("is compliance's, refuses an empty or changed list, and reads a later change of the register as changed after approval", async () => {
    expect(await approvePositions(db.prisma, analysisId, officer.id, "2026-05-20")).toEqual({ ok: false, reason: "empty" });
    state.risks = [cashier("Приём наличных")];
    expect(await approvePositions(db.prisma, analysisId, observer.id, "2026-05-20")).toEqual({ ok: false, reason: "notAllowed" });
    expect(await approvePositions(db.prisma, analysisId, officer.id, "2026-05-20", "AAAAAAAA")).toEqual({ ok: false, reason: "changed" });
    expect(await approvePositions(db.prisma, analysisId, officer.id, "2026-05-20")).toEqual({ ok: true, on: "2026-05-20", count: 1 });
    expect(await approvePositions(db.prisma, analysisId, officer.id, "2026-05-21")).toEqual({ ok: false, reason: "approved", on: "2026-05-20" });
    const row = await db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId } });
    expect(row).toMatchObject({ positionsApprovedOn: "2026-05-20", positionsApprovedById: officer.id });
    expect((await analyticReportModel(depsFor(officer), analysisId, "2026-05-25"))!.positionsApproval).toEqual({ on: "2026-05-20", changed: false });
    state.risks = [cashier("Выдача наличных")];
    expect((await analyticReportModel(depsFor(officer), analysisId, "2026-05-25"))!.positionsApproval).toEqual({ on: "2026-05-20", changed: true });
    expect(await approvePositions(db.prisma, analysisId, officer.id, "2026-05-26")).toEqual({ ok: true, on: "2026-05-26", count: 1 });
  });
});

describe("the officer's texts", () => {
  it("keeps the other language, removes one language, refuses observers, unknown sections and overlong texts", async () => {
    expect(await setReportText(db.prisma, analysisId, officer.id, "conclusion", "ru", "Риски выявлены.")).toEqual({ ok: true });
    expect(await setReportText(db.prisma, analysisId, officer.id, "conclusion", "kk", "Тәуекелдер анықталды.")).toEqual({ ok: true });
    expect(await reportTextsOf(db.prisma, analysisId)).toEqual({ conclusion: { ru: "Риски выявлены.", kk: "Тәуекелдер анықталды." } });
    expect(await setReportText(db.prisma, analysisId, officer.id, "conclusion", "ru", null)).toEqual({ ok: true });
    expect(await reportTextsOf(db.prisma, analysisId)).toEqual({ conclusion: { kk: "Тәуекелдер анықталды." } });
    expect(await setReportText(db.prisma, analysisId, observer.id, "intro", "ru", "x")).toEqual({ ok: false, reason: "notAllowed" });
    expect(await setReportText(db.prisma, analysisId, officer.id, "nonsense", "ru", "x")).toEqual({ ok: false, reason: "badSection" });
    expect(await setReportText(db.prisma, analysisId, officer.id, "intro", "ru", "я".repeat(4001))).toEqual({ ok: false, reason: "tooLong" });
    expect(await setReportText(db.prisma, 4242, officer.id, "intro", "ru", "x")).toEqual({ ok: false, reason: "noAnalysis" });
    expect(await reportTextsOf(db.prisma, analysisId)).toEqual({ conclusion: { kk: "Тәуекелдер анықталды." } });
  });
});
