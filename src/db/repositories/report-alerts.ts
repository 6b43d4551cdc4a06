// Batched, content-free alerts to the people handling an audience (ReportAlert): one row per
// audience counting the events since the last alert, due at the send time the first one fixed.
// Claims for sending: PostgreSQL FOR UPDATE SKIP LOCKED, SQLite a conditional update.
import type { Database, Db, DbOrTx } from "../client.js";

/** Counts one event; the first event of a batch fixes its send time, later ones join it. */
export async function addAlertEvent(db: Db, audience: string, sendAfter: Date): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.reportAlert.upsert({ where: { audience }, create: { audience, events: 1, sendAfter }, update: { events: { increment: 1 } } });
      return;
    } catch (error) {
      // Two first events at once: the loser's insert fails; the update then succeeds.
      if (attempt >= 2) throw error;
    }
  }
}

/** Claims due alert rows; returns their audience and the events counted at the claim. A claim older than `cutoff` is taken over. */
export async function claimDueAlerts(database: Database, now: Date, cutoff: Date): Promise<{ audience: string; events: number }[]> {
  const db = database.prisma;
  if (database.provider === "postgres") {
    const rows = await db.$queryRawUnsafe<{ audience: string; events: number }[]>(
      `UPDATE "ReportAlert" SET "claimedAt" = $1
       WHERE "audience" IN (
         SELECT "audience" FROM "ReportAlert"
         WHERE "sendAfter" <= $1 AND ("claimedAt" IS NULL OR "claimedAt" < $2)
         FOR UPDATE SKIP LOCKED)
       RETURNING "audience", "events"`,
      now,
      cutoff,
    );
    return rows.map((r) => ({ audience: r.audience, events: Number(r.events) }));
  }
  const candidates = await db.reportAlert.findMany({ where: { sendAfter: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }] } });
  const claimed: { audience: string; events: number }[] = [];
  for (const c of candidates) {
    const { count } = await db.reportAlert.updateMany({ where: { audience: c.audience, claimedAt: c.claimedAt }, data: { claimedAt: now } });
    if (count !== 1) continue;
    // Read after the claim: events that join later are kept by the compare-and-delete below.
    const row = await db.reportAlert.findUnique({ where: { audience: c.audience } });
    if (row) claimed.push({ audience: row.audience, events: row.events });
  }
  return claimed;
}

/**
 * The alert about `events` went out. Compare-and-delete: events that arrived during the send
 * stay for the next batch, due at the time `nextSendAfter` gives.
 */
export async function completeAlert(db: DbOrTx, audience: string, events: number, nextSendAfter: () => Date): Promise<void> {
  const { count } = await db.reportAlert.deleteMany({ where: { audience, events } });
  if (count === 0) await db.reportAlert.updateMany({ where: { audience }, data: { events: { decrement: events }, claimedAt: null, sendAfter: nextSendAfter() } });
}
