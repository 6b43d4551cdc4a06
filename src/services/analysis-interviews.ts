// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Db } from "../db/client.js";
import type { InterviewTables } from "../domain/analysis/interview-tables.js";

export async function interviewTablesOf(_db: Db, _analysisId: number): Promise<InterviewTables | null> {
  return null;
}
