// The embedded default has one SQLite connection. Prisma's better-sqlite3 adapter serialises
// transactions against each other, but a query outside a transaction runs at once on that
// same connection — inside whatever transaction is open. Another chat's draft or session write
// then commits or rolls back with a transaction it has nothing to do with (a submission that
// finds it was already made rolls back, and the other chat's write is gone). This wrapper makes
// every query outside a transaction wait until the open transaction ends, as a second
// connection would have to; queries inside the transaction run as before.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { withOverrides } from "./with-overrides.js";

type Factory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** A first-come, first-served lock (one holder at a time). */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
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


const pragma = (sql: string) => ({ sql, args: [], argTypes: [] });

function serialised(inner: Adapter): Adapter {
  const lock = new Lock();
  let synchronous: unknown;
  const wrapTransaction = (tx: Transaction, release: () => void): Transaction => {
    let released = false;
    const releaseOnce = () => {
      if (!released) (released = true), release();
    };
    return withOverrides(tx, {
      commit: () => tx.commit().finally(releaseOnce),
      rollback: () => tx.rollback().finally(releaseOnce),
    });
  };
  return withOverrides(inner, {
    queryRaw: (query: Parameters<Adapter["queryRaw"]>[0]) => lock.run(() => inner.queryRaw(query)),
    executeRaw: (query: Parameters<Adapter["executeRaw"]>[0]) => lock.run(() => inner.executeRaw(query)),
    executeScript: (script: string) => lock.run(() => inner.executeScript(script)),
    /**
     * A write that may be lost to a power cut or an OS crash (never to a crash of the bot) but
     * is never torn: with the WAL, synchronous = NORMAL commits without an fsync; the next
     * ordinary commit syncs the log with it. For survey drafts, written at every answer: an
     * fsync per answer (about 1.3 ms here) capped the answers a second below what one core
     * does. Submissions, reports and everything else keep the connection's setting (FULL).
     * Under the lock, so no other statement commits while the setting is relaxed.
     */
    executeRelaxed: (query: Parameters<Adapter["executeRaw"]>[0]) =>
      lock.run(async () => {
        synchronous ??= (await inner.queryRaw(pragma("PRAGMA synchronous"))).rows[0]?.[0] ?? 2;
        await inner.executeRaw(pragma("PRAGMA synchronous = NORMAL"));
        try {
          return await inner.executeRaw(query);
        } finally {
          await inner.executeRaw(pragma(`PRAGMA synchronous = ${Number(synchronous)}`));
        }
      }),
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
