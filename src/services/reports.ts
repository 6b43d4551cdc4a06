// Anonymous reports (PRODUCT.md §2): filing, follow-up by receipt, and case handling.
// Every function here is identity-free on the reporter's side: it takes what the reporter
// wrote and never a Telegram id, chat id or User row. Officer actions take the officer's
// User (roster id, role) and are audit-logged without report content.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { addAlertEvent } from "../db/repositories/report-alerts.js";
import { mailboxExists, removeMailbox, replaceMailbox, schedulePingIfNone } from "../db/repositories/report-mailboxes.js";
import {
  acknowledgeReport,
  activeUsersOfRole,
  auditTrailOf,
  countInbox,
  createNumberedReport,
  createReportEntry,
  extendReportDecision,
  findReportById,
  findReportByNumber,
  findReportByReceiptHash,
  rekeyReceiptHash,
  findReportContent,
  listInboxPage,
  listReportEntries,
  moveReportStatus,
  reportsReceivedBetween,
  countReportsReceivedBetween,
  setReportAssignee,
  type InboxQuery,
  type ReportRow,
} from "../db/repositories/reports.js";
import { findUserById } from "../db/repositories/users.js";
import type { Keyring } from "../domain/crypto.js";
import { toIsoDate } from "../domain/calendar/time-zone.js";
import { type IsoDate } from "../domain/calendar/days.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import { caseNumber, newReceiptCode, normalizeReceipt } from "../domain/reports/receipts.js";
import {
  canMoveTo,
  checkExtension,
  initialDeadlines,
  overdue,
  REPORT_AUDIENCES,
  type Attachment,
  type ExtensionProblem,
  type ReportAudience,
  type ReportCategory,
  type ReportContent,
  type ReportDeadlinePolicy,
  type ReportOutcome,
  type ReportStatus,
} from "../domain/reports/case.js";
import { INBOX_FILTERS, INBOX_PAGE_SIZE, type InboxFilter } from "../domain/reports/inbox.js";
import { caseVisibleTo, handledAudience, handlerRoleOf, mayBeAssigned, REPORTER_VISIBLE, type EntryKind } from "../domain/reports/policies.js";
import { caseStats, mayMissPurged, organisationTotalShown, type CaseStats, type StatsCase, type StatsPeriod } from "../domain/reports/stats.js";

export interface ReportServiceDeps {
  db: Db;
  keyring: Keyring;
  calendar: WorkCalendar;
  now: () => Date;
  timeZone: string;
  policy: ReportDeadlinePolicy;
  /** [0, 1): random delays of pings and alerts; injectable for tests. */
  random?: () => number;
}

/** Random delays (minutes) that keep pings and alerts from pointing at the moment something happened. */
export const PING_DELAY_MINUTES = { min: 5, max: 45 } as const;
export const ALERT_DELAY_MINUTES = { min: 10, max: 40 } as const;

const today = (d: ReportServiceDeps): IsoDate => toIsoDate(d.now(), d.timeZone);
/** A moment `range` minutes (uniformly random) after `now`. */
export function randomDelay(now: Date, range: { min: number; max: number }, random: () => number = Math.random): Date {
  return new Date(now.getTime() + Math.round((range.min + random() * (range.max - range.min)) * 60_000));
}
const delayed = (d: ReportServiceDeps, range: { min: number; max: number }) => randomDelay(d.now(), range, d.random);

export class CaseAccessError extends Error {
  constructor() {
    super("this case is not handled by this role");
  }
}

// ── Entries (the case file) ──

export type EntryBody =
  | { kind: "reporter"; text: string }
  | { kind: "file"; attachment: Attachment }
  | { kind: "reply"; text: string }
  | { kind: "note"; text: string }
  | { kind: "status"; from: ReportStatus; to: ReportStatus; outcome?: ReportOutcome }
  | { kind: "extension"; from: IsoDate; to: IsoDate; reason: string }
  | { kind: "assign"; assigneeId: number | null };

export type { EntryKind, InboxFilter };
export { INBOX_FILTERS, INBOX_PAGE_SIZE, REPORTER_VISIBLE };

export interface CaseEntry {
  id: number;
  on: IsoDate;
  authorId: number | null;
  body: EntryBody;
}

