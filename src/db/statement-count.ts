// A driver adapter that reports every statement it sends to the database: queries, writes
// and the BEGIN/COMMIT/ROLLBACK of transactions (one each). The benchmark counts database
// round trips per update with it; nothing else uses it.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import type { DirectStatement } from "./direct-sql.js";
import { withOverrides } from "./with-overrides.js";

export type StatementListener = (kind: "query" | "execute" | "begin" | "commit" | "rollback", sql: string) => void;


type Query = Parameters<SqlDriverAdapter["queryRaw"]>[0];

function countTransaction(tx: Transaction, on: StatementListener): Transaction {
  return withOverrides(tx, {
    queryRaw: (q: Query) => (on("query", q.sql), tx.queryRaw(q)),
    executeRaw: (q: Query) => (on("execute", q.sql), tx.executeRaw(q)),
    commit: () => (on("commit", "COMMIT"), tx.commit()),
    rollback: () => (on("rollback", "ROLLBACK"), tx.rollback()),
  });
}

function countAdapter(inner: SqlDriverAdapter, on: StatementListener): SqlDriverAdapter {
  const direct = (inner as { directStatement?: DirectStatement }).directStatement;
  return withOverrides(inner, {
    ...(direct ? { directStatement: ((sql, args, types, mode) => (on(mode === "all" ? "query" : "execute", sql), direct(sql, args, types, mode))) satisfies DirectStatement } : {}),
    queryRaw: (q: Query) => (on("query", q.sql), inner.queryRaw(q)),
    executeRaw: (q: Query) => (on("execute", q.sql), inner.executeRaw(q)),
    async startTransaction(isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) {
      on("begin", "BEGIN");
      return countTransaction(await inner.startTransaction(isolationLevel), on);
    },
  });
}

/** The adapter factory, reporting each statement of the adapters it connects. */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F, on: StatementListener): F {
  const connect = factory.connect.bind(factory);
  return withOverrides(factory, { connect: async () => countAdapter(await connect(), on) } as Partial<Record<keyof F, unknown>>);
}
