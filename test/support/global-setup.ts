// Prepares one migrated template database for the whole run:
// - default: a SQLite file in a temporary folder;
// - DATABASE_URL=postgresql://…: that database is migrated (as `adal migrate` would), and a
//   template database is created beside it from which each test file clones its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres, migrateSqlite } from "../../src/db/migrate.js";
import { parseDatabaseUrl } from "../../src/db/url.js";

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL ?? "";
  if (/^postgres/i.test(url)) {
    const target = parseDatabaseUrl(url);
    if (target.provider !== "postgres") throw new Error("unreachable");
    await migratePostgres(target.connection);
    const template = `adal_tpl_${process.pid}`;
    const admin = new pg.Client(target.connection);
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    await migratePostgres({ ...target.connection, database: template });
    project.provide("testDb", { provider: "postgres", template, connection: JSON.stringify(target.connection) });
    return async () => {
      const c = new pg.Client(target.connection);
      await c.connect();
      const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`adal_t_${process.pid}_%`]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await c.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "adal-test-"));
  const template = join(dir, "template.db");
  migrateSqlite(template);
  project.provide("testDb", { provider: "sqlite", template, connection: "" });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { provider: "sqlite" | "postgres"; template: string; connection: string };
  }
}
