// The board report (seed 004 item 16): /board_report for compliance officers (draft, approval)
// and observers (the approved reports), and the notices its job and its approval send.
import type { FeatureKit } from "../../feature.js";
import { installBoardReport } from "./board-report.js";
import { registerBoardNotifications } from "./notifications.js";

export function installBoard(kit: FeatureKit): void {
  registerBoardNotifications(kit.notifications);
  installBoardReport(kit);
}
