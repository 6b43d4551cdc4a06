// /plan: the overview for compliance, with the ways in to import, add, analyse and assign.
import { countRelativeTasksWaiting, planOverview } from "../../../db/repositories/plan.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { MainMenu } from "../../menu.js";
import { replyInParts } from "../../ui/reply.js";
import { today } from "./today.js";
import { planOverviewView } from "./views.js";

async function showOverview(ctx: AdalContext, menu: MainMenu): Promise<void> {
  const overview = await planOverview(ctx.deps.db.prisma, today(ctx));
  // The analysis has its own feature; /plan leads to it through the main menu's entry.
  const view = planOverviewView(ctx.t, { ...overview, relativeWaiting: await countRelativeTasksWaiting(ctx.deps.db.prisma) }, menu.entryData("analysis"));
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

export function installPlanOverview(kit: FeatureKit): void {
  const show = (ctx: AdalContext) => showOverview(ctx, kit.menu);
  kit.router.command({ name: "plan", access: "managePlan", descriptionKey: "commands.plan" }, show);
  kit.menu.add({ id: "plan", labelKey: "menu.plan", access: "managePlan", run: show });
}
