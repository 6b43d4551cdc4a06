import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countToday, DayKeys, incrementToday, purgeOldCounters } from "../../../src/db/repositories/daily-counters.js";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(() => db.destroy());

const alice = 5_123_456_789;
const bob = 987_654_321;
const day1 = "2026-03-02";
const day2 = "2026-03-03";

describe("daily counters", () => {
  it("count per purpose and per Telegram id, independently", async () => {
    expect(await countToday(db.prisma, day1, "wrong-receipt", alice)).toBe(0);
    expect(await incrementToday(db.prisma, day1, "wrong-receipt", alice)).toBe(1);
    expect(await incrementToday(db.prisma, day1, "wrong-receipt", alice)).toBe(2);
    expect(await incrementToday(db.prisma, day1, "report", alice)).toBe(1);
    expect(await incrementToday(db.prisma, day1, "wrong-receipt", bob)).toBe(1);
    expect(await incrementToday(db.prisma, day1, "addition", bob)).toBe(1);
    expect(await countToday(db.prisma, day1, "wrong-receipt", alice)).toBe(2);
    expect(await countToday(db.prisma, day1, "report", alice)).toBe(1);
    expect(await countToday(db.prisma, day1, "addition", alice)).toBe(0);
    expect(await countToday(db.prisma, day1, "wrong-receipt", bob)).toBe(1);
    expect(await countToday(db.prisma, day1, "report", bob)).toBe(0);
    expect(await db.prisma.dailyCounter.count()).toBe(4);
  });

  it("a new day starts from zero under a different key", async () => {
    await incrementToday(db.prisma, day1, "wrong-receipt", alice);
    await incrementToday(db.prisma, day1, "wrong-receipt", alice);
    expect(await countToday(db.prisma, day2, "wrong-receipt", alice)).toBe(0);
    expect(await incrementToday(db.prisma, day2, "wrong-receipt", alice)).toBe(1);
    const rows = await db.prisma.dailyCounter.findMany({ orderBy: { day: "asc" } });
    expect(rows.map((r) => [r.day, r.count])).toEqual([
      [day1, 2],
      [day2, 1],
    ]);
    expect(rows[0]!.key).not.toBe(rows[1]!.key);
    // Only the purpose prefix is shared: the hashes of the two days have nothing in common.
    expect(rows[0]!.key.split(":")[1]).not.toBe(rows[1]!.key.split(":")[1]);
    // The day keys live in memory only: nothing about them is in the database.
    expect(await db.prisma.setting.count()).toBe(0);
  });

  it("the day's key never leaves the process: another process (or the master key) cannot find an account's counter", async () => {
    await incrementToday(db.prisma, day1, "report", alice);
    expect(await countToday(db.prisma, day1, "report", alice)).toBe(1);
    const elsewhere = new DayKeys();
    expect(await countToday(db.prisma, day1, "report", alice, elsewhere)).toBe(0);
    expect(await db.prisma.dailyCounter.count()).toBe(1);
  });

  it("a day's key is forgotten once a later day is used", () => {
    const keys = new DayKeys();
    const first = keys.of(day1);
    expect(keys.of(day1)).toBe(first);
    keys.of(day2);
    expect(keys.of(day1).equals(first)).toBe(false);
  });

  it("neither the key column nor the settings hold the Telegram id", async () => {
    for (const id of [alice, bob]) {
      await incrementToday(db.prisma, day1, "wrong-receipt", id);
      await incrementToday(db.prisma, day1, "report", id);
    }
    const counters = await db.prisma.dailyCounter.findMany();
    const settings = await db.prisma.setting.findMany();
    expect(settings).toEqual([]);
    const dump = JSON.stringify(counters);
    for (const id of [alice, bob]) {
      expect(dump).not.toContain(String(id));
      expect(dump).not.toContain(id.toString(16));
    }
    for (const c of counters) expect(c.key).toMatch(/^(wrong-receipt|report|addition):[0-9a-f]{64}$/);
  });

  it("purgeOldCounters deletes earlier days' counters and keeps today's", async () => {
    await incrementToday(db.prisma, "2026-02-27", "report", alice);
    await incrementToday(db.prisma, day1, "wrong-receipt", alice);
    await incrementToday(db.prisma, day1, "report", bob);
    await incrementToday(db.prisma, day2, "wrong-receipt", alice);
    await incrementToday(db.prisma, day2, "wrong-receipt", alice);
    await db.prisma.setting.create({ data: { key: "unrelated", value: "x" } });

    expect(await purgeOldCounters(db.prisma, day2)).toBe(3);
    expect((await db.prisma.dailyCounter.findMany()).map((r) => [r.day, r.count])).toEqual([[day2, 2]]);
    expect((await db.prisma.setting.findMany()).map((s) => s.key)).toEqual(["unrelated"]);
    // Today's counts go on.
    expect(await countToday(db.prisma, day2, "wrong-receipt", alice)).toBe(2);
    expect(await incrementToday(db.prisma, day2, "wrong-receipt", alice)).toBe(3);
    // Nothing left to purge.
    expect(await purgeOldCounters(db.prisma, day2)).toBe(0);
  });

  it("concurrent increments are all counted, even on the day's first use", async () => {
    const counts = await Promise.all(Array.from({ length: 10 }, () => incrementToday(db.prisma, day1, "wrong-receipt", alice)));
    expect(counts.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await countToday(db.prisma, day1, "wrong-receipt", alice)).toBe(10);
    expect(await db.prisma.dailyCounter.count()).toBe(1);
  });

  it("concurrent increments for different ids on a fresh day are counted apart", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => 100_000 + i);
    await Promise.all(ids.map((id) => incrementToday(db.prisma, day1, "report", id)));
    for (const id of ids) expect(await countToday(db.prisma, day1, "report", id)).toBe(1);
    expect(await db.prisma.dailyCounter.count()).toBe(10);
  });
});
