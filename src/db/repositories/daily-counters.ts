// Abuse limits without identities (PRODUCT.md §2): attempts are counted under a hash of
// the Telegram id keyed with a random key of the day. The day's key exists only in this
// process's memory — never in the database, never derived from the master key — so not
// even an administrator holding the database *and* the encryption key can recompute whose
// counter is whose (which would reveal who filed a report today). Yesterday's key is
// dropped, and housekeeping deletes yesterday's rows.
//
// Trade-offs, deliberately accepted: a restart starts the day's counts afresh, and with
// several instances each instance counts under its own key (limits apply per instance).
import { randomBytes } from "node:crypto";
import type { Db } from "../client.js";
import { attemptKey } from "../../domain/reports/attempts.js";

export type CounterPurpose = "wrong-receipt" | "report" | "addition";

/** Random per-day keys held in memory. */
export class DayKeys {
  private readonly keys = new Map<string, Buffer>();

  of(day: string): Buffer {
    let key = this.keys.get(day);
    if (!key) {
      // A new day: earlier days' keys are forgotten for good.
      for (const d of this.keys.keys()) if (d < day) this.keys.delete(d);
      this.keys.set(day, (key = randomBytes(32)));
    }
    return key;
  }
}

/** The keys of this process (the bot and its tests share them). */
export const processDayKeys = new DayKeys();

const counterKey = (keys: DayKeys, day: string, purpose: CounterPurpose, telegramId: number) => `${purpose}:${attemptKey(keys.of(day), telegramId, purpose)}`;

export async function countToday(db: Db, day: string, purpose: CounterPurpose, telegramId: number, keys: DayKeys = processDayKeys): Promise<number> {
  const row = await db.dailyCounter.findUnique({ where: { key: counterKey(keys, day, purpose, telegramId) } });
  return row?.count ?? 0;
}

/** Adds one and returns the new count. */
export async function incrementToday(db: Db, day: string, purpose: CounterPurpose, telegramId: number, keys: DayKeys = processDayKeys): Promise<number> {
  const key = counterKey(keys, day, purpose, telegramId);
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

/** Deletes the counters of days before `today`. */
export async function purgeOldCounters(db: Db, today: string): Promise<number> {
  const { count } = await db.dailyCounter.deleteMany({ where: { day: { lt: today } } });
  return count;
}
