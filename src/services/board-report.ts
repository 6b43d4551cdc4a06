// The board report (seed 004 item 16) from the records: plan execution (services/plan-execution.ts),
// the survey campaigns that ran and their results exactly as officers see them (computeResults,
// under the disclosure policy), and the counts of compliance's own anonymous-report cases, with
// the organisation's total only when organisationTotalShown allows it. A compliance officer
// draws a draft (stored, with a nonce), approves exactly that draft, and the observers are told
// through the outbox in the same transaction; they get the documents from the stored snapshot.
import { createHash, randomBytes } from "node:crypto";
import { inTransaction, type Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { approveBoardDraft, approvedBoardReports, replaceApprovedBoardReport, boardPeriodCounts, campaignsRunBetween, findBoardReport, saveBoardDraft } from "../db/repositories/board-reports.js";
import { countReportsReceivedBetween, reportsReceivedBetween } from "../db/repositories/reports.js";
import { findUserById, reachableUsers } from "../db/repositories/users.js";
import type { IsoDate } from "../domain/calendar/days.js";
import type { WorkCalendar } from "../domain/calendar/work-calendar.js";
import { hasContent, parsePeriodKey, type BoardApproval, type BoardCampaign, type BoardPeriod, type BoardQuestion, type BoardReportData } from "../domain/board/report.js";
import type { Keyring } from "../domain/crypto.js";
import { isLang, type Lang } from "../domain/lang.js";
import type { Notifier } from "../domain/notifications.js";
import { executionRate, periodKey, periodRange, reportDueDay } from "../domain/plan/execution.js";
import type { ReportCategory, ReportOutcome, ReportStatus } from "../domain/reports/case.js";
import { caseStats, organisationTotalShown, wholeQuarters } from "../domain/reports/stats.js";
import { can } from "../domain/roles.js";
import type { StandardLabels } from "../domain/surveys/aggregate.js";
import type { QuestionResult } from "../domain/surveys/results.js";
import { planExecution } from "./plan-execution.js";
import { computeResults, DEFAULT_K, DEFAULT_TEXT_K, type Actor } from "./surveys.js";

export interface BoardReportDeps {
  db: Db;
  keyring: Keyring;
  calendar: WorkCalendar;
  labels: StandardLabels;
  /** The disclosure thresholds of survey results (config.surveys). */
  k?: number;
  textK?: number;
}

function leadingOf(q: QuestionResult): BoardQuestion["leading"] {
  if (q.suppressed || !q.options?.length) return null;
  const top = q.options.reduce((best, o) => (o.count > best.count ? o : best));
  return top.count > 0 ? { label: { kk: top.label.kk, ru: top.label.ru }, share: top.share } : null;
}

/**
 * One campaign's results as officers see them on screen (computeResults under the disclosure
 * policy: suppressed questions stay suppressed), or null when it cannot be shown. The analytic
 * report's survey section uses it too.
 */
export async function campaignSummary(deps: Pick<BoardReportDeps, "db" | "keyring" | "labels" | "k" | "textK">, actor: Actor, campaign: { id: number; closedOn: string | null }, asOf: IsoDate): Promise<BoardCampaign | null> {
  const got = await computeResults(deps.db, deps.keyring, { campaignId: campaign.id, today: asOf, labels: deps.labels, viewer: { kind: "user", actor }, view: "screen", k: deps.k ?? DEFAULT_K, textK: deps.textK ?? DEFAULT_TEXT_K });
  if (!got.ok) return null;
  const r = got.results;
  return {
    title: { kk: r.title.kk, ru: r.title.ru },
    mode: r.mode,
    opensOn: r.opensOn,
    // The last day answers were taken: the day it was closed early, else its planned last day
    // (the dispatcher closes a campaign the day after that).
    closesOn: campaign.closedOn !== null && campaign.closedOn < r.closesOn ? campaign.closedOn : r.closesOn,
    invited: r.invited,
    completed: r.completed,
    rate: r.invited ? r.completed / r.invited : null,
    questions: r.questions.map((q) => ({ text: { kk: q.text.kk, ru: q.text.ru }, shown: !q.suppressed, answered: q.suppressed ? 0 : q.answered, leading: leadingOf(q) })),
  };
}

async function campaignsOf(deps: BoardReportDeps, actor: Actor, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<BoardCampaign[]> {
  const out: BoardCampaign[] = [];
  for (const c of await campaignsRunBetween(deps.db, from, to)) {
    const summary = await campaignSummary(deps, actor, c, asOf);
    if (summary) out.push(summary);
  }
  return out;
}

/**
 * The counts of compliance's own anonymous-report cases received between two days, with the
 * organisation's total only once the period can no longer move (organisationTotalShown) and
 * only over whole quarters (wholeQuarters): the
 * rule of every document compliance draws (the board report, the analytic report).
 */
export async function complianceReportCounts(db: Db, from: IsoDate, to: IsoDate, asOf: IsoDate): Promise<BoardReportData["reports"]> {
  const rows = await reportsReceivedBetween(db, "compliance", from, to);
  const stats = caseStats(
    rows.map((r) => ({ ...r, audience: "compliance" as const, category: r.category as ReportCategory, status: r.status as ReportStatus, outcome: (r.outcome as ReportOutcome | null) ?? null })),
    { from, to },
    asOf,
  );
  // The approver is compliance: the organisation's total only once it can no longer move, and
  // only over whole quarters (an analysis's period is any two days: wholeQuarters).
  const elsewhere = organisationTotalShown({ from, to }, asOf) && wholeQuarters({ from, to }) ? await countReportsReceivedBetween(db, "observer", from, to) : null;
  return {
    received: stats.received,
    byStatus: stats.byStatus,
    byOutcome: stats.byOutcome,
    open: stats.open,
    openOverdue: stats.openOverdue,
    organisationTotal: elsewhere === null ? null : stats.received + elsewhere,
  };
}

/** The report's data for a period as of `asOf`, gathered for a compliance officer (the survey results are audited as viewed). */
export async function gatherBoardReport(deps: BoardReportDeps, actor: Actor, period: BoardPeriod, asOf: IsoDate): Promise<BoardReportData> {
  const { from, to } = periodRange(period);
  const execution = await planExecution(deps.db, deps.keyring, period, asOf);
  return {
    periodKey: periodKey(period),
    period,
    from,
    to,
    asOf,
    dueOn: reportDueDay("board", period, deps.calendar),
    plan: {
      totals: execution.totals,
      rate: executionRate(execution.totals),
      overdue: execution.nonExecution.map((r) => ({ number: r.number, measure: r.measure, responsible: r.responsible, dueOn: r.dueOn })),
    },
    campaigns: await campaignsOf(deps, actor, from, to, asOf),
    k: deps.k ?? DEFAULT_K,
    reports: await complianceReportCounts(deps.db, from, to, asOf),
  };
}

/** Whether a period holds anything to report (plan due dates, campaigns, compliance's cases). */
export async function boardPeriodHasContent(db: Db, period: BoardPeriod): Promise<boolean> {
  const { from, to } = periodRange(period);
  return hasContent(await boardPeriodCounts(db, from, to));
}

export type BoardView =
  | { state: "draft"; data: BoardReportData; nonce: string }
  | { state: "approved"; data: BoardReportData; approval: BoardApproval };

async function approvalOf(db: Db, row: { approvedById: number | null; approvedOn: string | null }): Promise<BoardApproval> {
  const by = row.approvedById !== null ? await findUserById(db, row.approvedById) : null;
  return { by: by?.fullName ?? "—", on: row.approvedOn ?? "" };
}

/** The approved report of a period (its snapshot), or null. */
export async function approvedBoardReport(deps: Pick<BoardReportDeps, "db" | "keyring">, key: string): Promise<{ data: BoardReportData; approval: BoardApproval } | null> {
  const row = await findBoardReport(deps.db, key);
  if (!row || row.status !== "approved") return null;
  return { data: JSON.parse(deps.keyring.decryptText(row.snapshot)) as BoardReportData, approval: await approvalOf(deps.db, row) };
}

/**
 * What a compliance officer is shown for a period: the approved snapshot if there is one, or a
 * fresh draft, stored with a new nonce (the approve button names it). Audited.
 */
export async function boardReportForOfficer(deps: BoardReportDeps, officer: Actor, period: BoardPeriod, today: IsoDate): Promise<BoardView> {
  if (!can(officer.role, "managePlan")) throw new Error("the board report is drafted by compliance");
  const key = periodKey(period);
  const approved = await approvedBoardReport(deps, key);
  if (approved) return { state: "approved", ...approved };
  const data = await gatherBoardReport(deps, officer, period, today);
  const nonce = randomBytes(6).toString("base64url");
  if (!(await saveBoardDraft(deps.db, { periodKey: key, snapshot: deps.keyring.encrypt(JSON.stringify(data)), draftNonce: nonce, draftedOn: today }))) {
    const now = await approvedBoardReport(deps, key);
    if (now) return { state: "approved", ...now };
  }
  await audit(deps.db, { actorUserId: officer.id, action: "board.drafted", subject: `board:${key}` });
  return { state: "draft", data, nonce };
}

export type ApproveOutcome =
  | { ok: true; observers: number; data: BoardReportData; approval: BoardApproval }
  | { ok: false; reason: "approved"; approval: BoardApproval }
  | { ok: false; reason: "changed" | "noDraft" };

/**
 * Approves the draft named by `nonce`: the snapshot is kept as it is, the approval audited, and
 * every reachable observer queued a notice in the same transaction (so each is told once).
 */
export async function approveBoardReport(deps: Pick<BoardReportDeps, "db" | "keyring">, notifier: Notifier, officer: Actor & { fullName: string }, key: string, nonce: string, today: IsoDate, defaultLang: Lang): Promise<ApproveOutcome> {
  if (!can(officer.role, "managePlan") || !parsePeriodKey(key)) throw new Error("the board report is approved by compliance");
  const observers = await reachableUsers(deps.db, ["observer"]);
  const approved = await inTransaction(deps.db, async (tx) => {
    if (!(await approveBoardDraft(tx, key, nonce, officer.id, today))) return false;
    await audit(tx, { actorUserId: officer.id, action: "board.approved", subject: `board:${key}`, details: { observers: observers.length } });
    await notifier.queue(
      observers.map((o) => ({ kind: "boardApproved" as const, chatId: Number(o.telegramId), lang: isLang(o.language) ? o.language : defaultLang, periodKey: key, by: officer.fullName, on: today })),
      tx,
    );
    return true;
  });
  const row = await findBoardReport(deps.db, key);
  if (approved && row) return { ok: true, observers: observers.length, data: JSON.parse(deps.keyring.decryptText(row.snapshot)) as BoardReportData, approval: await approvalOf(deps.db, row) };
  if (row?.status === "approved") return { ok: false, reason: "approved", approval: await approvalOf(deps.db, row) };
  return { ok: false, reason: row ? "changed" : "noDraft" };
}

/** The approved reports an observer may open, latest first. */
export function approvedBoardReportList(db: Db, limit = 8): Promise<{ periodKey: string; approvedOn: string | null }[]> {
  return approvedBoardReports(db, limit);
}

/** What is stored for a period: the draft last shown (its nonce) or the approved snapshot; null when neither. */
export async function storedBoardReport(deps: Pick<BoardReportDeps, "db" | "keyring">, key: string): Promise<BoardView | null> {
  const row = await findBoardReport(deps.db, key);
  if (!row) return null;
  const data = JSON.parse(deps.keyring.decryptText(row.snapshot)) as BoardReportData;
  return row.status === "approved" ? { state: "approved", data, approval: await approvalOf(deps.db, row) } : { state: "draft", data, nonce: row.draftNonce };
}

/** A short digest of a report's data: names a redrawn draft in the re-approve button (nothing is stored for it). */
export function dataDigest(data: BoardReportData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("base64url").slice(0, 12);
}

/** A fresh draft of an approved period, to be approved anew (nothing stored until then). */
export async function redrawBoardReport(deps: BoardReportDeps, officer: Actor, period: BoardPeriod, today: IsoDate): Promise<{ data: BoardReportData; digest: string }> {
  if (!can(officer.role, "managePlan")) throw new Error("the board report is drafted by compliance");
  const data = await gatherBoardReport(deps, officer, period, today);
  await audit(deps.db, { actorUserId: officer.id, action: "board.redrawn", subject: `board:${periodKey(period)}` });
  return { data, digest: dataDigest(data) };
}

/**
 * Re-approval: the data is gathered again and must be what the officer was shown (its digest);
 * it replaces the approved snapshot, and the observers are told again, in one transaction.
 * The same redrawn draft approved twice is refused as approved already.
 */
export async function reapproveBoardReport(deps: BoardReportDeps, notifier: Notifier, officer: Actor & { fullName: string }, period: BoardPeriod, digest: string, today: IsoDate, defaultLang: Lang): Promise<ApproveOutcome> {
  if (!can(officer.role, "managePlan")) throw new Error("the board report is approved by compliance");
  const key = periodKey(period);
  const row = await findBoardReport(deps.db, key);
  const current = await approvedBoardReport(deps, key);
  if (!row || !current) return { ok: false, reason: "noDraft" };
  if (dataDigest(current.data) === digest) return { ok: false, reason: "approved", approval: current.approval };
  const data = await gatherBoardReport(deps, officer, period, today);
  if (dataDigest(data) !== digest) return { ok: false, reason: "changed" };
  const observers = await reachableUsers(deps.db, ["observer"]);
  const replaced = await inTransaction(deps.db, async (tx) => {
    if (!(await replaceApprovedBoardReport(tx, key, row.snapshot, { snapshot: deps.keyring.encrypt(JSON.stringify(data)), approvedById: officer.id, approvedOn: today }))) return false;
    await audit(tx, { actorUserId: officer.id, action: "board.reapproved", subject: `board:${key}`, details: { observers: observers.length, previous: current.approval.on } });
    await notifier.queue(
      observers.map((o) => ({ kind: "boardApproved" as const, chatId: Number(o.telegramId), lang: isLang(o.language) ? o.language : defaultLang, periodKey: key, by: officer.fullName, on: today })),
      tx,
    );
    return true;
  });
  if (!replaced) return { ok: false, reason: "changed" };
  return { ok: true, observers: observers.length, data, approval: { by: officer.fullName, on: today } };
}
