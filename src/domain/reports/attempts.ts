// Wrong receipt codes are rate-limited without keeping identities: attempts are counted
// under a hash of the Telegram id keyed with a random key that changes every day and lives
// only in memory (db/repositories/daily-counters.ts), so counters cannot be linked to anyone.
import { createHmac } from "node:crypto";

export const MAX_WRONG_RECEIPTS_PER_DAY = 5;

/** The counter key of one Telegram account under one day's key. */
export function attemptKey(dayKey: Buffer, telegramId: number): string {
  return createHmac("sha256", dayKey).update(`receipt-attempts:${telegramId}`).digest("hex");
}
