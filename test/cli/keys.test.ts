// `adal keys …` spawned from source as operators run it. The key file of the embedded default
// (always a SQLite file here): rotate writes the new key first and keeps the old one (0600, its
// folder 0700), re-encrypts; killed with SIGKILL half way it resumes when run again; retire
// refuses while ciphertexts remain, then asks for --force (keyed hashes). ENCRYPTION_KEY with
// a list (new,old) on the suite's database (SQLite or PostgreSQL).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { migrateSqlite } from "../../src/db/migrate.js";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { createKeyring, KEY_FILE, keyId, loadOrCreateKeyFile, readKeyFile, type Keyring } from "../../src/domain/crypto.js";
import type { Db } from "../../src/db/client.js";
import { keyCensus } from "../../src/services/key-rotation.js";
import { verifyKey } from "../../src/services/keys.js";
import { addFromReporter, fileReport, findByReceipt, type ReportServiceDeps } from "../../src/services/reports.js";
import { DEFAULT_REPORT_POLICY } from "../../src/domain/reports/case.js";
import { createTestDatabase } from "../support/db.js";

const root = join(__dirname, "..", "..");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function spawnAdal(args: string[], env: Record<string, string>, cwd: string): ChildProcess {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(BOT_|DATABASE_URL|WEBHOOK_|ENCRYPTION_KEY|COMPLIANCE_|DATA_DIR|HTTP_|TELEGRAM_)/.test(k)));
  return spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules", "tsx", "dist", "loader.mjs")).href, join(root, "test", "support", "cli-entry.ts"), ...args], { cwd, env: { ...clean, ...env } });
}

function adal(args: string[], env: Record<string, string>, cwd: string, killWhen?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawnAdal(args, env, cwd);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      if (killWhen?.(stdout)) child.kill("SIGKILL");
    });
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const svcOf = (db: Db, keyring: Keyring): ReportServiceDeps => ({ db, keyring, calendar: createWorkCalendar(), now: () => new Date("2026-03-02T05:00:00Z"), timeZone: "Asia/Almaty", policy: DEFAULT_REPORT_POLICY });

/** A report with `entries` additions, filed under `keyring`; returns its receipt. */
async function seedReport(db: Db, keyring: Keyring, entries: number): Promise<string> {
  const svc = svcOf(db, keyring);
  const filed = await fileReport(svc, { category: "bribery", involvesManagement: false, content: { what: "Взятка", whenWhere: "кабинет 305", attachments: [] } });
  for (let i = 0; i < entries; i++) await addFromReporter(svc, filed.id, { text: `Дополнение ${i}` });
  return filed.receipt;
}

