// Statements of the hot path straight to the driver adapter that Prisma itself uses.
//
// Why: Prisma 6.19 with the query compiler (engineType "client") compiles every request —
// model queries and raw ones alike — to a query plan in WebAssembly on the main thread, with no
// cache (the query plan cache came in Prisma 7.4, raw queries skipping the compiler in 7.3),
// then interprets the plan. Measured here on SQLite: a `findUnique` by a unique column costs
// about 1 ms of main-thread time, `$queryRaw` of `SELECT 1` about 0.13 ms; the statement itself
// takes microseconds. A survey answer made six such calls, so Prisma, not the database, set the
// pace. The few statements every update makes (the user with the session row, the respondent's
// campaign, ledger line and draft, the draft's upsert) go to the same adapter instance Prisma
// holds: the same connection or pool, the same serialisation of SQLite transactions
// (sqlite-adapter.ts), the same argument and result conversions, Prisma's migrations and
// schema. Everything else stays on Prisma's model API. Repositories call `directSql(db)`; a
// client not opened by openDatabase (or a transaction) gets null and uses Prisma.
import type { ArgScalarType, SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { withOverrides } from "./with-overrides.js";

export interface DirectSql {
  /** Rows as objects. Placeholders are `?`, in the order of `args`; `types` gives each argument's type. */
  query<T = Record<string, unknown>>(sql: string, args: unknown[], types: ArgScalarType[]): Promise<T[]>;
  /** A write; the number of rows changed. */
  execute(sql: string, args: unknown[], types: ArgScalarType[]): Promise<number>;
  /** A write that a power cut may undo (SQLite: committed without an fsync, sqlite-adapter.ts); elsewhere `execute`. */
  executeRelaxed(sql: string, args: unknown[], types: ArgScalarType[]): Promise<number>;
  /**
   * `work` in one transaction of the adapter (as Prisma runs one: BEGIN, the statements,
   * COMMIT; ROLLBACK when `work` throws, and the error goes on).
   */
  transaction<T>(work: (tx: DirectTransaction) => Promise<T>): Promise<T>;
}

/** Statements inside a transaction of the direct path. */
export type DirectTransaction = Pick<DirectSql, "query" | "execute">;

/**
 * A statement on an adapter's own fast path, where it has one (sqlite-adapter.ts: prepared
 * once, run at once when no transaction is open): rows as objects ("all") or rows changed.
 */
export type DirectStatement = (sql: string, args: unknown[], types: ArgScalarType[], mode: "all" | "run" | "relaxed") => Promise<unknown>;

const registry = new WeakMap<object, DirectSql>();

/** The direct path of a client opened by openDatabase, or null. */
export function directSql(db: object): DirectSql | null {
  return registry.get(db) ?? null;
}

/** `?` placeholders as the provider wants them ($1, $2, … on PostgreSQL). */
export function placeholders(sql: string, provider: "sqlite" | "postgres"): string {
  if (provider === "sqlite") return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * The factory, remembering the adapter it connects (Prisma connects once, at $connect); then
 * `register(client)` makes it the direct path of that client.
 */
export function directSqlFactory<F extends SqlDriverAdapterFactory>(factory: F, provider: "sqlite" | "postgres"): { factory: F; register(client: { $connect(): Promise<void> }): void } {
  let adapter: SqlDriverAdapter | undefined;
  let client: { $connect(): Promise<void> } | undefined;
  const connect = factory.connect.bind(factory);
  // Prisma disposes the adapter at $disconnect and connects a new one at the next request:
  // the direct path follows (an adapter once disposed is never used again).
  const remember = (connected: SqlDriverAdapter): SqlDriverAdapter =>
    (adapter = withOverrides(connected, { dispose: () => ((adapter = undefined), connected.dispose()) }));
  const wrapped = withOverrides(factory, { connect: async () => remember(await connect()) } as Partial<Record<keyof F, unknown>>);
  const cache = new Map<string, string>();
  const statement = (sql: string, args: unknown[], types: ArgScalarType[]) => {
    let text = cache.get(sql);
    if (text === undefined) cache.set(sql, (text = placeholders(sql, provider)));
    return { sql: text, args, argTypes: types.map((scalarType) => ({ scalarType, arity: "scalar" as const })) };
  };
  const connected = async (): Promise<SqlDriverAdapter & { directStatement?: DirectStatement }> => {
    if (!adapter) await client?.$connect();
    if (!adapter) throw new Error("the database is not connected");
    return adapter;
  };
  const onQueryable = (q: Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">): DirectTransaction => ({
    async query<T>(sql: string, args: unknown[], types: ArgScalarType[]) {
      const result = await q.queryRaw(statement(sql, args, types));
      return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])) as T);
    },
    execute: (sql, args, types) => q.executeRaw(statement(sql, args, types)),
  });
  const control = (sql: string) => ({ sql, args: [], argTypes: [] });
  const direct: DirectSql = {
    async query<T>(sql: string, args: unknown[], types: ArgScalarType[]) {
      const a = await connected();
      if (a.directStatement) return (await a.directStatement(sql, args, types, "all")) as T[];
      return onQueryable(a).query<T>(sql, args, types);
    },
    async execute(sql, args, types) {
      const a = await connected();
      if (a.directStatement) return (await a.directStatement(sql, args, types, "run")) as number;
      return a.executeRaw(statement(sql, args, types));
    },
    async executeRelaxed(sql, args, types) {
      const a = await connected();
      if (a.directStatement) return (await a.directStatement(sql, args, types, "relaxed")) as number;
      return a.executeRaw(statement(sql, args, types));
    },
    async transaction(work) {
      const tx = await (await connected()).startTransaction();
      let result;
      try {
        result = await work(onQueryable(tx));
      } catch (error) {
        try {
          await tx.executeRaw(control("ROLLBACK"));
        } finally {
          await tx.rollback();
        }
        throw error;
      }
      try {
        await tx.executeRaw(control("COMMIT"));
      } catch (error) {
        // A failed COMMIT may leave SQLite's connection inside the transaction.
        await tx.executeRaw(control("ROLLBACK")).catch(() => undefined);
        await tx.rollback();
        throw error;
      }
      await tx.commit();
      return result;
    },
  };
  return {
    factory: wrapped,
    register(prisma) {
      client = prisma;
      registry.set(prisma, direct);
    },
  };
}

