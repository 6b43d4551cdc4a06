// An attacker's tool: replays a copied SQLite database file and its WAL commit by commit, the
// way anyone holding a backup or a volume snapshot of `adal.db` + `adal.db-wal` can, and reads
// every table as it was after each commit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";

export type TableRows = Record<string, Record<string, unknown>[]>;

export interface WalCommit {
  /** 1-based position of the commit in the WAL. */
  index: number;
  /** Every table (but SQLite's own) after this commit. */
  tables: TableRows;
}

/** Reads every table of an SQLite image (bytes of a database file). */
export function readImage(image: Buffer): TableRows {
  const dir = mkdtempSync(join(tmpdir(), "adal-wal-"));
  const file = join(dir, "snapshot.db");
  const copy = Buffer.from(image);
  // Bytes 18–19 say "WAL mode"; a snapshot is a plain file.
  if (copy.length >= 20) copy[18] = copy[19] = 1;
  writeFileSync(file, copy);
  const db = new Sqlite(file, { readonly: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    const tables: TableRows = {};
    for (const name of names) tables[name] = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    return tables;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The states after each commit found in the WAL (frames with the header's salts). */
export function replayWal(dbFile: Buffer, walFile: Buffer): WalCommit[] {
  if (walFile.length < 32) return [];
  const pageSize = walFile.readUInt32BE(8);
  const salt1 = walFile.readUInt32BE(16);
  const salt2 = walFile.readUInt32BE(20);
  let image = Buffer.from(dbFile);
  const pending = new Map<number, Buffer>();
  const commits: WalCommit[] = [];
  for (let at = 32; at + 24 + pageSize <= walFile.length; at += 24 + pageSize) {
    if (walFile.readUInt32BE(at + 8) !== salt1 || walFile.readUInt32BE(at + 12) !== salt2) break;
    const page = walFile.readUInt32BE(at);
    const sizeAfterCommit = walFile.readUInt32BE(at + 4);
    pending.set(page, walFile.subarray(at + 24, at + 24 + pageSize));
    if (sizeAfterCommit === 0) continue;
    const next = Buffer.alloc(sizeAfterCommit * pageSize);
    image.copy(next, 0, 0, Math.min(image.length, next.length));
    for (const [n, data] of pending) if (n <= sizeAfterCommit) data.copy(next, (n - 1) * pageSize);
    pending.clear();
    image = next;
    commits.push({ index: commits.length + 1, tables: readImage(image) });
  }
  return commits;
}

export function readFiles(dbPath: string): { db: Buffer; wal: Buffer } {
  let wal = Buffer.alloc(0);
  try {
    wal = readFileSync(`${dbPath}-wal`);
  } catch {
    // no WAL: everything is in the file
  }
  return { db: readFileSync(dbPath), wal };
}