describe("adal keys with the key file of the embedded default", () => {
  it("rotates (killed half way, resumed), keeps the old key for receipts, and retires it only when nothing is under it", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "adal-keys-cli-"));
    dirs.push(cwd);
    const dataDir = join(cwd, "data");
    const file = join(dataDir, "adal.db");
    const keyFile = join(dataDir, KEY_FILE);
    // A folder as loose as an old installation left it: the rotation tightens it to 0700.
    mkdirSync(dataDir, { mode: 0o755 });
    migrateSqlite(file);
    const old = loadOrCreateKeyFile(dataDir).key;
    const oldRing = createKeyring([old]);
    const db = await openDatabase(`file:${file}`);
    await verifyKey(db.prisma, oldRing);
    const receipt = await seedReport(db.prisma, oldRing, 150);
    await db.close();
    const env = { DATA_DIR: dataDir };

    const status = await adal(["keys", "status"], env, cwd);
    expect(status.stdout).toContain(`keys (current first): ${keyId(old)}`);
    expect(status.stdout).toMatch(/ReportEntry\.body\s+\w+: 150/);

    // Killed (SIGKILL) once the first column is done, while the entries are re-encrypted one per transaction.
    const killed = await adal(["keys", "rotate", "--batch", "1"], env, cwd, (out) => /Report\.content\s+1 re-encrypted/.test(out));
    expect(killed.status).toBeNull();
    const keys = readKeyFile(keyFile);
    expect(keys).toHaveLength(2);
    expect(keys[1]!.equals(old)).toBe(true);
    const rotated = createKeyring(keys);
    const half = await openDatabase(`file:${file}`);
    expect((await keyCensus(half.prisma, rotated)).pending).toBeGreaterThan(0);
    await half.close();

    const refused = await adal(["keys", "retire", keyId(old)], env, cwd);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/still encrypts data: .*ReportEntry\.body \d+/);

    const resumed = await adal(["keys", "rotate"], env, cwd);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`resuming the rotation to key ${rotated.currentKeyId}`);
    expect(resumed.stdout).toMatch(/key check value recorded/);
    expect(readKeyFile(keyFile)).toHaveLength(2); // no third key: the unfinished rotation was finished
    expect((await adal(["keys", "status"], env, cwd)).stdout).toContain(`every ciphertext is under the current key ${rotated.currentKeyId}`);

    for (const [path, mode] of [[keyFile, 0o600], [file, 0o600], [dataDir, 0o700]] as const) expect(statSync(path).mode & 0o777, path).toBe(mode);

    const after = await openDatabase(`file:${file}`);
    expect(await findByReceipt(svcOf(after.prisma, rotated), receipt)).not.toBeNull();
    await after.close();

    const unforced = await adal(["keys", "retire", keyId(old)], env, cwd);
    expect(unforced.status).toBe(1);
    expect(unforced.stderr).toMatch(/keyed hashes under .* stop matching.*--force/);
    const forced = await adal(["keys", "retire", keyId(old), "--force"], env, cwd);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(keyFile, "utf8").trim().split("\n")).toHaveLength(1);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    // A second rotation generates another key and keeps the one before.
    const again = await adal(["keys", "rotate"], env, cwd);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^key file .*: new key \w+ first, kept /m);
    expect(readKeyFile(keyFile)).toHaveLength(2);
  }, 120_000);

  it("refuses without a key file, and with a wrong key", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "adal-keys-cli-"));
    dirs.push(cwd);
    const file = join(cwd, "adal.db");
    migrateSqlite(file);
    const db = await openDatabase(`file:${file}`);
    await verifyKey(db.prisma, createKeyring([Buffer.alloc(32, 1)]));
    await db.close();
    const missing = await adal(["keys", "rotate"], { DATA_DIR: cwd }, cwd);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no encryption key/);
    const wrong = await adal(["keys", "rotate"], { DATA_DIR: cwd, ENCRYPTION_KEY: Buffer.alloc(32, 2).toString("hex") }, cwd);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/does not match the key this database was written with/);
  }, 60_000);
});

describe("adal keys with ENCRYPTION_KEY (the suite's database)", () => {
  it("re-encrypts under the first key of the list; a second run has nothing to do", async () => {
    const db = await createTestDatabase();
    const cwd = mkdtempSync(join(tmpdir(), "adal-keys-env-"));
    dirs.push(cwd);
    try {
      const [oldKey, newKey] = [Buffer.alloc(32, 5), Buffer.alloc(32, 6)];
      const oldRing = createKeyring([oldKey]);
      await verifyKey(db.prisma, oldRing);
      const receipt = await seedReport(db.prisma, oldRing, 3);
      const env = { DATABASE_URL: db.url, ENCRYPTION_KEY: `${newKey.toString("hex")},${oldKey.toString("hex")}` };
      const run = await adal(["keys", "rotate"], env, cwd);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/resuming the rotation to key/);
      expect(run.stdout).toMatch(/ReportEntry\.body\s+3 re-encrypted/);
      const rotated = createKeyring([newKey, oldKey]);
      expect((await keyCensus(db.prisma, rotated)).pending).toBe(0);
      expect(await findByReceipt(svcOf(db.prisma, rotated), receipt)).not.toBeNull();
      const nothing = await adal(["keys", "rotate"], env, cwd);
      expect(nothing.status).toBe(0);
      expect(nothing.stdout).toMatch(/nothing to re-encrypt/);
      const withKey = await adal(["keys", "rotate", "--key", Buffer.alloc(32, 8).toString("hex")], env, cwd);
      expect(withKey.status).toBe(2);
      expect(withKey.stderr).toMatch(/put the new key first in ENCRYPTION_KEY/);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
