// Roles and what each may do (PRODUCT.md, "Users and roles"). Everything that checks a
// permission asks this module, so the matrix lives in one place.
export const ROLES = ["employee", "officer", "compliance", "observer"] as const;
export type Role = (typeof ROLES)[number];

export type Capability =
  | "answerSurveys"
  | "ownTasks"
  | "manageRoster"
  | "manageInvites"
  | "manageSurveys"
  | "handleReports"
  | "managePlan"
  | "viewSummaries";

const MATRIX: Record<Role, readonly Capability[]> = {
  employee: ["answerSurveys"],
  officer: ["answerSurveys", "ownTasks"],
  compliance: ["answerSurveys", "ownTasks", "manageRoster", "manageInvites", "manageSurveys", "handleReports", "managePlan", "viewSummaries"],
  // Observers handle the reports that involve compliance staff or top management.
  observer: ["answerSurveys", "viewSummaries", "handleReports"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(role: string | null | undefined, capability: Capability): boolean {
  return isRole(role) && MATRIX[role].includes(capability);
}

/** Which cases a role handles: compliance the ordinary ones, observers those routed past compliance. */
export function reportAudienceOf(role: string | null | undefined): "compliance" | "observer" | null {
  return role === "compliance" ? "compliance" : role === "observer" ? "observer" : null;
}
