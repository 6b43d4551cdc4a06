// The durable inbox (InboxUpdate): updates stored before Telegram is told they arrived, claimed
// by one instance at a time, the oldest update of a chat first and only when no earlier update
// of that chat is left (so one chat's updates are handled in order across instances), deleted
// when handled. On the direct path (db/direct-sql.ts): every update passes here.
import type { Database } from "../client.js";
import { rawDate, rawExecute, rawQuery, sameAs, type RawArgType } from "../direct-sql.js";

export interface InboxRow {
  updateId: number;
  chatKey: string;
  payload: string;
}

export interface ClaimedUpdate extends InboxRow {
  attempts: number;
  /** Taken over from an instance that stopped while handling it: it may have been handled in part. */
  takenOver: boolean;
}

// Writes: `relaxed` ones may be undone by a power cut (SQLite commits them without an fsync,
// db/sqlite-adapter.ts): claims, tombstones and renewals, whose loss only means an update
// handled again. Storing an update is never relaxed: Telegram is told it arrived right after.

/**
 * Rows per INSERT: a poll's batch (up to 100 updates) in a few statements of a few fixed sizes
 * (each size is one prepared statement; the adapter's cache holds 64 in all).
 */
const STORE_CHUNKS = [50, 10, 1] as const;
const storeSql = (n: number) =>
  `INSERT INTO "InboxUpdate" ("updateId", "chatKey", "payload") VALUES ${Array.from({ length: n }, () => "(?, ?, ?)").join(", ")} ON CONFLICT ("updateId") DO NOTHING RETURNING "updateId"`;

/**
 * Stores updates not seen before; an update_id already here — pending, in hand, or handled in
 * the last minutes (a tombstone, finishUpdate) — is left alone: Telegram delivering it again,
 * or a second webhook delivery in parallel. The update_ids newly stored.
 */
export async function storeUpdates(database: Database, rows: readonly InboxRow[]): Promise<Set<number>> {
  const stored = new Set<number>();
  for (let i = 0; i < rows.length; ) {
    const size = STORE_CHUNKS.find((n) => n <= rows.length - i)!;
    const chunk = rows.slice(i, (i += size));
    const args = chunk.flatMap((r) => [BigInt(r.updateId), r.chatKey, r.payload]);
    const types = chunk.flatMap((): RawArgType[] => ["bigint", "string", "string"]);
    for (const r of await rawQuery<{ updateId: number | bigint | string }>(database, storeSql(chunk.length), args, types)) stored.add(Number(r.updateId));
  }
  return stored;
}

// Claims one known update: pending, and no earlier update of its chat left to handle (a
// tombstone's chat key is empty, so handled updates never hold a chat up).
const CLAIM_ONE = `UPDATE "InboxUpdate" SET "status" = 'handling', "claimedBy" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1
  WHERE "updateId" = ? AND "status" = 'pending' AND "attempts" = 0
    AND NOT EXISTS (SELECT 1 FROM "InboxUpdate" e WHERE e."chatKey" = ? AND e."updateId" < ?)`;

/**
 * Claims an update this instance just stored (never tried: attempts 0, then 1); false when
 * another instance has it or an earlier update of its chat is still to be handled.
 */
export async function claimKnownUpdate(database: Database, instance: string, now: Date, updateId: number, chatKey: string): Promise<boolean> {
  return (await rawExecute(database, CLAIM_ONE, [instance, now, BigInt(updateId), chatKey, BigInt(updateId)], ["string", "datetime", "bigint", "string", "bigint"], true)) === 1;
}

// The first update of each chat, when it is pending: read in update_id order along the
// (status, updateId) index, stopping at the limit (no sort of everything pending).
const PENDING = `SELECT u."updateId", u."chatKey", u."payload", u."status", u."claimedAt", u."attempts" FROM "InboxUpdate" u
  WHERE u."status" = 'pending'
    AND NOT EXISTS (SELECT 1 FROM "InboxUpdate" e WHERE e."chatKey" = u."chatKey" AND e."updateId" < u."updateId")
  ORDER BY u."status", u."updateId" LIMIT ?`;
// Updates claimed by an instance that stopped renewing its claims (it died): few, looked for now and then.
const STALE = `SELECT u."updateId", u."chatKey", u."payload", u."status", u."claimedAt", u."attempts" FROM "InboxUpdate" u
  WHERE u."status" = 'handling' AND u."claimedAt" < ? ORDER BY u."updateId" LIMIT ?`;
const CLAIM = `UPDATE "InboxUpdate" SET "status" = 'handling', "claimedBy" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1 WHERE "updateId" = ? AND "status" = ? AND `;

interface CandidateRow {
  updateId: number | bigint | string;
  chatKey: string;
  payload: string;
  status: string;
  claimedAt: Date | string | number | null;
  attempts: number | bigint;
}

/**
 * Claims up to `limit` updates of different chats, each the first of its chat, skipping `busy`
 * chats; with `staleBefore`, the updates of instances that stopped renewing their claims instead.
 */
export async function claimUpdates(database: Database, instance: string, now: Date, staleBefore: Date | null, limit: number, busy: ReadonlySet<string>): Promise<ClaimedUpdate[]> {
  const candidates = staleBefore
    ? await rawQuery<CandidateRow>(database, STALE, [staleBefore, limit], ["datetime", "int"])
    : await rawQuery<CandidateRow>(database, PENDING, [limit + busy.size], ["int"]);
  const claimed: ClaimedUpdate[] = [];
  for (const c of candidates) {
    if (claimed.length >= limit) break;
    if (busy.has(c.chatKey)) continue;
    const takenOver = c.status === "handling";
    const same = sameAs("claimedAt", rawDate(c.claimedAt));
    const changed = await rawExecute(database, CLAIM + same.sql, [instance, now, BigInt(c.updateId), c.status, ...same.args], ["string", "datetime", "bigint", "string", ...same.types], true);
    if (changed === 1) claimed.push({ updateId: Number(c.updateId), chatKey: c.chatKey, payload: c.payload, attempts: Number(c.attempts) + 1, takenOver });
  }
  return claimed;
}

/**
 * Handled (or given up): the chat's next update becomes free, and a tombstone stays for a few
 * minutes so that a late repeat of the delivery is recognised — the update_id and when, with
 * the payload and the chat key gone.
 */
export async function finishUpdate(database: Database, updateId: number, now: Date): Promise<void> {
  await rawExecute(database, `UPDATE "InboxUpdate" SET "status" = 'done', "chatKey" = '', "payload" = '', "claimedBy" = NULL, "claimedAt" = ? WHERE "updateId" = ?`, [now, BigInt(updateId)], ["datetime", "bigint"], true);
}

/** Tombstones older than `before` go. */
export async function purgeTombstones(database: Database, before: Date): Promise<number> {
  return rawExecute(database, `DELETE FROM "InboxUpdate" WHERE "status" = 'done' AND "claimedAt" < ?`, [before], ["datetime"], true);
}

/** This instance is still handling what it claimed: its claims are not taken over. */
export async function renewClaims(database: Database, instance: string, now: Date): Promise<void> {
  await rawExecute(database, `UPDATE "InboxUpdate" SET "claimedAt" = ? WHERE "claimedBy" = ? AND "status" = 'handling'`, [now, instance], ["datetime", "string"], true);
}
