// Attacks on anonymous questionnaires, as README "Anonymity" states the adversaries:
//  (a) a copy of the database files (PostgreSQL system columns and old row versions via
//      pageinspect; SQLite's file and WAL, replayed commit by commit), without the key;
//  (b) the same plus the encryption key;
//  (c) the officer's results views over time.
// Twenty-four named employees answer, each with answers no one else gives (a unique text, a
// unique number); a unit of one person (the manager) is among them. The box is folded after
// every submission, as often as the dispatcher could: the attacker's best case.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyring } from "../../src/domain/crypto.js";
import { validateDefinition, type SurveyDefinition } from "../../src/domain/surveys/definition.js";
import { contribution, OVERALL, type Totals } from "../../src/domain/surveys/aggregate.js";
import { openBallot, parseTotals } from "../../src/domain/surveys/ballot-box.js";
import { draftKey, loadTotals, saveDraft, submitAnonymous } from "../../src/db/repositories/survey-answers.js";
import { createCampaign, getCampaign, type CampaignRecord } from "../../src/db/repositories/campaigns.js";
import { saveDefinition } from "../../src/db/repositories/survey-definitions.js";
import { closeSurveyCampaign, computeResults, foldBallotBoxes, launchCampaign } from "../../src/services/surveys.js";
import { addPerson, type Person } from "../support/campaign-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { TEST_KEY } from "../support/harness.js";
import { wipeFreedPages } from "../../src/db/repositories/storage-hygiene.js";
import { readFiles, readImage, replayWal, type TableRows } from "../support/sqlite-wal.js";

const K = 5;
const RESPONDENTS = 24;
const keyring = createKeyring([TEST_KEY]);
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
const CIPHERTEXT = /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/;

