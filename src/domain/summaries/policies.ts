// Who gets which summary figures: the weekly digest and /dashboard go to the roles that may
// view summaries; report counts are of the audience the person handles (roles.ts).
import { can, reportAudienceOf } from "../roles.js";

/** The roles whose people get the weekly digest. */
export const DIGEST_ROLES = ["compliance", "observer"] as const;

export interface SummaryScope {
  /** Whose anonymous-report counts: the audience the person handles, or none. */
  audience: "compliance" | "observer" | null;
  plan: boolean;
  campaigns: boolean;
}

/** What a person of this role is shown; null when summaries are not theirs to see. */
export function summaryScopeOf(role: string | null | undefined): SummaryScope | null {
  if (!can(role, "viewSummaries")) return null;
  return { audience: can(role, "handleReports") ? reportAudienceOf(role) : null, plan: true, campaigns: true };
}
