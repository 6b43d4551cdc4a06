import { findUserById } from "../../../db/repositories/users.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";

/** After binding a roster entry: greet, give the role's command menu, show the main menu. */
export async function welcomeRegistered(ctx: AdalContext, userId: number, kit: FeatureKit): Promise<void> {
  ctx.user = await findUserById(ctx.deps.db.prisma, userId);
  await ctx.reply(ctx.t("onboarding.registered", { name: ctx.user!.fullName }), { reply_markup: { remove_keyboard: true } });
  await syncUserCommandsLogged(ctx.api, kit.router, ctx.user!, ctx.deps);
  await kit.menu.show(ctx);
}
