// Drafts, submissions and totals of questionnaires. An anonymous submission marks the ledger's
// completion day and drops a sealed ballot into the box; the box is folded into the encrypted
// totals in batches (domain/surveys/ballot-box.ts); the draft is deleted with the submission.
import { randomBytes, randomInt } from "node:crypto";
import type { Db } from "../client.js";
import type { Keyring } from "../../domain/crypto.js";
import type { Answers } from "../../domain/surveys/answers.js";
import { countKey, poolKey, shuffle, type Contribution, type Totals } from "../../domain/surveys/aggregate.js";
import { ballotsToFold, emptyTotals, finalTotals, foldInto, openBallot, padToSizeClass, parseTotals, sealBallot, serializeTotals } from "../../domain/surveys/ballot-box.js";
import type { Lang } from "../../domain/lang.js";
import { directSql } from "../direct-sql.js";
import { findParticipant, getCampaign, toRecord, type CampaignRecord } from "./campaigns.js";

export interface DraftData {
  campaignId: number;
  definitionId: number;
  answers: Answers;
  /** Question on screen, or "review" / "notice". */
  current: string;
  lang: Lang;
  /** Multiple choice being assembled for `current`. */
  selection?: string[];
  /** Waiting for the text of "other" for this question. */
  awaitingOther?: string;
  /** Increases with every change: buttons carry it, so an old message's button is stale. */
  step: number;
}

export function draftKey(keyring: Keyring, campaignId: number, telegramId: number): string {
  return keyring.hash("chat-key", `survey-draft:${campaignId}:${telegramId}`);
}

export async function loadDraft(db: Db, keyring: Keyring, key: string, now: Date): Promise<DraftData | null> {
  const row = await db.surveyDraft.findUnique({ where: { key } });
  if (!row || row.expiresAt <= now) return null;
  return decryptDraft(keyring, row.data);
}

/** What a respondent's update needs: the campaign, their line in the ledger and their draft. */
export interface RespondentState {
  campaign: CampaignRecord | null;
  /** Null when the person is not in the campaign's ledger. */
  participant: { completedOn: string | null } | null;
  /** Null when there is none, it expired or cannot be read. */
  draft: DraftData | null;
}

type RespondentRow = { [K in keyof CampaignRecord as `c_${K}`]: unknown } & { participantId: unknown; completedOn: string | null; draftData: string | null; draftExpiresAt: unknown };

/**
 * The campaign, the ledger line and the draft as columns and left joins of one statement,
 * for the user `userId` (a parameter, or a column of a joined User row): on its own
 * (loadRespondentState) or read with the user and the session (users.ts, findUserWithState).
 * Campaign columns are prefixed `c_` to stay apart from the user's.
 */
export function respondentStateSql(userId: string): { columns: string; joins: string } {
  return {
    columns: `c."id" AS "c_id", c."definitionId" AS "c_definitionId", c."mode" AS "c_mode", c."status" AS "c_status", c."opensOn" AS "c_opensOn",
    c."closesOn" AS "c_closesOn", c."audience" AS "c_audience", c."reminderCap" AS "c_reminderCap", c."closedOn" AS "c_closedOn",
    p."id" AS "participantId", p."completedOn", d."data" AS "draftData", d."expiresAt" AS "draftExpiresAt"`,
    joins: `LEFT JOIN "Campaign" AS c ON c."id" = ?
  LEFT JOIN "CampaignParticipant" AS p ON p."campaignId" = ? AND p."userId" = ${userId}
  LEFT JOIN "SurveyDraft" AS d ON d."key" = ?`,
  };
}

const STANDALONE = respondentStateSql("?");
const RESPONDENT_STATE = `SELECT ${STANDALONE.columns} FROM (SELECT 1 AS "one") AS o ${STANDALONE.joins}`;

/** The rows of respondentStateSql as the respondent's state. */
export function respondentStateFromRow(keyring: Keyring, r: RespondentRow, now: Date): RespondentState {
  const campaign =
    r.c_id === null
      ? null
      : toRecord({ id: Number(r.c_id), definitionId: Number(r.c_definitionId), mode: String(r.c_mode), status: String(r.c_status), opensOn: String(r.c_opensOn), closesOn: String(r.c_closesOn), audience: String(r.c_audience), reminderCap: Number(r.c_reminderCap), closedOn: r.c_closedOn === null ? null : String(r.c_closedOn) });
  const participant = r.participantId === null ? null : { completedOn: r.completedOn ?? null };
  const expired = r.draftData === null || new Date(r.draftExpiresAt as string | number | Date) <= now;
  return { campaign, participant, draft: expired ? null : decryptDraft(keyring, r.draftData!) };
}

