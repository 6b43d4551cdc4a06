// Wrong receipt codes are rate-limited without keeping identities: attempts are counted
// under a hash of the Telegram id keyed with a random key that changes every day and lives
// only in memory (db/repositories/daily-counters.ts), so counters cannot be linked to anyone.
import { createHmac } from "node:crypto";

export const MAX_WRONG_RECEIPTS_PER_DAY = 5;

/**
 * The counter key of one Telegram account for one purpose under one day's key. The purpose is
 * hashed in: the same account's counters of reports, additions and wrong receipts do not share
 * a hash, so the table does not even show that one account filed and then followed up.
 */
export function attemptKey(dayKey: Buffer, telegramId: number, purpose = "wrong-receipt"): string {
  return createHmac("sha256", dayKey).update(`counter:${purpose}:${telegramId}`).digest("hex");
}
