// The embedded database's files hold the organisation's data: readable by the bot's user only.
import { chmodSync, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Database, WAL and shared-memory files 0600; the data folder 0700 when the database is in it. */
export function protectSqliteFiles(file: string, dataDir: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
  const dir = resolve(dataDir);
  if (resolve(dirname(file)) === dir && existsSync(dir) && (statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}
