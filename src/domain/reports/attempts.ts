// Wrong receipt codes are rate-limited without keeping identities: attempts are counted
// under a hash of the Telegram id keyed with a key that changes every day, so yesterday's
// counters cannot be linked to today's, nor to anyone, once the day's key is gone.
import { createHmac } from "node:crypto";

export const MAX_WRONG_RECEIPTS_PER_DAY = 5;

/** The counter key of one Telegram account for one day. `dayKey` is derived per day. */
export function attemptKey(dayKey: Buffer, telegramId: number): string {
  return createHmac("sha256", dayKey).update(`receipt-attempts:${telegramId}`).digest("hex");
}

/** A day's key from a secret and the date: the secret never leaves the process. */
export function dailyKey(secret: Buffer, isoDate: string): Buffer {
  return createHmac("sha256", secret).update(`adal:attempts:${isoDate}`).digest();
}
