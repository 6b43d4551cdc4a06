// What jobs/weekly-digest.ts sends, rendered here: the digest's figures in the person's
// language, with the button that turns it off.
import type { Notifications } from "../../notifications/index.js";
import { digestKeyboard, summaryText } from "./views.js";

export function registerSummaryNotifications(n: Notifications): void {
  n.register("weeklyDigest", (notice, t) => ({ text: summaryText(t, notice.lang, notice.figures, "digest", t("summaries.digestFooter")), keyboard: digestKeyboard(t) }));
}
