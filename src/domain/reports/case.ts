// Anonymous reports as cases (PRODUCT.md §2): what a report holds, the limits on what a
// reporter may send, the status workflow and the deadline clocks in working days.
// Plain module: no grammY, no database.
import type { IsoDate } from "../calendar/days.js";
import type { WorkCalendar } from "../calendar/work-calendar.js";

export const REPORT_CATEGORIES = ["bribery", "abuse", "conflict", "gifts", "nepotism", "procurement", "hidden", "fraud", "other"] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** Who handles a case: compliance, or the observer role when it involves compliance staff or top management. */
export const REPORT_AUDIENCES = ["compliance", "observer"] as const;
export type ReportAudience = (typeof REPORT_AUDIENCES)[number];

export const REPORT_STATUSES = ["received", "review", "checking", "decided"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_OUTCOMES = ["substantiated", "unsubstantiated", "referred", "no_action"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const ATTACHMENT_KINDS = ["photo", "document", "voice"] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** A file the reporter sent, by Telegram file id (sent on by id: a copy, never a forward). */
export interface Attachment {
  kind: AttachmentKind;
  fileId: string;
  /** Documents only. */
  name?: string;
  mime?: string;
  size?: number;
  /** Voice only, seconds. */
  duration?: number;
}

/** What the reporter wrote; stored encrypted as one JSON document. */
export interface ReportContent {
  unit?: string;
  what: string;
  whenWhere: string;
  who?: string;
  attachments: Attachment[];
  /** Present when the reporter opted in to pings: the random token of their mailbox row. */
  mailboxToken?: string;
}

export const REPORT_LIMITS = {
  /** One text field (Telegram's message limit is 4096). */
  maxTextChars: 4000,
  /** Unit and "who" are short answers. */
  maxShortChars: 300,
  /** Files per report, and per addition later. */
  maxAttachments: 10,
  /** The Bot API lets bots download at most 20 MB; larger files could never be reviewed. */
  maxAttachmentBytes: 20 * 1024 * 1024,
  /** New reports per Telegram account per day (flood protection, counted without identity). */
  maxReportsPerDay: 3,
  /** Additions (texts and files) to cases per Telegram account per day. */
  maxAdditionsPerDay: 30,
} as const;

export type TextProblem = "empty" | "tooLong";

/** Checks one text answer; returns the trimmed text or what is wrong with it. */
export function checkText(input: string, max: number = REPORT_LIMITS.maxTextChars): { ok: true; text: string } | { ok: false; problem: TextProblem; max: number } {
  const text = input.trim();
  if (!text) return { ok: false, problem: "empty", max };
  if ([...text].length > max) return { ok: false, problem: "tooLong", max };
  return { ok: true, text };
}

export type AttachmentProblem = "tooMany" | "tooLarge" | "unsupported";

export function checkAttachment(existing: number, file: { kind: string; size?: number }): AttachmentProblem | null {
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(file.kind)) return "unsupported";
  if (existing >= REPORT_LIMITS.maxAttachments) return "tooMany";
  if ((file.size ?? 0) > REPORT_LIMITS.maxAttachmentBytes) return "tooLarge";
  return null;
}

// ── Workflow ──

/** Statuses only move forward; a decision closes the case. */
export function canMoveTo(from: ReportStatus, to: ReportStatus): boolean {
  return REPORT_STATUSES.indexOf(to) > REPORT_STATUSES.indexOf(from) && from !== "decided";
}

export function isStatus(v: unknown): v is ReportStatus {
  return typeof v === "string" && (REPORT_STATUSES as readonly string[]).includes(v);
}
export function isOutcome(v: unknown): v is ReportOutcome {
  return typeof v === "string" && (REPORT_OUTCOMES as readonly string[]).includes(v);
}
export function isCategory(v: unknown): v is ReportCategory {
  return typeof v === "string" && (REPORT_CATEGORIES as readonly string[]).includes(v);
}

// ── Deadline clocks ──

export interface ReportDeadlinePolicy {
  /** Working days to acknowledge (move out of "received"). Default 3. */
  ackDays: number;
  /** Working days to a decision (Administrative Procedural Code art. 76). Default 15. */
  decisionDays: number;
  /** Longest extension, in working days (one extension per case). Default 15. */
  maxExtensionDays: number;
  /** The reporter must be told of an extension within this many working days. Default 3. */
  extensionNoticeDays: number;
  /** Closed cases are purged this many days after the decision. */
  retentionDays: number;
}

export const DEFAULT_REPORT_POLICY: ReportDeadlinePolicy = { ackDays: 3, decisionDays: 15, maxExtensionDays: 15, extensionNoticeDays: 3, retentionDays: 1095 };

export function initialDeadlines(calendar: WorkCalendar, receivedOn: IsoDate, policy: ReportDeadlinePolicy): { ackDueOn: IsoDate; decisionDueOn: IsoDate } {
  return { ackDueOn: calendar.addWorkingDays(receivedOn, policy.ackDays), decisionDueOn: calendar.addWorkingDays(receivedOn, policy.decisionDays) };
}

export interface CaseClock {
  status: string;
  ackDueOn: IsoDate;
  decisionDueOn: IsoDate;
  extendedOn: IsoDate | null;
  /** Set when the case was acknowledged (a status change or a reply to the reporter). */
  acknowledgedOn?: IsoDate | null;
}

export type ExtensionProblem = "alreadyExtended" | "decided" | "notLater" | "tooLong";

/** Checks a proposed new decision date against the one-extension rule. */
export function checkExtension(calendar: WorkCalendar, c: CaseClock, newDueOn: IsoDate, policy: ReportDeadlinePolicy): ExtensionProblem | null {
  if (c.status === "decided") return "decided";
  if (c.extendedOn) return "alreadyExtended";
  if (newDueOn <= c.decisionDueOn) return "notLater";
  if (calendar.workingDaysBetween(c.decisionDueOn, newDueOn) > policy.maxExtensionDays) return "tooLong";
  return null;
}

export interface Overdue {
  ack: boolean;
  decision: boolean;
}

/** Acknowledgement is late while the case is still "received" and unanswered after its day; the decision, while undecided. */
export function overdue(c: CaseClock, today: IsoDate): Overdue {
  return { ack: c.status === "received" && !c.acknowledgedOn && today > c.ackDueOn, decision: c.status !== "decided" && today > c.decisionDueOn };
}

/** The first day a decided case may be purged. */
export function purgeableFrom(decidedOn: IsoDate, policy: Pick<ReportDeadlinePolicy, "retentionDays">): IsoDate {
  const d = new Date(`${decidedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + policy.retentionDays);
  return d.toISOString().slice(0, 10);
}
