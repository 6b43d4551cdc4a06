// Background work of anonymous reports (PRODUCT.md §2), every tick:
// 1. alerts: the batched, content-free "N new events in the reports inbox" to the people
//    handling an audience (ReportAlert rows, random sendAfter set by the service);
// 2. pings: the content-free "there is news, open it with your code" to reporters who opted
//    in (ReportMailbox rows, random pingAfter set by the service);
// 3. escalation of overdue acknowledgements and decisions, once per case and deadline, on
//    working days in office hours;
// 4. purge of decided cases after the retention period.
// Rows are claimed in the database (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: conditional
// update), then completed and their messages queued in the outbox in one transaction, so
// several instances queue each message once. A claim left by a crash is taken over after
// CLAIM_TTL. Escalations are stamped on the case, audited and queued in one transaction.
// Anonymity: nothing here logs a chat id, a Telegram id or anything the reporter wrote; logs
// carry event names, counts and case numbers only. Messages carry no content either.
import { inTransaction, type Database } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { claimDueAlerts, completeAlert } from "../db/repositories/report-alerts.js";
import { claimDuePings, clearPing, deleteMailbox } from "../db/repositories/report-mailboxes.js";
import { decidedUpTo, escalationCandidates, purgeDecidedReport, stampAckEscalation, stampDecisionEscalation, type ReportRow } from "../db/repositories/reports.js";
import { reachableUsers } from "../db/repositories/users.js";
import { addCalendarDays, type IsoDate } from "../domain/calendar/days.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Keyring } from "../domain/crypto.js";
import { isLang, type Lang } from "../domain/lang.js";
import { overdue, purgeableFrom } from "../domain/reports/case.js";
import { escalationRolesOf, handlerRoleOf } from "../domain/reports/policies.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Notifier } from "../domain/notifications.js";
import { ALERT_DELAY_MINUTES, decryptContent, randomDelay, mailboxHashes, readMailboxAddress } from "../services/reports.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS } from "./background.js";

const BATCH = 100;

export interface ReportNotifierDeps {
  db: Database;
  keyring: Keyring;
  /** The outbox: alerts, pings and escalations (rendered in features/reports/notifications.ts). */
  notifier: Notifier;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage" | "reports">;
  now: () => Date;
  /** [0, 1): random delays; injectable for tests. */
  random?: () => number;
}

export interface ReportNotifierReport {
  /** Alert messages queued to case handlers. */
  alerts: number;
  /** Pings queued to reporters. */
  pings: number;
  /** Escalations stamped (case × deadline). */
  escalations: number;
  /** Escalation messages queued. */
  escalationMessages: number;
  purged: number;
}

type Handler = { id: number; telegramId: bigint | null; language: string | null };

