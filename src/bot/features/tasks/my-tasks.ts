// /tasks: a responsible person's open due dates, soonest first, overdue marked.
import { openTasksOf } from "../../../services/plan.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { replyInParts } from "../../ui/reply.js";
import { today } from "./today.js";
import { myTasksView } from "./views.js";

async function showMyTasks(ctx: AdalContext): Promise<void> {
  const tasks = await openTasksOf(ctx.deps.db.prisma, ctx.user!.id);
  if (tasks.length === 0) {
    await ctx.reply(ctx.t("tasks.none"));
    return;
  }
  const now = today(ctx);
  const view = myTasksView(ctx.t, tasks, now, (dueOn) => ctx.deps.calendar.workingDaysBetween(dueOn, now));
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

export function installMyTasks(kit: FeatureKit): void {
  kit.router.command({ name: "tasks", access: "registered", descriptionKey: "commands.tasks" }, showMyTasks);
  kit.menu.add({ id: "tasks", labelKey: "menu.tasks", access: "ownTasks", run: showMyTasks });
}