/** The argument types the raw helpers below take. */
export type RawArgType = "string" | "int" | "bigint" | "datetime";

/**
 * Rows of a statement on the direct path, or through Prisma's raw query on a client without
 * one (a transaction, a client not opened by openDatabase). Placeholders are `?`.
 */
export async function rawQuery<T>(database: { prisma: object; provider: "sqlite" | "postgres" }, sql: string, args: unknown[], types: RawArgType[]): Promise<T[]> {
  const direct = directSql(database.prisma);
  if (direct) return direct.query<T>(sql, args, types);
  return (database.prisma as { $queryRawUnsafe<R>(sql: string, ...args: unknown[]): Promise<R> }).$queryRawUnsafe<T[]>(placeholders(sql, database.provider), ...args);
}

/** A write, as rawQuery; `relaxed` as DirectSql.executeRelaxed. The number of rows changed. */
export async function rawExecute(database: { prisma: object; provider: "sqlite" | "postgres" }, sql: string, args: unknown[], types: RawArgType[], relaxed = false): Promise<number> {
  const direct = directSql(database.prisma);
  if (direct) return relaxed ? direct.executeRelaxed(sql, args, types) : direct.execute(sql, args, types);
  return (database.prisma as { $executeRawUnsafe(sql: string, ...args: unknown[]): Promise<number> }).$executeRawUnsafe(placeholders(sql, database.provider), ...args);
}

/** A timestamp as a raw row gives it (a Date, an ISO string, or epoch milliseconds). */
export function rawDate(v: Date | string | number | null): Date | null {
  if (v === null) return null;
  if (v instanceof Date) return v;
  return new Date(typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v);
}

/** `"column" = ?` with the value, or `"column" IS NULL`: a compare-and-set on a nullable column. */
export function sameAs(column: string, value: Date | null): { sql: string; args: unknown[]; types: RawArgType[] } {
  return value === null ? { sql: `"${column}" IS NULL`, args: [], types: [] } : { sql: `"${column}" = ?`, args: [value], types: ["datetime"] };
}
