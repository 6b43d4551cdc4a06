// Deadlines in the bot. Compliance officers: /plan (overview; import an action plan from
// CSV/XLSX — preview, then everything in one transaction; create an analysis from its
// period is the analysis feature's). Responsible people: /tasks
// (their open due dates, soonest first, overdue marked).
import type { FeatureKit } from "../../feature.js";
import { installAssign } from "./assign.js";
import { registerTaskNotifications } from "./notifications.js";
import { installPlanImport } from "./plan-import.js";
import { installPlanItem } from "./plan-item.js";
import { installPlanOverview } from "./plan-overview.js";
import { installTaskActions } from "./task-actions.js";
import { installTaskDetail } from "./task-detail.js";
import { installMyTasks } from "./my-tasks.js";

export function installTasks(kit: FeatureKit): void {
  registerTaskNotifications(kit.notifications);
  installMyTasks(kit);
  installTaskActions(kit);
  installTaskDetail(kit);
  installAssign(kit);
  installPlanOverview(kit);
  installPlanImport(kit);
  installPlanItem(kit);
}
