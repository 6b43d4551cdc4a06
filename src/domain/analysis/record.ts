// The analysis as a record (seed 000 §1, seed 002's introductory part), as the record's
// service reads it and the analytic report prints it.
import type { IsoDate } from "../calendar/days.js";
import type { AnalysisDirection, InformationSource } from "./catalog.js";
import type { LocalizedText } from "./text.js";

export interface AnalysisRecord {
  id: number;
  startOn: IsoDate;
  endOn: IsoDate;
  reportSignedOn: IsoDate | null;
  planApprovedOn: IsoDate | null;
  orderNumber: string | null;
  orderDate: IsoDate | null;
  organisation: LocalizedText;
  objectText: LocalizedText;
  units: { id: number; name: string }[];
  direction: AnalysisDirection | null;
  coveredFrom: IsoDate | null;
  coveredTo: IsoDate | null;
  sources: InformationSource[];
  members: { userId: number; fullName: string; position: string | null; department: string | null; role: "head" | "member" }[];
  interviewCampaignIds: number[];
  surveyCampaignIds: number[];
  milestones: { id: string; titleKey: string; titleParams: Record<string, unknown>; dueOn: IsoDate; status: string }[];
}
