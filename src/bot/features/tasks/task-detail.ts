// One due date, opened from /tasks or from a reminder's button: the responsible person can
// act on it; plan managers and overseers see it too (managers with its assignees).
import { riskLinksOfTask } from "../../../db/repositories/risks.js";
import { findOccurrenceWithAssignees, fullNamesOf } from "../../../db/repositories/tasks.js";
import { parseLocalized, pickText } from "../../../domain/analysis/text.js";
import { isOwnTask, mayViewOccurrence } from "../../../domain/plan/policies.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { hasAccess } from "../../router.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { openTaskButton } from "./buttons.js";
import { today } from "./today.js";
import { taskDetailView } from "./views.js";

async function openTask(ctx: AdalContext, occurrenceId: number): Promise<void> {
  const o = await findOccurrenceWithAssignees(ctx.deps.db.prisma, occurrenceId);
  const manager = hasAccess(ctx, "managePlan");
  if (!o || !mayViewOccurrence(ctx.user!.id, o, { managePlan: manager, viewSummaries: hasAccess(ctx, "viewSummaries") })) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const assignees = manager ? await fullNamesOf(ctx.deps.db.prisma, o.task.assignees.map((a) => a.userId)) : null;
  const links = o.task.kind === "plan" ? await riskLinksOfTask(ctx.deps.db.prisma, o.task.id) : [];
  const risks = links.map((l) => ({ number: l.riskNumber, title: pickText(parseLocalized(l.riskTitle), ctx.lang), recommendation: `${l.riskNumber}.${l.recommendationNumber}` }));
  const view = taskDetailView(ctx.t, { task: o.task, occurrence: o, overdue: o.dueOn < today(ctx), assignees, canAct: isOwnTask(ctx.user!.id, o) && o.status === "open", risks });
  await replyInParts(ctx, view.text, view.keyboard.inline_keyboard.flat().length ? { keyboard: view.keyboard } : {});
}

export function installTaskDetail(kit: FeatureKit): void {
  kit.router.button(openTaskButton, (ctx, [occurrenceId]) => openTask(ctx, occurrenceId));
}
