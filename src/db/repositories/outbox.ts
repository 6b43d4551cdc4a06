// The outbox (OutboxMessage), the per-chat gate (OutboxChat) and the one pacer of every
// instance (SendPacer). Claims are conditional updates, so an instance sends a row only when
// its claim changed it; the pacer is one atomic UPDATE … RETURNING, so slots are handed out
// once across every process on the database.
import type { Database, Db, DbOrTx } from "../client.js";
import { rawDate, rawExecute, rawQuery, sameAs } from "../direct-sql.js";

export interface OutboxRow {
  priority: number;
  chatKey: string;
  payload: string;
  notBefore: Date;
}

export interface ClaimedMessage {
  id: number;
  chatKey: string;
  payload: string;
  attempts: number;
  ambiguous: number;
  /** Taken over from an instance that stopped while sending it: it may have gone out. */
  takenOver: boolean;
}

export async function enqueueOutbox(db: DbOrTx, rows: OutboxRow[]): Promise<void> {
  if (rows.length) await db.outboxMessage.createMany({ data: rows });
}

// The sender's statements go on the direct path (db/direct-sql.ts): a message costs five
// statements, not five Prisma requests (about 1 ms of main-thread time each).

const DUE = `(("status" = 'pending' AND "notBefore" <= ?) OR ("status" = 'sending' AND "claimedAt" < ?))`;
// Due, and to a chat whose turn has come (a message to a chat that just got one waits).
const CANDIDATES = `SELECT "id", "chatKey", "payload", "status", "claimedAt", "attempts", "ambiguous" FROM "OutboxMessage" m WHERE ${DUE}
  AND NOT EXISTS (SELECT 1 FROM "OutboxChat" c WHERE c."chatKey" = m."chatKey" AND c."nextAt" > ?)
  ORDER BY "priority", "id" LIMIT 8`;
const CLAIM = `UPDATE "OutboxMessage" SET "status" = 'sending', "claimedBy" = ?, "claimedAt" = ?, "attempts" = "attempts" + 1, "ambiguous" = "ambiguous" + ?
  WHERE "id" = ? AND "status" = ? AND `;
// Inserted, or moved on when the chat's turn has come; no row back when it has not.
const CHAT_TURN = `INSERT INTO "OutboxChat" ("chatKey", "nextAt") VALUES (?, ?)
  ON CONFLICT ("chatKey") DO UPDATE SET "nextAt" = excluded."nextAt" WHERE "OutboxChat"."nextAt" <= ? RETURNING "chatKey"`;
const RELEASE = `UPDATE "OutboxMessage" SET "status" = 'pending', "claimedBy" = NULL, "claimedAt" = NULL, "notBefore" = ?, "attempts" = "attempts" - 1, "ambiguous" = "ambiguous" - ? WHERE "id" = ? AND "claimedBy" = ?`;
const DELETE = `DELETE FROM "OutboxMessage" WHERE "id" = ?`;
const RETRY = `UPDATE "OutboxMessage" SET "status" = 'pending', "claimedBy" = NULL, "claimedAt" = NULL, "notBefore" = ?, "ambiguous" = "ambiguous" + ?, "attempts" = "attempts" - ? WHERE "id" = ?`;

interface CandidateRow {
  id: number | bigint;
  chatKey: string;
  payload: string;
  status: string;
  claimedAt: Date | string | number | null;
  attempts: number | bigint;
  ambiguous: number | bigint;
}

/**
 * Claims the first due message (by priority, then age) whose chat may get one now. A message
 * whose chat got one less than `perChatMs` ago waits for it (notBefore moved), and the next
 * candidate is tried. The chat's turn is held for `holdMs` — until the sender settles it
 * (settleChatTurn) when the call is over: a request slow to reach Telegram must not let the
 * chat's next message catch up with it. A message claimed by an instance that stopped answering (claimedAt
 * before `staleBefore`) is taken over, counted as ambiguous: it may have gone out.
 */
