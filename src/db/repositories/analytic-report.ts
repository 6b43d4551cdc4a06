// The analytic report's own stored parts: the officer's texts of its sections and the approval
// of the list of positions (Analysis.reportTexts, positionsApprovedOn/ById). The draft itself is
// never stored: it is drawn from the records every time.
import type { Db, DbOrTx } from "../client.js";

export function reportStateOf(db: Db, analysisId: number) {
  return db.analysis.findUnique({ where: { id: analysisId }, select: { id: true, reportTexts: true, positionsApprovedOn: true, positionsApprovedById: true } });
}

/** Writes the texts only if they are still `expected` (another officer's text meanwhile: false, nothing written). */
export async function saveReportTexts(db: DbOrTx, analysisId: number, expected: string, json: string): Promise<boolean> {
  return (await db.analysis.updateMany({ where: { id: analysisId, reportTexts: expected }, data: { reportTexts: json } })).count === 1;
}

export async function savePositionsApproval(db: DbOrTx, analysisId: number, on: string, byId: number): Promise<void> {
  await db.analysis.update({ where: { id: analysisId }, data: { positionsApprovedOn: on, positionsApprovedById: byId } });
}

/** The details of the latest audit entry of an action on a subject (JSON), or null. */
export async function latestAuditDetails(db: Db, action: string, subject: string): Promise<string | null> {
  const row = await db.auditLog.findFirst({ where: { action, subject }, orderBy: { id: "desc" }, select: { details: true } });
  return row?.details ?? null;
}
