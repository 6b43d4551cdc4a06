// Survey use cases of src/services/surveys.ts that the bot calls for compliance officers:
// the named-answers export under its policy (and its audit entry), starting a campaign
// (opened at once or scheduled), closing one early, and storing an uploaded definition.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyring } from "../../src/domain/crypto.js";
import { getCampaign } from "../../src/db/repositories/campaigns.js";
import { submitAttributed } from "../../src/db/repositories/survey-answers.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { closeCampaignEarly, computeResults, exportNamedAnswers, startCampaign, uploadDefinition, type Actor } from "../../src/services/surveys.js";
import { addPerson, createProbeCampaign, probeDefinition, seedOrganisation, type Organisation } from "../support/campaign-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { TEST_KEY } from "../support/harness.js";

const keyring = createKeyring([TEST_KEY]);
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" }, skipped: { kk: "—", ru: "—" } };

let db: TestDatabase;
let org: Organisation;
let compliance: Actor;
let observer: Actor;

beforeEach(async () => {
  db = await createTestDatabase();
  org = await seedOrganisation(db.prisma);
  const c = await addPerson(db.prisma, { fullName: "Комплаенс", telegramId: 9001, language: "ru", departmentId: org.accounting.id, role: "compliance" });
  const o = await addPerson(db.prisma, { fullName: "Наблюдатель", telegramId: 9002, language: "ru", departmentId: org.accounting.id, role: "observer" });
  compliance = { id: c.id, role: "compliance" };
  observer = { id: o.id, role: "observer" };
});
afterEach(() => db.destroy());

const auditActions = async () => (await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => [a.action, a.actorUserId, a.subject]);

async function interview() {
  const { campaign } = await startCampaign(db.prisma, compliance, { definitionId: (await saveDefinition(db.prisma, probeDefinition(), "test", null)).record.id, mode: "attributed", audience: { kind: "all" }, opensOn: "2026-03-02", closesOn: "2026-03-20" }, "2026-03-02");
  await submitAttributed(db.prisma, { campaignId: campaign.id, userId: org.aigerim.id, today: "2026-03-03", answers: { gifts: { code: "no" } }, draftKey: "none" });
  return campaign;
}

describe("named interview answers", () => {
  it("compliance gets them, and the export is audited after it was delivered", async () => {
    const campaign = await interview();
    const delivered: string[] = [];
    const outcome = await exportNamedAnswers(db.prisma, compliance, { campaign, today: "2026-03-04", labels }, async (data) => {
      expect(await auditActions()).not.toContainEqual(["survey.answers_exported", compliance.id, `campaign:${campaign.id}`]);
      delivered.push(...data.respondents.map((r) => r.fullName));
    });
    expect(outcome).toBe("exported");
    expect(delivered).toEqual([org.aigerim.fullName]);
    expect(await auditActions()).toContainEqual(["survey.answers_exported", compliance.id, `campaign:${campaign.id}`]);
  });

  it("observers are refused and nothing is delivered or audited", async () => {
    const campaign = await interview();
    const outcome = await exportNamedAnswers(db.prisma, observer, { campaign, today: "2026-03-04", labels }, async () => {
      throw new Error("must not be delivered");
    });
    expect(outcome).toBe("notAllowed");
    expect((await auditActions()).filter(([action]) => action === "survey.answers_exported")).toEqual([]);
  });

  it("an anonymous campaign has none", async () => {
    const campaign = await createProbeCampaign(db.prisma, { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, createdById: compliance.id });
    expect(await exportNamedAnswers(db.prisma, compliance, { campaign, today: "2026-03-04", labels }, async () => undefined)).toBe("notAttributed");
  });
});

