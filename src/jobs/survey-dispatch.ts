// Campaign housekeeping on every tick: open scheduled campaigns, close finished ones, add
// people who joined the audience, send invitations (throttled), and remind those who have
// not finished — capped, at least two working days apart, inside working hours, never on
// the closing day. Each ledger row is claimed in the database, then marked and its message
// queued in the outbox in one transaction, so two instances never queue it twice; a claim left
// by a crash before that commit is taken over after CLAIM_TTL. The outbox sends it (bot/notifications/sender.ts).
import { isLang } from "../domain/lang.js";
import { inTransaction, type Database } from "../db/client.js";
import { addNewParticipants, campaignsWithStatus, type CampaignRecord } from "../db/repositories/campaigns.js";
import {
  claimInvitation,
  claimReminder,
  invitationsDue,
  messageableUsersById,
  recordInvitation,
  recordReminder,
  reminderCandidates,
} from "../db/repositories/campaign-participants.js";
import type { Keyring } from "../domain/crypto.js";
import { closeSurveyCampaign, foldBallotBoxes, launchCampaign } from "../services/surveys.js";
import { wipeFreedPages } from "../db/repositories/storage-hygiene.js";
import { getDefinition } from "../db/repositories/survey-definitions.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Logger } from "../logger.js";
import type { Notifier, QueuedNotification } from "../domain/notifications.js";
import type { Config } from "../config.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS } from "./background.js";

export const REMINDER_SPACING_WORKING_DAYS = 2;
const PAGE = 500;

export interface DispatchDeps {
  db: Database;
  keyring: Keyring;
  /** The outbox: invitations and reminders are kinds of the survey feature (rendered there). */
  notifier: Notifier;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage" | "surveys">;
  now: () => Date;
}

export interface DispatchReport {
  opened: number;
  closed: number;
  /** Invitations and reminders queued in the outbox. */
  invited: number;
  reminded: number;
  /** Sealed ballots folded into the totals (in batches of at least k). */
  folded: number;
}

