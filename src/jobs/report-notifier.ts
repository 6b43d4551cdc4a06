// Background work of anonymous reports (PRODUCT.md §2), every tick:
// 1. alerts: the batched, content-free "N new events in the reports inbox" to the people
//    handling an audience (ReportAlert rows, random sendAfter set by the service);
// 2. pings: the content-free "there is news, open it with your code" to reporters who opted
//    in (ReportMailbox rows, random pingAfter set by the service);
// 3. escalation of overdue acknowledgements and decisions, once per case and deadline, on
//    working days in office hours;
// 4. purge of decided cases after the retention period.
// Rows are claimed in the database before anything is sent (PostgreSQL: FOR UPDATE SKIP
// LOCKED; SQLite: conditional update), so several instances send each message once. A claim
// left by a crash is taken over after CLAIM_TTL. Escalations are stamped on the case with a
// conditional update before they are sent.
// Anonymity: nothing here logs a chat id, a Telegram id or anything the reporter wrote; logs
// carry event names, counts and case numbers only. Messages carry no content either.
import type { Database } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { claimDueAlerts, completeAlert, retryAlert } from "../db/repositories/report-alerts.js";
import { claimDuePings, clearPing, deleteMailbox, retryPing } from "../db/repositories/report-mailboxes.js";
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

/** A message that failed for a temporary reason is tried again this much later. */
const RETRY_AFTER_MS = 5 * 60 * 1000;
const BATCH = 100;

export interface ReportNotifierDeps {
  db: Database;
  keyring: Keyring;
  /** Renders and sends the alerts, pings and escalations (kinds in features/reports/notifications.ts). */
  notifier: Notifier;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage" | "reports">;
  now: () => Date;
  /** [0, 1): random delays; injectable for tests. */
  random?: () => number;
}

export interface ReportNotifierReport {
  /** Alert messages delivered to case handlers. */
  alerts: number;
  /** Pings delivered to reporters. */
  pings: number;
  /** Escalations stamped (case × deadline). */
  escalations: number;
  /** Escalation messages delivered. */
  escalationMessages: number;
  purged: number;
  failed: number;
}

type Handler = { id: number; telegramId: bigint | null; language: string | null };

export function createReportNotifier(deps: ReportNotifierDeps) {
  const db = deps.db.prisma;
  const random = deps.random ?? Math.random;

  const langOf = (u: { language: string | null }): Lang => (isLang(u.language) ? u.language : deps.config.defaultLanguage);
  const alertDelay = () => randomDelay(deps.now(), ALERT_DELAY_MINUTES, random);
  const retryAt = () => new Date(deps.now().getTime() + RETRY_AFTER_MS);
  const claimCutoff = (now: Date) => new Date(now.getTime() - CLAIM_TTL_MS);

  const people = (roles: string[]): Promise<Handler[]> => reachableUsers(db, roles);

  // ── 1. Alerts to case handlers ──

  async function sendAlert(alert: { audience: string; events: number }, report: ReportNotifierReport): Promise<void> {
    const recipients = await people([handlerRoleOf(alert.audience)]);
    let sent = 0;
    let temporary = 0;
    for (const u of recipients) {
      const outcome = await deps.notifier.send({ kind: "reportAlert", chatId: Number(u.telegramId), lang: langOf(u), events: alert.events });
      if (outcome === "sent") sent++;
      else {
        report.failed++;
        if (outcome === "failed") temporary++;
      }
    }
    report.alerts += sent;
    if (sent === 0 && temporary > 0) {
      // Nobody got it (Telegram unreachable): keep everything and try again later.
      await retryAlert(db, alert.audience, retryAt());
      return;
    }
    if (recipients.length === 0) deps.logger.warn({ event: "report_alert_no_handlers", audience: alert.audience }, "nobody registered handles this audience");
    // Compare-and-delete: events that arrived during the send stay for the next batch.
    await completeAlert(db, alert.audience, alert.events, alertDelay);
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
      report.failed++;
      return;
    }
    const lang = isLang(address.lang) ? address.lang : deps.config.defaultLanguage;
    const outcome = await deps.notifier.send({ kind: "reportPing", chatId: address.chatId, lang });
    if (outcome === "sent") {
      // News that came during the send is covered by this ping (the service only sets
      // pingAfter when none is pending).
      await clearPing(db, box.tokenHash);
      report.pings++;
    } else if (outcome === "blocked") {
      // The chat blocked the bot or is gone: the opt-in ends with it.
      await deleteMailbox(db, box.tokenHash);
      report.failed++;
    } else {
      await retryPing(db, box.tokenHash, retryAt());
      report.failed++;
    }
  }

  // ── 3. Escalation of overdue cases ──

  /** Stamps the deadlines of this case that are due for an escalation now; the ones this instance stamped. */
  async function stampDue(c: ReportRow, today: IsoDate): Promise<{ kind: "ack" | "decision"; dueOn: IsoDate }[]> {
    const late = overdue(c, today);
    const due: { kind: "ack" | "decision"; dueOn: IsoDate }[] = [];
    if (late.ack && c.ackEscalatedOn === null && (await stampAckEscalation(db, c.id, today))) due.push({ kind: "ack", dueOn: c.ackDueOn });
    // An escalation stamped on or before the current due date was about an earlier one
    // (the case was extended since): the new deadline escalates once too.
    if (late.decision && (c.decisionEscalatedOn === null || c.decisionEscalatedOn <= c.decisionDueOn) && (await stampDecisionEscalation(db, c, today))) {
      due.push({ kind: "decision", dueOn: c.decisionDueOn });
    }
    return due;
  }

  async function escalate(now: Date, today: IsoDate, report: ReportNotifierReport): Promise<void> {
    const tz = deps.config.timeZone;
    if (!deps.calendar.isWorkingDay(today)) return;
    if (now < zonedDateTime(today, WORKING_HOURS.from, tz) || now >= zonedDateTime(today, WORKING_HOURS.to, tz)) return;
    for (const c of await escalationCandidates(db, today)) {
      const due = await stampDue(c, today);
      if (!due.length) continue;
      const recipients = await people(escalationRolesOf(c.audience));
      for (const d of due) {
        report.escalations++;
        await audit(db, { actorUserId: null, action: "report.escalated", subject: `report:${c.number}`, details: { deadline: d.kind, dueOn: d.dueOn } });
        const days = deps.calendar.workingDaysBetween(d.dueOn, today);
        for (const u of recipients) {
          const outcome = await deps.notifier.send({ kind: "reportEscalation", chatId: Number(u.telegramId), lang: langOf(u), deadline: d.kind, number: c.number, dueOn: d.dueOn, days });
          if (outcome === "sent") report.escalationMessages++;
          else report.failed++;
        }
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
    const report: ReportNotifierReport = { alerts: 0, pings: 0, escalations: 0, escalationMessages: 0, purged: 0, failed: 0 };
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
    if (report.alerts || report.pings || report.escalations || report.purged || report.failed) deps.logger.info({ event: "report_notifier", ...report }, "report notifications");
    return report;
  }

  return singleFlight(tick);
}

export type ReportNotifier = ReturnType<typeof createReportNotifier>;
