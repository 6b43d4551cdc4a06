import { Composer } from "grammy";
import { can } from "../domain/roles.js";
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
    // Only those who can load a roster are pointed to /import; everyone else is told where
    // files are taken (a report's attachments), not sent to an officer's command.
    on("message:document", (ctx) => ctx.reply(ctx.t(can(ctx.user?.role, "manageRoster") ? "common.unexpectedFileOfficer" : "common.unexpectedFile"))),
    on("message", async (ctx) => {
      if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.unsupportedMessage"));
    }),
    on("callback_query", staleButton),
  );
}
