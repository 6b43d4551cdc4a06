// Re-approval of an approved board report: a fresh draft (DOCX + XLSX, marked as a draft) with
// a button that approves exactly it (its digest), replacing the approved report; the observers
// are told again (services/board-report.ts).
import { parsePeriodKey } from "../../../domain/board/report.js";
import { approvedBoardReport, reapproveBoardReport, redrawBoardReport } from "../../../services/board-report.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { escapeHtml, HTML } from "../../ui/html.js";
import { staleButton } from "../../ui/stale.js";
import { sendDocuments } from "./documents.js";
import { boardReapproveButton, boardRedrawButton } from "./buttons.js";
import { depsOf, todayOf } from "./common.js";
import { labelOfKey, redrawnView, refusalText } from "./views.js";

async function redraw(ctx: AdalContext, key: string): Promise<void> {
  const period = parsePeriodKey(key);
  const approved = period && (await approvedBoardReport(depsOf(ctx), key));
  if (!period || !approved) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const { data, digest } = await redrawBoardReport(depsOf(ctx), ctx.user!, period, todayOf(ctx));
  await sendDocuments(ctx, data, ctx.lang, null);
  const view = redrawnView(ctx.t, period, key, data.asOf, digest, approved.approval);
  await ctx.reply(view.text, { ...HTML, reply_markup: view.keyboard });
}

async function reapprove(ctx: AdalContext, key: string, digest: string): Promise<void> {
  const period = parsePeriodKey(key);
  if (!period) return staleButton(ctx);
  const outcome = await reapproveBoardReport(depsOf(ctx), ctx.deps.outbox, ctx.user!, period, digest, todayOf(ctx), ctx.config.defaultLanguage);
  if (!outcome.ok) return void (await ctx.answerCallbackQuery({ text: refusalText(ctx.t, outcome), show_alert: true }));
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("board.bot.reapproved", { period: escapeHtml(labelOfKey(ctx.t, key)), n: outcome.observers }), HTML);
}

export function installReapprove(kit: FeatureKit): void {
  kit.router.button(boardRedrawButton, (ctx, [key]) => redraw(ctx, key));
  kit.router.button(boardReapproveButton, (ctx, [key, digest]) => reapprove(ctx, key, digest));
}
