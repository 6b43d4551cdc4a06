import type { AdalContext } from "../../context.js";
import { hasAccess, type Router } from "../../router.js";
import { helpText } from "./views.js";
import { roleName } from "../../ui/roles.js";

/** /help: the commands this person may use (hidden ones, such as /setup, are not listed). */
export async function showHelp(ctx: AdalContext, router: Router): Promise<void> {
  const commands = router.commands.filter((c) => !c.hidden && hasAccess(ctx, c.access));
  const role = ctx.user ? roleName(ctx.t, ctx.user.role) : ctx.t("roles.guest");
  await ctx.reply(helpText(ctx.t, commands, role, ctx.user !== null));
}
