// «Утвердить и направить наблюдателям»: approves exactly the draft shown; the observers are
// queued a notice in the same transaction (services/board-report.ts).
import { approveBoardReport } from "../../../services/board-report.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { escapeHtml, HTML } from "../../ui/html.js";
import { depsOf, todayOf } from "./common.js";
import { boardApproveButton } from "./buttons.js";
import { labelOfKey, refusalText } from "./views.js";

async function approve(ctx: AdalContext, key: string, nonce: string): Promise<void> {
  const user = ctx.user!;
  const outcome = await approveBoardReport(depsOf(ctx), ctx.deps.outbox, user, key, nonce, todayOf(ctx), ctx.config.defaultLanguage);
  if (!outcome.ok) return void (await ctx.answerCallbackQuery({ text: refusalText(ctx.t, outcome), show_alert: true }));
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("board.bot.approved", { period: escapeHtml(labelOfKey(ctx.t, key)), n: outcome.observers }), HTML);
}

export function installApprove(kit: FeatureKit): void {
  kit.router.button(boardApproveButton, (ctx, [key, nonce]) => approve(ctx, key, nonce));
}
