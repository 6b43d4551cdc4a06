// Record-level rules of anonymous reports (PRODUCT.md §2), as pure functions: the services
// and the bot ask these before they show or change a case, and the tests check them directly.
import { reportAudienceOf } from "../roles.js";
import type { ReportAudience } from "./case.js";

/**
 * The audience whose cases this role handles: compliance the ordinary cases, observers those
 * routed past compliance (about compliance staff or top management). null: no cases at all.
 */
export function handledAudience(role: string | null | undefined): ReportAudience | null {
  return reportAudienceOf(role);
}

/**
 * A case is visible and actionable only to its own audience: a compliance officer never sees
 * a case routed to the observers, nor an observer an ordinary one. An unknown case (null) is
 * visible to nobody.
 */
export function caseVisibleTo(role: string | null | undefined, reportCase: { audience: string } | null | undefined): boolean {
  if (!reportCase) return false;
  const audience = handledAudience(role);
  return audience !== null && audience === reportCase.audience;
}

/** A case may be assigned only to an active person of its own audience. */
export function mayBeAssigned(person: { active: boolean; role: string } | null | undefined, reportCase: { audience: string }): boolean {
  return !!person && person.active && caseVisibleTo(person.role, reportCase);
}

/** The role whose people handle (and are alerted about) the cases of an audience. */
export function handlerRoleOf(audience: string): "compliance" | "observer" {
  return audience === "observer" ? "observer" : "compliance";
}

/**
 * Who is told when a case is overdue: compliance cases go to compliance and to the heads
 * (observers); cases about compliance or top management go to the observers only.
 */
export function escalationRolesOf(audience: string): ("compliance" | "observer")[] {
  return audience === "observer" ? ["observer"] : ["compliance", "observer"];
}

export type EntryKind = "reporter" | "file" | "reply" | "note" | "status" | "extension" | "assign";

/** What the reporter may see of the case file: no internal notes, no assignments. */
export const REPORTER_VISIBLE: readonly EntryKind[] = ["reporter", "file", "reply", "status", "extension"];

export function visibleToReporter(kind: EntryKind): boolean {
  return REPORTER_VISIBLE.includes(kind);
}