async function addEntry(d: ReportServiceDeps, reportId: number, authorId: number | null, body: EntryBody): Promise<void> {
  await createReportEntry(d.db, { reportId, kind: body.kind, authorId, encryptedBody: d.keyring.encrypt(JSON.stringify(body)), createdOn: today(d) });
}

export async function caseEntries(d: ReportServiceDeps, reportId: number, kinds?: readonly EntryKind[]): Promise<CaseEntry[]> {
  const rows = await listReportEntries(d.db, reportId, kinds);
  return rows.map((r) => ({ id: r.id, on: r.createdOn, authorId: r.authorId, body: JSON.parse(d.keyring.decryptText(r.body)) as EntryBody }));
}

// ── Cases as officers and reporters see them ──

/** A case without its content: what lists, clocks and statistics need. */
export interface CaseSummary extends StatsCase {
  id: number;
  number: string;
  originalDecisionDueOn: IsoDate | null;
  assigneeId: number | null;
  overdue: { ack: boolean; decision: boolean };
}

function summarize(row: ReportRow, on: IsoDate): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    audience: row.audience as ReportAudience,
    category: row.category as ReportCategory,
    status: row.status as ReportStatus,
    outcome: (row.outcome as ReportOutcome | null) ?? null,
    receivedOn: row.receivedOn,
    ackDueOn: row.ackDueOn,
    acknowledgedOn: row.acknowledgedOn,
    decisionDueOn: row.decisionDueOn,
    extendedOn: row.extendedOn,
    originalDecisionDueOn: row.originalDecisionDueOn,
    decidedOn: row.decidedOn,
    assigneeId: row.assigneeId,
    overdue: overdue(row, on),
  };
}

export function decryptContent(keyring: Keyring, encrypted: string): ReportContent {
  return JSON.parse(keyring.decryptText(encrypted)) as ReportContent;
}

// ── Filing ──

export interface NewReport {
  category: ReportCategory;
  /** True when it involves compliance staff or top management: it goes to the observer role. */
  involvesManagement: boolean;
  content: Omit<ReportContent, "mailboxToken">;
}

export interface FiledReport {
  id: number;
  number: string;
  /** Shown once to the reporter; only its keyed hash is stored. */
  receipt: string;
  audience: ReportAudience;
  ackDueOn: IsoDate;
  decisionDueOn: IsoDate;
}

export const receiptHash = (keyring: Keyring, canonical: string) => keyring.hash("receipt-hash", canonical);

export async function fileReport(d: ReportServiceDeps, input: NewReport): Promise<FiledReport> {
  const receivedOn = today(d);
  const { ackDueOn, decisionDueOn } = initialDeadlines(d.calendar, receivedOn, d.policy);
  const receipt = newReceiptCode();
  const audience: ReportAudience = input.involvesManagement ? "observer" : "compliance";
  const year = Number(receivedOn.slice(0, 4));
  const created = await createNumberedReport(d.db, `${year}:${audience}`, (sequence) => caseNumber(year, sequence, audience === "observer"), {
    receiptHash: receiptHash(d.keyring, normalizeReceipt(receipt)!),
    audience,
    category: input.category,
    content: d.keyring.encrypt(JSON.stringify(input.content)),
    receivedOn,
    ackDueOn,
    decisionDueOn,
  });
  // The report is stored: nothing after this may fail the filing, or the reporter would
  // never see the receipt. A lost alert is caught up by the overdue escalation. The failure is
  // deliberately not logged: the log line's timestamp would give the time a report was filed.
  await queueAlert(d, audience).catch(() => undefined);
  return { id: created.id, number: created.number, receipt, audience, ackDueOn, decisionDueOn };
}

/** The case a receipt opens, or null (wrong or unreadable code). */
export async function findByReceipt(d: ReportServiceDeps, typed: string): Promise<CaseSummary | null> {
  const canonical = normalizeReceipt(typed);
  if (!canonical) return null;
  // Under every key: a receipt handed out before a key rotation still opens its case, which
  // then moves to the hash under the current key (so retiring the old key later spares it).
  const hashes = d.keyring.hashes("receipt-hash", canonical);
  const row = await findReportByReceiptHash(d.db, hashes);
  if (row && row.receiptHash !== hashes[0]) await rekeyReceiptHash(d.db, row.id, row.receiptHash, hashes[0]!);
  return row ? summarize(row, today(d)) : null;
}