const T = (ru: string) => ({ kk: `${ru} (kk)`, ru });
function definition(): SurveyDefinition {
  const r = validateDefinition({
    id: "attack",
    title: T("Атака"),
    mode: "anonymous",
    sections: [
      {
        id: "main",
        title: T("Основное"),
        questions: [
          { id: "unit", type: "single", group: true, text: T("Подразделение"), options: [{ code: "acc", label: T("Бухгалтерия") }, { code: "wh", label: T("Склад") }, { code: "mgmt", label: T("Руководство") }] },
          { id: "met", type: "yesno", text: T("Сталкивались?") },
          { id: "years", type: "number", min: 0, max: 99, text: T("Стаж") },
          { id: "note", type: "text", maxLength: 2000, text: T("Комментарий") },
        ],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
}

/** What only respondent i wrote: found anywhere, it is theirs. */
const secretOf = (i: number) => `secret-${i}-zq`;
/** Respondents write texts of very different lengths: a length seen anywhere would point to one. */
const noteOf = (i: number) => `${secretOf(i)} ${"слово ".repeat(i * 10)}`;
const yearsOf = (i: number) => 60 + i;

let db: TestDatabase;
let people: Person[];
let campaign: CampaignRecord;
const def = definition();
const box = () => ({ db, keyring, k: K });

beforeEach(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  const acc = await p.department.create({ data: { name: "Бухгалтерия" } });
  const wh = await p.department.create({ data: { name: "Склад" } });
  const mgmt = await p.department.create({ data: { name: "Руководство" } });
  people = [];
  for (let i = 0; i < RESPONDENTS; i++) {
    const departmentId = i === 0 ? mgmt.id : i % 2 ? acc.id : wh.id;
    people.push(await addPerson(p, { fullName: `Сотрудник ${i}`, telegramId: 880000 + i, language: "ru", departmentId }));
  }
  const { record } = await saveDefinition(p, def, "test", null);
  campaign = await createCampaign(p, { definitionId: record.id, mode: "anonymous", opensOn: "2026-03-02", closesOn: "2026-03-20", audience: { kind: "all" }, reminderCap: 2, createdById: people[1]!.id, today: "2026-03-02" });
  await launchCampaign(p, campaign);
  campaign = (await getCampaign(p, campaign.id))!;
});
afterEach(async () => db.destroy());

const unitOf = (i: number) => (i === 0 ? "mgmt" : i % 2 ? "acc" : "wh");

/** Respondent i answers as the bot stores it: a draft while answering, then the submission. */
async function answer(i: number, whileAnswering?: () => Promise<void>): Promise<void> {
  const person = people[i]!;
  const key = draftKey(keyring, campaign.id, person.telegramId!);
  const first = { unit: { code: unitOf(i) }, met: { code: i % 3 ? "no" : "yes" }, years: { number: yearsOf(i) } };
  const answers = { ...first, note: { text: noteOf(i) } };
  const expires = new Date(Date.now() + 86_400_000);
  await saveDraft(db.prisma, keyring, key, { campaignId: campaign.id, definitionId: campaign.definitionId, answers: first, current: "note", lang: "ru", step: 3 }, expires);
  await whileAnswering?.();
  await saveDraft(db.prisma, keyring, key, { campaignId: campaign.id, definitionId: campaign.definitionId, answers, current: "review", lang: "ru", step: 4 }, expires);
  await whileAnswering?.();
  await submitAnonymous(db.prisma, db.provider, keyring, { campaignId: campaign.id, userId: person.id, today: "2026-03-03", contribution: contribution(def, answers, (s) => s), draftKey: key });
}

async function answerAll(from: number, to: number, afterEach?: () => Promise<void>): Promise<void> {
  for (let i = from; i < to; i++) {
    await answer(i);
    await foldBallotBoxes(box());
    await afterEach?.();
  }
}

const overall = (t: Totals) => t.responses.get(OVERALL) ?? 0;
const mentionsAnyone = (text: string) => people.some((_, i) => text.includes(secretOf(i)));

describe("(c) the officer's views over time, and (b) the totals' own history", () => {
  it("results change only in steps of at least k responses, the final step too; a unit of one is never in the totals after the close", async () => {
    const views: number[] = [];
    const view = async () => {
      const r = await computeResults(db.prisma, keyring, { campaignId: campaign.id, today: "2026-03-03", labels, k: K, textK: K, viewer: { kind: "cli", osUser: "attacker" }, view: "screen" });
      if (!r.ok) throw new Error(r.error);
      views.push(r.results.responses);
    };
    await answerAll(0, RESPONDENTS, view);
    expect(await closeSurveyCampaign(box(), campaign, "2026-03-21")).toBe(true);
    await view();
    const steps = views.filter((n, i) => n !== (views[i - 1] ?? 0)).map((n, i, a) => n - (a[i - 1] ?? 0));
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) expect(step).toBeGreaterThanOrEqual(K);
    expect(views.at(-1)).toBe(RESPONDENTS);
    // The manager's unit (one person) left no counters: not even with the key.
    const totals = await loadTotals(db.prisma, keyring, campaign.id);
    expect([...totals.responses.keys()].sort()).toEqual(["", "unit=acc", "unit=wh"]);
    expect([...totals.counts.keys()].some((key) => key.includes("unit=mgmt"))).toBe(false);
  });

  it("fewer than k responses in all: the ballots are destroyed unread at the close and only their number stays", async () => {
    await answerAll(0, K - 1);
    expect(await db.prisma.sealedBallot.count()).toBe(K - 1);
    await closeSurveyCampaign(box(), campaign, "2026-03-21");
    expect(await db.prisma.sealedBallot.count()).toBe(0);
    const totals = await loadTotals(db.prisma, keyring, campaign.id);
    expect(overall(totals)).toBe(K - 1);
    expect(totals.counts.size + totals.pools.size).toBe(0);
  });
});

describe.runIf(process.env.DATABASE_URL?.startsWith("postgres"))("(a) PostgreSQL: transaction ids and old row versions", () => {
  /** Every tuple of a table, live or dead, as pageinspect shows it (what a physical copy holds). */
  async function tuples(table: string): Promise<{ xmin: string; xmax: string; data: Buffer | null }[]> {
    await db.prisma.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pageinspect");
    return db.prisma.$queryRawUnsafe(
      `SELECT t_xmin::text AS xmin, t_xmax::text AS xmax, t_data AS data FROM generate_series(0, (pg_relation_size('"${table}"') / current_setting('block_size')::int)::int - 1) AS blk, LATERAL heap_page_items(get_raw_page('"${table}"', blk)) WHERE lp_flags = 1`,
    );
  }

  async function allTables(): Promise<string[]> {
    return (await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).map((r) => r.name);
  }

  it("joining participation to other rows by xmin (live and dead versions) gives only ciphertext of one size", async () => {
    await answerAll(0, 17); // folds happened, ballots wait in the box
    const marks = await db.prisma.$queryRawUnsafe<{ xmin: string; userId: number }[]>(`SELECT xmin::text AS xmin, "userId" FROM "CampaignParticipant" WHERE "completedOn" IS NOT NULL`);
    expect(marks).toHaveLength(17);
    const byXid = new Map(marks.map((m) => [m.xmin, m.userId]));
    const linked = new Map<string, string[]>();
    for (const table of await allTables()) {
      if (table === "CampaignParticipant") continue;
      for (const t of await tuples(table)) {
        const text = t.data ? Buffer.from(t.data).toString("latin1") : "";
        // Nothing anyone wrote is in any page in plaintext.
        expect(mentionsAnyone(text), `${table} holds an answer in plaintext`).toBe(false);
        if (byXid.has(t.xmin)) linked.set(table, [...(linked.get(table) ?? []), text]);
      }
    }
    // The submission's transaction wrote the sealed ballot and nothing else readable.
    expect([...linked.keys()].sort()).toEqual(["SealedBallot"]);
    const ballots = await db.prisma.sealedBallot.findMany();
    for (const b of ballots) expect(b.data).toMatch(CIPHERTEXT);
    expect(new Set(ballots.map((b) => b.data.length)).size).toBe(1);
    // Draft versions, live or dead, all have the length of one size class.
    const draftSizes = new Set((await tuples("SurveyDraft")).map((t) => (t.data ? Buffer.from(t.data).length : 0)));
    expect(draftSizes.size).toBe(1);
    // Totals were never written by a transaction that marked someone.
    for (const t of await tuples("SurveyTotals")) expect(byXid.has(t.xmin)).toBe(false);
  });

  it("(b) with the key, after the close: no ballot, no draft and no earlier totals survive in the tables' pages", async () => {
    await answerAll(0, RESPONDENTS);
    await closeSurveyCampaign(box(), campaign, "2026-03-21");
    // A transaction open at the close (an autoanalyze, say) keeps dead versions until it ends;
    // the dispatcher wipes again on its next ticks, as this does.
    const deadLeft = async () => {
      let dead = 0;
      for (const table of ["SealedBallot", "SurveyDraft", "SurveyTotals"]) dead += (await tuples(table)).filter((t) => t.xmax !== "0").length;
      return dead;
    };
    for (let tick = 0; tick < 20 && (await deadLeft()) > 0; tick++) {
      await new Promise((r) => setTimeout(r, 250));
      await wipeFreedPages(db);
    }
    for (const table of ["SealedBallot", "SurveyDraft", "SurveyTotals"]) {
      const all = await tuples(table);
      const live = await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
      expect(all.length, `${table}: dead row versions left`).toBe(Number(live[0]!.n));
      for (const t of all) expect(t.xmax, table).toBe("0");
    }
    expect(await db.prisma.sealedBallot.count()).toBe(0);
    expect(await db.prisma.surveyDraft.count()).toBe(0);
  });
});

describe.runIf(!process.env.DATABASE_URL?.startsWith("postgres"))("(a) and (b) SQLite: a copy of adal.db and adal.db-wal, replayed commit by commit", () => {
  const file = () => (db.target as { file: string }).file;
  const completed = (tables: TableRows) => new Set((tables["CampaignParticipant"] ?? []).filter((r) => r["completedOn"] !== null).map((r) => Number(r["userId"])));

  it("(a) without the key: the commit that marks a person adds a ciphertext of the common size, nothing else", async () => {
    await answerAll(0, 17);
    const copy = readFiles(file());
    const commits = replayWal(copy.db, copy.wal);
    expect(commits.length).toBeGreaterThan(0); // the copy holds submissions since the last fold
    let before = readImage(copy.db);
    let marks = 0;
    for (const c of commits) {
      const newlyDone = [...completed(c.tables)].filter((u) => !completed(before).has(u));
      for (const [table, rows] of Object.entries(c.tables)) {
        expect(mentionsAnyone(JSON.stringify(rows)), `${table} at commit ${c.index}`).toBe(false);
      }
      if (newlyDone.length) {
        marks++;
        expect(newlyDone).toHaveLength(1);
        // What else changed in that commit: a ballot (ciphertext) in, the draft out.
        const oldIds = new Set((before["SealedBallot"] ?? []).map((r) => r["id"]));
        const added = (c.tables["SealedBallot"] ?? []).filter((r) => !oldIds.has(r["id"]));
        expect(added).toHaveLength(1);
        expect(String(added[0]!["data"])).toMatch(CIPHERTEXT);
        const changed = Object.keys(c.tables).filter((t) => JSON.stringify(c.tables[t]) !== JSON.stringify(before[t]));
        expect(changed.sort()).toEqual(["CampaignParticipant", "SealedBallot", "SurveyDraft"]);
      }
      before = c.tables;
    }
    expect(marks).toBeGreaterThan(0);
    const lengths = new Set(commits.flatMap((c) => (c.tables["SealedBallot"] ?? []).map((r) => String(r["data"]).length)));
    expect(lengths.size).toBe(1);
    // Nor do the drafts' versions, before and after the free-text answer, differ in length.
    const drafts = new Set(commits.flatMap((c) => (c.tables["SurveyDraft"] ?? []).map((r) => String(r["data"]).length)));
    expect(drafts.size).toBe(1);
  });

  it("(b) with the key, while it runs: at most 2k−1 ballots are readable at any commit, and the totals move in batches of at least k", async () => {
    await answerAll(0, 17);
    const copy = readFiles(file());
    let previous: number | null = null;
    for (const c of [{ index: 0, tables: readImage(copy.db) }, ...replayWal(copy.db, copy.wal)]) {
      expect((c.tables["SealedBallot"] ?? []).length).toBeLessThan(2 * K);
      for (const b of c.tables["SealedBallot"] ?? []) expect(openBallot(keyring.decryptText(String(b["data"]))).groups).toContain(OVERALL);
      const row = (c.tables["SurveyTotals"] ?? [])[0];
      const n = row ? overall(parseTotals(keyring.decrypt(String(row["data"])), "sizes")) : 0;
      if (previous !== null && n !== previous) expect(n - previous).toBeGreaterThanOrEqual(K);
      previous = n;
    }
  });

  it("(b) with the key, after the close: the WAL is empty and no ballot, draft or earlier totals is left in any page, free ones included", async () => {
    // Every ciphertext of a ballot, a draft or a version of the totals written during the run:
    // after the close, no piece of any of them may be left in the files (overflow and free
    // pages included), but the final totals.
    const written = new Set<string>();
    const collect = async () => {
      for (const r of await db.prisma.sealedBallot.findMany()) written.add(r.data);
      for (const r of await db.prisma.surveyDraft.findMany()) written.add(r.data);
      for (const r of await db.prisma.surveyTotals.findMany()) for (const c of [r.data, r.texts]) if (c) written.add(c);
    };
    for (let i = 0; i < RESPONDENTS; i++) {
      await answer(i, collect);
      await collect();
      await foldBallotBoxes(box());
      await collect();
    }
    await closeSurveyCampaign(box(), campaign, "2026-03-21");
    const rows = await db.prisma.surveyTotals.findMany();
    expect(rows).toHaveLength(1);
    // The totals are two ciphertexts: the header (counters) and the texts.
    const final = [rows[0]!.data, rows[0]!.texts!];
    expect(overall(parseTotals(keyring.decrypt(final[0]!), keyring.decrypt(final[1]!)))).toBe(RESPONDENTS);
    const copy = readFiles(file());
    expect(replayWal(copy.db, copy.wal)).toEqual([]);
    const bytes = Buffer.concat([copy.db, copy.wal]).toString("latin1");
    const kinds = { ballot: 0, draft: 0, totals: 0, texts: 0 };
    for (const ciphertext of written) {
      if (final.includes(ciphertext)) continue;
      const plain = keyring.decrypt(ciphertext);
      const magic = plain.subarray(0, 4).toString("latin1");
      const kind = plain.toString("utf8").startsWith('{"v":1,"c":') ? "ballot" : magic === "ADT3" ? "totals" : magic === "ADX3" ? "texts" : "draft";
      kinds[kind]++;
      // Pieces of 48 characters from the start, middle and end: a page boundary cuts at most one.
      const body = ciphertext.split(".")[3]!;
      for (const at of [0, Math.floor(body.length / 2), body.length - 48]) {
        expect(bytes.includes(body.slice(at, at + 48)), `a piece of an earlier ${kind} is left in the files`).toBe(false);
      }
    }
    expect(kinds.ballot).toBe(RESPONDENTS);
    expect(kinds.draft).toBe(2 * RESPONDENTS);
    expect(kinds.totals).toBeGreaterThan(1);
    expect(kinds.texts).toBe(kinds.totals);
  });
});
