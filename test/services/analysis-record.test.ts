// The analysis's record: read as one piece, and each edit checked (nothing stored changes when
// refused) and audited with the field it changed.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import {
  addMemberBy,
  analysisRecordOf,
  RecordEditError,
  removeMemberBy,
  setCampaignsBy,
  setCoveredPeriodBy,
  setDirectionBy,
  setHeadBy,
  setMembersBy,
  setOrderBy,
  setRecordTextBy,
  setSourcesBy,
  setUnitsBy,
  toggleCampaignBy,
  toggleSourceBy,
  toggleUnitBy,
} from "../../src/services/analysis-record.js";
import { createAnalysisBy } from "../../src/services/plan.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let db: TestDatabase;
let analysisId: number;
let officer: number;
const people: Record<string, number> = {};
const units: Record<string, number> = {};
const campaigns: Record<string, number> = {};

beforeEach(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  for (const name of ["Служба сопровождения образовательных программ", "Бухгалтерия"]) units[name] = (await p.department.create({ data: { name } })).id;
  officer = (await p.user.create({ data: { fullName: "Сәрсенбаева Гүлнар", phone: "77010000001", role: "compliance", telegramId: 11n } })).id;
  people.head = (await p.user.create({ data: { fullName: "Ахметов Ерлан", position: "Проректор", departmentId: units["Бухгалтерия"]!, phone: "77010000002" } })).id;
  people.member = (await p.user.create({ data: { fullName: "Ким Ольга", phone: "77010000003" } })).id;
  people.gone = (await p.user.create({ data: { fullName: "Уволенный Сотрудник", phone: "77010000004", active: false } })).id;
  const definition = await p.surveyDefinition.create({ data: { slug: "s", version: 1, title: JSON.stringify({ kk: "Сауалнама", ru: "Опрос" }), content: "{}", checksum: "c", source: "upload" } });
  for (const mode of ["attributed", "anonymous"] as const) {
    campaigns[mode] = (await p.campaign.create({ data: { definitionId: definition.id, mode, status: "closed", opensOn: "2026-03-01", closesOn: "2026-03-10", audience: '{"kind":"all"}' } })).id;
  }
  ({ analysisId } = await createAnalysisBy(p, createWorkCalendar(), { start: "2026-04-01", end: "2026-06-30" }, officer));
});
afterEach(() => db.destroy());

const base = () => ({ analysisId, actorUserId: officer });
const audits = () => db.prisma.auditLog.findMany({ where: { action: "analysis.record_changed" }, orderBy: { id: "asc" } });
const stored = () => db.prisma.analysis.findUniqueOrThrow({ where: { id: analysisId }, include: { units: true, members: true } });

async function refused(code: string, run: () => Promise<unknown>): Promise<void> {
  const before = JSON.stringify(await stored());
  const audited = (await audits()).length;
  await expect(run()).rejects.toMatchObject({ name: "RecordEditError", code });
  expect(JSON.stringify(await stored())).toBe(before);
  expect(await audits()).toHaveLength(audited);
}

