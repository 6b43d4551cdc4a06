// The ledger of what was sent once about a quarter's plan-execution information: reminders to
// compliance officers and the non-execution list sent to the observers (models.prisma,
// PlanReportNotice). A row is written in the same transaction as the message it stands for.
import type { Db, DbOrTx } from "../client.js";

export interface PlanReportNoticeRow {
  key: string;
  kind: "reminder" | "nonExecution";
  period: string;
  userId: number | null;
  createdAt: Date;
}

/** Writes the row; false when its key was written before (the caller's transaction is then rolled back by the caller). */
export async function recordPlanReportNotice(db: DbOrTx, row: PlanReportNoticeRow): Promise<void> {
  await db.planReportNotice.create({ data: row });
}

export function findPlanReportNotice(db: Db, key: string) {
  return db.planReportNotice.findUnique({ where: { key } });
}
