// Anonymous reports in the bot (PRODUCT.md §2): the reporter's side (file a report, follow
// it with the receipt) and the case handlers' side (inbox, statuses, replies, notes).
//
// The reporter's side is open to anyone who writes to the bot, registered or not. Its state
// is not in the session but in the timestamp-free reporter-flows store (reporter-state.ts):
// the dispatcher knows it as the external flow "report" (report-flow.ts).
//
// Case handling is for compliance officers, and for observers on the cases routed past
// compliance: /cases (inbox with filters and pages), the case card, files, replies to the
// reporter, internal notes, forward-only statuses with the outcome of a decision,
// assignment, the one reasoned extension, the audit trail, and the statistics of a year.
import type { FeatureKit } from "../../feature.js";
import { installCaseActions } from "./case-actions.js";
import { installCaseCard } from "./case-card.js";
import { installInbox } from "./case-inbox.js";
import { installCaseInput } from "./case-input.js";
import { installCaseStats } from "./case-stats.js";
import { registerReportNotifications } from "./notifications.js";
import { installFollow } from "./report-follow.js";
import { installDraft } from "./report-draft.js";
import { installDraftEdits } from "./report-edits.js";
import { reporterFlow } from "./report-flow.js";
import { installOptions } from "./report-options.js";
import { installSubmit } from "./report-submit.js";

export { reportServiceDeps } from "./service.js";

export function installReports(kit: FeatureKit): void {
  kit.flows.registerExternal(reporterFlow);
  registerReportNotifications(kit.notifications);
  // The reporter's side.
  installDraft(kit);
  installDraftEdits(kit);
  installSubmit(kit);
  installOptions(kit);
  installFollow(kit);
  // The case handlers' side.
  installInbox(kit);
  installCaseCard(kit);
  installCaseInput(kit);
  installCaseActions(kit);
  installCaseStats(kit);
}
