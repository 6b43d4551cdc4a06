// Turns DATABASE_URL into what each driver needs. `file:` URLs and bare paths mean the
// embedded SQLite default; postgres(ql):// means PostgreSQL.
import { isAbsolute, resolve } from "node:path";
import type pg from "pg";

export type DatabaseTarget =
  | { provider: "sqlite"; file: string }
  | { provider: "postgres"; connection: pg.ClientConfig & { host: string; port: number; user: string; database: string } };

export function parseDatabaseUrl(url: string, baseDir = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const u = new URL(url);
    const ssl = u.searchParams.get("sslmode");
    return {
      provider: "postgres",
      // Discrete fields: @prisma/adapter-pg ignores overrides on a connectionString (STACK.md).
      connection: {
        host: decodeURIComponent(u.hostname) || "127.0.0.1",
        port: Number(u.port || 5432),
        user: decodeURIComponent(u.username || "postgres"),
        password: decodeURIComponent(u.password) || undefined,
        database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
        ...(ssl && ssl !== "disable" ? { ssl: { rejectUnauthorized: ssl === "verify-full" } } : {}),
      },
    };
  }
  const path = url.replace(/^file:/i, "").replace(/^\/\/(?=\/)/, "");
  if (!path || /^[a-z]+:\/\//i.test(url)) throw new Error(`unsupported DATABASE_URL: expected file:PATH or postgresql://…`);
  return { provider: "sqlite", file: isAbsolute(path) ? path : resolve(baseDir, path) };
}

/** The URL with any password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
