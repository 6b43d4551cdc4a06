// The ballot box under concurrency: submitters to one campaign do not wait for each other, and
// a close racing with them loses no ballot and lets none in after its final fold. Totals of
// earlier versions are read and converted.
import { afterEach, beforeEach, expect, it } from "vitest";
import { createKeyring } from "../../../src/domain/crypto.js";
import { contribution, OVERALL, poolSize } from "../../../src/domain/surveys/aggregate.js";
import { isSplitTotals } from "../../../src/domain/surveys/ballot-box.js";
import { CampaignNotOpenError, loadTotals, submitAnonymous } from "../../../src/db/repositories/survey-answers.js";
import { getCampaign } from "../../../src/db/repositories/campaigns.js";
import { openDatabase, type Database } from "../../../src/db/client.js";
import { closeSurveyCampaign, encryptLegacyTotals, launchCampaign } from "../../../src/services/surveys.js";
import { addPerson, createProbeCampaign, probeDefinition, seedOrganisation, type Person } from "../../support/campaign-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";
import { TEST_KEY } from "../../support/harness.js";

const keyring = createKeyring([TEST_KEY]);
let db: TestDatabase;
let second: Database;

beforeEach(async () => {
  db = await createTestDatabase();
  // PostgreSQL: another pool, so the statements really run at the same time.
  second = db.provider === "postgres" ? await openDatabase(db.url, { poolSize: 8 }) : db;
});
afterEach(async () => {
  if (second !== db) await second.close();
  await db.destroy();
});

it("a close racing with 40 submitters: every accepted ballot is in the final totals, every other is refused, none is left", async () => {
  const org = await seedOrganisation(db.prisma);
  const people: Person[] = [];
  for (let i = 0; i < 40; i++) people.push(await addPerson(db.prisma, { fullName: `Сотрудник ${i}`, telegramId: 910000 + i, language: "ru", departmentId: org.accounting.id }));
  const created = await createProbeCampaign(db.prisma, { opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, createdById: org.officer.id });
  await launchCampaign(db.prisma, created);
  const campaign = (await getCampaign(db.prisma, created.id))!;
  const def = probeDefinition();
  const submit = (i: number) =>
    submitAnonymous((i % 2 ? second : db).prisma, db.provider, keyring, {
      campaignId: campaign.id,
      userId: people[i]!.id,
      today: "2026-03-03",
      contribution: contribution(def, { gifts: { code: i % 3 ? "no" : "yes" } }, (s) => s),
      draftKey: `k${i}`,
    }).then(
      () => "accepted" as const,
      (error: Error) => {
        if (error instanceof CampaignNotOpenError) return "refused" as const;
        throw error;
      },
    );
  const first = await Promise.all(people.slice(0, 20).map((_, i) => submit(i)));
  expect(first.every((o) => o === "accepted")).toBe(true);
  const [closed, ...rest] = await Promise.all([closeSurveyCampaign({ db, keyring, k: 5 }, campaign, "2026-03-21"), ...people.slice(20).map((_, i) => submit(20 + i))]);
  expect(closed).toBe(true);
  const accepted = first.length + rest.filter((o) => o === "accepted").length;
  expect(await db.prisma.sealedBallot.count()).toBe(0);
  expect((await loadTotals(db.prisma, keyring, campaign.id)).responses.get(OVERALL)).toBe(accepted);
  expect(await db.prisma.campaignParticipant.count({ where: { campaignId: campaign.id, completedOn: { not: null } } })).toBe(accepted);
});

it("totals of earlier versions (one ciphertext) are read, and split into header and texts at start; the screen reads the header alone", async () => {
  const totals = { counts: [["q1||yes", 6]], pools: [["comment|", ["Мнение один", "Мнение два"]], ["age|", [31, 45]]], responses: [["", 6]] };
  await db.prisma.surveyTotals.create({ data: { campaignId: 7, data: keyring.encrypt(JSON.stringify({ v: 1, ...totals })) } });
  const before = await loadTotals(db.prisma, keyring, 7);
  expect(before.pools.get("comment|")).toEqual(["Мнение один", "Мнение два"]);
  expect((await loadTotals(db.prisma, keyring, 7, "sizes")).counts.get("q1||yes")).toBe(6);

  expect(await encryptLegacyTotals(db, keyring)).toBe(1);
  const row = (await db.prisma.surveyTotals.findUnique({ where: { campaignId: 7 } }))!;
  expect(isSplitTotals(keyring.decrypt(row.data))).toBe(true);
  expect(row.texts).not.toBeNull();
  expect(await loadTotals(db.prisma, keyring, 7)).toEqual(before);
  expect(await encryptLegacyTotals(db, keyring)).toBe(0);

  // The header alone is read for the screen: texts that cannot be decrypted do not matter to it.
  await db.prisma.surveyTotals.update({ where: { campaignId: 7 }, data: { texts: keyring.encrypt("ADX3 of another fold") } });
  const sized = await loadTotals(db.prisma, keyring, 7, "sizes");
  expect(poolSize(sized, "comment|")).toBe(2);
  expect(sized.pools.get("age|")).toEqual([31, 45]);
  await expect(loadTotals(db.prisma, keyring, 7)).rejects.toThrow(/do not belong/);
});