describe("results under disclosure control", () => {
  it("need the right to see summaries: an employee gets nothing and nothing is audited", async () => {
    const campaign = await interview();
    const employee = { id: org.aigerim.id, role: "employee" };
    const r = await computeResults(db.prisma, keyring, { campaignId: campaign.id, today: "2026-03-04", labels, viewer: { kind: "user", actor: employee }, view: "xlsx" });
    expect(r).toEqual({ ok: false, error: "not_allowed" });
    expect((await auditActions()).filter(([action]) => action === "survey.results_viewed")).toEqual([]);
  });

  it("each view is audited for observers and compliance alike; interviews move in steps of k while open", async () => {
    const campaign = await interview();
    for (const [actor, view] of [[observer, "screen"], [compliance, "docx"]] as const) {
      const r = await computeResults(db.prisma, keyring, { campaignId: campaign.id, today: "2026-03-04", labels, viewer: { kind: "user", actor }, view, lang: "ru" });
      if (!r.ok) throw new Error(r.error);
      expect([r.results.responses, r.results.completed, r.results.final]).toEqual([0, 1, false]); // 1 interview < k: none counted yet
    }
    const rows = await db.prisma.auditLog.findMany({ where: { action: "survey.results_viewed" }, orderBy: { id: "asc" } });
    expect(rows.map((a) => [a.actorUserId, a.subject, JSON.parse(a.details!)])).toEqual([
      [observer.id, `campaign:${campaign.id}`, { view: "screen", filter: null, lang: "ru", via: "bot", responses: 0 }],
      [compliance.id, `campaign:${campaign.id}`, { view: "docx", filter: null, lang: "ru", via: "bot", responses: 0 }],
    ]);
    await closeCampaignEarly({ db, keyring, k: 5 }, compliance, campaign, "2026-03-05");
    const closed = await computeResults(db.prisma, keyring, { campaignId: campaign.id, today: "2026-03-05", labels, viewer: { kind: "cli", osUser: "root" }, view: "csv" });
    expect(closed.ok && [closed.results.responses, closed.results.final]).toEqual([1, true]);
  });
});

describe("campaigns set up in the bot", () => {
  it("one starting today opens at once with its audience; one starting later waits; both are audited", async () => {
    const definitionId = (await saveDefinition(db.prisma, probeDefinition(), "test", null)).record.id;
    const now = await startCampaign(db.prisma, compliance, { definitionId, mode: "anonymous", audience: { kind: "departments", ids: [org.accounting.id] }, opensOn: "2026-03-02", closesOn: "2026-03-20" }, "2026-03-02");
    expect(now.people).toBeGreaterThan(0);
    expect((await getCampaign(db.prisma, now.campaign.id))!.status).toBe("open");
    const later = await startCampaign(db.prisma, compliance, { definitionId, mode: "anonymous", audience: { kind: "all" }, opensOn: "2026-03-10", closesOn: "2026-03-20" }, "2026-03-02");
    expect(later.people).toBeNull();
    expect(later.campaign).toMatchObject({ status: "scheduled", reminderCap: 2 });
    expect(await auditActions()).toEqual([
      ["survey.campaign_created", compliance.id, `campaign:${now.campaign.id}`],
      ["survey.campaign_created", compliance.id, `campaign:${later.campaign.id}`],
    ]);
  });

  it("closing early is audited once; closing again says it was closed", async () => {
    const campaign = await createProbeCampaign(db.prisma, { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, createdById: compliance.id });
    expect(await closeCampaignEarly({ db, keyring, k: 5 }, compliance, campaign, "2026-03-05")).toBe(true);
    expect(await closeCampaignEarly({ db, keyring, k: 5 }, compliance, campaign, "2026-03-05")).toBe(false);
    expect((await auditActions()).filter(([action]) => action === "survey.campaign_closed")).toEqual([["survey.campaign_closed", compliance.id, `campaign:${campaign.id}`]]);
  });

  it("an uploaded definition is stored once per content and every upload is audited", async () => {
    const first = await uploadDefinition(db.prisma, compliance, probeDefinition("uploaded"));
    const again = await uploadDefinition(db.prisma, compliance, probeDefinition("uploaded"));
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.record.id).toBe(first.record.id);
    const uploads = await db.prisma.auditLog.findMany({ where: { action: "survey.definition_uploaded" } });
    expect(uploads.map((u) => JSON.parse(u.details!) as unknown)).toEqual([
      { slug: "uploaded", version: 1, created: true },
      { slug: "uploaded", version: 1, created: false },
    ]);
  });
});