describe("the analysis's record", () => {
  it("reads a new analysis with its period and the schedule's milestones, nothing else filled in", async () => {
    const record = (await analysisRecordOf(db.prisma, analysisId))!;
    expect(record).toMatchObject({ startOn: "2026-04-01", endOn: "2026-06-30", orderNumber: null, organisation: {}, units: [], members: [], sources: [], direction: null, interviewCampaignIds: [], surveyCampaignIds: [] });
    expect(record.milestones.length).toBeGreaterThan(3);
    expect(record.milestones[0]).toMatchObject({ id: "announcement", titleKey: "schedule.milestone.announcement", status: "open" });
    expect(record.milestones.map((m) => m.dueOn)).toEqual([...record.milestones.map((m) => m.dueOn)].sort());
    expect(await analysisRecordOf(db.prisma, analysisId + 100)).toBeNull();
  });

  it("stores each field and audits it with the field's name", async () => {
    await setOrderBy(db.prisma, { ...base(), number: "218", date: "2026-03-20" });
    await setRecordTextBy(db.prisma, { ...base(), field: "organisation", lang: "ru", text: "  НАО «Университет»  " });
    await setRecordTextBy(db.prisma, { ...base(), field: "organisation", lang: "kk", text: "«Университет» КЕАҚ" });
    await setRecordTextBy(db.prisma, { ...base(), field: "objectText", lang: "ru", text: "служба СОП" });
    await toggleUnitBy(db.prisma, { ...base(), departmentId: units["Бухгалтерия"]! });
    await setDirectionBy(db.prisma, { ...base(), direction: "both" });
    await setCoveredPeriodBy(db.prisma, { ...base(), from: "2022-01-01", to: "2023-12-31" });
    await addMemberBy(db.prisma, { ...base(), userId: people.member! });
    await addMemberBy(db.prisma, { ...base(), userId: people.head! });
    await setHeadBy(db.prisma, { ...base(), userId: people.head! });
    await toggleSourceBy(db.prisma, { ...base(), source: "media" });
    await toggleSourceBy(db.prisma, { ...base(), source: "court_cases" });
    await toggleCampaignBy(db.prisma, { ...base(), campaignId: campaigns.attributed! });
    const record = (await toggleCampaignBy(db.prisma, { ...base(), campaignId: campaigns.anonymous! }))!;
    expect(record).toMatchObject({
      orderNumber: "218",
      orderDate: "2026-03-20",
      organisation: { ru: "НАО «Университет»", kk: "«Университет» КЕАҚ" },
      objectText: { ru: "служба СОП" },
      units: [{ id: units["Бухгалтерия"], name: "Бухгалтерия" }],
      direction: "both",
      coveredFrom: "2022-01-01",
      coveredTo: "2023-12-31",
      sources: ["media", "court_cases"],
      interviewCampaignIds: [campaigns.attributed],
      surveyCampaignIds: [campaigns.anonymous],
    });
    expect(record.members).toEqual([
      { userId: people.head, fullName: "Ахметов Ерлан", position: "Проректор", department: "Бухгалтерия", role: "head" },
      { userId: people.member, fullName: "Ким Ольга", position: null, department: null, role: "member" },
    ]);
    const log = await audits();
    expect(log.map((a) => JSON.parse(a.details!).field)).toEqual(["order", "organisation", "organisation", "objectText", "units", "direction", "covered", "members", "members", "members", "sources", "sources", "interviews", "surveys"]);
    expect(log.every((a) => a.actorUserId === officer && a.subject === `analysis:${analysisId}`)).toBe(true);
    // Toggling again takes out; a new head replaces the old one, who stays a member.
    await toggleSourceBy(db.prisma, { ...base(), source: "media" });
    await setHeadBy(db.prisma, { ...base(), userId: people.member! });
    const again = (await removeMemberBy(db.prisma, { ...base(), userId: people.head! }))!;
    expect(again.sources).toEqual(["court_cases"]);
    expect(again.members).toMatchObject([{ userId: people.member, role: "head" }]);
  });

  it("refuses what does not hold, and changes nothing", async () => {
    await refused("badDate", () => setOrderBy(db.prisma, { ...base(), number: "218", date: "2026-02-30" }));
    await refused("orderAfterEnd", () => setOrderBy(db.prisma, { ...base(), number: "218", date: "2026-07-01" }));
    await refused("badNumber", () => setOrderBy(db.prisma, { ...base(), number: "  ", date: "2026-03-20" }));
    await refused("badText", () => setRecordTextBy(db.prisma, { ...base(), field: "organisation", lang: "ru", text: "x".repeat(1001) }));
    await refused("badPeriod", () => setCoveredPeriodBy(db.prisma, { ...base(), from: "2023-01-01", to: "2022-12-31" }));
    await refused("badDate", () => setCoveredPeriodBy(db.prisma, { ...base(), from: "2023-13-01", to: "2023-12-31" }));
    await refused("unknownUnit", () => setUnitsBy(db.prisma, { ...base(), departmentIds: [units["Бухгалтерия"]!, 9999] }));
    await refused("unknownUnit", () => toggleUnitBy(db.prisma, { ...base(), departmentId: 9999 }));
    await refused("unknownDirection", () => setDirectionBy(db.prisma, { ...base(), direction: "everything" }));
    await refused("unknownSource", () => setSourcesBy(db.prisma, { ...base(), sources: ["media", "rumours"] }));
    await refused("notOnRoster", () => addMemberBy(db.prisma, { ...base(), userId: people.gone! }));
    await refused("notOnRoster", () => addMemberBy(db.prisma, { ...base(), userId: 9999 }));
    await refused("notOnRoster", () => setHeadBy(db.prisma, { ...base(), userId: people.member! }));
    await refused("oneHead", () => setMembersBy(db.prisma, { ...base(), members: [{ userId: people.head!, role: "head" }, { userId: people.member!, role: "head" }] }));
    await refused("unknownCampaign", () => toggleCampaignBy(db.prisma, { ...base(), campaignId: 9999 }));
    await refused("wrongMode", () => setCampaignsBy(db.prisma, { ...base(), kind: "interviews", campaignIds: [campaigns.anonymous!] }));
    await refused("wrongMode", () => setCampaignsBy(db.prisma, { ...base(), kind: "surveys", campaignIds: [campaigns.attributed!] }));
    expect(new RecordEditError("oneHead").message).toContain("oneHead");
  });

  it("gives null for an analysis that does not exist, writing nothing", async () => {
    expect(await setDirectionBy(db.prisma, { analysisId: analysisId + 100, actorUserId: officer, direction: "both" })).toBeNull();
    expect(await toggleUnitBy(db.prisma, { analysisId: analysisId + 100, actorUserId: officer, departmentId: units["Бухгалтерия"]! })).toBeNull();
    expect(await audits()).toHaveLength(0);
  });
});

