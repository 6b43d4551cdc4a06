// Anonymous reports (Report, ReportCounter, ReportEntry): the queries the reports service and
// the report notifier run. Content, entries and extension reasons arrive and leave encrypted:
// this module never sees a plain text of a report.
import type { Db, DbOrTx, Prisma } from "../client.js";
import type { IsoDate } from "../../domain/calendar/days.js";
import type { InboxFilter } from "../../domain/reports/inbox.js";

export type ReportRow = NonNullable<Awaited<ReturnType<Db["report"]["findUnique"]>>>;

export interface NewReportRow {
  receiptHash: string;
  audience: string;
  category: string;
  /** Encrypted content. */
  content: string;
  receivedOn: IsoDate;
  ackDueOn: IsoDate;
  decisionDueOn: IsoDate;
}

/** Stores a report under the next number of its scope (year and audience), in one transaction. */
export function createNumberedReport(db: Db, scope: string, numberFor: (sequence: number) => string, report: NewReportRow): Promise<ReportRow> {
  return db.$transaction(async (tx) => {
    const counter = await tx.reportCounter.upsert({ where: { scope }, create: { scope, last: 1 }, update: { last: { increment: 1 } } });
    return tx.report.create({ data: { ...report, number: numberFor(counter.last) } });
  });
}

export function findReportById(db: Db, id: number): Promise<ReportRow | null> {
  return db.report.findUnique({ where: { id } });
}

export function findReportByNumber(db: Db, number: string): Promise<ReportRow | null> {
  return db.report.findUnique({ where: { number } });
}

/** The case under any of these receipt hashes (the receipt under every key, current first). */
export function findReportByReceiptHash(db: Db, receiptHashes: string[]): Promise<ReportRow | null> {
  return db.report.findFirst({ where: { receiptHash: { in: receiptHashes } } });
}

/** Moves a case to the receipt hash under the current key (found under an older one). */
export async function rekeyReceiptHash(db: Db, id: number, from: string, to: string): Promise<void> {
  await db.report.updateMany({ where: { id, receiptHash: from }, data: { receiptHash: to } });
}

/** The encrypted content of a case, or null when there is no such case. */
export async function findReportContent(db: Db, id: number): Promise<string | null> {
  const row = await db.report.findUnique({ where: { id }, select: { content: true } });
  return row?.content ?? null;
}

export async function setReportAssignee(db: Db, id: number, assigneeId: number | null): Promise<void> {
  await db.report.update({ where: { id }, data: { assigneeId } });
}

export async function acknowledgeReport(db: Db, id: number, on: IsoDate): Promise<void> {
  await db.report.update({ where: { id }, data: { acknowledgedOn: on } });
}

/**
 * Moves a case from `from` to `to` only if it still has `from` (two officers pressing at once
 * cannot both move it); true when it moved.
 */
export async function moveReportStatus(db: Db, id: number, change: { from: string; to: string; outcome?: string; decidedOn?: IsoDate; acknowledgedOn?: IsoDate }): Promise<boolean> {
  const { count } = await db.report.updateMany({
    where: { id, status: change.from },
    data: {
      status: change.to,
      ...(change.outcome !== undefined ? { outcome: change.outcome } : {}),
      ...(change.decidedOn !== undefined ? { decidedOn: change.decidedOn } : {}),
      ...(change.acknowledgedOn !== undefined ? { acknowledgedOn: change.acknowledgedOn } : {}),
    },
  });
  return count === 1;
}

/**
 * The one extension: only if not extended yet and not decided meanwhile. The new decision day
 * is a new clock, so the escalation stamp of the old one is cleared. True when it was stored.
 */
export async function extendReportDecision(db: Db, id: number, extension: { newDueOn: IsoDate; originalDueOn: IsoDate; on: IsoDate; encryptedReason: string }): Promise<boolean> {
  const { count } = await db.report.updateMany({
    where: { id, extendedOn: null, status: { not: "decided" } },
    data: { decisionDueOn: extension.newDueOn, originalDecisionDueOn: extension.originalDueOn, extendedOn: extension.on, extensionReason: extension.encryptedReason, decisionEscalatedOn: null },
  });
  return count === 1;
}

// ── The inbox ──

export interface InboxQuery {
  audience: string;
  officerId: number;
  filter: InboxFilter;
  on: IsoDate;
}

/** Which cases a filter shows, as a query on this audience's cases. */
function inboxWhere(q: InboxQuery): Prisma.ReportWhereInput {
  const { filter } = q;
  return {
    audience: q.audience,
    ...(filter === "open" || filter === "overdue" || filter === "mine" ? { status: { not: "decided" } } : {}),
    ...(filter === "new" ? { status: "received" } : {}),
    ...(filter === "closed" ? { status: "decided" } : {}),
    ...(filter === "mine" ? { assigneeId: q.officerId } : {}),
    // The same rule as overdue(): a reply acknowledges a case that is still "received".
    ...(filter === "overdue" ? { OR: [{ decisionDueOn: { lt: q.on } }, { status: "received", acknowledgedOn: null, ackDueOn: { lt: q.on } }] } : {}),
  };
}

