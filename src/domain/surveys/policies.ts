// Record-level rules of the survey feature, one named function each, so that the bot, the
// service and their tests ask the same question.
import { can } from "../roles.js";

export type CampaignMode = "anonymous" | "attributed";

/** Why someone may or may not read the named answers of a campaign. */
export type NamedAnswersDecision = "allowed" | "notAllowed" | "notAttributed";

/**
 * Named interview answers: who may see the attributed answers of an interview. They are
 * personal data: compliance only, never observers (who read the aggregate results of every
 * campaign); and only an attributed campaign has named answers at all (anonymous ones keep
 * none to show).
 */
export function namedInterviewAnswersAccess(role: string | null | undefined, mode: CampaignMode): NamedAnswersDecision {
  if (!can(role, "manageSurveys")) return "notAllowed";
  if (mode !== "attributed") return "notAttributed";
  return "allowed";
}

/** Named interview answers: true when this role may read the attributed answers of this campaign. */
export function maySeeNamedInterviewAnswers(role: string | null | undefined, mode: CampaignMode): boolean {
  return namedInterviewAnswersAccess(role, mode) === "allowed";
}