export function createSurveyDispatcher(deps: DispatchDeps) {
  const db = deps.db.prisma;
  const ballotBox = { db: deps.db, keyring: deps.keyring, k: deps.config.surveys.minGroup };
  /** A fold or a close wiped during the last tick: wipe once more on this one. */
  let wipedLastTick = false;
  // The person blocked the bot: the invitation failed (reminders are not sent after it).
  deps.notifier.onUndelivered("surveyInvitation", (ref) => recordInvitation(db, Number(ref.id), "blocked", toIsoDate(deps.now(), deps.config.timeZone)));

  async function titleOf(campaign: CampaignRecord): Promise<{ kk: string; ru: string }> {
    return (await getDefinition(db, campaign.definitionId))?.definition.title ?? { kk: "—", ru: "—" };
  }

  /** An invitation or a reminder, in the person's language, with the button that opens the survey. */
  function surveyMessage(user: { telegramId: bigint | null; language: string | null }, campaign: CampaignRecord, title: { kk: string; ru: string }, kind: "surveyInvitation" | "surveyReminder", ledgerId: number): QueuedNotification {
    const lang = isLang(user.language) ? user.language : deps.config.defaultLanguage;
    return { notification: { kind, chatId: Number(user.telegramId), lang, campaignId: campaign.id, title, closesOn: campaign.closesOn }, ref: { on: kind, id: ledgerId } };
  }

  function withinWorkingHours(now: Date, today: string): boolean {
    const from = zonedDateTime(today, WORKING_HOURS.from, deps.config.timeZone);
    const to = zonedDateTime(today, WORKING_HOURS.to, deps.config.timeZone);
    return now >= from && now < to;
  }

  /**
   * Walks the ledger rows matching `where` in id order, PAGE at a time, so that people who
   * cannot be messaged yet (not registered) never hide the ones after them.
   */
  async function* pages<T extends { id: number }>(find: (cursor: number) => Promise<T[]>): AsyncGenerator<T[]> {
    let cursor = 0;
    for (;;) {
      const page = await find(cursor);
      if (!page.length) return;
      yield page;
      cursor = page[page.length - 1]!.id;
    }
  }

  async function sendInvitations(campaign: CampaignRecord, today: string, report: DispatchReport): Promise<void> {
    const cutoff = new Date(deps.now().getTime() - CLAIM_TTL_MS);
    const title = await titleOf(campaign);
    for await (const due of pages((cursor) => invitationsDue(db, campaign.id, cursor, cutoff, PAGE))) {
      const users = await messageableUsersById(db, due.map((d) => d.userId));
      for (const p of due) {
        const user = users.get(p.userId);
        if (!user) continue; // not registered yet: invited when they register
        if (!(await claimInvitation(db, p, deps.now()))) continue; // another instance has it
        // Recorded and queued together: a crash before the commit leaves the claim, taken over later.
        await inTransaction(db, async (tx) => {
          await recordInvitation(tx, p.id, "sent", today);
          await deps.notifier.queue([surveyMessage(user, campaign, title, "surveyInvitation", p.id)], tx);
        });
        report.invited++;
      }
    }
  }

  async function sendReminders(campaign: CampaignRecord, today: string, report: DispatchReport): Promise<void> {
    if (today >= campaign.closesOn) return; // never on the closing day
    const cutoff = new Date(deps.now().getTime() - CLAIM_TTL_MS);
    const title = await titleOf(campaign);
    for await (const candidates of pages((cursor) => reminderCandidates(db, campaign, cursor, cutoff, PAGE))) {
      const due = candidates.filter((p) => {
        const last = p.lastRemindedOn ?? p.invitedOn;
        return last !== null && deps.calendar.workingDaysBetween(last, today) >= REMINDER_SPACING_WORKING_DAYS;
      });
      if (!due.length) continue;
      const users = await messageableUsersById(db, due.map((d) => d.userId));
      for (const p of due) {
        const user = users.get(p.userId);
        if (!user) continue;
        if (!(await claimReminder(db, p, deps.now()))) continue;
        await inTransaction(db, async (tx) => {
          await recordReminder(tx, p.id, "sent", today);
          await deps.notifier.queue([surveyMessage(user, campaign, title, "surveyReminder", p.id)], tx);
        });
        report.reminded++;
      }
    }
  }

  async function tick(): Promise<DispatchReport> {
    const report: DispatchReport = { opened: 0, closed: 0, invited: 0, reminded: 0, folded: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    for (const c of await campaignsWithStatus(db, "scheduled")) {
      if (c.opensOn <= today && (await launchCampaign(db, c)) !== null) report.opened++;
    }
    const open = await campaignsWithStatus(db, "open");
    for (const c of open) {
      // Open through the whole closing day; closed on the next.
      if (c.closesOn < today) {
        if (await closeSurveyCampaign(ballotBox, c, today)) report.closed++;
        continue;
      }
      await addNewParticipants(db, c);
      // Messages only in working hours of working days: nobody is woken at midnight when
      // a campaign opens by itself.
      if (deps.calendar.isWorkingDay(today) && withinWorkingHours(now, today)) {
        await sendInvitations(c, today, report);
        await sendReminders(c, today, report);
      }
    }
    report.folded = await foldBallotBoxes(ballotBox);
    // A fold and a close wipe as they go. Again on every tick while anonymous answers come in,
    // and on the tick after a fold or a close: PostgreSQL cannot remove a row version that a
    // transaction still open at the fold (an autoanalyze, a long export) might see, so one wipe
    // right after the fold is not enough.
    const wiped = report.folded > 0 || report.closed > 0;
    if (!wiped && (wipedLastTick || open.some((c) => c.mode === "anonymous"))) await wipeFreedPages(deps.db);
    wipedLastTick = wiped;
    if (report.opened || report.closed || report.invited || report.reminded || report.folded) {
      deps.logger.info({ event: "survey_dispatch", ...report }, "survey dispatch");
    }
    return report;
  }

  return singleFlight(tick);
}

export type SurveyDispatcher = ReturnType<typeof createSurveyDispatcher>;
