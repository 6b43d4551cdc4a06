// The weekly digest (PRODUCT.md §4): on the first working day of each week (Monday, or the
// next working day when Monday is a day off), from the reminder hour to the end of working
// hours, every compliance officer and observer gets one message with the figures of their
// scope (domain/summaries): their audience's report counts, running campaigns' response rates,
// overdue and upcoming plan due dates with who is late.
//
// Exactly once per person and week: the decision is a SummaryDigest row keyed (userId, week),
// inserted in the same transaction that queues the message in the outbox. A second tick finds
// the row; a second instance's insert fails on the unique key and rolls its message back.
// Nothing is queued when there is nothing to say (the row records "empty", so the figures are
// not read again that day) or for someone who turned the digest off (no row: turning it back on
// the same day still brings this week's digest). A week whose first working day passed while
// the bot was down gets no digest: the news would be late, and /dashboard gives it now.
import { inTransaction, isUniqueViolation, type Database } from "../db/client.js";
import { digestDecided, digestOptOuts, recordDigest } from "../db/repositories/summaries.js";
import { registeredUsersInRoles } from "../db/repositories/users.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import { isLang } from "../domain/lang.js";
import type { Notifier } from "../domain/notifications.js";
import { digestWindow, hasNews, isFirstWorkingDayOfWeek, weekOf, type ReportCounts } from "../domain/summaries/figures.js";
import { DIGEST_ROLES, summaryScopeOf } from "../domain/summaries/policies.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { planInput, reportCounts, runningCampaigns, summaryFor } from "../services/summaries.js";
import { singleFlight, WORKING_HOURS } from "./background.js";

export interface WeeklyDigestDeps {
  db: Database;
  /** The outbox (rendered in features/summaries/notifications.ts). */
  notifier: Notifier;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage" | "reminders">;
  now: () => Date;
}

export interface DigestReport {
  queued: number;
  empty: number;
  optedOut: number;
  /** Decided meanwhile by another instance. */
  lost: number;
}

export function createWeeklyDigest(deps: WeeklyDigestDeps) {
  const db = deps.db.prisma;

  async function tick(): Promise<DigestReport> {
    const report: DigestReport = { queued: 0, empty: 0, optedOut: 0, lost: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    if (!isFirstWorkingDayOfWeek(today, deps.calendar)) return report;
    if (now < zonedDateTime(today, deps.config.reminders.time, deps.config.timeZone) || now >= zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone)) return report;
    const week = weekOf(today);
    const people = await registeredUsersInRoles(db, DIGEST_ROLES);
    const optedOut = await digestOptOuts(db);
    // Read once per tick, and only when someone still waits for this week's digest.
    let shared: { plan: Awaited<ReturnType<typeof planInput>>; campaigns: Awaited<ReturnType<typeof runningCampaigns>>; reports: Map<string, ReportCounts> } | null = null;
    for (const person of people) {
      const scope = summaryScopeOf(person.role);
      if (!scope || person.telegramId === null) continue;
      if (optedOut.has(person.id)) {
        report.optedOut++;
        continue;
      }
      if (await digestDecided(db, person.id, week)) continue;
      shared ??= { plan: await planInput(db, today), campaigns: await runningCampaigns(db), reports: new Map() };
      if (scope.audience && !shared.reports.has(scope.audience)) shared.reports.set(scope.audience, await reportCounts(db, scope.audience, today, digestWindow(today, deps.calendar)));
      const figures = await summaryFor(db, deps.calendar, scope, today, shared);
      const news = hasNews(figures);
      try {
        await inTransaction(db, async (tx) => {
          await recordDigest(tx, { userId: person.id, week, outcome: news ? "queued" : "empty" });
          if (!news) return;
          const notification = { kind: "weeklyDigest" as const, chatId: Number(person.telegramId), lang: isLang(person.language) ? person.language : deps.config.defaultLanguage, week, figures };
          await deps.notifier.queue([{ notification, ref: { on: "weeklyDigest", id: `${person.id}:${week}` } }], tx);
        });
        if (news) report.queued++;
        else report.empty++;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        report.lost++;
      }
    }
    if (report.queued || report.empty || report.lost) deps.logger.info({ event: "weekly_digest", week, ...report }, "weekly digest");
    return report;
  }

  return singleFlight(tick);
}

export type WeeklyDigest = ReturnType<typeof createWeeklyDigest>;
