// What the background jobs hand to the bot to send: plain data, no grammY. A job decides who
// is told what (and records it); the bot renders the text and buttons in the person's language
// (each kind's renderer sits in the feature that owns it, src/bot/features/*/notifications.ts)
// and sends it (src/bot/notifications/index.ts). The jobs see only this module.
import type { IsoDate } from "./calendar/days.js";
import type { Lang } from "./lang.js";
import type { TaskTitleFields } from "./plan/titles.js";
import type { ExecutionTotals, Quarter } from "./plan/execution.js";
import type { DueDayOff, ReminderKind } from "./reminders.js";
import type { SummaryFigures } from "./summaries/figures.js";

/** Every notification names its kind, the chat it goes to and the language to render it in. */
export interface NotificationBase<K extends PropertyKey> {
  kind: K;
  chatId: number;
  lang: Lang;
}

// ── anonymous reports (jobs/report-notifier.ts): content-free by design ──

/** "N new events in the reports inbox" to a person handling an audience. */
export interface ReportAlertNotice extends NotificationBase<"reportAlert"> {
  events: number;
}

/** "There is news, open it with your code" to a reporter's chat. */
export type ReportPingNotice = NotificationBase<"reportPing">;

/** An overdue acknowledgement or decision, to the people who must act on it. */
export interface ReportEscalationNotice extends NotificationBase<"reportEscalation"> {
  deadline: "ack" | "decision";
  number: string;
  dueOn: IsoDate;
  /** Working days since the deadline. */
  days: number;
}

// ── questionnaires (jobs/survey-dispatch.ts) ──

export interface SurveyNotice {
  campaignId: number;
  /** The definition's title in both languages. */
  title: { kk: string; ru: string };
  /** ISO date of the last day answers are accepted. */
  closesOn: string;
}

export interface SurveyInvitationNotice extends NotificationBase<"surveyInvitation">, SurveyNotice {}
export interface SurveyReminderNotice extends NotificationBase<"surveyReminder">, SurveyNotice {}

// ── deadlines (jobs/task-reminders.ts, and what a task action tells others) ──

/** A reminder before a due date, on the day, overdue, or (to compliance) an escalation. */
export interface TaskReminderNotice extends NotificationBase<"taskReminder"> {
  reminder: ReminderKind;
  occurrenceId: number;
  task: TaskTitleFields;
  dueOn: IsoDate;
  /** Working days before the due date, or since it (overdue, escalation). */
  days: number;
  /** The due date is a weekend day or a holiday (absent in rows queued by older versions). */
  dayOff?: DueDayOff | null;
  completionForm: string | null;
  /** Escalation: who is responsible. */
  who: string;
}

/** To compliance: someone marked a due date done. */
export interface TaskDoneNotice extends NotificationBase<"taskDone"> {
  title: string;
  dueOn: IsoDate;
  who: string;
}

/** To compliance: someone asks for more time (approve / refuse). */
export interface TaskExtensionRequestNotice extends NotificationBase<"taskExtensionRequest"> {
  requestId: number;
  title: string;
  who: string;
  from: IsoDate;
  to: IsoDate;
  reason: string;
}

/** To the person who asked: more time approved or refused. */
export interface TaskExtensionDecisionNotice extends NotificationBase<"taskExtensionDecision"> {
  approved: boolean;
  title: string;
  from: IsoDate;
  to: IsoDate;
}

// ── summaries (jobs/weekly-digest.ts) ──

/** The weekly digest to a compliance officer or an observer: the figures of their scope. */
export interface WeeklyDigestNotice extends NotificationBase<"weeklyDigest"> {
  /** Monday of the week it is for. */
  week: IsoDate;
  figures: SummaryFigures;
}

// ── the quarterly information on the plan's execution (jobs/monitoring-reminders.ts, services/monitoring.ts) ──

