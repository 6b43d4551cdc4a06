// Reporters' opt-in mailboxes (ReportMailbox): under a keyed hash of a random token kept in the
// case's encrypted content, the encrypted chat a content-free ping goes to, and when it is due.
// Claims for sending: PostgreSQL FOR UPDATE SKIP LOCKED, SQLite a conditional update.
import type { Database, Db, DbOrTx } from "../client.js";

/**
 * Opts a case in: the earlier mailbox (if any) goes, the new one is stored, and the case's
 * content (with the new token) is rewritten, in one transaction.
 */
export async function replaceMailbox(db: Db, change: { reportId: number; oldTokenHashes: string[]; tokenHash: string; encryptedChat: string; encryptedContent: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (change.oldTokenHashes.length) await tx.reportMailbox.deleteMany({ where: { tokenHash: { in: change.oldTokenHashes } } });
    await tx.reportMailbox.create({ data: { tokenHash: change.tokenHash, chat: change.encryptedChat } });
    await tx.report.update({ where: { id: change.reportId }, data: { content: change.encryptedContent } });
  });
}

/** Opts a case out: its mailbox goes and its content (without the token) is rewritten, together. */
export async function removeMailbox(db: Db, change: { reportId: number; tokenHashes: string[]; encryptedContent: string }): Promise<void> {
  await db.$transaction([db.reportMailbox.deleteMany({ where: { tokenHash: { in: change.tokenHashes } } }), db.report.update({ where: { id: change.reportId }, data: { content: change.encryptedContent } })]);
}

export function countMailboxes(db: Db): Promise<number> {
  return db.reportMailbox.count();
}

/** Look-ups take the token's hash under every key (current first): see Keyring.hashes. */
export async function mailboxExists(db: Db, tokenHashes: string[]): Promise<boolean> {
  return (await db.reportMailbox.count({ where: { tokenHash: { in: tokenHashes } } })) > 0;
}

/** Sets when the ping is due, unless one is pending already (one ping per batch of news). */
export async function schedulePingIfNone(db: Db, tokenHashes: string[], pingAfter: Date): Promise<void> {
  const box = await db.reportMailbox.findFirst({ where: { tokenHash: { in: tokenHashes } } });
  if (box && !box.pingAfter) await db.reportMailbox.update({ where: { tokenHash: box.tokenHash }, data: { pingAfter } });
}

/** Moves a mailbox to its token's hash under the current key (key rotation); false when there was none under `from`. */
export async function rekeyMailbox(db: Db, from: string[], to: string): Promise<boolean> {
  const box = await db.reportMailbox.findFirst({ where: { tokenHash: { in: from } } });
  if (!box) return false;
  await db.reportMailbox.update({ where: { tokenHash: box.tokenHash }, data: { tokenHash: to } });
  return true;
}

/** Claims due pings (at most `limit`); a claim older than `cutoff` is taken over. */
export async function claimDuePings(database: Database, now: Date, cutoff: Date, limit: number): Promise<{ tokenHash: string; chat: string }[]> {
  const db = database.prisma;
  if (database.provider === "postgres") {
    return db.$queryRawUnsafe<{ tokenHash: string; chat: string }[]>(
      `UPDATE "ReportMailbox" SET "claimedAt" = $1
       WHERE "tokenHash" IN (
         SELECT "tokenHash" FROM "ReportMailbox"
         WHERE "pingAfter" <= $1 AND ("claimedAt" IS NULL OR "claimedAt" < $2)
         ORDER BY "pingAfter" LIMIT ${Math.trunc(limit)}
         FOR UPDATE SKIP LOCKED)
       RETURNING "tokenHash", "chat"`,
      now,
      cutoff,
    );
  }
  const candidates = await db.reportMailbox.findMany({
    where: { pingAfter: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }] },
    orderBy: { pingAfter: "asc" },
    take: limit,
  });
  const claimed: { tokenHash: string; chat: string }[] = [];
  for (const c of candidates) {
    const { count } = await db.reportMailbox.updateMany({ where: { tokenHash: c.tokenHash, claimedAt: c.claimedAt }, data: { claimedAt: now } });
    if (count === 1) claimed.push({ tokenHash: c.tokenHash, chat: c.chat });
  }
  return claimed;
}

/** The ping went (or cannot ever go): nothing pending, no claim. */
export async function clearPing(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.reportMailbox.updateMany({ where: { tokenHash }, data: { pingAfter: null, claimedAt: null } });
}

export async function deleteMailbox(db: Db, tokenHash: string): Promise<void> {
  await db.reportMailbox.deleteMany({ where: { tokenHash } });
}