export async function claimOutboxMessage(database: Database, instance: string, now: Date, staleBefore: Date, perChatMs: number, holdMs = perChatMs): Promise<ClaimedMessage | null> {
  const candidates = await rawQuery<CandidateRow>(database, CANDIDATES, [now, staleBefore, now], ["datetime", "datetime", "datetime"]);
  for (const c of candidates) {
    const id = Number(c.id);
    const takenOver = c.status === "sending";
    const same = sameAs("claimedAt", rawDate(c.claimedAt));
    const changed = await rawExecute(database, CLAIM + same.sql, [instance, now, takenOver ? 1 : 0, id, c.status, ...same.args], ["string", "datetime", "int", "int", "string", ...same.types]);
    if (changed !== 1) continue; // another instance has it
    const turn = await rawQuery(database, CHAT_TURN, [c.chatKey, new Date(now.getTime() + Math.max(holdMs, perChatMs)), now], ["string", "datetime", "datetime"]);
    if (turn.length === 1) return { id, chatKey: c.chatKey, payload: c.payload, attempts: Number(c.attempts) + 1, ambiguous: Number(c.ambiguous) + (takenOver ? 1 : 0), takenOver };
    await rawExecute(database, RELEASE, [new Date(now.getTime() + perChatMs), takenOver ? 1 : 0, id, instance], ["datetime", "int", "int", "string"]);
  }
  return null;
}

/** Delivered, or refused for good: the row goes. */
export async function completeOutboxMessage(database: Database, id: number): Promise<void> {
  await rawExecute(database, DELETE, [id], ["int"]);
}

/** Not delivered this time: pending again from `notBefore`; `ambiguous` when it may have gone out; a 429 is not an attempt. */
export async function retryOutboxMessage(database: Database, id: number, notBefore: Date, ambiguous: boolean, countAttempt = true): Promise<void> {
  await rawExecute(database, RETRY, [notBefore, ambiguous ? 1 : 0, countAttempt ? 0 : 1, id], ["datetime", "int", "int", "int"]);
}

/** The chat's next turn, counted from when the message really went (the claim held it until then). */
export async function settleChatTurn(database: Database, chatKey: string, nextAt: Date): Promise<void> {
  await rawExecute(database, `UPDATE "OutboxChat" SET "nextAt" = ? WHERE "chatKey" = ?`, [nextAt, chatKey], ["datetime", "string"]);
}

/** Chats whose turn passed long ago carry nothing. */
export async function forgetChatTurns(db: Db, before: Date): Promise<void> {
  await db.outboxChat.deleteMany({ where: { nextAt: { lt: before } } });
}

/**
 * Reserves the next sending slot of the one pacer: `intervalMs` after the previous slot — kept
 * even when the sender comes up to `toleranceMs` late, so that a little lateness does not lose
 * slots — or now after an idle spell (no burst of saved-up slots), never inside a pause. `charge` slots before it go to messages already sent interactively.
 * Returns the slot's time in epoch milliseconds (with a fraction). The row keeps the next slot
 * in epoch MICROseconds, the interval rounded up to a whole microsecond: 1000/30 ms rounded to
 * a whole millisecond would either put 31 slots into a second (33 ms) or give up 2 % of the
 * rate (34 ms); at 33,334 µs a second holds 30 slots and the pace is 99.998 % of 30/s.
 * `pausedUntil` stays in milliseconds (× 1000 here), so no slot falls inside a pause. A row
 * left in milliseconds by an older version reads as long past: the next slot is simply now.
 */
export async function reserveSendSlot(database: Database, now: number, intervalMs: number, toleranceMs: number, charge = 0): Promise<number> {
  const intervalUs = Math.ceil(intervalMs * 1000);
  const step = intervalUs * (charge + 1);
  const max = database.provider === "postgres" ? "GREATEST" : "MAX";
  const sql = `UPDATE "SendPacer" SET "nextAt" = ${max}(CASE WHEN "nextAt" < ? THEN ? ELSE "nextAt" END, "pausedUntil" * 1000) + ? WHERE "id" = 1 RETURNING "nextAt"`;
  const nowUs = Math.round(now * 1000);
  for (;;) {
    const rows = await rawQuery<{ nextAt: bigint | number | string }>(database, sql, [BigInt(nowUs - Math.round(toleranceMs * 1000)), BigInt(nowUs), BigInt(step)], ["bigint", "bigint", "bigint"]);
    if (rows[0]) return (Number(rows[0].nextAt) - intervalUs) / 1000;
    // The migration creates the row; a database emptied by hand gets it back.
    await rawExecute(database, `INSERT INTO "SendPacer" ("id", "nextAt", "pausedUntil") VALUES (1, 0, 0) ON CONFLICT ("id") DO NOTHING`, [], []);
  }
}

/** Telegram said 429: every instance pauses until `until` (epoch ms). */
export async function pauseSending(db: Db, until: number): Promise<void> {
  // Only ever moves forward: a shorter pause reported later does not cut a longer one.
  await db.sendPacer.updateMany({ where: { id: 1, pausedUntil: { lt: BigInt(until) } }, data: { pausedUntil: BigInt(until) } });
}
