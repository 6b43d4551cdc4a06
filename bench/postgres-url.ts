// The PostgreSQL database a bench measures on: BENCH_POSTGRES_URL, else a DATABASE_URL of
// PostgreSQL, else the local server's `adal_bench` database (created when missing); null when
// no server answers (the bench then measures SQLite only).
import pg from "pg";

export async function benchPostgresUrl(): Promise<string | null> {
  const given = process.env.BENCH_POSTGRES_URL ?? (/^postgres/i.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null);
  if (given) return given;
  const admin = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "postgres", connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'adal_bench'");
    if (!rowCount) await admin.query("CREATE DATABASE adal_bench");
    return "postgresql://postgres@127.0.0.1:5432/adal_bench";
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
}
