import type { MiddlewareFn } from "grammy";
import type { AdalContext } from "../context.js";

/**
 * Private chats only. In a group, a case, a receipt, an inbox or a reply in progress would
 * be shown to (or typed by) everyone there; a command gets a pointer to the private chat,
 * a button an alert, anything else silence.
 */
export function privateChatsOnly(): MiddlewareFn<AdalContext> {
  return async (ctx, next) => {
    if (!ctx.chat || ctx.chat.type === "private") return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("common.privateOnly"), show_alert: true });
    else if (ctx.message?.text?.startsWith("/")) await ctx.reply(ctx.t("common.privateOnly"));
  };
}
