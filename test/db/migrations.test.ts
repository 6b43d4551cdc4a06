// The two databases never drift from prisma/models.prisma:
// 1. the derived per-provider schemas are regenerated from it (byte-identical);
// 2. no model change lacks a migration (Prisma diffs the last migrated snapshot);
// 3. a database built by replaying the migrations has exactly the structure Prisma
//    derives from the current schema, on SQLite and on PostgreSQL.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { loadMigrations, migrateSqlite } from "../../src/db/migrate.js";
import { createTestDatabase } from "../support/db.js";

const root = join(__dirname, "..", "..");
const prismaCli = join(root, "node_modules", "prisma", "build", "index.js");

function fromEmptySql(provider: "sqlite" | "postgres"): string {
  return execFileSync(
    process.execPath,
    [prismaCli, "migrate", "diff", "--config", join(root, "prisma", `${provider}.config.ts`), "--from-empty", "--to-schema-datamodel", join(root, "prisma", provider, "schema.prisma"), "--script"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: provider === "sqlite" ? ":memory:" : process.env.DATABASE_URL ?? "" } },
  );
}

function sqliteStructure(file: string): string[] {
  const db = new Sqlite(file, { readonly: true });
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_adal_migrations' ORDER BY name`).all() as { name: string }[];
  const out: string[] = [];
  for (const { name } of tables) {
    for (const c of db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]) {
      out.push(`${name}.${c.name} ${c.type} ${c.notnull ? "NOT NULL" : "NULL"} default=${c.dflt_value} pk=${c.pk}`);
    }
    for (const i of db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[]) {
      const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
      out.push(`${name} index ${i.name} unique=${i.unique} (${cols})`);
    }
    for (const f of db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { table: string; from: string; to: string; on_delete: string }[]) {
      out.push(`${name} fk ${f.from}->${f.table}.${f.to} on delete ${f.on_delete}`);
    }
  }
  db.close();
  return out.sort();
}

async function pgStructure(client: pg.Client): Promise<string[]> {
  const cols = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema='public' AND table_name <> '_adal_migrations'`,
  );
  const idx = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname='public' AND tablename <> '_adal_migrations'`);
  const fks = await client.query(
    `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype IN ('f','p','u') AND connamespace='public'::regnamespace AND conrelid::regclass::text <> '_adal_migrations'`,
  );
  return [
    ...cols.rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable} default=${r.column_default}`),
    ...idx.rows.map((r) => `${r.tablename} ${r.indexdef}`),
    ...fks.rows.map((r) => `${r.t} ${r.conname} ${r.def}`),
  ].sort();
}

describe("migrations", () => {
  it("derived schemas are up to date with prisma/models.prisma", () => {
    expect(() => execFileSync(process.execPath, [join(root, "scripts", "db-schemas.mjs"), "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("every model change has a migration for both providers", () => {
    expect(() => execFileSync(process.execPath, [join(root, "scripts", "db-migration.mjs"), "--check"], { cwd: root, stdio: "pipe", env: { ...process.env } })).not.toThrow();
  });

  it("both providers have the same migrations, in the same order", () => {
    expect(loadMigrations("sqlite").map((m) => m.name)).toEqual(loadMigrations("postgres").map((m) => m.name));
  });

  it("SQLite: replayed migrations equal the current schema", () => {
    const dir = mkdtempSync(join(tmpdir(), "adal-drift-"));
    migrateSqlite(join(dir, "migrated.db"));
    const direct = new Sqlite(join(dir, "direct.db"));
    direct.exec(fromEmptySql("sqlite"));
    direct.close();
    expect(sqliteStructure(join(dir, "migrated.db"))).toEqual(sqliteStructure(join(dir, "direct.db")));
  });

  it("SQLite: re-running is a no-op and an edited migration is refused", () => {
    const file = join(mkdtempSync(join(tmpdir(), "adal-mig-")), "a.db");
    const first = migrateSqlite(file);
    expect(first.applied.length).toBe(loadMigrations("sqlite").length);
    expect(migrateSqlite(file).applied).toEqual([]);
    const edited = loadMigrations("sqlite").map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    expect(() => migrateSqlite(file, edited)).toThrow(/changed after it had been applied/);
  });

  it.runIf(inject("testDb").provider === "postgres")("PostgreSQL: replayed migrations equal the current schema", async () => {
    const migrated = await createTestDatabase();
    const direct = await createTestDatabase();
    const conn = (url: string) => new pg.Client({ connectionString: url });
    const a = conn(migrated.url);
    const b = conn(direct.url);
    await a.connect();
    await b.connect();
    try {
      await b.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
      await b.query(fromEmptySql("postgres"));
      expect(await pgStructure(a)).toEqual(await pgStructure(b));
    } finally {
      await a.end();
      await b.end();
      await migrated.destroy();
      await direct.destroy();
    }
  });
});
