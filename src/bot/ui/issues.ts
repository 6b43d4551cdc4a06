import type { TFunction } from "../../i18n.js";

/** At most this many problems are listed in one reply; the rest are counted. */
export const MAX_ISSUES_SHOWN = 40;

/**
 * The reply to a rejected file (roster, plan): the headline, every problem up to the
 * limit, how many more there are, and that nothing was stored.
 */
export function rejectedFileReport(t: TFunction, headline: string, problems: string[]): string {
  const shown = problems.slice(0, MAX_ISSUES_SHOWN).map((p) => `• ${p}`);
  const more = problems.length - shown.length;
  return [headline, ...shown, ...(more > 0 ? [t("common.moreIssues", { count: more })] : []), "", t("common.nothingStored")].join("\n");
}
