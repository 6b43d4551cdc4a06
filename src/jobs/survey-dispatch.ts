// Campaign housekeeping on every tick: open scheduled campaigns, close finished ones, add
// people who joined the audience, send invitations (throttled), and remind those who have
// not finished — capped, at least two working days apart, inside working hours, never on
// the closing day. Each message is claimed in the database before it is sent, so two
// instances never send it twice; a claim left by a crash is taken over after CLAIM_TTL.
import { InlineKeyboard, type Api } from "grammy";
import type { Database } from "../db/client.js";
import { addNewParticipants, campaignsWithStatus, closeCampaign, type CampaignRecord } from "../db/repositories/campaigns.js";
import type { Keyring } from "../domain/crypto.js";
import { launchCampaign } from "../services/surveys.js";
import { getDefinition } from "../db/repositories/survey-definitions.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { isLang } from "../i18n.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { deliver } from "../bot/notifications/index.js";
import { Pacer } from "../bot/notifications/pacer.js";
import { openSurveyButton } from "../bot/features/surveys/respondent.js";
import type { Config } from "../config.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS } from "./background.js";
import { formatDay } from "../domain/dates.js";

export const REMINDER_SPACING_WORKING_DAYS = 2;
const PAGE = 500;

export interface DispatchDeps {
  db: Database;
  keyring: Keyring;
  api: Api;
  i18n: I18n;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage">;
  now: () => Date;
  pacer?: Pacer;
}

export interface DispatchReport {
  opened: number;
  closed: number;
  invited: number;
  reminded: number;
  failed: number;
}

export function createSurveyDispatcher(deps: DispatchDeps) {
  const db = deps.db.prisma;
  const pacer = deps.pacer ?? new Pacer();

  async function titleOf(campaign: CampaignRecord): Promise<{ kk: string; ru: string }> {
    return (await getDefinition(db, campaign.definitionId))?.definition.title ?? { kk: "—", ru: "—" };
  }

  /** An invitation or a reminder, in the person's language, with the button that opens the survey. */
  function sendSurveyMessage(user: { telegramId: bigint | null; language: string | null }, campaign: CampaignRecord, title: { kk: string; ru: string }, key: "surveys.invitation" | "surveys.reminder") {
    const lang = isLang(user.language) ? user.language : deps.config.defaultLanguage;
    const t = deps.i18n.t(lang);
    return deliver(deps.api, pacer, Number(user.telegramId), t(key, { title: title[lang], date: formatDay(campaign.closesOn) }), {
      reply_markup: new InlineKeyboard().text(t("surveys.openButton"), openSurveyButton.encode([campaign.id])),
    });
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

  const reachableUsers = async (ids: number[]) =>
    new Map((await db.user.findMany({ where: { id: { in: ids }, telegramId: { not: null }, active: true } })).map((u) => [u.id, u]));

  async function sendInvitations(campaign: CampaignRecord, today: string, report: DispatchReport): Promise<void> {
    const cutoff = new Date(deps.now().getTime() - CLAIM_TTL_MS);
    const title = await titleOf(campaign);
    const find = (cursor: number) =>
      db.campaignParticipant.findMany({
        where: { campaignId: campaign.id, id: { gt: cursor }, OR: [{ inviteStatus: "pending" }, { inviteStatus: "sending", inviteClaimedAt: { lt: cutoff } }] },
        select: { id: true, userId: true, inviteStatus: true, inviteClaimedAt: true },
        orderBy: { id: "asc" },
        take: PAGE,
      });
    for await (const due of pages(find)) {
      const users = await reachableUsers(due.map((d) => d.userId));
      for (const p of due) {
        const user = users.get(p.userId);
        if (!user) continue; // not registered yet: invited when they register
        const claimed = await db.campaignParticipant.updateMany({
          where: { id: p.id, inviteStatus: p.inviteStatus, inviteClaimedAt: p.inviteClaimedAt },
          data: { inviteStatus: "sending", inviteClaimedAt: deps.now() },
        });
        if (claimed.count !== 1) continue; // another instance has it
        const outcome = await sendSurveyMessage(user, campaign, title, "surveys.invitation");
        await db.campaignParticipant.update({
          where: { id: p.id },
          // Blocked: not retried (failed). Any other failure: pending again, retried next tick.
          data: outcome === "sent" ? { inviteStatus: "sent", invitedOn: today, inviteClaimedAt: null } : { inviteStatus: outcome === "blocked" ? "failed" : "pending", inviteClaimedAt: null },
        });
        if (outcome === "sent") report.invited++;
        else report.failed++;
      }
    }
  }

  async function sendReminders(campaign: CampaignRecord, today: string, report: DispatchReport): Promise<void> {
    if (today >= campaign.closesOn) return; // never on the closing day
    const cutoff = new Date(deps.now().getTime() - CLAIM_TTL_MS);
    const title = await titleOf(campaign);
    const find = (cursor: number) =>
      db.campaignParticipant.findMany({
        where: {
          campaignId: campaign.id,
          id: { gt: cursor },
          inviteStatus: "sent",
          completedOn: null,
          remindersSent: { lt: campaign.reminderCap },
          OR: [{ reminderClaimedAt: null }, { reminderClaimedAt: { lt: cutoff } }],
        },
        orderBy: { id: "asc" },
        take: PAGE,
      });
    for await (const candidates of pages(find)) {
      const due = candidates.filter((p) => {
        const last = p.lastRemindedOn ?? p.invitedOn;
        return last !== null && deps.calendar.workingDaysBetween(last, today) >= REMINDER_SPACING_WORKING_DAYS;
      });
      if (!due.length) continue;
      const users = await reachableUsers(due.map((d) => d.userId));
      for (const p of due) {
        const user = users.get(p.userId);
        if (!user) continue;
        const claimed = await db.campaignParticipant.updateMany({
          where: { id: p.id, remindersSent: p.remindersSent, completedOn: null, reminderClaimedAt: p.reminderClaimedAt },
          data: { reminderClaimedAt: deps.now() },
        });
        if (claimed.count !== 1) continue;
        const outcome = await sendSurveyMessage(user, campaign, title, "surveys.reminder");
        await db.campaignParticipant.update({
          where: { id: p.id },
          // Sent, or blocked (counts, so someone who blocked the bot is not hammered);
          // a temporary failure does not count and is retried on the next tick.
          data: outcome === "failed" ? { reminderClaimedAt: null } : { remindersSent: { increment: 1 }, lastRemindedOn: today, reminderClaimedAt: null },
        });
        if (outcome === "sent") report.reminded++;
        else report.failed++;
      }
    }
  }

  async function tick(): Promise<DispatchReport> {
    const report: DispatchReport = { opened: 0, closed: 0, invited: 0, reminded: 0, failed: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    for (const c of await campaignsWithStatus(db, "scheduled")) {
      if (c.opensOn <= today && (await launchCampaign(db, deps.keyring, c)) !== null) report.opened++;
    }
    for (const c of await campaignsWithStatus(db, "open")) {
      // Open through the whole closing day; closed on the next.
      if (c.closesOn < today) {
        if (await closeCampaign(db, c.id, today)) report.closed++;
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
    if (report.opened || report.closed || report.invited || report.reminded || report.failed) {
      deps.logger.info({ event: "survey_dispatch", ...report }, "survey dispatch");
    }
    return report;
  }

  return singleFlight(tick);
}

export type SurveyDispatcher = ReturnType<typeof createSurveyDispatcher>;
