import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countToday, incrementToday, purgeOldCounters } from "../../src/db/repositories/daily-counters.js";
import { createKeyring } from "../../src/domain/crypto.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.destroy());

const master = randomBytes(32);
const keyring = createKeyring([master]);
const alice = 5_123_456_789;
const bob = 987_654_321;
const day1 = "2026-03-02";
const day2 = "2026-03-03";

describe("daily counters", () => {
  it("count per purpose and per Telegram id, independently", async () => {
    expect(await countToday(db.prisma, keyring, day1, "wrong-receipt", alice)).toBe(0);
    expect(await incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice)).toBe(1);
    expect(await incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice)).toBe(2);
    expect(await incrementToday(db.prisma, keyring, day1, "report", alice)).toBe(1);
    expect(await incrementToday(db.prisma, keyring, day1, "wrong-receipt", bob)).toBe(1);
    expect(await incrementToday(db.prisma, keyring, day1, "addition", bob)).toBe(1);
    expect(await countToday(db.prisma, keyring, day1, "wrong-receipt", alice)).toBe(2);
    expect(await countToday(db.prisma, keyring, day1, "report", alice)).toBe(1);
    expect(await countToday(db.prisma, keyring, day1, "addition", alice)).toBe(0);
    expect(await countToday(db.prisma, keyring, day1, "wrong-receipt", bob)).toBe(1);
    expect(await countToday(db.prisma, keyring, day1, "report", bob)).toBe(0);
    expect(await db.prisma.dailyCounter.count()).toBe(4);
  });

  it("a new day starts from zero under a different key", async () => {
    await incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice);
    await incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice);
    expect(await countToday(db.prisma, keyring, day2, "wrong-receipt", alice)).toBe(0);
    expect(await incrementToday(db.prisma, keyring, day2, "wrong-receipt", alice)).toBe(1);
    const rows = await db.prisma.dailyCounter.findMany({ orderBy: { day: "asc" } });
    expect(rows.map((r) => [r.day, r.count])).toEqual([
      [day1, 2],
      [day2, 1],
    ]);
    expect(rows[0]!.key).not.toBe(rows[1]!.key);
    // Only the purpose prefix is shared: the hashes of the two days have nothing in common.
    expect(rows[0]!.key.split(":")[1]).not.toBe(rows[1]!.key.split(":")[1]);
    // Each day has its own random key in the settings table.
    const keys = await db.prisma.setting.findMany({ where: { key: { startsWith: "daily-key:" } }, orderBy: { key: "asc" } });
    expect(keys.map((k) => k.key)).toEqual([`daily-key:${day1}`, `daily-key:${day2}`]);
    expect(keys[0]!.value).not.toBe(keys[1]!.value);
  });

  it("the day's key is kept for the day: another process with the same master key sees the same counts", async () => {
    await incrementToday(db.prisma, keyring, day1, "report", alice);
    const restarted = createKeyring([master]);
    expect(await countToday(db.prisma, restarted, day1, "report", alice)).toBe(1);
    expect(await incrementToday(db.prisma, restarted, day1, "report", alice)).toBe(2);
  });

  it("neither the key column nor the settings hold the Telegram id", async () => {
    for (const id of [alice, bob]) {
      await incrementToday(db.prisma, keyring, day1, "wrong-receipt", id);
      await incrementToday(db.prisma, keyring, day1, "report", id);
    }
    const counters = await db.prisma.dailyCounter.findMany();
    const settings = await db.prisma.setting.findMany();
    expect(settings.length).toBeGreaterThan(0);
    const dump = JSON.stringify([counters, settings]);
    for (const id of [alice, bob]) {
      expect(dump).not.toContain(String(id));
      expect(dump).not.toContain(id.toString(16));
    }
    for (const c of counters) expect(c.key).toMatch(/^(wrong-receipt|report|addition):[0-9a-f]{64}$/);
    // The day's key is stored encrypted, not in the clear.
    for (const s of settings) expect(s.value).toMatch(/^v1\./);
  });

  it("purgeOldCounters deletes earlier days' counters and keys, and keeps today's", async () => {
    await incrementToday(db.prisma, keyring, "2026-02-27", "report", alice);
    await incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice);
    await incrementToday(db.prisma, keyring, day1, "report", bob);
    await incrementToday(db.prisma, keyring, day2, "wrong-receipt", alice);
    await incrementToday(db.prisma, keyring, day2, "wrong-receipt", alice);
    await db.prisma.setting.create({ data: { key: "unrelated", value: "x" } });

    expect(await purgeOldCounters(db.prisma, day2)).toBe(3);
    expect((await db.prisma.dailyCounter.findMany()).map((r) => [r.day, r.count])).toEqual([[day2, 2]]);
    expect((await db.prisma.setting.findMany({ orderBy: { key: "asc" } })).map((s) => s.key)).toEqual([`daily-key:${day2}`, "unrelated"]);
    // Today's counts go on.
    expect(await countToday(db.prisma, keyring, day2, "wrong-receipt", alice)).toBe(2);
    expect(await incrementToday(db.prisma, keyring, day2, "wrong-receipt", alice)).toBe(3);
    // Nothing left to purge.
    expect(await purgeOldCounters(db.prisma, day2)).toBe(0);
  });

  it("concurrent increments are all counted, even on the day's first use", async () => {
    const counts = await Promise.all(Array.from({ length: 10 }, () => incrementToday(db.prisma, keyring, day1, "wrong-receipt", alice)));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await countToday(db.prisma, keyring, day1, "wrong-receipt", alice)).toBe(10);
    expect(await db.prisma.dailyCounter.count()).toBe(1);
    expect(await db.prisma.setting.count({ where: { key: { startsWith: "daily-key:" } } })).toBe(1);
  });

  it("concurrent increments for different ids on a fresh day share one day key", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => 100_000 + i);
    await Promise.all(ids.map((id) => incrementToday(db.prisma, keyring, day1, "report", id)));
    for (const id of ids) expect(await countToday(db.prisma, keyring, day1, "report", id)).toBe(1);
    expect(await db.prisma.dailyCounter.count()).toBe(10);
  });
});
