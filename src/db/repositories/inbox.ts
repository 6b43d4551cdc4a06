// The durable inbox (InboxUpdate): updates stored before Telegram is told they arrived, claimed
// by one instance at a time, the oldest update of a chat first and only when no earlier update
// of that chat is left (so one chat's updates are handled in order across instances), deleted
// when handled. On the direct path (db/direct-sql.ts): every update passes here.
import type { Database } from "../client.js";
import { directSql, placeholders } from "../direct-sql.js";

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

type ArgType = "string" | "int" | "bigint" | "datetime";

async function query<T>(database: Database, sql: string, args: unknown[], types: ArgType[]): Promise<T[]> {
  const direct = directSql(database.prisma);
  if (direct) return direct.query<T>(sql, args, types);
  return database.prisma.$queryRawUnsafe<T[]>(placeholders(sql, database.provider), ...args);
}

async function execute(database: Database, sql: string, args: unknown[], types: ArgType[]): Promise<number> {
  const direct = directSql(database.prisma);
  if (direct) return direct.execute(sql, args, types);
  return database.prisma.$executeRawUnsafe(placeholders(sql, database.provider), ...args);
}

const STORE = `INSERT INTO "InboxUpdate" ("updateId", "chatKey", "payload") VALUES (?, ?, ?) ON CONFLICT ("updateId") DO NOTHING`;

/**
 * Stores updates not seen before; an update_id already here (Telegram delivering it again, or
 * a second webhook delivery in parallel) is left alone. The number newly stored.
 */
export async function storeUpdates(database: Database, rows: readonly InboxRow[]): Promise<number> {
  let stored = 0;
  for (const r of rows) stored += await execute(database, STORE, [BigInt(r.updateId), r.chatKey, r.payload], ["bigint", "string", "string"]);
  return stored;
}

// The first update of each chat, when it is free to take: pending, or claimed by an instance
// that stopped renewing its claim.
const CANDIDATES = `SELECT u."updateId", u."chatKey", u."payload", u."status", u."claimedAt", u."attempts" FROM "InboxUpdate" u
  WHERE (u."status" = 'pending' OR (u."status" = 'handling' AND u."claimedAt" < ?))
    AND NOT EXISTS (SELECT 1 FROM "InboxUpdate" e WHERE e."chatKey" = u."chatKey" AND e."updateId" < u."updateId")
  ORDER BY u."updateId" LIMIT ?`;
const CLAIM = `UPDATE "InboxUpdate" SET "status" = 'handling', "claimedBy" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1 WHERE "updateId" = ? AND "status" = ? AND `;

interface CandidateRow {
  updateId: number | bigint | string;
  chatKey: string;
  payload: string;
  status: string;
  claimedAt: Date | string | number | null;
  attempts: number | bigint;
}

const asDate = (v: Date | string | number | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));

/** Claims up to `limit` updates of different chats, each the first of its chat, skipping `busy` chats. */
export async function claimUpdates(database: Database, instance: string, now: Date, staleBefore: Date, limit: number, busy: ReadonlySet<string>): Promise<ClaimedUpdate[]> {
  const candidates = await query<CandidateRow>(database, CANDIDATES, [staleBefore, limit + busy.size], ["datetime", "int"]);
  const claimed: ClaimedUpdate[] = [];
  for (const c of candidates) {
    if (claimed.length >= limit) break;
    if (busy.has(c.chatKey)) continue;
    const takenOver = c.status === "handling";
    const claimedAt = asDate(c.claimedAt);
    const args = [instance, now, BigInt(c.updateId), c.status];
    const types: ArgType[] = ["string", "datetime", "bigint", "string"];
    const changed = claimedAt === null ? await execute(database, `${CLAIM}"claimedAt" IS NULL`, args, types) : await execute(database, `${CLAIM}"claimedAt" = ?`, [...args, claimedAt], [...types, "datetime"]);
    if (changed === 1) claimed.push({ updateId: Number(c.updateId), chatKey: c.chatKey, payload: c.payload, attempts: Number(c.attempts) + 1, takenOver });
  }
  return claimed;
}

/** Handled (or given up): the update goes, and the chat's next one becomes free. */
export async function finishUpdate(database: Database, updateId: number): Promise<void> {
  await execute(database, `DELETE FROM "InboxUpdate" WHERE "updateId" = ?`, [BigInt(updateId)], ["bigint"]);
}

/** This instance is still handling what it claimed: its claims are not taken over. */
export async function renewClaims(database: Database, instance: string, now: Date): Promise<void> {
  await execute(database, `UPDATE "InboxUpdate" SET "claimedAt" = ? WHERE "claimedBy" = ? AND "status" = 'handling'`, [now, instance], ["datetime", "string"]);
}

export function inboxSize(database: Database): Promise<number> {
  return database.prisma.inboxUpdate.count();
}
