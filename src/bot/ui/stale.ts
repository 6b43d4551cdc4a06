import type { AdalContext } from "../context.js";

/** The answer to a button that no longer applies (an old message, a finished flow, forged data). */
export async function staleButton(ctx: AdalContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true });
}