/**
 * The campaign, the ledger line and the draft in one round trip: every press of a
 * questionnaire button needs all three (a button press reads them with the user instead:
 * bot/prefetch.ts). One statement on the direct path (db/direct-sql.ts: Prisma 6.19 compiles
 * every request anew, and no model query joins these rows), a left join on a one-row table so
 * the row always exists.
 */
export async function loadRespondentState(db: Db, keyring: Keyring, args: { campaignId: number; userId: number; draftKey: string; now: Date }): Promise<RespondentState> {
  const direct = directSql(db);
  if (!direct) {
    const [campaign, participant, draft] = await Promise.all([getCampaign(db, args.campaignId), findParticipant(db, args.campaignId, args.userId), loadDraft(db, keyring, args.draftKey, args.now)]);
    return { campaign, participant, draft };
  }
  const [r] = await direct.query<RespondentRow>(RESPONDENT_STATE, [args.campaignId, args.campaignId, args.userId, args.draftKey], ["int", "int", "int", "string"]);
  if (!r) return { campaign: null, participant: null, draft: null };
  return respondentStateFromRow(keyring, r, args.now);
}

function decryptDraft(keyring: Keyring, data: string): DraftData | null {
  try {
    return JSON.parse(keyring.decryptText(data)) as DraftData;
  } catch {
    return null;
  }
}

const UPSERT_DRAFT = `
  INSERT INTO "SurveyDraft" ("key", "campaignId", "data", "expiresAt", "updatedAt") VALUES (?, ?, ?, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "data" = excluded."data", "expiresAt" = excluded."expiresAt", "updatedAt" = excluded."updatedAt"`;

export async function saveDraft(db: Db, keyring: Keyring, key: string, draft: DraftData, expiresAt: Date): Promise<void> {
  // Padded: the growth of a draft between its versions would tell how long an answer was.
  const data = keyring.encrypt(padToSizeClass(JSON.stringify(draft)));
  // Every answer writes its draft: on the direct path (db/direct-sql.ts), the statement
  // Prisma's upsert would send (updatedAt as @updatedAt sets it). Relaxed: on SQLite a power
  // cut may take the last answers back (never half of one); the submission is durable.
  const direct = directSql(db);
  if (direct) {
    const now = new Date();
    await direct.executeRelaxed(UPSERT_DRAFT, [key, draft.campaignId, data, expiresAt, now], ["string", "int", "string", "datetime", "datetime"]);
    return;
  }
  await db.surveyDraft.upsert({ where: { key }, create: { key, campaignId: draft.campaignId, data, expiresAt }, update: { data, expiresAt } });
}

export async function deleteDraft(db: Db, key: string): Promise<void> {
  await db.surveyDraft.deleteMany({ where: { key } });
}