export async function caseById(d: ReportServiceDeps, id: number): Promise<CaseSummary | null> {
  const row = await findReportById(d.db, id);
  return row ? summarize(row, today(d)) : null;
}

export async function caseContent(d: ReportServiceDeps, id: number): Promise<ReportContent | null> {
  const encrypted = await findReportContent(d.db, id);
  return encrypted !== null ? decryptContent(d.keyring, encrypted) : null;
}

/** The reporter adds information or a file to their case. */
export async function addFromReporter(d: ReportServiceDeps, reportId: number, addition: { text: string } | { attachment: Attachment }): Promise<void> {
  const report = await findReportById(d.db, reportId);
  if (!report) throw new Error("no such case");
  await addEntry(d, reportId, null, "text" in addition ? { kind: "reporter", text: addition.text } : { kind: "file", attachment: addition.attachment });
  await queueAlert(d, report.audience as ReportAudience);
}

// ── Mailbox: opt-in, content-free pings ──

export const mailboxHash = (keyring: Keyring, token: string) => keyring.hash("receipt-hash", `mailbox:${token}`);
/** The token's hash under every key, current first: what mailbox look-ups match (rows from before a rotation). */
export const mailboxHashes = (keyring: Keyring, token: string) => keyring.hashes("receipt-hash", `mailbox:${token}`);

/** Where a ping goes: stored encrypted in the mailbox row. */
export interface MailboxAddress {
  chatId: number;
  lang: "kk" | "ru";
}

export function readMailboxAddress(keyring: Keyring, encrypted: string): MailboxAddress {
  return JSON.parse(keyring.decryptText(encrypted)) as MailboxAddress;
}

/** The content of a case that must exist (the reporter's case, opened with its receipt). */
async function existingContent(d: ReportServiceDeps, reportId: number): Promise<ReportContent> {
  const content = await caseContent(d, reportId);
  if (!content) throw new Error("no such case");
  return content;
}

/** Opts the case in to pings to this chat; replaces an earlier mailbox of the case. */
export async function subscribe(d: ReportServiceDeps, reportId: number, address: MailboxAddress): Promise<void> {
  const content = await existingContent(d, reportId);
  const token = randomBytes(18).toString("base64url");
  await replaceMailbox(d.db, {
    reportId,
    oldTokenHashes: content.mailboxToken ? mailboxHashes(d.keyring, content.mailboxToken) : [],
    tokenHash: mailboxHash(d.keyring, token),
    encryptedChat: d.keyring.encrypt(JSON.stringify(address)),
    encryptedContent: d.keyring.encrypt(JSON.stringify({ ...content, mailboxToken: token })),
  });
}

export async function unsubscribe(d: ReportServiceDeps, reportId: number): Promise<boolean> {
  const content = await existingContent(d, reportId);
  if (!content.mailboxToken) return false;
  const { mailboxToken, ...rest } = content;
  await removeMailbox(d.db, { reportId, tokenHashes: mailboxHashes(d.keyring, mailboxToken), encryptedContent: d.keyring.encrypt(JSON.stringify(rest)) });
  return true;
}

export async function isSubscribed(d: ReportServiceDeps, reportId: number): Promise<boolean> {
  const content = await caseContent(d, reportId);
  if (!content?.mailboxToken) return false;
  return mailboxExists(d.db, mailboxHashes(d.keyring, content.mailboxToken));
}

/** News for the reporter: if they opted in, a ping goes out after a random delay (one per batch). */
async function notifyReporter(d: ReportServiceDeps, reportId: number): Promise<void> {
  const content = await caseContent(d, reportId);
  if (!content?.mailboxToken) return;
  await schedulePingIfNone(d.db, mailboxHashes(d.keyring, content.mailboxToken), delayed(d, PING_DELAY_MINUTES));
}

// ── Alerts to case handlers: batched, delayed, content-free ──

async function queueAlert(d: ReportServiceDeps, audience: ReportAudience): Promise<void> {
  // The first event fixes the send time; later ones join the batch.
  await addAlertEvent(d.db, audience, delayed(d, ALERT_DELAY_MINUTES));
}

// ── Officers ──

export interface Officer {
  id: number;
  role: string;
}

