// The analytic report's own stored parts: the officer's texts of its sections and the approval
// of the list of positions (Analysis.reportTexts, positionsApprovedOn/ById). The draft itself is
// never stored: it is drawn from the records every time.
import type { Db, DbOrTx } from "../client.js";

export function reportStateOf(db: Db, analysisId: number) {
  return db.analysis.findUnique({ where: { id: analysisId }, select: { id: true, reportTexts: true, positionsApprovedOn: true, positionsApprovedById: true } });
}

export async function saveReportTexts(db: DbOrTx, analysisId: number, json: string): Promise<void> {
  await db.analysis.update({ where: { id: analysisId }, data: { reportTexts: json } });
}

export async function savePositionsApproval(db: DbOrTx, analysisId: number, on: string, byId: number): Promise<void> {
  await db.analysis.update({ where: { id: analysisId }, data: { positionsApprovedOn: on, positionsApprovedById: byId } });
}

/** The details of the latest audit entry of an action on a subject (JSON), or null. */
export async function latestAuditDetails(db: Db, action: string, subject: string): Promise<string | null> {
  const row = await db.auditLog.findFirst({ where: { action, subject }, orderBy: { id: "desc" }, select: { details: true } });
  return row?.details ?? null;
}
