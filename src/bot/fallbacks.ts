import { Composer } from "grammy";
import type { AdalContext } from "./context.js";
import { on } from "./middleware/on.js";
import { staleButton } from "./ui/stale.js";

/** Last in line: nothing the user sends goes unanswered. */
export function fallbacks(): Composer<AdalContext> {
  return new Composer<AdalContext>(
    on("message:text", async (ctx) => {
      if (ctx.message.text.startsWith("/")) await ctx.reply(ctx.t("common.unknownCommand"));
      else if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.useMenu"));
    }),
    on("message:document", (ctx) => ctx.reply(ctx.t(ctx.user ? "common.unexpectedFileRegistered" : "common.unexpectedFile"))),
    on("message", async (ctx) => {
      if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.unsupportedMessage"));
    }),
    on("callback_query", staleButton),
  );
}