/** To a compliance officer: the quarter's information is due (seed 002: by the 5th), with the totals so far. */
export interface MonitoringReminderNotice extends NotificationBase<"monitoringReminder"> {
  period: { year: number; quarter: Quarter };
  /** The day it is due (the 5th, or the working day before it). */
  dueOn: IsoDate;
  /** Working days left; 0 on the day. */
  days: number;
  totals: ExecutionTotals;
}

/** To an observer (the head): the due dates of a quarter not done after their deadline (seed 004 item 5). */
export interface PlanNonExecutionNotice extends NotificationBase<"planNonExecution"> {
  period: { year: number; quarter: Quarter };
  /** The first of them (a message's length); `total` says how many there are. */
  items: { number: string | null; measure: string; responsible: string; dueOn: IsoDate }[];
  total: number;
}

// ── the board report (jobs/board-reminders.ts, and its approval) ──

/** To a compliance officer: the board report of a period is due in `daysLeft` working days (0: today). */
export interface BoardReminderNotice extends NotificationBase<"boardReminder"> {
  /** "2026-Q3" or "2026" (domain/board/report.ts). */
  periodKey: string;
  dueOn: IsoDate;
  daysLeft: number;
}

/** To an observer: a compliance officer approved the board report of a period. */
export interface BoardApprovedNotice extends NotificationBase<"boardApproved"> {
  periodKey: string;
  by: string;
  on: IsoDate;
}

/** Every kind, by name (an interface, so a test can add a kind of its own). */
export interface NotificationKinds {
  reportAlert: ReportAlertNotice;
  reportPing: ReportPingNotice;
  reportEscalation: ReportEscalationNotice;
  surveyInvitation: SurveyInvitationNotice;
  surveyReminder: SurveyReminderNotice;
  taskReminder: TaskReminderNotice;
  taskDone: TaskDoneNotice;
  taskExtensionRequest: TaskExtensionRequestNotice;
  taskExtensionDecision: TaskExtensionDecisionNotice;
  weeklyDigest: WeeklyDigestNotice;
  monitoringReminder: MonitoringReminderNotice;
  planNonExecution: PlanNonExecutionNotice;
  boardReminder: BoardReminderNotice;
  boardApproved: BoardApprovedNotice;
}

export type NotificationKind = keyof NotificationKinds;
export type Notification = NotificationKinds[NotificationKind];

/**
 * Order in the outbox: an answer to someone's action (an approval, a decision) before alerts
 * and escalations, and those before bulk (invitations, reminders, pings).
 */
export const PRIORITIES = { action: 0, alert: 1, bulk: 2 } as const;

export function priorityOf(n: Notification): number {
  switch (n.kind) {
    case "taskDone":
    case "taskExtensionRequest":
    case "taskExtensionDecision":
    case "boardApproved":
      return PRIORITIES.action;
    case "reportAlert":
    case "reportEscalation":
    case "planNonExecution":
      return PRIORITIES.alert;
    case "taskReminder":
      return n.reminder === "escalation" ? PRIORITIES.alert : PRIORITIES.bulk;
    default:
      return PRIORITIES.bulk;
  }
}

/** What a queued message refers to, so that whoever queued it hears when it could not be delivered. */
export interface OutboxRef {
  on: string;
  id: number | string;
}

export interface QueuedNotification {
  notification: Notification;
  ref?: OutboxRef;
}

/** blocked: the person blocked the bot or the chat is gone; failed: refused for good or given up. */
export type Undelivered = "blocked" | "failed";

/**
 * What the jobs and the bot are given instead of the Bot API: messages are queued in the
 * outbox — inside the caller's transaction when one is given, so the decision to send and the
 * message are committed together — and sent by the outbox sender under one pacer.
 */
export interface Notifier {
  queue(items: readonly (Notification | QueuedNotification)[], tx?: unknown): Promise<void>;
  /** Called (once per message) when a message with a ref `on` could not be delivered. */
  onUndelivered(on: string, handler: (ref: OutboxRef, outcome: Undelivered) => Promise<void>): void;
}