export async function purgeExpiredDrafts(db: Db, now: Date): Promise<number> {
  return (await db.surveyDraft.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

export class AlreadySubmittedError extends Error {}
/** The campaign closed (its box was folded for good) before the answers were sealed. */
export class CampaignNotOpenError extends Error {}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Provider = "sqlite" | "postgres";

/**
 * Orders sealing and folding of one campaign on PostgreSQL (SQLite has one writer): seals take
 * the campaign's lock shared, so submitters never wait for each other; a fold takes it
 * exclusive, so it sees every seal that began before it and no seal slips in after the final
 * fold (a later seal waits, then finds the campaign closed).
 */
async function lockCampaign(tx: Tx, provider: Provider, campaignId: number, mode: "shared" | "exclusive"): Promise<void> {
  const fn = mode === "shared" ? "pg_advisory_xact_lock_shared" : "pg_advisory_xact_lock";
  if (provider === "postgres") await tx.$executeRawUnsafe(`SELECT ${fn}(738120462, ${Number(campaignId)})`);
}

/**
 * An anonymous submission: the person's participation is marked, the draft deleted and the
 * answers dropped into the sealed ballot box, in one transaction. Nothing readable is written
 * with the participation: the ballot is ciphertext of a fixed size class under a random id.
 */
export async function submitAnonymous(
  db: Db,
  provider: Provider,
  keyring: Keyring,
  args: { campaignId: number; userId: number; today: string; contribution: Contribution; draftKey: string },
): Promise<void> {
  const { campaignId } = args;
  const data = keyring.encrypt(sealBallot(args.contribution));
  const id = randomBytes(16).toString("hex");
  const direct = directSql(db);
  if (!direct) {
    await db.$transaction(async (tx) => {
      await lockCampaign(tx, provider, campaignId, "shared");
      const campaign = await tx.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
      if (campaign?.status !== "open") throw new CampaignNotOpenError();
      const done = await tx.campaignParticipant.updateMany({ where: { campaignId, userId: args.userId, completedOn: null }, data: { completedOn: args.today } });
      if (done.count !== 1) throw new AlreadySubmittedError();
      await tx.sealedBallot.create({ data: { id, campaignId, data } });
      await tx.surveyDraft.deleteMany({ where: { key: args.draftKey } });
    });
    return;
  }
  // The same statements on the direct path (db/direct-sql.ts): each of Prisma's would be compiled anew.
  await direct.transaction(async (tx) => {
    if (provider === "postgres") await tx.query(SEAL_LOCK, [campaignId], ["int"]);
    const [campaign] = await tx.query<{ status: string }>(`SELECT "status" FROM "Campaign" WHERE "id" = ?`, [campaignId], ["int"]);
    if (campaign?.status !== "open") throw new CampaignNotOpenError();
    const done = await tx.execute(MARK_COMPLETED, [args.today, campaignId, args.userId], ["string", "int", "int"]);
    if (done !== 1) throw new AlreadySubmittedError();
    await tx.execute(`INSERT INTO "SealedBallot" ("id", "campaignId", "data") VALUES (?, ?, ?)`, [id, campaignId, data], ["string", "int", "string"]);
    await tx.execute(`DELETE FROM "SurveyDraft" WHERE "key" = ?`, [args.draftKey], ["string"]);
  });
}

const SEAL_LOCK = `SELECT 1 AS "locked" FROM (SELECT pg_advisory_xact_lock_shared(738120462, ?)) AS l`;
const MARK_COMPLETED = `UPDATE "CampaignParticipant" SET "completedOn" = ? WHERE "campaignId" = ? AND "userId" = ? AND "completedOn" IS NULL`;

export async function submitAttributed(db: Db, args: { campaignId: number; userId: number; today: string; answers: Answers; draftKey: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const done = await tx.campaignParticipant.updateMany({ where: { campaignId: args.campaignId, userId: args.userId, completedOn: null }, data: { completedOn: args.today } });
    if (done.count !== 1) throw new AlreadySubmittedError();
    await tx.interviewResponse.create({ data: { campaignId: args.campaignId, userId: args.userId, answers: JSON.stringify(args.answers), submittedOn: args.today } });
    await tx.surveyDraft.deleteMany({ where: { key: args.draftKey } });
  });
}

/**
 * The totals of a campaign. `texts: "sizes"` reads the header alone (`data`): the texts are
 * most of the row (tens of MiB of ciphertext at 100k responses) and a view without them does
 * not read them from the database at all. "lazy" reads them but inflates a pool only when
 * asked (exports: ballot-box.ts). Rows of earlier versions hold everything in `data`.
 */
async function readTotals(tx: Tx | Db, keyring: Keyring, campaignId: number, texts: "all" | "sizes" | "lazy" = "all"): Promise<Totals> {
  const row = await tx.surveyTotals.findUnique({ where: { campaignId }, select: { data: true, texts: texts !== "sizes" } });
  if (!row) return emptyTotals();
  const data = keyring.decrypt(row.data);
  if (texts === "sizes") return parseTotals(data, "sizes");
  return parseTotals(data, row.texts ? keyring.decrypt(row.texts) : null, texts === "lazy" ? "lazy" : "all");
}

/** Writes the totals as two ciphertexts, the header and the texts (ballot-box.ts, version 3). */
async function writeTotals(tx: Tx, keyring: Keyring, campaignId: number, totals: Totals): Promise<void> {
  const stored = serializeTotals(totals);
  const data = keyring.encrypt(stored.header);
  const texts = keyring.encrypt(stored.texts);
  await tx.surveyTotals.upsert({ where: { campaignId }, create: { campaignId, data, texts }, update: { data, texts } });
}

/**
 * Folds what the box allows (ballotsToFold) into the totals and deletes those ballots, in
 * one transaction: a crash leaves either the ballots or their sum, never both or neither.
 * Which ballots stay back is chosen at random. `final` (the close) folds all and keeps only
 * what may ever be shown (finalTotals). Returns how many ballots were folded.
 */
export async function foldBallots(tx: Tx, provider: Provider, keyring: Keyring, args: { campaignId: number; k: number; final: boolean }): Promise<number> {
  const { campaignId } = args;
  await lockCampaign(tx, provider, campaignId, "exclusive");
  const ids = (await tx.sealedBallot.findMany({ where: { campaignId }, select: { id: true } })).map((b) => b.id);
  const n = ballotsToFold(ids.length, args.k, args.final);
  if (n === 0 && !args.final) return 0;
  const chosen = shuffle(ids, randomInt).slice(0, n);
  const totals = await readTotals(tx, keyring, campaignId);
  for (let i = 0; i < chosen.length; i += 500) {
    const rows = await tx.sealedBallot.findMany({ where: { id: { in: chosen.slice(i, i + 500) } } });
    foldInto(totals, rows.map((r) => openBallot(keyring.decryptText(r.data))), randomInt);
  }
  await writeTotals(tx, keyring, campaignId, args.final ? finalTotals(totals, args.k) : totals);
  for (let i = 0; i < chosen.length; i += 500) await tx.sealedBallot.deleteMany({ where: { id: { in: chosen.slice(i, i + 500) } } });
  return n;
}

/** Folds the box of a running campaign when it may (its own transaction). */
export async function foldOpenBallotBox(db: Db, provider: Provider, keyring: Keyring, args: { campaignId: number; k: number }): Promise<number> {
  return db.$transaction((tx) => foldBallots(tx, provider, keyring, { ...args, final: false }), { timeout: 60_000 });
}

/** Anonymous campaigns with ballots waiting in the box. */
export async function campaignsWithSealedBallots(db: Db): Promise<number[]> {
  return (await db.sealedBallot.groupBy({ by: ["campaignId"] })).map((r) => r.campaignId);
}

export async function sealedBallotCount(db: Db, campaignId: number): Promise<number> {
  return db.sealedBallot.count({ where: { campaignId } });
}

/**
 * What has been folded: the totals results are computed from (the box is never read here).
 * `texts: "sizes"` leaves the free texts packed (their number only: the results screen);
 * `"lazy"` reads each pool when asked (Totals.textPool: an export written as a stream).
 */
export async function loadTotals(db: Db, keyring: Keyring, campaignId: number, texts: "all" | "sizes" | "lazy" = "all"): Promise<Totals> {
  return readTotals(db, keyring, campaignId, texts);
}

/**
 * Moves totals kept in the plaintext counter tables of earlier versions into SurveyTotals
 * (encrypted) and empties those tables; the pages they held are wiped afterwards
 * (wipeFreedPages). Idempotent; returns the campaigns converted.
 */
export async function convertLegacyTotals(db: Db, keyring: Keyring): Promise<number> {
  const ids = new Set([
    ...(await db.responseCount.groupBy({ by: ["campaignId"] })).map((r) => r.campaignId),
    ...(await db.answerCount.groupBy({ by: ["campaignId"] })).map((r) => r.campaignId),
    ...(await db.answerPool.groupBy({ by: ["campaignId"] })).map((r) => r.campaignId),
  ]);
  for (const campaignId of ids) {
    await db.$transaction(async (tx) => {
      const [counts, pools, responses] = await Promise.all([
        tx.answerCount.findMany({ where: { campaignId } }),
        tx.answerPool.findMany({ where: { campaignId } }),
        tx.responseCount.findMany({ where: { campaignId } }),
      ]);
      const totals: Totals = {
        counts: new Map(counts.filter((c) => c.count > 0).map((c) => [countKey(c.questionId, c.groupKey, c.code), c.count])),
        pools: new Map(pools.map((p) => [poolKey(p.questionId, p.groupKey), JSON.parse(keyring.decryptText(p.data)) as (string | number)[]]).filter(([, v]) => (v as unknown[]).length > 0) as [string, (string | number)[]][]),
        responses: new Map(responses.filter((r) => r.count > 0).map((r) => [r.groupKey, r.count])),
      };
      if (!(await tx.surveyTotals.findUnique({ where: { campaignId } }))) await writeTotals(tx, keyring, campaignId, totals);
      await tx.answerCount.deleteMany({ where: { campaignId } });
      await tx.answerPool.deleteMany({ where: { campaignId } });
      await tx.responseCount.deleteMany({ where: { campaignId } });
    });
  }
  return ids.size;
}

/**
 * Rewrites totals stored as one ciphertext (versions 1 and 2) as header and texts (version
 * 3), the same totals re-encrypted: what a fold would write, without adding a ballot. Each
 * under the campaign's lock, as a fold, so no fold interleaves; the old row versions are
 * wiped afterwards (wipeFreedPages). Idempotent; returns the campaigns converted.
 */
export async function splitLegacyTotals(db: Db, provider: Provider, keyring: Keyring): Promise<number> {
  const legacy = await db.surveyTotals.findMany({ where: { texts: null }, select: { campaignId: true } });
  let converted = 0;
  for (const { campaignId } of legacy) {
    const done = await db.$transaction(
      async (tx) => {
        await lockCampaign(tx, provider, campaignId, "exclusive");
        const row = await tx.surveyTotals.findUnique({ where: { campaignId }, select: { texts: true } });
        if (!row || row.texts !== null) return false; // converted (or gone) meanwhile
        await writeTotals(tx, keyring, campaignId, await readTotals(tx, keyring, campaignId));
        return true;
      },
      { timeout: 60_000 },
    );
    if (done) converted++;
  }
  return converted;
}

export async function loadInterviewResponses(db: Db, campaignId: number) {
  return db.interviewResponse.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
}
