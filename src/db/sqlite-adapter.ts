// The embedded default has one SQLite connection. Prisma's better-sqlite3 adapter serialises
// transactions against each other, but a query outside a transaction runs at once on that
// same connection — inside whatever transaction is open. Another chat's draft or session write
// then commits or rolls back with a transaction it has nothing to do with (a submission that
// finds it was already made rolls back, and the other chat's write is gone). This wrapper makes
// every query outside a transaction wait until the open transaction ends, as a second
// connection would have to; queries inside the transaction run as before.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { ArgScalarType } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import type { DirectStatement } from "./direct-sql.js";
import { withOverrides } from "./with-overrides.js";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A first-come, first-served lock (one holder at a time). */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  /** Holders and waiters: 0 when nothing holds the lock or waits for it. */
  private users = 0;

  get idle(): boolean {
    return this.users === 0;
  }

  acquire(): Promise<() => void> {
    this.users++;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let released = false;
    const releaseOnce = () => {
      if (!released) (released = true), this.users--, release();
    };
    const ready = this.tail.then(() => releaseOnce);
    this.tail = this.tail.then(() => held);
    return ready;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}



/** An argument as Prisma's better-sqlite3 adapter binds it (its mapArg, for the types the direct path uses). */
function bindable(arg: unknown, type: ArgScalarType | undefined): unknown {
  if (typeof arg === "boolean") return arg ? 1 : 0;
  if (typeof arg === "string" && type === "bigint") return BigInt(arg);
  // The adapter's default timestamp format: ISO 8601 with "+00:00".
  if (arg instanceof Date) return arg.toISOString().replace("Z", "+00:00");
  return arg ?? null;
}

/**
 * The direct path's statements (direct-sql.ts) on the same connection, without the adapter's
 * per-call work: each SQL text is prepared once (the adapter prepares every statement anew,
 * a tenth of a survey answer's time), and when no transaction is open or waiting the
 * statement runs at once, synchronously; otherwise it waits its turn like any query outside
 * a transaction. Rows come back as objects of the stored values (dates as the stored text).
 */
function directStatements(client: BetterSqlite3.Database, lock: Lock): DirectStatement {
  const prepared = new Map<string, BetterSqlite3.Statement>();
  const statement = (sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) {
      // The direct path has a handful of fixed texts; the bound only guards against misuse.
      if (prepared.size >= 64) prepared.clear();
      prepared.set(sql, (stmt = client.prepare(sql)));
    }
    return stmt;
  };
  let synchronous: number | undefined;
  const run = (sql: string, args: unknown[], types: ArgScalarType[], mode: "all" | "run" | "relaxed"): unknown => {
    const stmt = statement(sql);
    const values = args.map((arg, i) => bindable(arg, types[i]));
    if (mode === "all") return stmt.all(...values);
    if (mode === "run") return stmt.run(...values).changes;
    // Relaxed: a write that may be lost to a power cut or an OS crash (never to a crash of the
    // bot) but is never torn: with the WAL, synchronous = NORMAL commits without an fsync; the
    // next ordinary commit syncs the log with it. For survey drafts, written at every answer:
    // an fsync per answer (about 1.3 ms here) capped the answers a second below what one core
    // does. Submissions, reports and everything else keep the connection's setting (FULL).
    // Synchronous code: no other statement commits while the setting is relaxed.
    synchronous ??= Number(statement("PRAGMA synchronous").pluck().get());
    statement("PRAGMA synchronous = NORMAL").run();
    try {
      return stmt.run(...values).changes;
    } finally {
      statement(`PRAGMA synchronous = ${synchronous}`).run();
    }
  };
  return (sql, args, types, mode) => {
    if (lock.idle) {
      try {
        return Promise.resolve(run(sql, args, types, mode));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return lock.run(async () => run(sql, args, types, mode));
  };
}

function serialised(inner: Adapter): Adapter {
  const lock = new Lock();
  const client = (inner as unknown as { client: BetterSqlite3.Database }).client;
  // Deleted rows are overwritten with zeros in the file (and so in the WAL frames of the pages
  // that held them): a copy of the file keeps no folded ballot or finished draft. Set on every
  // connection, so also on the one Prisma opens again after a $disconnect.
  client.pragma("secure_delete = ON");
  // The lock's release may be called again (commit after a failed rollback): it counts once.
  const wrapTransaction = (tx: Transaction, release: () => void): Transaction =>
    withOverrides(tx, {
      commit: () => tx.commit().finally(release),
      rollback: () => tx.rollback().finally(release),
    });
  return withOverrides(inner, {
    directStatement: directStatements(client, lock),
    queryRaw: (query: Parameters<Adapter["queryRaw"]>[0]) => lock.run(() => inner.queryRaw(query)),
    executeRaw: (query: Parameters<Adapter["executeRaw"]>[0]) => lock.run(() => inner.executeRaw(query)),
    executeScript: (script: string) => lock.run(() => inner.executeScript(script)),
    async startTransaction(isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) {
      const release = await lock.acquire();
      try {
        return wrapTransaction(await inner.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

/** The better-sqlite3 adapter factory, with queries outside a transaction kept out of it. */
export function serialisedSqliteAdapter(config: ConstructorParameters<typeof PrismaBetterSQLite3>[0]): Factory {
  const factory = new PrismaBetterSQLite3(config);
  const connect = factory.connect.bind(factory);
  return withOverrides(factory, { connect: async () => serialised(await connect()) });
}
