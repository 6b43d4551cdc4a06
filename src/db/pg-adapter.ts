// The PostgreSQL driver adapter with a fast path for the statements of direct-sql.ts. Prisma's
// pg adapter sends every statement unnamed: the server parses and plans it anew each time, and
// on a machine where the bot and PostgreSQL share the cores that is the bot's time too. The
// few hot statements (the user with the session row, the respondent's state, the draft's
// upsert) run here as named prepared statements on the adapter's own pool — parsed once per
// connection — with the same argument forms as Prisma's adapter writes (timestamps as UTC
// text) and rows as objects (bigint as text, timestamps as ISO text in UTC).
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { ArgScalarType } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { placeholders, type DirectStatement } from "./direct-sql.js";
import { withOverrides } from "./with-overrides.js";

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** Result values: timestamps without time zone are UTC (as Prisma writes them), not the process's local time. */
const resultTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (text: string) => `${text.replace(" ", "T")}Z`;
    if (oid === TIMESTAMPTZ) return (text: string) => new Date(text).toISOString();
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** An argument as Prisma's pg adapter binds it (its mapArg, for the types the direct path uses). */
function bindable(arg: unknown, type: ArgScalarType | undefined): unknown {
  if (arg === null || arg === undefined) return null;
  const date = arg instanceof Date ? arg : type === "datetime" && typeof arg === "string" ? new Date(arg) : null;
  // "YYYY-MM-DD HH:MM:SS.mmm" in UTC: a timestamp column would drop an offset, not apply it.
  if (date) return date.toISOString().replace("T", " ").replace("Z", "");
  return arg;
}

function directStatements(pool: pg.Pool): DirectStatement {
  const names = new Map<string, { name: string; text: string }>();
  const named = (sql: string) => {
    let entry = names.get(sql);
    if (!entry) {
      const text = placeholders(sql, "postgres");
      entry = { name: `adal_${createHash("sha256").update(text).digest("hex").slice(0, 16)}`, text };
      if (names.size >= 64) names.clear();
      names.set(sql, entry);
    }
    return entry;
  };
  return async (sql, args, types, mode) => {
    const { name, text } = named(sql);
    const result = await pool.query({ name, text, values: args.map((a, i) => bindable(a, types[i])), types: resultTypes });
    return mode === "all" ? result.rows : (result.rowCount ?? 0);
  };
}

/** PrismaPg, whose connected adapter also offers the direct path's statements (direct-sql.ts). */
export function pgAdapterWithDirectPath(config: ConstructorParameters<typeof PrismaPg>[0]): PrismaPg {
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  return withOverrides(factory, {
    connect: async () => {
      const adapter: Adapter = await connect();
      const pool = (adapter as unknown as { client: pg.Pool }).client;
      return withOverrides(adapter, { directStatement: directStatements(pool) });
    },
  });
}
