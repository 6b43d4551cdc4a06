import type { Database } from "../db/client.js";
import type { Job } from "../scheduler.js";
import { deleteBotStateOlderThan } from "../db/repositories/bot-state.js";
import { purgeExpiredDrafts } from "../db/repositories/survey-answers.js";
import { purgeOldCounters } from "../db/repositories/daily-counters.js";
import { purgeDigestsBefore } from "../db/repositories/summaries.js";
import { addCalendarDays } from "../domain/calendar/days.js";
import { DEFAULT_TIME_ZONE, toIsoDate } from "../domain/calendar/time-zone.js";

/** Sessions (and the rows of the former conversations plugin) older than this are deleted. */
export const STALE_STATE_DAYS = 14;
/** Weekly digest ledger rows (jobs/weekly-digest.ts) older than this are deleted. */
export const DIGEST_LEDGER_DAYS = 366;

export async function purgeStaleBotState(db: Database, now: Date): Promise<number> {
  return deleteBotStateOlderThan(db.prisma, new Date(now.getTime() - STALE_STATE_DAYS * 86_400_000));
}

export function housekeepingJob(db: Database, now: () => Date, timeZone: string = DEFAULT_TIME_ZONE): Job {
  return {
    name: "housekeeping",
    schedule: "17 3 * * *",
    run: async () => {
      await purgeStaleBotState(db, now());
      // Unfinished survey answers expire (PRODUCT.md: drafts live apart and expire).
      await purgeExpiredDrafts(db.prisma, now());
      // Abuse counters of anonymous reports and their daily keys live for their day only.
      await purgeOldCounters(db.prisma, toIsoDate(now(), timeZone));
      // The weekly digest's ledger is needed for the running week only; a year is kept for questions.
      await purgeDigestsBefore(db.prisma, addCalendarDays(toIsoDate(now(), timeZone), -DIGEST_LEDGER_DAYS));
    },
  };
}
