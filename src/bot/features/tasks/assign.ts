// Assigning responsible people by hand (what the plan named but the roster lacked): from a
// due date or the list of unassigned tasks, search the roster, pick the person.
import type { NextFunction } from "grammy";
import { unassignedTasks } from "../../../db/repositories/plan.js";
import { findTask } from "../../../db/repositories/tasks.js";
import { searchUsers } from "../../../db/repositories/users.js";
import { assignToTask } from "../../../services/tasks.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { AssignSearchFlow } from "../../flow/types.js";
import { hasAccess } from "../../router.js";
import { bestEffort } from "../../ui/best-effort.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { assignButton, assignPersonButton, unassignedButton } from "./buttons.js";
import { taskTitle } from "./titles.js";
import { assignCandidatesKeyboard, unassignedView } from "./views.js";

async function askPerson(ctx: AdalContext, flows: FlowDispatcher, taskId: number): Promise<void> {
  if (!(await findTask(ctx.deps.db.prisma, taskId))) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await flows.start(ctx, { kind: "assignSearch", taskId });
  await ctx.reply(ctx.t("tasks.assignAsk"));
}

async function onSearch(ctx: MessageContext, flows: FlowDispatcher, flow: AssignSearchFlow, next: NextFunction): Promise<unknown> {
  const text = ctx.message.text;
  if (text === undefined || !hasAccess(ctx, "managePlan")) return next();
  const found = await searchUsers(ctx.deps.db.prisma, text.trim().slice(0, 100), 10);
  if (!found.length) return void (await ctx.reply(ctx.t("tasks.assignNotFound")));
  flows.end(ctx, "assignSearch");
  await ctx.reply(ctx.t("tasks.assignChoose"), { reply_markup: assignCandidatesKeyboard(flow.taskId, found) });
}

async function assignPerson(ctx: AdalContext, taskId: number, userId: number): Promise<void> {
  const assigned = await assignToTask(ctx.deps.db.prisma, { taskId, userId, actorUserId: ctx.user!.id });
  if (!assigned) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the candidate buttons", ctx.editMessageReplyMarkup());
  await ctx.reply(ctx.t("tasks.assigned", { who: assigned.person.fullName, title: taskTitle(ctx.t, assigned.task) }));
}

async function showUnassigned(ctx: AdalContext): Promise<void> {
  await ctx.answerCallbackQuery();
  const tasks = await unassignedTasks(ctx.deps.db.prisma, 20);
  if (!tasks.length) return void (await ctx.reply(ctx.t("tasks.noUnassigned")));
  const view = unassignedView(ctx.t, tasks);
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

export function installAssign(kit: FeatureKit): void {
  kit.flows.register({ kind: "assignSearch", label: () => "flows.assignSearch", onMessage: (ctx, flow, next) => onSearch(ctx, kit.flows, flow, next) });
  kit.router.button(assignButton, (ctx, [taskId]) => askPerson(ctx, kit.flows, taskId));
  kit.router.button(assignPersonButton, (ctx, [taskId, userId]) => assignPerson(ctx, taskId, userId));
  kit.router.button(unassignedButton, showUnassigned);
}
