// The quarterly information on the action plan's execution (seed 002, seed 004 item 5):
// /monitoring for compliance and observers (totals, DOCX and XLSX in kk and ru), the
// non-execution list to the head, and the renderers of the reminder and that list.
import type { FeatureKit } from "../../feature.js";
import { installHeadNotice } from "./head-notice.js";
import { registerMonitoringNotifications } from "./notifications.js";
import { installScreen } from "./screen.js";

export function installMonitoring(kit: FeatureKit): void {
  registerMonitoringNotifications(kit.notifications);
  installScreen(kit);
  installHeadNotice(kit);
}
