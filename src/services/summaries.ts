// The summaries of PRODUCT.md §4: the figures a compliance officer or an observer sees in the
// weekly digest (jobs/weekly-digest.ts) and on /dashboard, gathered through the repositories
// and computed by domain/summaries/figures.ts; and the digest opt-out, audited.
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { campaignsWithStatus, responseRate } from "../db/repositories/campaigns.js";
import { countInbox, countReportsReceivedBetween } from "../db/repositories/reports.js";
import { getDefinition } from "../db/repositories/survey-definitions.js";
import { digestOptedOut, openPlanDueDatesUntil, planDueDateCounts, setDigestOptOut } from "../db/repositories/summaries.js";
import type { IsoDate } from "../domain/calendar/days.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import { recentWindow, summarise, upcomingWindow, type CampaignInput, type PlanInput, type ReportCounts, type SummaryFigures } from "../domain/summaries/figures.js";
import type { SummaryScope } from "../domain/summaries/policies.js";

/** Counts of one audience's cases: received in `window` (by default the last 7 days), and overdue (the inbox's "overdue" filter). */
export async function reportCounts(db: Db, audience: "compliance" | "observer", today: IsoDate, window = recentWindow(today)): Promise<ReportCounts> {
  const { from, to } = window;
  const [recent, overdue] = await Promise.all([
    countReportsReceivedBetween(db, audience, from, to),
    // officerId plays no part in the "overdue" filter.
    countInbox(db, { audience, officerId: 0, filter: "overdue", on: today }),
  ]);
  return { audience, recent, overdue, from, to };
}

/** The open campaigns with their response rate, the same totals /campaigns shows (no departments). */
export async function runningCampaigns(db: Db): Promise<CampaignInput[]> {
  const out: CampaignInput[] = [];
  for (const c of await campaignsWithStatus(db, "open")) {
    const [def, rate] = await Promise.all([getDefinition(db, c.definitionId), responseRate(db, c.id)]);
    out.push({ id: c.id, title: def ? { kk: def.definition.title.kk, ru: def.definition.title.ru } : { kk: "—", ru: "—" }, closesOn: c.closesOn, invited: rate.invited, completed: rate.completed });
  }
  return out;
}

export async function planInput(db: Db, today: IsoDate): Promise<PlanInput> {
  const { to } = upcomingWindow(today);
  const [rows, counts] = await Promise.all([openPlanDueDatesUntil(db, to), planDueDateCounts(db, to)]);
  return {
    open: rows.map((r) => ({
      id: r.id,
      dueOn: r.dueOn,
      task: { title: r.task.title, titleKey: r.task.titleKey, titleParams: r.task.titleParams, number: r.task.number },
      assignees: r.assigneeNames,
      responsibleText: r.task.responsibleText,
    })),
    ...counts,
  };
}

/**
 * The figures for one scope. `shared` lets a caller that computes many people's figures
 * (the digest) read the plan and the campaigns once.
 */
export async function summaryFor(
  db: Db,
  calendar: WorkCalendar,
  scope: SummaryScope,
  today: IsoDate,
  shared?: { plan?: PlanInput; campaigns?: CampaignInput[]; reports?: Map<string, ReportCounts> },
): Promise<SummaryFigures> {
  const reports = scope.audience ? (shared?.reports?.get(scope.audience) ?? (await reportCounts(db, scope.audience, today))) : null;
  const campaigns = scope.campaigns ? (shared?.campaigns ?? (await runningCampaigns(db))) : null;
  const plan = scope.plan ? (shared?.plan ?? (await planInput(db, today))) : null;
  return summarise({ reports, campaigns, plan }, today, calendar);
}

export async function isDigestOn(db: Db, userId: number): Promise<boolean> {
  return !(await digestOptedOut(db, userId));
}

/** Turns the person's own weekly digest off or on; audited when it changed. Returns whether it changed. */
export async function setDigest(db: Db, userId: number, on: boolean): Promise<boolean> {
  const changed = await setDigestOptOut(db, userId, !on);
  if (changed) await audit(db, { actorUserId: userId, action: on ? "summaries.digest_on" : "summaries.digest_off", subject: `user:${userId}` });
  return changed;
}