describe("two officers at once", () => {
  it("toggling two units, two sources, two campaigns and adding two members at the same moment keeps all of them", async () => {
    const second = (await db.prisma.campaign.create({ data: { definitionId: (await db.prisma.surveyDefinition.findFirstOrThrow()).id, mode: "anonymous", status: "closed", opensOn: "2026-03-01", closesOn: "2026-03-10", audience: '{"kind":"all"}' } })).id;
    await Promise.all([
      toggleUnitBy(db.prisma, { ...base(), departmentId: units["Бухгалтерия"]! }),
      toggleUnitBy(db.prisma, { ...base(), departmentId: units["Служба сопровождения образовательных программ"]! }),
      toggleSourceBy(db.prisma, { ...base(), source: "media" }),
      toggleSourceBy(db.prisma, { ...base(), source: "appeals" }),
      toggleCampaignBy(db.prisma, { ...base(), campaignId: campaigns.anonymous! }),
      toggleCampaignBy(db.prisma, { ...base(), campaignId: second }),
      addMemberBy(db.prisma, { ...base(), userId: people.head! }),
      addMemberBy(db.prisma, { ...base(), userId: people.member! }),
    ]);
    const record = (await analysisRecordOf(db.prisma, analysisId))!;
    expect(record.units).toHaveLength(2);
    expect([...record.sources].sort()).toEqual(["appeals", "media"]);
    expect([...record.surveyCampaignIds].sort((a, b) => a - b)).toEqual([campaigns.anonymous!, second].sort((a, b) => a - b));
    expect(record.members.map((m) => m.userId).sort((a, b) => a - b)).toEqual([people.head!, people.member!].sort((a, b) => a - b));
    // Two heads named at once: one head, whichever came last.
    await Promise.all([setHeadBy(db.prisma, { ...base(), userId: people.head! }), setHeadBy(db.prisma, { ...base(), userId: people.member! })]);
    expect((await analysisRecordOf(db.prisma, analysisId))!.members.filter((m) => m.role === "head")).toHaveLength(1);
  });
});
