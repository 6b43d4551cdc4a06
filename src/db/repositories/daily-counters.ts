// Abuse limits without identities (PRODUCT.md §2): attempts are counted under a hash of
// the Telegram id keyed with a random key of the day. The key lives (encrypted) in the
// settings table only for its day; housekeeping deletes it and the day's counters after,
// so nothing links yesterday's counters to an account — not even with the master key.
import { randomBytes } from "node:crypto";
import type { Db } from "../client.js";
import type { Keyring } from "../../domain/crypto.js";
import { attemptKey } from "../../domain/reports/attempts.js";

export type CounterPurpose = "wrong-receipt" | "report" | "addition";

const keyName = (day: string) => `daily-key:${day}`;

async function dayKey(db: Db, keyring: Keyring, day: string): Promise<Buffer> {
  const existing = await db.setting.findUnique({ where: { key: keyName(day) } });
  if (existing) return keyring.decrypt(existing.value);
  const fresh = randomBytes(32);
  try {
    await db.setting.create({ data: { key: keyName(day), value: keyring.encrypt(fresh) } });
    return fresh;
  } catch {
    // Another instance created the day's key first: use theirs.
    const row = await db.setting.findUniqueOrThrow({ where: { key: keyName(day) } });
    return keyring.decrypt(row.value);
  }
}

async function counterKey(db: Db, keyring: Keyring, day: string, purpose: CounterPurpose, telegramId: number): Promise<string> {
  return `${purpose}:${attemptKey(await dayKey(db, keyring, day), telegramId)}`;
}

export async function countToday(db: Db, keyring: Keyring, day: string, purpose: CounterPurpose, telegramId: number): Promise<number> {
  const row = await db.dailyCounter.findUnique({ where: { key: await counterKey(db, keyring, day, purpose, telegramId) } });
  return row?.count ?? 0;
}

/** Adds one and returns the new count. */
export async function incrementToday(db: Db, keyring: Keyring, day: string, purpose: CounterPurpose, telegramId: number): Promise<number> {
  const key = await counterKey(db, keyring, day, purpose, telegramId);
  for (let attempt = 0; ; attempt++) {
    try {
      const row = await db.dailyCounter.upsert({ where: { key }, create: { key, day, count: 1 }, update: { count: { increment: 1 } } });
      return row.count;
    } catch (error) {
      // Two first attempts at once: the loser's insert fails; the update then succeeds.
      if (attempt >= 2) throw error;
    }
  }
}

/** Deletes the keys and counters of days before `today`. */
export async function purgeOldCounters(db: Db, today: string): Promise<number> {
  const { count } = await db.dailyCounter.deleteMany({ where: { day: { lt: today } } });
  const keys = await db.setting.findMany({ where: { key: { startsWith: "daily-key:" } }, select: { key: true } });
  const old = keys.map((k) => k.key).filter((k) => k.slice("daily-key:".length) < today);
  if (old.length) await db.setting.deleteMany({ where: { key: { in: old } } });
  return count;
}
