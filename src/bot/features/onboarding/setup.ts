// /setup <code>: the one-time code printed at the first start (services/setup-code.ts) makes
// whoever sends it the first compliance officer. The code is consumed on use.
import { redeemSetupCode } from "../../../services/setup-code.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { telegramDisplayName } from "../../middleware/context.js";
import { askToLinkByContact } from "./contact.js";

export async function handleSetupCode(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const code = typeof ctx.match === "string" ? ctx.match.trim() : "";
  const from = ctx.from!;
  const user = await redeemSetupCode(deps.db.prisma, deps.keyring, code, { telegramId: from.id, fullName: ctx.user?.fullName ?? telegramDisplayName(from), lang: ctx.lang }, deps.now());
  if (!user) {
    deps.logger.warn({ event: "setup_code_rejected" }, "wrong or used setup code");
    await ctx.reply(ctx.t("onboarding.setupCodeInvalid"));
    return;
  }
  ctx.user = user;
  await ctx.reply(ctx.t("onboarding.setupDone"));
  await syncUserCommandsLogged(ctx.api, kit.router, user, deps);
  await kit.menu.show(ctx);
  // Her phone finds her row when the roster is imported: she is one person, counted once.
  if (user.phone === null) await askToLinkByContact(ctx, "onboarding.setupShareContact");
}
