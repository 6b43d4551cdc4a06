// Keys fail safe: the check value stored with the data refuses another key; a database with
// data and no key file beside it refuses a new key.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKeyring, KEY_FILE } from "../../src/domain/crypto.js";
import { createLogger } from "../../src/logger.js";
import { KEY_CHECK_SETTING, KeyMismatchError, MissingKeyFileError, recordKeyCheck, resolveKeyring, verifyKey } from "../../src/services/keys.js";
import { getSetting } from "../../src/db/repositories/settings.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { LogCapture } from "../support/harness.js";

let db: TestDatabase | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await db?.destroy();
  db = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const keyA = createKeyring([Buffer.alloc(32, 1)]);
const keyB = createKeyring([Buffer.alloc(32, 2)]);

describe("the key check value", () => {
  it("is recorded at the first start, matches the same key, and refuses another", async () => {
    db = await createTestDatabase();
    expect(await verifyKey(db.prisma, keyA)).toBe("recorded");
    const stored = await getSetting(db.prisma, KEY_CHECK_SETTING);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyKey(db.prisma, keyA)).toBe("matched");
    await expect(verifyKey(db.prisma, keyB)).rejects.toBeInstanceOf(KeyMismatchError);
    await expect(verifyKey(db.prisma, keyB)).rejects.toThrow(/does not match the key this database was written with/);
    // Nothing was overwritten by the refused key.
    expect(await getSetting(db.prisma, KEY_CHECK_SETTING)).toBe(stored);
  });

  it("accepts a database whose check value is under an older key of the list (a rotation half done)", async () => {
    db = await createTestDatabase();
    await verifyKey(db.prisma, keyA);
    const rotated = createKeyring([Buffer.alloc(32, 2), Buffer.alloc(32, 1)]);
    expect(await verifyKey(db.prisma, rotated)).toBe("previous");
    await recordKeyCheck(db.prisma, rotated);
    expect(await verifyKey(db.prisma, rotated)).toBe("matched");
    expect(await verifyKey(db.prisma, keyB)).toBe("matched");
    // Once recorded for the new key, the old key alone is refused: it cannot read the new data.
    await expect(verifyKey(db.prisma, keyA)).rejects.toBeInstanceOf(KeyMismatchError);
  });

  it("tools that only read never record a key, but refuse a wrong one", async () => {
    db = await createTestDatabase();
    expect(await verifyKey(db.prisma, keyB, { record: false })).toBe("unknown");
    expect(await getSetting(db.prisma, KEY_CHECK_SETTING)).toBeNull();
    await verifyKey(db.prisma, keyA);
    await expect(verifyKey(db.prisma, keyB, { record: false })).rejects.toBeInstanceOf(KeyMismatchError);
  });

  it("of two instances starting at once with different keys, one records and the other is refused", async () => {
    db = await createTestDatabase();
    const results = await Promise.allSettled([verifyKey(db.prisma, keyA), verifyKey(db.prisma, keyB)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});

describe("the key file of the embedded default", () => {
  const logger = createLogger("debug", new LogCapture());
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "adal-keys-"));
    dirs.push(dir);
    return dir;
  };

  it("is generated beside a new database", () => {
    const dir = dataDir();
    resolveKeyring({ dataDir: dir, databaseUrl: `file:${join(dir, "adal.db")}` }, logger);
    expect(existsSync(join(dir, KEY_FILE))).toBe(true);
  });

  it("missing beside a database with data: refused, and no new key is written", () => {
    const dir = dataDir();
    writeFileSync(join(dir, "adal.db"), "SQLite format 3\u0000 (a database with data)");
    expect(() => resolveKeyring({ dataDir: dir, databaseUrl: `file:${join(dir, "adal.db")}` }, logger)).toThrow(MissingKeyFileError);
    expect(() => resolveKeyring({ dataDir: dir, databaseUrl: `file:${join(dir, "adal.db")}` }, logger)).toThrow(/key file .* is missing/);
    expect(existsSync(join(dir, KEY_FILE))).toBe(false);
  });

  it("is not needed when the key is configured", () => {
    const dir = dataDir();
    writeFileSync(join(dir, "adal.db"), "data");
    const keyring = resolveKeyring({ encryptionKeys: [Buffer.alloc(32, 1)], dataDir: dir, databaseUrl: `file:${join(dir, "adal.db")}` }, logger);
    expect(keyring.currentKeyId).toBe(keyA.currentKeyId);
  });
});
