// Drafts, submissions and totals of questionnaires. Anonymous submissions touch only
// counters, pools and group sizes (no row per respondent) plus the ledger's completion
// day; the draft is deleted in the same transaction.
import { randomInt } from "node:crypto";
import type { Db } from "../client.js";
import type { Keyring } from "../../domain/crypto.js";
import type { Answers } from "../../domain/surveys/answers.js";
import { countKey, poolKey, shuffle, type Contribution, type Totals } from "../../domain/surveys/aggregate.js";
import type { Lang } from "../../domain/lang.js";

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
  try {
    return JSON.parse(keyring.decryptText(row.data)) as DraftData;
  } catch {
    return null;
  }
}

export async function saveDraft(db: Db, keyring: Keyring, key: string, draft: DraftData, expiresAt: Date): Promise<void> {
  const data = keyring.encrypt(JSON.stringify(draft));
  await db.surveyDraft.upsert({ where: { key }, create: { key, campaignId: draft.campaignId, data, expiresAt }, update: { data, expiresAt } });
}

export async function deleteDraft(db: Db, key: string): Promise<void> {
  await db.surveyDraft.deleteMany({ where: { key } });
}

export async function purgeExpiredDrafts(db: Db, now: Date): Promise<number> {
  return (await db.surveyDraft.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}

export class AlreadySubmittedError extends Error {}

/** Serialises submissions of one campaign on PostgreSQL (pools are read-modify-write). */
async function lockCampaign(tx: Tx, provider: "sqlite" | "postgres", campaignId: number): Promise<void> {
  if (provider === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(738120462, ${Number(campaignId)})`);
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * +1 on every counter and group size the submission touches, in a few statements rather
 * than one per counter (a 30-question survey touches a few hundred). The rows exist from
 * launch (prepareAnonymousTotals); any that does not is created one by one.
 */
async function incrementCounters(tx: Tx, provider: "sqlite" | "postgres", campaignId: number, c: Contribution): Promise<void> {
  const ph = (n: number) => (provider === "postgres" ? `$${n}` : "?");
  const BATCH = 300;
  for (let i = 0; i < c.counts.length; i += BATCH) {
    const batch = c.counts.slice(i, i + BATCH);
    const values = batch.map((_, k) => `(${ph(k * 3 + 2)}, ${ph(k * 3 + 3)}, ${ph(k * 3 + 4)})`).join(", ");
    const params = batch.flatMap((x) => [x.questionId, x.groupKey, x.code]);
    const updated = await tx.$executeRawUnsafe(
      `UPDATE "AnswerCount" SET "count" = "count" + 1 WHERE "campaignId" = ${ph(1)} AND ("questionId", "groupKey", "code") IN (VALUES ${values})`,
      campaignId,
      ...params,
    );
    if (updated !== batch.length) {
      // Missing rows (a campaign launched before counters were pre-created): find and add them.
      const existing = new Set(
        (await tx.answerCount.findMany({ where: { campaignId, questionId: { in: [...new Set(batch.map((x) => x.questionId))] } }, select: { questionId: true, groupKey: true, code: true } })).map((r) => `${r.questionId}|${r.groupKey}|${r.code}`),
      );
      for (const x of batch) {
        if (!existing.has(`${x.questionId}|${x.groupKey}|${x.code}`)) await tx.answerCount.create({ data: { campaignId, ...x, count: 1 } });
      }
    }
  }
  for (const g of c.groups) {
    await tx.responseCount.upsert({ where: { campaignId_groupKey: { campaignId, groupKey: g } }, create: { campaignId, groupKey: g, count: 1 }, update: { count: { increment: 1 } } });
  }
}

export async function submitAnonymous(
  db: Db,
  provider: "sqlite" | "postgres",
  keyring: Keyring,
  args: { campaignId: number; userId: number; today: string; contribution: Contribution; draftKey: string },
): Promise<void> {
  const { campaignId, contribution } = args;
  await db.$transaction(
    async (tx) => {
      await lockCampaign(tx, provider, campaignId);
      const done = await tx.campaignParticipant.updateMany({ where: { campaignId, userId: args.userId, completedOn: null }, data: { completedOn: args.today } });
      if (done.count !== 1) throw new AlreadySubmittedError();
      await incrementCounters(tx, provider, campaignId, contribution);
      const byPool = new Map<string, { questionId: string; groupKey: string; kind: string; values: (string | number)[] }>();
      for (const p of contribution.pools) {
        const k = poolKey(p.questionId, p.groupKey);
        const entry = byPool.get(k) ?? { questionId: p.questionId, groupKey: p.groupKey, kind: p.kind, values: [] };
        entry.values.push(p.value);
        byPool.set(k, entry);
      }
      for (const p of byPool.values()) {
        const where = { campaignId_questionId_groupKey: { campaignId, questionId: p.questionId, groupKey: p.groupKey } };
        const row = await tx.answerPool.findUnique({ where });
        const existing = row ? (JSON.parse(keyring.decryptText(row.data)) as (string | number)[]) : [];
        // Reshuffled on every write: the stored order says nothing about who came when.
        const data = keyring.encrypt(JSON.stringify(shuffle([...existing, ...p.values], randomInt)));
        await tx.answerPool.upsert({ where, create: { campaignId, questionId: p.questionId, groupKey: p.groupKey, kind: p.kind, data }, update: { data } });
      }
      await tx.surveyDraft.deleteMany({ where: { key: args.draftKey } });
    },
    { timeout: 30_000 },
  );
}

export async function submitAttributed(db: Db, args: { campaignId: number; userId: number; today: string; answers: Answers; draftKey: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const done = await tx.campaignParticipant.updateMany({ where: { campaignId: args.campaignId, userId: args.userId, completedOn: null }, data: { completedOn: args.today } });
    if (done.count !== 1) throw new AlreadySubmittedError();
    await tx.interviewResponse.create({ data: { campaignId: args.campaignId, userId: args.userId, answers: JSON.stringify(args.answers), submittedOn: args.today } });
    await tx.surveyDraft.deleteMany({ where: { key: args.draftKey } });
  });
}

/**
 * (Runs inside the transaction that opens the campaign.)
 * Creates every counter, group size and pool row of an anonymous campaign up front (zero
 * and empty), so that the order in which rows appear in the database cannot tell which
 * answers the first respondents gave.
 */
export async function prepareAnonymousTotals(
  tx: Tx,
  keyring: Keyring,
  campaignId: number,
  rows: { counts: { questionId: string; groupKey: string; code: string }[]; groups: string[]; pools: { questionId: string; groupKey: string; kind: "text" | "number" }[] },
): Promise<void> {
  if (await tx.responseCount.count({ where: { campaignId } })) return;
  await tx.responseCount.createMany({ data: rows.groups.map((groupKey) => ({ campaignId, groupKey, count: 0 })) });
  for (let i = 0; i < rows.counts.length; i += 500) {
    await tx.answerCount.createMany({ data: rows.counts.slice(i, i + 500).map((c) => ({ campaignId, ...c, count: 0 })) });
  }
  await tx.answerPool.createMany({ data: rows.pools.map((p) => ({ campaignId, ...p, data: keyring.encrypt("[]") })) });
}

export async function loadTotals(db: Db, keyring: Keyring, campaignId: number): Promise<Totals> {
  const [counts, pools, responses] = await Promise.all([
    db.answerCount.findMany({ where: { campaignId } }),
    db.answerPool.findMany({ where: { campaignId } }),
    db.responseCount.findMany({ where: { campaignId } }),
  ]);
  return {
    counts: new Map(counts.map((c) => [countKey(c.questionId, c.groupKey, c.code), c.count])),
    pools: new Map(pools.map((p) => [poolKey(p.questionId, p.groupKey), JSON.parse(keyring.decryptText(p.data)) as (string | number)[]])),
    responses: new Map(responses.map((r) => [r.groupKey, r.count])),
  };
}

export async function loadInterviewResponses(db: Db, campaignId: number) {
  return db.interviewResponse.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
}
