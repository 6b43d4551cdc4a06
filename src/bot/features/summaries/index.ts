// Summaries for compliance officers and observers (PRODUCT.md §4): /dashboard (the figures
// now, a chart, the ways into the lists), the weekly digest's renderer (jobs/weekly-digest.ts)
// and the digest's opt-out.
import type { FeatureKit } from "../../feature.js";
import { digestOffButton, digestOnButton } from "./buttons.js";
import { showDashboard } from "./dashboard.js";
import { switchDigest } from "./digest-setting.js";
import { registerSummaryNotifications } from "./notifications.js";

export function installSummaries(kit: FeatureKit): void {
  const { router, menu } = kit;
  registerSummaryNotifications(kit.notifications);
  router.command({ name: "dashboard", access: "viewSummaries", descriptionKey: "commands.dashboard" }, (ctx) => showDashboard(ctx, menu));
  menu.add({ id: "dashboard", labelKey: "menu.dashboard", access: "viewSummaries", run: (ctx) => showDashboard(ctx, menu) });
  router.button(digestOffButton, (ctx) => switchDigest(ctx, false));
  router.button(digestOnButton, (ctx) => switchDigest(ctx, true));
}