async function ownCase(d: ReportServiceDeps, officer: Officer, reportId: number): Promise<ReportRow> {
  const row = await findReportById(d.db, reportId);
  if (!row || !caseVisibleTo(officer.role, row)) throw new CaseAccessError();
  return row;
}

/**
 * The id of a case named by its number (buttons carry the number, never the id: ids count
 * every audience's cases together, so their gaps would show compliance how many went past it),
 * if this officer's role handles it; CaseAccessError otherwise, the same for a case of another
 * audience as for one that does not exist.
 */
export async function caseIdByNumber(d: ReportServiceDeps, officer: Officer, number: string): Promise<number> {
  const row = await findReportByNumber(d.db, number);
  if (!row || !caseVisibleTo(officer.role, row)) throw new CaseAccessError();
  return row.id;
}

export async function officerCase(d: ReportServiceDeps, officer: Officer, reportId: number): Promise<{ summary: CaseSummary; content: ReportContent; entries: CaseEntry[] }> {
  const row = await ownCase(d, officer, reportId);
  const { mailboxToken: _hidden, ...content } = decryptContent(d.keyring, row.content);
  await audit(d.db, { actorUserId: officer.id, action: "report.viewed", subject: `report:${row.number}` });
  return { summary: summarize(row, today(d)), content: { ...content }, entries: await caseEntries(d, row.id) };
}

function officerAudience(officer: Officer): ReportAudience {
  const audience = handledAudience(officer.role);
  if (!audience) throw new CaseAccessError();
  return audience;
}

export async function inbox(d: ReportServiceDeps, officer: Officer, filter: InboxFilter, page = 0): Promise<{ cases: CaseSummary[]; total: number }> {
  const on = today(d);
  const query: InboxQuery = { audience: officerAudience(officer), officerId: officer.id, filter, on };
  const [rows, total] = await Promise.all([listInboxPage(d.db, query, page, INBOX_PAGE_SIZE), countInbox(d.db, query)]);
  return { cases: rows.map((r) => summarize(r, on)), total };
}

/** Counts for the inbox header. */
export async function inboxCounts(d: ReportServiceDeps, officer: Officer): Promise<Record<InboxFilter, number>> {
  const audience = officerAudience(officer);
  const on = today(d);
  // Counts only: the header needs no rows.
  const counts = await Promise.all(INBOX_FILTERS.map((filter) => countInbox(d.db, { audience, officerId: officer.id, filter, on })));
  return Object.fromEntries(INBOX_FILTERS.map((f, i) => [f, counts[i]!])) as Record<InboxFilter, number>;
}

export async function assign(d: ReportServiceDeps, officer: Officer, reportId: number, assigneeId: number | null): Promise<void> {
  const row = await ownCase(d, officer, reportId);
  if (assigneeId !== null) {
    if (!mayBeAssigned(await findUserById(d.db, assigneeId), row)) throw new CaseAccessError();
  }
  await setReportAssignee(d.db, reportId, assigneeId);
  await addEntry(d, reportId, officer.id, { kind: "assign", assigneeId });
  await audit(d.db, { actorUserId: officer.id, action: "report.assigned", subject: `report:${row.number}`, details: { assigneeId } });
}

export type StatusProblem = "backwards" | "outcomeRequired";

export async function changeStatus(d: ReportServiceDeps, officer: Officer, reportId: number, to: ReportStatus, outcome?: ReportOutcome): Promise<StatusProblem | null> {
  const row = await ownCase(d, officer, reportId);
  const from = row.status as ReportStatus;
  if (!canMoveTo(from, to)) return "backwards";
  if (to === "decided" && !outcome) return "outcomeRequired";
  const on = today(d);
  // Conditional update: two officers pressing at once cannot both move the case.
  const moved = await moveReportStatus(d.db, reportId, { from, to, ...(to === "decided" ? { outcome: outcome!, decidedOn: on } : {}), ...(row.acknowledgedOn ? {} : { acknowledgedOn: on }) });
  if (!moved) return "backwards";
  await addEntry(d, reportId, officer.id, { kind: "status", from, to, ...(to === "decided" ? { outcome: outcome! } : {}) });
  await audit(d.db, { actorUserId: officer.id, action: "report.status", subject: `report:${row.number}`, details: { from, to, ...(to === "decided" ? { outcome } : {}) } });
  await notifyReporter(d, reportId);
  return null;
}

