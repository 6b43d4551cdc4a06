// Wiping what deleted rows leave behind, after the ballot box is folded (and after other
// deletions that must not outlive their rows). A deleted row is not gone from the files:
// SQLite keeps it in the WAL until a checkpoint and in free pages unless secure_delete is on
// (it is, from openDatabase); PostgreSQL keeps dead row versions in the table's pages until a
// vacuum, and their bytes in the page until it is rewritten (VACUUM FULL rewrites the table).
import type { Database } from "../client.js";

/** Tables whose dead rows held answers, drafts, or updates and messages in transit (a reporter's among them). */
export const WIPED_TABLES = ["SealedBallot", "SurveyTotals", "SurveyDraft", "ReporterFlow", "InboxUpdate", "OutboxMessage"] as const;
export type WipedTable = (typeof WIPED_TABLES)[number];

export interface WipeOutcome {
  /** SQLite: the WAL was checkpointed and truncated to zero bytes. */
  walTruncated?: boolean;
  /** PostgreSQL: the tables were rewritten; a CHECKPOINT was allowed (it needs pg_checkpoint). */
  rewritten?: readonly string[];
  checkpoint?: boolean;
}

export async function wipeFreedPages(db: Database, tables: readonly WipedTable[] = WIPED_TABLES): Promise<WipeOutcome> {
  if (db.provider === "sqlite") {
    const rows = await db.prisma.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
    return { walTruncated: Number(rows[0]?.busy ?? 1) === 0 };
  }
  await db.prisma.$executeRawUnsafe(`VACUUM (FULL) ${tables.map((t) => `"${t}"`).join(", ")}`);
  let checkpoint = true;
  try {
    await db.prisma.$executeRawUnsafe("CHECKPOINT");
  } catch {
    checkpoint = false; // not a superuser nor in pg_checkpoint: the WAL is recycled in its own time
  }
  return { rewritten: tables, checkpoint };
}
