import { Composer } from "grammy";
import type { AdalContext } from "./context.js";
import { staleButton } from "./ui/stale.js";

/** Last in line: nothing the user sends goes unanswered. */
export function fallbacks(): Composer<AdalContext> {
  const composer = new Composer<AdalContext>();
  composer.on("message:text", async (ctx) => {
    if (ctx.message.text.startsWith("/")) await ctx.reply(ctx.t("common.unknownCommand"));
    else if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.useMenu"));
  });
  composer.on("message:document", (ctx) => ctx.reply(ctx.t(ctx.user ? "common.unexpectedFileRegistered" : "common.unexpectedFile")));
  composer.on("message", async (ctx) => {
    if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.unsupportedMessage"));
  });
  composer.on("callback_query", staleButton);
  return composer;
}
