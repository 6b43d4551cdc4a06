// Statistics of anonymous-report cases for the analytic report of the internal analysis of
// corruption risks: seed 002 lists "обращения физических и юридических лиц в отношении объекта
// анализа" among its information sources, so compliance officers (and observers, for the cases
// routed past compliance) need counts they can copy into it. Counts only: nothing here reads or
// returns what a reporter wrote. Plain module: no grammY, no database.
import type { IsoDate } from "../calendar/days.js";
import {
  overdue,
  purgeableFrom,
  REPORT_CATEGORIES,
  REPORT_OUTCOMES,
  REPORT_STATUSES,
  type ReportAudience,
  type ReportCategory,
  type ReportDeadlinePolicy,
  type ReportOutcome,
  type ReportStatus,
} from "./case.js";

/** Both ends included. */
export interface StatsPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** What statistics need of a case (a CaseSummary fits). */
export interface StatsCase {
  audience: ReportAudience;
  category: ReportCategory;
  status: ReportStatus;
  outcome: ReportOutcome | null;
  receivedOn: IsoDate;
  ackDueOn: IsoDate;
  acknowledgedOn: IsoDate | null;
  /** Already the extended date when the case was extended. */
  decisionDueOn: IsoDate;
  extendedOn: IsoDate | null;
  decidedOn: IsoDate | null;
}

/** One deadline of the cases received: met, missed, missed and still running, not yet due. */
export interface DeadlineCounts {
  onTime: number;
  late: number;
  /** Not done yet and past its day (as of `asOf`). */
  overdue: number;
  /** Not done yet, the day has not passed. */
  pending: number;
}

export interface CaseStats {
  period: StatsPeriod;
  /** The day the counts describe: statuses, open and overdue cases are as of this day. */
  asOf: IsoDate;
  /** The one audience the cases belong to; null when there were none to tell. */
  audience: ReportAudience | null;
  received: number;
  /** Every category, zeros included. */
  byCategory: Record<ReportCategory, number>;
  /** Every status, zeros included; sums to `received`. */
  byStatus: Record<ReportStatus, number>;
  /** Decided cases by outcome, zeros included; sums to `byStatus.decided`. */
  byOutcome: Record<ReportOutcome, number>;
  /** Acknowledgement (a status change or a reply) against ackDueOn. */
  ack: DeadlineCounts;
  /** Decision against decisionDueOn, which includes the extension if there was one. */
  decision: DeadlineCounts;
  /** Cases whose decision day was extended (at most once each). */
  extended: number;
  /** Not decided as of `asOf`. */
  open: number;
  /** Open and late on either clock as of `asOf` (the rule of the inbox's "overdue" filter). */
  openOverdue: number;
  /** Set when closed cases of the period may already be purged (they go this many days after
   *  the decision), so the counts may be short; null when none can have gone yet. */
  purgedAfterDays: number | null;
  /**
   * The organisation's total for the analytic report: the cases received in the period by
   * either audience, and how many of them the other audience handles (`elsewhere`). A number,
   * never a category, status or date; and only for a finished period (`organisationTotalShown`):
   * null while the period runs, and the text says why.
   */
  organisation: { total: number; elsewhere: number } | null;
}

/**
 * When the organisation's total may be shown to an audience: only once the period is over.
 * A compliance officer who watched a total of the running year (and every case of her own
 * audience in the inbox) would see it tick up the day a report about compliance staff is filed
 * and learn just that; a finished period takes no new case (a case's receivedOn is the day it
 * is filed), so the total of a finished year cannot move and no difference of two looks tells
 * anything. (It can only fall as decided cases are purged after the retention period, which
 * the statistics already say may make them short.)
 */
export function organisationTotalShown(period: StatsPeriod, asOf: IsoDate): boolean {
  return asOf > period.to;
}

/**
 * Whether a period runs over whole calendar quarters (from the first day of one to the last day
 * of the same or a later one), as the board's periods do. A total over any two days could be
 * differenced: the total up to a day less the total up to the day before counts the reports
 * filed that day about compliance staff, though each total is of a finished period. Over whole
 * quarters two totals differ by whole quarters, which the board report gives anyway.
 */
export function wholeQuarters(period: StatsPeriod): boolean {
  const QUARTER_ENDS = ["03-31", "06-30", "09-30", "12-31"];
  return /^\d{4}-(01|04|07|10)-01$/.test(period.from) && QUARTER_ENDS.includes(period.to.slice(5)) && period.from <= period.to;
}

export const DEADLINE_STATES = ["onTime", "late", "overdue", "pending"] as const satisfies readonly (keyof DeadlineCounts)[];

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const emptyDeadline = (): DeadlineCounts => ({ onTime: 0, late: 0, overdue: 0, pending: 0 });

function count(into: DeadlineCounts, doneOn: IsoDate | null, dueOn: IsoDate, asOf: IsoDate): void {
  if (doneOn) into[doneOn <= dueOn ? "onTime" : "late"]++;
  else into[asOf > dueOn ? "overdue" : "pending"]++;
}

/** The calendar year as a period. */
export function yearPeriod(year: number): StatsPeriod {
  return { from: `${String(year).padStart(4, "0")}-01-01`, to: `${String(year).padStart(4, "0")}-12-31` };
}

/**
 * Whether cases received in the period may already have been purged: the earliest a case of
 * the period can go is `retentionDays` after a decision on the day it was received.
 */
export function mayMissPurged(period: StatsPeriod, asOf: IsoDate, policy: Pick<ReportDeadlinePolicy, "retentionDays">): boolean {
  return purgeableFrom(period.from, policy) <= asOf;
}

/**
 * Counts over the cases received in the period (others are ignored). The cases must belong to
 * one audience: the numbers of cases routed past compliance are the observer's, and mixing
 * them into compliance's would tell compliance how many reports concern them.
 */
export function caseStats(cases: readonly StatsCase[], period: StatsPeriod, asOf: IsoDate): CaseStats {
  const stats: CaseStats = {
    period: { ...period },
    asOf,
    audience: null,
    received: 0,
    byCategory: zeros(REPORT_CATEGORIES),
    byStatus: zeros(REPORT_STATUSES),
    byOutcome: zeros(REPORT_OUTCOMES),
    ack: emptyDeadline(),
    decision: emptyDeadline(),
    extended: 0,
    open: 0,
    openOverdue: 0,
    purgedAfterDays: null,
    organisation: null,
  };
  for (const c of cases) {
    if (c.receivedOn < period.from || c.receivedOn > period.to) continue;
    if (stats.audience && stats.audience !== c.audience) throw new Error("case statistics mix the cases of two audiences");
    stats.audience = c.audience;
    stats.received++;
    stats.byCategory[c.category]++;
    stats.byStatus[c.status]++;
    if (c.status === "decided" && c.outcome) stats.byOutcome[c.outcome]++;
    count(stats.ack, c.acknowledgedOn, c.ackDueOn, asOf);
    count(stats.decision, c.status === "decided" ? c.decidedOn : null, c.decisionDueOn, asOf);
    if (c.extendedOn) stats.extended++;
    if (c.status !== "decided") {
      stats.open++;
      const late = overdue(c, asOf);
      if (late.ack || late.decision) stats.openOverdue++;
    }
  }
  return stats;
}
