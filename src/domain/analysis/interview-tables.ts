// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
export interface InterviewTables {
  riskyPositions: { unit: string; text: string }[];
  respondents: { unit: string; fullName: string; position: string | null; submittedOn: string }[];
}
