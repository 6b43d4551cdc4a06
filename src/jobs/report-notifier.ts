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
import type { Api } from "grammy";
import type { Database } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { addCalendarDays, type IsoDate } from "../domain/calendar/days.js";
import { toIsoDate, zonedDateTime } from "../domain/calendar/time-zone.js";
import { type WorkCalendar } from "../domain/calendar/work-calendar.js";
import type { Keyring } from "../domain/crypto.js";
import { overdue, purgeableFrom, type ReportAudience } from "../domain/reports/case.js";
import { isLang, type I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { deliver } from "../bot/notifications/index.js";
import { Pacer } from "../bot/notifications/pacer.js";
import type { Config } from "../config.js";
import type { Lang } from "../domain/lang.js";
import { ALERT_DELAY_MINUTES, decryptContent, randomDelay, mailboxHash, readMailboxAddress } from "../services/reports.js";
import { CLAIM_TTL_MS, singleFlight, WORKING_HOURS } from "./background.js";
import { reachableUsers } from "../db/repositories/users.js";
import { formatDay } from "../domain/dates.js";

/** A message that failed for a temporary reason is tried again this much later. */
const RETRY_AFTER_MS = 5 * 60 * 1000;
const BATCH = 100;

export interface ReportNotifierDeps {
  db: Database;
  keyring: Keyring;
  api: Api;
  i18n: I18n;
  logger: Logger;
  calendar: WorkCalendar;
  config: Pick<Config, "timeZone" | "defaultLanguage" | "reports">;
  now: () => Date;
  pacer?: Pacer;
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
  const pacer = deps.pacer ?? new Pacer();
  const random = deps.random ?? Math.random;

  const langOf = (u: { language: string | null }): Lang => (isLang(u.language) ? u.language : deps.config.defaultLanguage);
  const alertDelay = () => randomDelay(deps.now(), ALERT_DELAY_MINUTES, random);

  const people = (roles: string[]): Promise<Handler[]> => reachableUsers(db, roles);

  // ── 1. Alerts to case handlers ──

  /** Claims due alert rows; returns their audience and the events counted at the claim. */
  async function claimAlerts(now: Date): Promise<{ audience: string; events: number }[]> {
    const cutoff = new Date(now.getTime() - CLAIM_TTL_MS);
    if (deps.db.provider === "postgres") {
      const rows = await db.$queryRawUnsafe<{ audience: string; events: number }[]>(
        `UPDATE "ReportAlert" SET "claimedAt" = $1
         WHERE "audience" IN (
           SELECT "audience" FROM "ReportAlert"
           WHERE "sendAfter" <= $1 AND ("claimedAt" IS NULL OR "claimedAt" < $2)
           FOR UPDATE SKIP LOCKED)
         RETURNING "audience", "events"`,
        now,
        cutoff,
      );
      return rows.map((r) => ({ audience: r.audience, events: Number(r.events) }));
    }
    const candidates = await db.reportAlert.findMany({ where: { sendAfter: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }] } });
    const claimed: { audience: string; events: number }[] = [];
    for (const c of candidates) {
      const { count } = await db.reportAlert.updateMany({ where: { audience: c.audience, claimedAt: c.claimedAt }, data: { claimedAt: now } });
      if (count !== 1) continue;
      // Read after the claim: events that join later are kept by the compare-and-delete below.
      const row = await db.reportAlert.findUnique({ where: { audience: c.audience } });
      if (row) claimed.push({ audience: row.audience, events: row.events });
    }
    return claimed;
  }

  async function sendAlert(alert: { audience: string; events: number }, report: ReportNotifierReport): Promise<void> {
    const recipients = await people([alert.audience === "observer" ? "observer" : "compliance"]);
    let sent = 0;
    let temporary = 0;
    for (const u of recipients) {
      const t = deps.i18n.t(langOf(u));
      const outcome = await deliver(deps.api, pacer, Number(u.telegramId), t("reportAlerts.inbox", { count: alert.events }));
      if (outcome === "sent") sent++;
      else {
        report.failed++;
        if (outcome === "failed") temporary++;
      }
    }
    report.alerts += sent;
    if (sent === 0 && temporary > 0) {
      // Nobody got it (Telegram unreachable): keep everything and try again later.
      await db.reportAlert.updateMany({ where: { audience: alert.audience }, data: { claimedAt: null, sendAfter: new Date(deps.now().getTime() + RETRY_AFTER_MS) } });
      return;
    }
    if (recipients.length === 0) deps.logger.warn({ event: "report_alert_no_handlers", audience: alert.audience }, "nobody registered handles this audience");
    // Compare-and-delete: events that arrived during the send stay for the next batch.
    const { count } = await db.reportAlert.deleteMany({ where: { audience: alert.audience, events: alert.events } });
    if (count === 0) {
      await db.reportAlert.updateMany({ where: { audience: alert.audience }, data: { events: { decrement: alert.events }, claimedAt: null, sendAfter: alertDelay() } });
    }
  }

  // ── 2. Pings to reporters ──

  async function claimPings(now: Date): Promise<{ tokenHash: string; chat: string }[]> {
    const cutoff = new Date(now.getTime() - CLAIM_TTL_MS);
    if (deps.db.provider === "postgres") {
      return db.$queryRawUnsafe<{ tokenHash: string; chat: string }[]>(
        `UPDATE "ReportMailbox" SET "claimedAt" = $1
         WHERE "tokenHash" IN (
           SELECT "tokenHash" FROM "ReportMailbox"
           WHERE "pingAfter" <= $1 AND ("claimedAt" IS NULL OR "claimedAt" < $2)
           ORDER BY "pingAfter" LIMIT ${BATCH}
           FOR UPDATE SKIP LOCKED)
         RETURNING "tokenHash", "chat"`,
        now,
        cutoff,
      );
    }
    const candidates = await db.reportMailbox.findMany({
      where: { pingAfter: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }] },
      orderBy: { pingAfter: "asc" },
      take: BATCH,
    });
    const claimed: { tokenHash: string; chat: string }[] = [];
    for (const c of candidates) {
      const { count } = await db.reportMailbox.updateMany({ where: { tokenHash: c.tokenHash, claimedAt: c.claimedAt }, data: { claimedAt: now } });
      if (count === 1) claimed.push({ tokenHash: c.tokenHash, chat: c.chat });
    }
    return claimed;
  }

  async function sendPing(box: { tokenHash: string; chat: string }, report: ReportNotifierReport): Promise<void> {
    let address: ReturnType<typeof readMailboxAddress>;
    try {
      address = readMailboxAddress(deps.keyring, box.chat);
    } catch {
      // Unreadable (e.g. written under a key no longer configured): nothing can be sent.
      deps.logger.error({ event: "report_ping_unreadable" }, "a report mailbox cannot be decrypted");
      await db.reportMailbox.updateMany({ where: { tokenHash: box.tokenHash }, data: { pingAfter: null, claimedAt: null } });
      report.failed++;
      return;
    }
    const t = deps.i18n.t(isLang(address.lang) ? address.lang : deps.config.defaultLanguage);
    const outcome = await deliver(deps.api, pacer, address.chatId, t("reportAlerts.ping"));
    if (outcome === "sent") {
      // News that came during the send is covered by this ping (the service only sets
      // pingAfter when none is pending).
      await db.reportMailbox.updateMany({ where: { tokenHash: box.tokenHash }, data: { pingAfter: null, claimedAt: null } });
      report.pings++;
    } else if (outcome === "blocked") {
      // The chat blocked the bot or is gone: the opt-in ends with it.
      await db.reportMailbox.deleteMany({ where: { tokenHash: box.tokenHash } });
      report.failed++;
    } else {
      await db.reportMailbox.updateMany({ where: { tokenHash: box.tokenHash }, data: { claimedAt: null, pingAfter: new Date(deps.now().getTime() + RETRY_AFTER_MS) } });
      report.failed++;
    }
  }

  // ── 3. Escalation of overdue cases ──

  async function escalate(now: Date, today: IsoDate, report: ReportNotifierReport): Promise<void> {
    const tz = deps.config.timeZone;
    if (!deps.calendar.isWorkingDay(today)) return;
    if (now < zonedDateTime(today, WORKING_HOURS.from, tz) || now >= zonedDateTime(today, WORKING_HOURS.to, tz)) return;
    const candidates = await db.report.findMany({
      where: { status: { not: "decided" }, OR: [{ status: "received", acknowledgedOn: null, ackDueOn: { lt: today }, ackEscalatedOn: null }, { decisionDueOn: { lt: today } }] },
      orderBy: { id: "asc" },
    });
    for (const c of candidates) {
      const late = overdue(c, today);
      const due: { kind: "ack" | "decision"; dueOn: IsoDate }[] = [];
      if (late.ack && c.ackEscalatedOn === null) {
        const { count } = await db.report.updateMany({ where: { id: c.id, status: "received", acknowledgedOn: null, ackEscalatedOn: null }, data: { ackEscalatedOn: today } });
        if (count === 1) due.push({ kind: "ack", dueOn: c.ackDueOn });
      }
      // An escalation stamped on or before the current due date was about an earlier one
      // (the case was extended since): the new deadline escalates once too.
      if (late.decision && (c.decisionEscalatedOn === null || c.decisionEscalatedOn <= c.decisionDueOn)) {
        const { count } = await db.report.updateMany({
          where: { id: c.id, status: { not: "decided" }, decisionDueOn: c.decisionDueOn, decisionEscalatedOn: c.decisionEscalatedOn },
          data: { decisionEscalatedOn: today },
        });
        if (count === 1) due.push({ kind: "decision", dueOn: c.decisionDueOn });
      }
      if (!due.length) continue;
      // Compliance cases go to compliance and to the heads (observers); cases about
      // compliance or top management go to the observers only.
      const recipients = await people((c.audience as ReportAudience) === "observer" ? ["observer"] : ["compliance", "observer"]);
      for (const d of due) {
        report.escalations++;
        await audit(db, { actorUserId: null, action: "report.escalated", subject: `report:${c.number}`, details: { deadline: d.kind, dueOn: d.dueOn } });
        const params = { number: c.number, date: formatDay(d.dueOn), days: deps.calendar.workingDaysBetween(d.dueOn, today) };
        for (const u of recipients) {
          const t = deps.i18n.t(langOf(u));
          const text = d.kind === "ack" ? t("reportAlerts.escalation.ack", params) : t("reportAlerts.escalation.decision", params);
          const outcome = await deliver(deps.api, pacer, Number(u.telegramId), text);
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
    const rows = await db.report.findMany({ where: { status: "decided", decidedOn: { not: null, lte: latest } }, select: { id: true, number: true, decidedOn: true, content: true } });
    for (const r of rows) {
      if (!r.decidedOn || purgeableFrom(r.decidedOn, policy) > today) continue;
      let token: string | undefined;
      try {
        token = decryptContent(deps.keyring, r.content).mailboxToken;
      } catch {
        deps.logger.error({ event: "report_purge_unreadable", number: r.number }, "case content cannot be decrypted; its mailbox (if any) stays");
      }
      const deleted = await db.$transaction(async (tx) => {
        const { count } = await tx.report.deleteMany({ where: { id: r.id, status: "decided" } });
        if (count !== 1) return false; // purged by another instance meanwhile
        await tx.reportEntry.deleteMany({ where: { reportId: r.id } });
        if (token) await tx.reportMailbox.deleteMany({ where: { tokenHash: mailboxHash(deps.keyring, token) } });
        return true;
      });
      if (!deleted) continue;
      await audit(db, { actorUserId: null, action: "report.purged", subject: `report:${r.number}` });
      report.purged++;
    }
  }

  async function tick(): Promise<ReportNotifierReport> {
    const report: ReportNotifierReport = { alerts: 0, pings: 0, escalations: 0, escalationMessages: 0, purged: 0, failed: 0 };
    const now = deps.now();
    const today = toIsoDate(now, deps.config.timeZone);
    for (;;) {
      const alerts = await claimAlerts(now);
      if (!alerts.length) break;
      for (const a of alerts) await sendAlert(a, report);
    }
    for (;;) {
      const boxes = await claimPings(now);
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
