// A risk's recommendations: added, opened, changed, deleted; a plan item created from one
// (the deadline as typed in a plan, then the responsible) or an existing one linked by its
// number; a linked item unlinked. Deleting a risk is confirmed here too.
import { InlineKeyboard } from "grammy";
import { RISK_TEXT_MAX } from "../../../../domain/analysis/risks.js";
import { deleteRecommendation, deleteRisk, riskEntryOf, unlinkPlanItem } from "../../../../services/risks.js";
import type { AdalContext } from "../../../context.js";
import type { FeatureKit } from "../../../feature.js";
import type { FlowDispatcher } from "../../../flow/dispatcher.js";
import type { RiskFlow } from "../../../flow/types.js";
import { newNonce } from "../../../ui/args.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import * as b from "./buttons.js";
import { showCard } from "./common.js";
import { recommendationView } from "./views.js";
import { flowAt } from "./wizard.js";

type Ids = readonly [analysisId: number, riskId: number, recommendationId: number];

/** Starts a text step about a risk (and one of its recommendations), when they belong together. */
async function startStep(ctx: AdalContext, flows: FlowDispatcher, step: RiskFlow["step"], [analysisId, riskId, recommendationId]: readonly number[], say: (risk: { number: number; rec: number }) => Promise<unknown>): Promise<void> {
  const risk = await riskEntryOf(ctx.deps.db.prisma, analysisId!, riskId!);
  const rec = recommendationId === undefined ? null : risk?.recommendations.find((r) => r.id === recommendationId);
  if (!risk || rec === undefined) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const flow: RiskFlow = { kind: "risk", nonce: newNonce(), analysisId: analysisId!, riskId: riskId!, step, ...(rec ? { recommendationId: rec.id } : {}) };
  await flows.start(ctx, flow);
  await say({ number: risk.number, rec: rec?.number ?? 0 });
}

async function openRecommendation(ctx: AdalContext, [analysisId, riskId, recommendationId]: Ids): Promise<void> {
  const risk = await riskEntryOf(ctx.deps.db.prisma, analysisId, riskId);
  const view = risk ? recommendationView(ctx.t, { analysisId, risk, recommendationId, lang: ctx.lang }) : null;
  if (!view) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

async function unlink(ctx: AdalContext, [analysisId, riskId, recommendationId]: Ids, taskId: number): Promise<void> {
  const db = ctx.deps.db.prisma;
  const risk = await riskEntryOf(db, analysisId, riskId);
  const item = risk?.recommendations.find((r) => r.id === recommendationId)?.planItems.find((p) => p.taskId === taskId);
  if (!item || !(await unlinkPlanItem(db, { analysisId, riskId, recommendationId }, taskId, ctx.user!.id)).ok) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("risks.done.unlinked", { item: item.number ?? "—" }));
  await showCard(ctx, analysisId, riskId);
}

/** Deletes the risk or the recommendation the flow asked about. */
async function confirmDelete(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "deleteRisk", "deleteRecommendation");
  if (!flow) return staleButton(ctx);
  flows.end(ctx, "risk");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the delete button", ctx.editMessageReplyMarkup());
  const db = ctx.deps.db.prisma;
  const args = { analysisId: flow.analysisId, riskId: flow.riskId!, actorId: ctx.user!.id };
  if (flow.step === "deleteRisk") {
    const result = await deleteRisk(db, args);
    return void (await ctx.reply(result.ok ? ctx.t("risks.done.deleted", { number: result.number }) : ctx.t("risks.error.notFound")));
  }
  const result = await deleteRecommendation(db, { ...args, recommendationId: flow.recommendationId! });
  if (!result.ok) return void (await ctx.reply(ctx.t("risks.error.notFound")));
  await ctx.reply(ctx.t("risks.done.recommendationDeleted", { risk: result.riskNumber, number: result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

export function installRecommendations(kit: FeatureKit): void {
  const flows = kit.flows;
  const confirmKeyboard = (ctx: AdalContext) => new InlineKeyboard().text(ctx.t("risks.button.confirmDelete"), b.deleteConfirmButton.encode([flows.current(ctx, "risk")!.nonce]));
  kit.router.button(b.recommendButton, (ctx, ids) => startStep(ctx, flows, "recommendation", ids, ({ number }) => ctx.reply(ctx.t("risks.ask.recommendation", { number, max: RISK_TEXT_MAX.recommendation }))));
  kit.router.button(b.recommendationButton, (ctx, ids) => openRecommendation(ctx, ids));
  kit.router.button(b.recommendationEditButton, (ctx, ids) => startStep(ctx, flows, "recommendationEdit", ids, ({ number }) => ctx.reply(ctx.t("risks.ask.recommendation", { number, max: RISK_TEXT_MAX.recommendation }))));
  kit.router.button(b.createItemButton, (ctx, ids) => startStep(ctx, flows, "deadline", ids, () => ctx.reply(ctx.t("risks.ask.deadline"))));
  kit.router.button(b.linkItemButton, (ctx, ids) => startStep(ctx, flows, "itemNumber", ids, ({ number, rec }) => ctx.reply(ctx.t("risks.ask.itemNumber", { risk: number, number: rec }))));
  kit.router.button(b.recommendationDeleteButton, (ctx, ids) =>
    startStep(ctx, flows, "deleteRecommendation", ids, ({ number, rec }) => ctx.reply(ctx.t("risks.ask.deleteRecommendation", { risk: number, number: rec }), { reply_markup: confirmKeyboard(ctx) })),
  );
  kit.router.button(b.unlinkItemButton, (ctx, [analysisId, riskId, recommendationId, taskId]) => unlink(ctx, [analysisId, riskId, recommendationId], taskId));
  kit.router.button(b.deleteButton, (ctx, ids) => startStep(ctx, flows, "deleteRisk", ids, ({ number }) => ctx.reply(ctx.t("risks.ask.deleteRisk", { number }), { reply_markup: confirmKeyboard(ctx) })));
  kit.router.button(b.deleteConfirmButton, (ctx, [nonce]) => confirmDelete(ctx, flows, nonce));
}
