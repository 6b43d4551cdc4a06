// The quarterly information on the action plan's execution (seed 002) and the non-execution
// list for the head (seed 004 item 5: «ден қою шараларын қабылдау үшін ұсынымдарды орындамау
// фактілерін енгізу»): sent once per quarter to the observers, through the outbox, audited.
import { inTransaction, isUniqueViolation, type Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { findPlanReportNotice, recordPlanReportNotice } from "../db/repositories/plan-report-notices.js";
import { reachableUsers } from "../db/repositories/users.js";
import type { IsoDate } from "../domain/calendar/days.js";
import type { Keyring } from "../domain/crypto.js";
import { isLang, type Lang } from "../domain/lang.js";
import type { Notifier, PlanNonExecutionNotice } from "../domain/notifications.js";
import { periodKey, periodRange, type Quarter } from "../domain/plan/execution.js";
import { planExecution, type ExecutionRow } from "./plan-execution.js";

export type QuarterPeriod = { kind: "quarter"; year: number; quarter: Quarter };


export const nonExecutionKey = (period: QuarterPeriod) => `nonExecution:${periodKey(period)}`;
export const reminderKey = (period: QuarterPeriod, userId: number, day: IsoDate) => `reminder:${periodKey(period)}:${userId}:${day}`;

/**
 * One message holds at most 4,096 characters: it lists the first items, each cut to a length
 * that keeps ten of them within it, and says how many there are (the documents list them all).
 */
export const MAX_NOTICE_ITEMS = 10;
export const MAX_NOTICE_FIELD = 150;
/** An item's number is not limited on import (a № cell may hold text): cut too. */
export const MAX_NOTICE_NUMBER = 20;

const cut = (text: string, max = MAX_NOTICE_FIELD) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function noticeItems(rows: readonly ExecutionRow[]): PlanNonExecutionNotice["items"] {
  return rows.slice(0, MAX_NOTICE_ITEMS).map((r) => ({ number: r.number === null ? null : cut(r.number, MAX_NOTICE_NUMBER), measure: cut(r.measure), responsible: cut(r.responsible.join(", ") || "—"), dueOn: r.dueOn }));
}

export type NonExecutionOutcome = { outcome: "sent"; count: number; items: number } | { outcome: "already"; on: Date } | { outcome: "nothing" } | { outcome: "noObservers" } | { outcome: "notEnded" };

/**
 * Queues the quarter's non-execution list to every registered observer, once per quarter: the
 * ledger row (unique key) and the messages are committed together, so a second press, or a
 * press on another instance at the same moment, finds the row and sends nothing. A quarter
 * that has not ended has no list yet: sending part of it would use up the quarter's one notice.
 */
export async function sendNonExecutionToHead(
  db: Db,
  notifier: Notifier,
  args: { keyring: Keyring; period: QuarterPeriod; asOf: IsoDate; actorUserId: number; now: Date; defaultLanguage: Lang },
): Promise<NonExecutionOutcome> {
  if (args.asOf <= periodRange(args.period).to) return { outcome: "notEnded" };
  const key = nonExecutionKey(args.period);
  const earlier = await findPlanReportNotice(db, key);
  if (earlier) return { outcome: "already", on: earlier.createdAt };
  const execution = await planExecution(db, args.keyring, args.period, args.asOf);
  if (!execution.nonExecution.length) return { outcome: "nothing" };
  const observers = await reachableUsers(db, ["observer"]);
  if (!observers.length) return { outcome: "noObservers" };
  const items = noticeItems(execution.nonExecution);
  const period = { year: args.period.year, quarter: args.period.quarter };
  try {
    await inTransaction(db, async (tx) => {
      await recordPlanReportNotice(tx, { key, kind: "nonExecution", period: periodKey(args.period), userId: args.actorUserId, createdAt: args.now });
      await audit(tx, { actorUserId: args.actorUserId, action: "plan.non_execution_sent", subject: `quarter:${periodKey(args.period)}`, details: { items: execution.nonExecution.length, observers: observers.length } });
      await notifier.queue(
        observers.map((o) => ({ kind: "planNonExecution" as const, chatId: Number(o.telegramId), lang: isLang(o.language) ? o.language : args.defaultLanguage, period, items, total: execution.nonExecution.length })),
        tx,
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await findPlanReportNotice(db, key);
    return { outcome: "already", on: row?.createdAt ?? args.now };
  }
  return { outcome: "sent", count: observers.length, items: execution.nonExecution.length };
}
