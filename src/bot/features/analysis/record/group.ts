// The working group: the members from the roster, one of them its head. People are added from
// a search by name (text-input.ts); the found people's buttons carry the search's nonce.
import { addMemberBy, analysisRecordOf, removeMemberBy, setHeadBy, type AnalysisRecord } from "../../../../services/analysis-record.js";
import type { AdalContext } from "../../../context.js";
import type { FlowDispatcher } from "../../../flow/dispatcher.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { editByButton } from "./card.js";
import { groupView } from "./views.js";

async function replyGroup(ctx: AdalContext, record: AnalysisRecord): Promise<void> {
  const view = groupView(ctx.t, record);
  await replyInParts(ctx, view.text, { html: true, keyboard: view.keyboard });
}

export async function showGroup(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  if (!record) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await replyGroup(ctx, record);
}

export async function addMember(ctx: AdalContext, flows: FlowDispatcher, analysisId: number, userId: number, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "analysisRecordInput");
  if (!flow || flow.field !== "member" || flow.nonce !== nonce || flow.analysisId !== analysisId) return staleButton(ctx);
  const record = await editByButton(ctx, () => addMemberBy(ctx.deps.db.prisma, { analysisId, userId, actorUserId: ctx.user!.id }));
  if (!record) return;
  flows.end(ctx, "analysisRecordInput");
  await bestEffort(ctx.deps.logger, "remove the candidate buttons", ctx.editMessageReplyMarkup());
  await replyGroup(ctx, record);
}

/** Removes a member, or makes one the head; the group is shown again. */
export async function changeMember(ctx: AdalContext, analysisId: number, userId: number, change: "remove" | "head"): Promise<void> {
  const args = { analysisId, userId, actorUserId: ctx.user!.id };
  const record = await editByButton(ctx, () => (change === "remove" ? removeMemberBy(ctx.deps.db.prisma, args) : setHeadBy(ctx.deps.db.prisma, args)));
  if (!record) return;
  const view = groupView(ctx.t, record);
  await bestEffort(ctx.deps.logger, "redraw the working group", ctx.editMessageText(view.text, { parse_mode: "HTML", reply_markup: view.keyboard }));
}
