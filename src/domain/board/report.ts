// The compliance service's report to the board of directors (seed 004 item 16: «Директорлар
// кеңесіне есепті кезеңде сыбайлас жемқорлыққа қарсы қызмет туралы есеп — тоқсан сайын есепті
// тоқсаннан кейінгі бірінші айдың 25-күніне дейін; жыл сайын (4-тоқсандағы ақпаратты қоса
// алғанда) есепті жылдан кейінгі екінші айдың 25-күніне дейін»): its periods (Q1–Q3 and the
// year, Q4 included), due dates and reminder days, and the plain data the documents render.
// Everything in BoardReportData is already what may be shown: survey results went through the
// disclosure policy, report statistics are counts of compliance's own cases.
import type { IsoDate } from "../calendar/days.js";
import { periodRange, type ExecutionTotals } from "../plan/execution.js";
import type { ReportOutcome, ReportStatus } from "../reports/case.js";

/** A board period: a quarter of Q1–Q3 (Q4 is reported with the year) or a year. */
export type BoardPeriod = { kind: "quarter"; year: number; quarter: 1 | 2 | 3 } | { kind: "year"; year: number };

export function parsePeriodKey(key: string): BoardPeriod | null {
  const m = /^(\d{4})(?:-Q([1-3]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  return m[2] ? { kind: "quarter", year, quarter: Number(m[2]) as 1 | 2 | 3 } : { kind: "year", year };
}

/** The board periods that ended before `today`, latest first (`count` of them). */
export function endedBoardPeriods(today: IsoDate, count: number): BoardPeriod[] {
  const out: BoardPeriod[] = [];
  let year = Number(today.slice(0, 4));
  // Candidates of this year and back, latest end first: the year, Q3, Q2, Q1.
  while (out.length < count) {
    const candidates: BoardPeriod[] = [{ kind: "year", year }, { kind: "quarter", year, quarter: 3 }, { kind: "quarter", year, quarter: 2 }, { kind: "quarter", year, quarter: 1 }];
    for (const p of candidates) if (periodRange(p).to < today && out.length < count) out.push(p);
    year--;
  }
  return out;
}

/** The period whose report is due next or just became due: the last one that ended. */
export function defaultBoardPeriod(today: IsoDate): BoardPeriod {
  return endedBoardPeriods(today, 1)[0]!;
}

/** The periods a reminder may be due for today: the two last ended (a report is due within two months of its end). */
export function remindablePeriods(today: IsoDate): BoardPeriod[] {
  return endedBoardPeriods(today, 2);
}

// ── the data ──

export interface BoardOverdueItem {
  number: string | null;
  measure: string;
  responsible: string[];
  dueOn: IsoDate;
}

export interface BoardQuestion {
  text: { kk: string; ru: string };
  /** False when fewer than the threshold answered it: nothing of it is given. */
  shown: boolean;
  answered: number;
  /** The most chosen answer and its share of those who answered; null when not shown or not a choice. */
  leading: { label: { kk: string; ru: string }; share: number } | null;
}

export interface BoardCampaign {
  title: { kk: string; ru: string };
  mode: "anonymous" | "attributed";
  opensOn: IsoDate;
  closesOn: IsoDate;
  invited: number;
  completed: number;
  /** completed / invited; null when nobody was invited. */
  rate: number | null;
  questions: BoardQuestion[];
}

export interface BoardReportStats {
  /** Compliance's own cases received in the period. */
  received: number;
  byStatus: Record<ReportStatus, number>;
  byOutcome: Record<ReportOutcome, number>;
  open: number;
  openOverdue: number;
  /** Both audiences' cases as one number, only for a finished period (organisationTotalShown); null otherwise. */
  organisationTotal: number | null;
}

export interface BoardReportData {
  periodKey: string;
  period: BoardPeriod;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  dueOn: IsoDate;
  plan: { totals: ExecutionTotals; rate: number | null; overdue: BoardOverdueItem[] };
  campaigns: BoardCampaign[];
  /** The disclosure threshold the survey results were computed under. */
  k: number;
  reports: BoardReportStats;
}

/** Whether the period holds anything to report (what the reminders wait for). */
export function hasContent(counts: { planItems: number; campaigns: number; reports: number }): boolean {
  return counts.planItems + counts.campaigns + counts.reports > 0;
}

/** The approval printed on an approved report. */
export interface BoardApproval {
  by: string;
  on: IsoDate;
}