export async function reply(d: ReportServiceDeps, officer: Officer, reportId: number, text: string): Promise<void> {
  const row = await ownCase(d, officer, reportId);
  await addEntry(d, reportId, officer.id, { kind: "reply", text });
  // A reply is an acknowledgement too.
  if (!row.acknowledgedOn) await acknowledgeReport(d.db, reportId, today(d));
  await audit(d.db, { actorUserId: officer.id, action: "report.replied", subject: `report:${row.number}` });
  await notifyReporter(d, reportId);
}

export async function addNote(d: ReportServiceDeps, officer: Officer, reportId: number, text: string): Promise<void> {
  const row = await ownCase(d, officer, reportId);
  await addEntry(d, reportId, officer.id, { kind: "note", text });
  await audit(d.db, { actorUserId: officer.id, action: "report.noted", subject: `report:${row.number}` });
}

export async function extend(d: ReportServiceDeps, officer: Officer, reportId: number, newDueOn: IsoDate, reason: string): Promise<ExtensionProblem | null> {
  const row = await ownCase(d, officer, reportId);
  const problem = checkExtension(d.calendar, row, newDueOn, d.policy);
  if (problem) return problem;
  const on = today(d);
  // Conditional: not twice, and not once the case was decided meanwhile. The new decision day
  // is a new clock: an escalation of the old one must not keep the new one from escalating.
  const extended = await extendReportDecision(d.db, reportId, { newDueOn, originalDueOn: row.decisionDueOn, on, encryptedReason: d.keyring.encrypt(reason) });
  if (!extended) return (await findReportById(d.db, reportId))?.status === "decided" ? "decided" : "alreadyExtended";
  await addEntry(d, reportId, officer.id, { kind: "extension", from: row.decisionDueOn, to: newDueOn, reason });
  await audit(d.db, { actorUserId: officer.id, action: "report.extended", subject: `report:${row.number}`, details: { from: row.decisionDueOn, to: newDueOn } });
  // The reporter is told at once (the rule allows 3 working days): the extension is in the
  // case file they read with the receipt, and a ping goes out if they opted in.
  await notifyReporter(d, reportId);
  return null;
}

/**
 * Counts of the cases of the officer's audience received in the period (both ends included),
 * as of today. Only that audience: the cases routed past compliance stay the observer's.
 * Audited without content: the period is all there is to record.
 */
export async function caseStatistics(d: ReportServiceDeps, officer: Officer, period: StatsPeriod): Promise<CaseStats & { audience: ReportAudience }> {
  const audience = officerAudience(officer);
  const on = today(d);
  // Never the content: statistics need dates, statuses and categories only.
  const rows = await reportsReceivedBetween(d.db, audience, period.from, period.to);
  const cases = rows.map((r) => ({
    ...r,
    audience: r.audience as ReportAudience,
    category: r.category as ReportCategory,
    status: r.status as ReportStatus,
    outcome: (r.outcome as ReportOutcome | null) ?? null,
  }));
  // The other audience's cases as a number, for a finished period only (organisationTotalShown).
  const other = REPORT_AUDIENCES.find((a) => a !== audience)!;
  const elsewhere = organisationTotalShown(period, on) ? await countReportsReceivedBetween(d.db, other, period.from, period.to) : null;
  await audit(d.db, { actorUserId: officer.id, action: "report.stats", subject: `reports:${audience}`, details: { from: period.from, to: period.to } });
  const stats = caseStats(cases, period, on);
  return {
    ...stats,
    audience,
    purgedAfterDays: mayMissPurged(period, on, d.policy) ? d.policy.retentionDays : null,
    organisation: elsewhere === null ? null : { total: stats.received + elsewhere, elsewhere },
  };
}

/** Officers who may be assigned cases of this audience. */
export function handlersOf(d: ReportServiceDeps, audience: ReportAudience) {
  return activeUsersOfRole(d.db, handlerRoleOf(audience));
}

/** The audit trail of one case (officer actions only). */
export async function caseAudit(d: ReportServiceDeps, officer: Officer, reportId: number) {
  const row = await ownCase(d, officer, reportId);
  return auditTrailOf(d.db, `report:${row.number}`);
}
