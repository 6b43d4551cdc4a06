// Applies the SQL migrations that Prisma produced (scripts/db-migration.mjs) to SQLite or
// PostgreSQL. A small runner instead of `prisma migrate deploy` because the embedded default
// migrates itself at every start (the CLI costs seconds and a child process) and because
// @prisma/adapter-pg 6.19 cannot run the CLI's migration queries unpatched (STACK.md).
// Applied migrations are recorded with a checksum; an edited migration is refused.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { packageRoot } from "../paths.js";
import type { DatabaseTarget } from "./url.js";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const TABLE = "_adal_migrations";
// Arbitrary constant: instances starting together wait on this lock instead of racing.
const PG_LOCK_KEY = 738_120_461;

export function migrationsDir(provider: DatabaseTarget["provider"]): string {
  return join(packageRoot(), "prisma", provider, "migrations");
}

export function loadMigrations(provider: DatabaseTarget["provider"]): Migration[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function verify(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  const known = new Set(migrations.map((m) => m.name));
  for (const [name] of applied) {
    if (!known.has(name)) throw new Error(`database has migration ${name}, which this version of Adal does not know: is it older than the database?`);
  }
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum !== undefined && sum !== m.checksum) {
      throw new Error(`migration ${m.name} was changed after it had been applied (checksum mismatch)`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

export function migrateSqlite(file: string, migrations = loadMigrations("sqlite")): MigrationResult {
  const db = new Sqlite(file);
  try {
    // WAL lets readers continue while the bot writes; it is a property of the file.
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const run = db.transaction(() => {
      const rows = db.prepare(`SELECT name, checksum FROM "${TABLE}"`).all() as { name: string; checksum: string }[];
      const pending = verify(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
      const insert = db.prepare(`INSERT INTO "${TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`);
      for (const m of pending) {
        db.exec(m.sql);
        insert.run(m.name, m.checksum, new Date().toISOString());
      }
      return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

export async function migratePostgres(config: pg.ClientConfig, migrations = loadMigrations("postgres")): Promise<MigrationResult> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${TABLE}"`);
    const pending = verify(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${TABLE}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    // Closing the connection releases the session lock too; unlocking first only frees it sooner.
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Names of migrations not yet applied to a PostgreSQL database (empty when up to date). */
export async function pendingPostgres(config: pg.ClientConfig, migrations = loadMigrations("postgres")): Promise<string[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('"${TABLE}"') AS t`);
    if (!exists.rows[0]?.t) return migrations.map((m) => m.name);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${TABLE}"`);
    return verify(new Map(rows.map((r) => [r.name, r.checksum])), migrations).map((m) => m.name);
  } finally {
    await client.end();
  }
}

export async function migrate(target: DatabaseTarget): Promise<MigrationResult> {
  return target.provider === "sqlite" ? migrateSqlite(target.file) : migratePostgres(target.connection);
}
