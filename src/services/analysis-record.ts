// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Db } from "../db/client.js";
import { analysisById } from "../db/repositories/plan.js";
import type { AnalysisDirection, InformationSource } from "../domain/analysis/catalog.js";
import type { LocalizedText } from "../domain/analysis/text.js";

export interface AnalysisRecord {
  id: number;
  startOn: string;
  endOn: string;
  reportSignedOn: string | null;
  planApprovedOn: string | null;
  orderNumber: string | null;
  orderDate: string | null;
  organisation: LocalizedText;
  objectText: LocalizedText;
  units: { id: number; name: string }[];
  direction: AnalysisDirection | null;
  coveredFrom: string | null;
  coveredTo: string | null;
  sources: InformationSource[];
  members: { userId: number; fullName: string; position: string | null; department: string | null; role: "head" | "member" }[];
  interviewCampaignIds: number[];
  surveyCampaignIds: number[];
  milestones: { id: string; titleKey: string; titleParams: Record<string, unknown>; dueOn: string; status: string }[];
}

export async function analysisRecordOf(db: Db, analysisId: number): Promise<AnalysisRecord | null> {
  const row = await analysisById(db, analysisId);
  if (!row) return null;
  return {
    id: row.id,
    startOn: row.startOn,
    endOn: row.endOn,
    reportSignedOn: row.reportSignedOn,
    planApprovedOn: row.planApprovedOn,
    orderNumber: null,
    orderDate: null,
    organisation: {},
    objectText: {},
    units: [],
    direction: null,
    coveredFrom: null,
    coveredTo: null,
    sources: [],
    members: [],
    interviewCampaignIds: [],
    surveyCampaignIds: [],
    milestones: [],
  };
}
