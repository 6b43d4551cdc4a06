// services/analysis-interviews.ts: the tables of the interview campaigns an analysis links, each
// row with the respondent's department (or the interview's own unit name), null when none is
// linked, an anonymous campaign never read, and the view audited.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../src/db/repositories/campaigns.js";
import { interviewTablesOf, linkedCampaignIds, viewInterviewTables } from "../../src/services/analysis-interviews.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { seedInterviews } from "../support/interview-fixture.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.destroy());

describe("interviewTablesOf", () => {
  it("builds the tables of the linked campaign with each respondent's unit and position", async () => {
    const { analysisId } = await seedInterviews(db.prisma);
    const tables = (await interviewTablesOf(db.prisma, analysisId))!;
    expect(tables.respondents).toEqual([
      { unit: "Отдел государственных услуг", fullName: "Ахметова Гульнара Сериковна", position: "Руководитель отдела", submittedOn: "2026-03-03" },
      { unit: "Отдел контроля", fullName: "Иванов Пётр Сергеевич", position: null, submittedOn: "2026-03-04" },
      { unit: "Центр поддержки семьи и детства", fullName: "Куземко Людмила Петровна", position: "Директор", submittedOn: "2026-03-02" },
    ]);
    expect(tables.personnel.total.dismissed).toBe(11);
    expect(tables.legal_acts.rows).toHaveLength(3);
    expect(tables.public_services.total.ps_provided).toBe(1234);
  });

  it("is null without a linked interview campaign, for an unknown analysis, and never reads an anonymous campaign", async () => {
    const { analysisId, definitionId } = await seedInterviews(db.prisma, { link: false });
    expect(await interviewTablesOf(db.prisma, analysisId)).toBeNull();
    expect(await interviewTablesOf(db.prisma, analysisId + 100)).toBeNull();
    const anonymous = await createCampaign(db.prisma, { definitionId, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-31", audience: { kind: "all" }, reminderCap: 2, createdById: 1, today: "2026-03-02" });
    await db.prisma.analysis.update({ where: { id: analysisId }, data: { interviewCampaignIds: JSON.stringify([anonymous.id]) } });
    expect(await interviewTablesOf(db.prisma, analysisId)).toBeNull();
  });

  it("reads the stored list defensively", () => {
    expect(linkedCampaignIds("[3, 3, 5]")).toEqual([3, 5]);
    expect(linkedCampaignIds("{")).toEqual([]);
    expect(linkedCampaignIds('["1", -2, 1.5]')).toEqual([]);
    expect(linkedCampaignIds(null)).toEqual([]);
  });

  it("audits a view", async () => {
    const { analysisId } = await seedInterviews(db.prisma);
    const officer = await db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance" } });
    await viewInterviewTables(db.prisma, { id: officer.id, role: "compliance" }, analysisId, "docx");
    const [entry] = await db.prisma.auditLog.findMany();
    expect(entry).toMatchObject({ actorUserId: officer.id, action: "analysis.interviews_viewed", subject: `analysis:${analysisId}` });
    expect(JSON.parse(entry!.details!)).toEqual({ what: "docx", units: 3 });
  });

  it("an observer gets the units' figures without who answered (named answers are compliance's)", async () => {
    const { analysisId } = await seedInterviews(db.prisma);
    const observer = await db.prisma.user.create({ data: { fullName: "Наблюдатель", phone: "77010000002", role: "observer" } });
    const tables = (await viewInterviewTables(db.prisma, { id: observer.id, role: "observer" }, analysisId, "screen"))!;
    expect(tables.respondents).toEqual([
      { unit: "Отдел государственных услуг", fullName: "", position: null, submittedOn: "2026-03-03" },
      { unit: "Отдел контроля", fullName: "", position: null, submittedOn: "2026-03-04" },
      { unit: "Центр поддержки семьи и детства", fullName: "", position: null, submittedOn: "2026-03-02" },
    ]);
    expect(tables.personnel.total.dismissed).toBe(11);
    expect(tables.legal_acts.rows).toHaveLength(3);
  });
});
