// services/analytic-report.ts: the draft's model gives who answered the unit heads' interviews
// only to those the named-answers policy allows (compliance); an observer's model has the units'
// figures without names or positions, as the interview tables' screen and documents do.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createKeyring } from "../../src/domain/crypto.js";
import type { Lang } from "../../src/domain/lang.js";
import { createI18n, type TFunction } from "../../src/i18n.js";
import type { Translate } from "../../src/i18n-resources.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const respondent = { unit: "Служба сервисного обслуживания", fullName: "Иванов Пётр Сергеевич", position: "Начальник службы", submittedOn: "2026-04-10" };
vi.mock("../../src/services/analysis-record.js", () => ({
  analysisRecordOf: async (_db: unknown, id: number) => ({ id, startOn: "2026-04-01", endOn: "2026-05-31", reportSignedOn: null, planApprovedOn: null, orderNumber: null, orderDate: null, organisation: {}, objectText: {}, units: [], direction: null, coveredFrom: null, coveredTo: null, sources: [], members: [], interviewCampaignIds: [1], surveyCampaignIds: [], milestones: [] }),
}));
vi.mock("../../src/services/risks.js", () => ({ riskRegisterOf: async () => [], describeEvidence: async () => "" }));
vi.mock("../../src/services/analysis-interviews.js", () => ({ interviewTablesOf: async () => ({ respondents: [respondent], riskyPositions: [] }) }));

const { analyticReportModel } = await import("../../src/services/analytic-report.js");

let db: TestDatabase;
let t: Record<Lang, Translate>;
beforeEach(async () => {
  db = await createTestDatabase();
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as TFunction as Translate, ru: i18n.t("ru") as TFunction as Translate };
});
afterEach(() => db.destroy());

it("names the interviews' respondents for compliance only", async () => {
  const analysisId = (await db.prisma.analysis.create({ data: { startOn: "2026-04-01", endOn: "2026-05-31" } })).id;
  const deps = (id: number, role: string) => ({ db: db.prisma, keyring: createKeyring([randomBytes(32)]), labels: { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } }, translate: (lang: Lang) => t[lang], viewer: { id, role } });
  const compliance = await db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance" } });
  const observer = await db.prisma.user.create({ data: { fullName: "Наблюдатель", phone: "77010000002", role: "observer" } });
  const own = await analyticReportModel(deps(compliance.id, "compliance"), analysisId, "2026-05-25");
  expect(own!.interviews!.respondents).toEqual([respondent]);
  const observed = await analyticReportModel(deps(observer.id, "observer"), analysisId, "2026-05-25");
  expect(observed!.interviews!.respondents).toEqual([{ unit: respondent.unit, fullName: "", position: null, submittedOn: respondent.submittedOn }]);
  expect(JSON.stringify(observed)).not.toContain("Иванов");
});