export function listInboxPage(db: Db, q: InboxQuery, page: number, pageSize: number): Promise<ReportRow[]> {
  return db.report.findMany({
    where: inboxWhere(q),
    orderBy: q.filter === "closed" ? [{ decidedOn: "desc" }, { id: "desc" }] : [{ decisionDueOn: "asc" }, { id: "asc" }],
    skip: page * pageSize,
    take: pageSize,
  });
}

export function countInbox(db: Db, q: InboxQuery): Promise<number> {
  return db.report.count({ where: inboxWhere(q) });
}

/** Never the content: statistics need dates, statuses and categories only. */
export function reportsReceivedBetween(db: Db, audience: string, from: IsoDate, to: IsoDate) {
  return db.report.findMany({
    where: { audience, receivedOn: { gte: from, lte: to } },
    select: { audience: true, category: true, status: true, outcome: true, receivedOn: true, ackDueOn: true, acknowledgedOn: true, decisionDueOn: true, extendedOn: true, decidedOn: true },
  });
}

/** How many cases of an audience were received in the period: a number, nothing of them. */
export function countReportsReceivedBetween(db: Db, audience: string, from: IsoDate, to: IsoDate): Promise<number> {
  return db.report.count({ where: { audience, receivedOn: { gte: from, lte: to } } });
}

/** The audit trail of one case (officer actions only), oldest first. */
export function auditTrailOf(db: Db, subject: string) {
  return db.auditLog.findMany({ where: { subject }, orderBy: { id: "asc" } });
}

/** Officers who may be given cases: the active people of a role, by name. */
export function activeUsersOfRole(db: Db, role: string) {
  return db.user.findMany({ where: { active: true, role }, orderBy: { fullName: "asc" } });
}

/** Full names of these users (officers named on a case card). */
export function fullNamesOf(db: Db, ids: number[]): Promise<{ id: number; fullName: string }[]> {
  return db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } });
}

// ── Entries (the case file) ──

export async function createReportEntry(db: Db, entry: { reportId: number; kind: string; authorId: number | null; encryptedBody: string; createdOn: IsoDate }): Promise<void> {
  await db.reportEntry.create({ data: { reportId: entry.reportId, kind: entry.kind, authorId: entry.authorId, body: entry.encryptedBody, createdOn: entry.createdOn } });
}

export function listReportEntries(db: Db, reportId: number, kinds?: readonly string[]) {
  return db.reportEntry.findMany({ where: { reportId, ...(kinds ? { kind: { in: [...kinds] } } : {}) }, orderBy: { id: "asc" } });
}

// ── Escalation and retention (the report notifier) ──

/** Open cases that may need an escalation today: an unescalated late acknowledgement, or a passed decision day. */
export function escalationCandidates(db: Db, today: IsoDate): Promise<ReportRow[]> {
  return db.report.findMany({
    where: { status: { not: "decided" }, OR: [{ status: "received", acknowledgedOn: null, ackDueOn: { lt: today }, ackEscalatedOn: null }, { decisionDueOn: { lt: today } }] },
    orderBy: { id: "asc" },
  });
}

/** Stamps the acknowledgement escalation unless it was stamped (or acknowledged) meanwhile; true when this call stamped it. */
export async function stampAckEscalation(db: DbOrTx, id: number, today: IsoDate): Promise<boolean> {
  const { count } = await db.report.updateMany({ where: { id, status: "received", acknowledgedOn: null, ackEscalatedOn: null }, data: { ackEscalatedOn: today } });
  return count === 1;
}

/** Stamps the decision escalation if the case is as it was read; true when this call stamped it. */
export async function stampDecisionEscalation(db: DbOrTx, c: { id: number; decisionDueOn: IsoDate; decisionEscalatedOn: IsoDate | null }, today: IsoDate): Promise<boolean> {
  const { count } = await db.report.updateMany({
    where: { id: c.id, status: { not: "decided" }, decisionDueOn: c.decisionDueOn, decisionEscalatedOn: c.decisionEscalatedOn },
    data: { decisionEscalatedOn: today },
  });
  return count === 1;
}

/** Decided cases decided on or before `latest` (candidates for the purge). */
export function decidedUpTo(db: Db, latest: IsoDate) {
  return db.report.findMany({ where: { status: "decided", decidedOn: { not: null, lte: latest } }, select: { id: true, number: true, decidedOn: true, content: true } });
}

/**
 * Deletes a decided case with its entries and its mailbox (when its token hash is known), in
 * one transaction; false when another instance purged it meanwhile.
 */
export function purgeDecidedReport(db: Db, id: number, mailboxTokenHashes: string[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.report.deleteMany({ where: { id, status: "decided" } });
    if (count !== 1) return false; // purged by another instance meanwhile
    await tx.reportEntry.deleteMany({ where: { reportId: id } });
    if (mailboxTokenHashes.length) await tx.reportMailbox.deleteMany({ where: { tokenHash: { in: mailboxTokenHashes } } });
    return true;
  });
}