export function createReportNotifier(deps: ReportNotifierDeps) {
  const db = deps.db.prisma;
  const random = deps.random ?? Math.random;

  const langOf = (u: { language: string | null }): Lang => (isLang(u.language) ? u.language : deps.config.defaultLanguage);
  const alertDelay = () => randomDelay(deps.now(), ALERT_DELAY_MINUTES, random);
  const claimCutoff = (now: Date) => new Date(now.getTime() - CLAIM_TTL_MS);

  const people = (roles: string[]): Promise<Handler[]> => reachableUsers(db, roles);
  // The reporter's chat blocked the bot or is gone: the opt-in ends with it.
  deps.notifier.onUndelivered("reportPing", (ref) => deleteMailbox(db, String(ref.id)));

  // ── 1. Alerts to case handlers ──

  async function sendAlert(alert: { audience: string; events: number }, report: ReportNotifierReport): Promise<void> {
    const recipients = await people([handlerRoleOf(alert.audience)]);
    if (recipients.length === 0) deps.logger.warn({ event: "report_alert_no_handlers", audience: alert.audience }, "nobody registered handles this audience");
    // Queued and completed together. Compare-and-delete: events that arrived meanwhile stay for the next batch.
    await inTransaction(db, async (tx) => {
      await deps.notifier.queue(recipients.map((u) => ({ kind: "reportAlert" as const, chatId: Number(u.telegramId), lang: langOf(u), events: alert.events })), tx);
      await completeAlert(tx, alert.audience, alert.events, alertDelay);
    });
    report.alerts += recipients.length;
  }

  // ── 2. Pings to reporters ──

  async function sendPing(box: { tokenHash: string; chat: string }, report: ReportNotifierReport): Promise<void> {
    let address: ReturnType<typeof readMailboxAddress>;
    try {
      address = readMailboxAddress(deps.keyring, box.chat);
    } catch {
      // Unreadable (e.g. written under a key no longer configured): nothing can be sent.
      deps.logger.error({ event: "report_ping_unreadable" }, "a report mailbox cannot be decrypted");
      await clearPing(db, box.tokenHash);
      return;
    }
    const lang = isLang(address.lang) ? address.lang : deps.config.defaultLanguage;
    // News that comes after this commit sets a new ping (the service only sets pingAfter when none is pending).
    await inTransaction(db, async (tx) => {
      await deps.notifier.queue([{ notification: { kind: "reportPing", chatId: address.chatId, lang }, ref: { on: "reportPing", id: box.tokenHash } }], tx);
      await clearPing(tx, box.tokenHash);
    });
    report.pings++;
  }

  // ── 3. Escalation of overdue cases ──

  /** Stamps, audits and queues one escalation in one transaction; false when another instance stamped it first. */
  function escalateOnce(c: ReportRow, d: { kind: "ack" | "decision"; dueOn: IsoDate }, today: IsoDate, recipients: Handler[]): Promise<boolean> {
    const days = deps.calendar.workingDaysBetween(d.dueOn, today);
    return inTransaction(db, async (tx) => {
      const stamped = d.kind === "ack" ? await stampAckEscalation(tx, c.id, today) : await stampDecisionEscalation(tx, c, today);
      if (!stamped) return false;
      await audit(tx, { actorUserId: null, action: "report.escalated", subject: `report:${c.number}`, details: { deadline: d.kind, dueOn: d.dueOn } });
      await deps.notifier.queue(recipients.map((u) => ({ kind: "reportEscalation" as const, chatId: Number(u.telegramId), lang: langOf(u), deadline: d.kind, number: c.number, dueOn: d.dueOn, days })), tx);
      return true;
    });
  }

  /** The deadlines of this case that are due for an escalation now. */
  function dueEscalations(c: ReportRow, today: IsoDate): { kind: "ack" | "decision"; dueOn: IsoDate }[] {
    const late = overdue(c, today);
    const due: { kind: "ack" | "decision"; dueOn: IsoDate }[] = [];
    if (late.ack && c.ackEscalatedOn === null) due.push({ kind: "ack", dueOn: c.ackDueOn });
    // An escalation stamped on or before the current due date was about an earlier one
    // (the case was extended since): the new deadline escalates once too.
    if (late.decision && (c.decisionEscalatedOn === null || c.decisionEscalatedOn <= c.decisionDueOn)) due.push({ kind: "decision", dueOn: c.decisionDueOn });
    return due;
  }

  async function escalate(now: Date, today: IsoDate, report: ReportNotifierReport): Promise<void> {
    const tz = deps.config.timeZone;
    if (!deps.calendar.isWorkingDay(today)) return;
    if (now < zonedDateTime(today, WORKING_HOURS.from, tz) || now >= zonedDateTime(today, WORKING_HOURS.to, tz)) return;
    for (const c of await escalationCandidates(db, today)) {
      const due = dueEscalations(c, today);
      if (!due.length) continue;
      const recipients = await people(escalationRolesOf(c.audience));
      for (const d of due) {
        if (!(await escalateOnce(c, d, today, recipients))) continue;
        report.escalations++;
        report.escalationMessages += recipients.length;
      }
    }
  }

  // ── 4. Retention ──

  async function purge(today: IsoDate, report: ReportNotifierReport): Promise<void> {
    const policy = deps.config.reports;
    const latest = addCalendarDays(today, -policy.retentionDays);
    for (const r of await decidedUpTo(db, latest)) {
      if (!r.decidedOn || purgeableFrom(r.decidedOn, policy) > today) continue;
      let token: string | undefined;
      try {
        token = decryptContent(deps.keyring, r.content).mailboxToken;
      } catch {
        deps.logger.error({ event: "report_purge_unreadable", number: r.number }, "case content cannot be decrypted; its mailbox (if any) stays");
      }
      if (!(await purgeDecidedReport(db, r.id, token ? mailboxHashes(deps.keyring, token) : []))) continue;
      await audit(db, { actorUserId: null, action: "report.purged", subject: `report:${r.number}` });
      report.purged++;
    }
  }

  async function tick(): Promise<ReportNotifierReport> {
    const report: ReportNotifierReport = { alerts: 0, pings: 0, escalations: 0, escalationMessages: 0, purged: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    for (;;) {
      const alerts = await claimDueAlerts(deps.db, now, claimCutoff(now));
      if (!alerts.length) break;
      for (const a of alerts) await sendAlert(a, report);
    }
    for (;;) {
      const boxes = await claimDuePings(deps.db, now, claimCutoff(now), BATCH);
      if (!boxes.length) break;
      for (const b of boxes) await sendPing(b, report);
    }
    await escalate(now, today, report);
    await purge(today, report);
    if (report.alerts || report.pings || report.escalations || report.purged) deps.logger.info({ event: "report_notifier", ...report }, "report notifications");
    return report;
  }

  return singleFlight(tick);
}

export type ReportNotifier = ReturnType<typeof createReportNotifier>;
