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
  // Concurrent clones of one template collide ("source database is being accessed by
  // other users"); test files start together, so retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE ${info.template}`);
      break;
    } catch (error) {
      if (attempt >= 40 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const auth = connection.password ? `${encodeURIComponent(connection.user)}:${encodeURIComponent(connection.password)}` : encodeURIComponent(connection.user);
  const url = `postgresql://${auth}@${connection.host}:${connection.port}/${dbName}`;
  const db = await openDatabase(url, { poolSize: 4 });
  return {
    ...db,
    url,
    async destroy() {
      await db.close();
      const c = new pg.Client(connection);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    },
  };
}
