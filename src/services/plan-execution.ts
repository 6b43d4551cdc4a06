// The execution of the action plan in a reporting period, row by row, as the quarterly
// monitoring report and the board report give it (and the digest and dashboard count it).
import type { Db } from "../db/client.js";
import { planOccurrencesFirstDueBetween } from "../db/repositories/plan-execution.js";
import type { IsoDate } from "../domain/calendar/days.js";
import type { Keyring } from "../domain/crypto.js";
import { executionStatus, executionTotals, isNonExecution, periodRange, type ExecutionStatus, type ExecutionTotals, type ReportingPeriod } from "../domain/plan/execution.js";

/** What a responsible person gave as evidence when marking a due date done. */
export interface EvidenceSummary {
  text: string | null;
  fileName: string | null;
  /** A photo or a file was attached. */
  file: boolean;
}

export interface ExecutionRow {
  occurrenceId: number;
  taskId: number;
  number: string | null;
  section: string | null;
  risk: string | null;
  measure: string;
  completionForm: string | null;
  /** The people matched in the roster, or the plan's own words when nobody was matched. */
  responsible: string[];
  dueOn: IsoDate;
  originalDueOn: IsoDate | null;
  status: ExecutionStatus;
  doneOn: IsoDate | null;
  doneBy: string | null;
  evidence: EvidenceSummary | null;
}

export interface PlanExecution {
  period: ReportingPeriod;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  rows: ExecutionRow[];
  totals: ExecutionTotals;
  /** Not done after the deadline: what seed 004 item 5 reports to the head. */
  nonExecution: ExecutionRow[];
}

function evidenceOf(keyring: Keyring, ciphertext: string | null): EvidenceSummary | null {
  if (!ciphertext) return null;
  try {
    const e = JSON.parse(keyring.decryptText(ciphertext)) as { text?: unknown; fileId?: unknown; fileName?: unknown };
    return { text: typeof e.text === "string" && e.text ? e.text : null, fileName: typeof e.fileName === "string" ? e.fileName : null, file: typeof e.fileId === "string" };
  } catch {
    // A key retired without re-encrypting: the report says evidence was given, not what.
    return { text: null, fileName: null, file: false };
  }
}

/** Every plan due date first due in `period`, with its status as of `asOf`, the totals and the non-execution list. */
export async function planExecution(db: Db, keyring: Keyring, period: ReportingPeriod, asOf: IsoDate): Promise<PlanExecution> {
  const { from, to } = periodRange(period);
  const { rows, names } = await planOccurrencesFirstDueBetween(db, from, to);
  const out: ExecutionRow[] = [];
  for (const o of rows) {
    const status = executionStatus(o, asOf);
    if (status === null) continue;
    const matched = o.task.assignees.map((a) => names.get(a.userId)).filter((n): n is string => !!n);
    out.push({
      occurrenceId: o.id,
      taskId: o.taskId,
      number: o.task.number,
      section: o.task.section,
      risk: o.task.risk,
      measure: o.task.title,
      completionForm: o.task.completionForm,
      responsible: matched.length ? matched.sort((a, b) => a.localeCompare(b, "ru")) : o.task.responsibleText ? [o.task.responsibleText] : [],
      dueOn: o.dueOn,
      originalDueOn: o.originalDueOn,
      status,
      doneOn: o.doneOn,
      doneBy: o.doneById !== null ? (names.get(o.doneById) ?? null) : null,
      evidence: o.status === "done" ? evidenceOf(keyring, o.evidence) : null,
    });
  }
  return { period, from, to, asOf, rows: out, totals: executionTotals(out.map((r) => r.status)), nonExecution: out.filter((r) => isNonExecution(r.status)) };
}
