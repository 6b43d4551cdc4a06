// A fresh, migrated database for one test file (or one test): a copy of the run's template.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";

let counter = 0;

export interface TestDatabase extends Database {
  url: string;
  /** Closes and deletes the database. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject("testDb");
  const name = `adal_t_${process.env.VITEST_POOL_ID ?? "0"}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (info.provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "adal-db-"));
    const file = join(dir, "adal.db");
    copyFileSync(info.template, file);
    const url = `file:${file}`;
    const db = await openDatabase(url);
    return {
      ...db,
      url,
      async destroy() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const connection = JSON.parse(info.connection) as pg.ClientConfig & { host: string; port: number; user: string; password?: string };
  // The run's pid is in the template name; the cleanup in global-setup matches adal_t_<pid>.
  const runPid = info.template.replace("adal_tpl_", "");
  const dbName = `adal_t_${runPid}_${name.slice(7)}`.slice(0, 63);
  const admin = new pg.Client(connection);
  await admin.connect();
  // Test files start together and PostgreSQL refuses to clone a template that another
  // CREATE DATABASE is copying at the same moment: clone one at a time, server-wide.
  await admin.query("SELECT pg_advisory_lock(738120499)");
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE ${info.template}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.query("SELECT pg_advisory_unlock(738120499)");
  }
  await admin.end();
  const auth = connection.password ? `${encodeURIComponent(connection.user)}:${encodeURIComponent(connection.password)}` : encodeURIComponent(connection.user);
  const url = `postgresql://${auth}@${connection.host}:${connection.port}/${dbName}`;
  const db = await openDatabase(url, { poolSize: 4 });
  return {
    ...db,
    url,
    async destroy() {
      // Never let teardown hang on a pool that is still draining: DROP … WITH (FORCE)
      // below ends whatever connections remain.
      await Promise.race([db.close(), new Promise((r) => setTimeout(r, 5_000))]);
      const c = new pg.Client(connection);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    },
  };
}
