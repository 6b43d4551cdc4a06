// One Prisma model API over two databases. Both generated clients come from the same
// prisma/models.prisma, so their model delegates are identical; the SQLite client's type
// is used as the common type. Code that needs provider-specific SQL checks `provider`.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { serialisedSqliteAdapter } from "./sqlite-adapter.js";
import { pgAdapterWithDirectPath } from "./pg-adapter.js";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "../generated/postgres/client.js";
import { migrate, type MigrationResult } from "./migrate.js";
import { countingAdapter, type StatementListener } from "./statement-count.js";
import { directSqlFactory } from "./direct-sql.js";
import { parseDatabaseUrl, type DatabaseTarget } from "./url.js";

export type Db = SqliteClient;
/** The client inside an interactive transaction. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
/** A repository function that may run inside the caller's transaction. */
export type DbOrTx = Db | Tx;

/**
 * Runs repository calls in one transaction: how a job records its decision and queues the
 * message in the outbox together (the only Prisma call outside src/db/repositories).
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work);
}
export type { Prisma } from "../generated/sqlite/client.js";

/** A write refused by a unique key (Prisma's P2002): the ledgers' way of saying "decided already". */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

export interface Database {
  prisma: Db;
  provider: DatabaseTarget["provider"];
  target: DatabaseTarget;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations first (the embedded default does this at every start). */
  migrate?: boolean;
  poolSize?: number;
  onMigrated?: (result: MigrationResult) => void;
  /** Told of every statement sent (the benchmark counts round trips per update). */
  onStatement?: StatementListener;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (target.provider === "sqlite") mkdirSync(dirname(target.file), { recursive: true });
  if (options.migrate) options.onMigrated?.(await migrate(target));

  let prisma: Db;
  if (target.provider === "sqlite") {
    // timeout = busy timeout: a second writer waits instead of failing with SQLITE_BUSY.
    const adapter = serialisedSqliteAdapter({ url: target.file, timeout: 10_000 });
    const direct = directSqlFactory(options.onStatement ? countingAdapter(adapter, options.onStatement) : adapter, "sqlite");
    prisma = new SqliteClient({ adapter: direct.factory });
    direct.register(prisma);
  } else {
    const adapter = pgAdapterWithDirectPath({ ...target.connection, max: options.poolSize ?? 10 });
    const direct = directSqlFactory(options.onStatement ? countingAdapter(adapter, options.onStatement) : adapter, "postgres");
    prisma = new PostgresClient({ adapter: direct.factory }) as unknown as Db;
    direct.register(prisma);
  }
  // On SQLite every connection gets secure_delete (sqlite-adapter.ts).
  await prisma.$connect();
  return {
    prisma,
    provider: target.provider,
    target,
    close: () => prisma.$disconnect(),
  };
}
