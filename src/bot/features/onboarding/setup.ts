// /setup <code>: the one-time code printed at the first start (services/setup-code.ts) makes
// whoever sends it the first compliance officer. The code is consumed on use.
import { audit } from "../../../db/repositories/audit.js";
import { getSetting, takeSetting } from "../../../db/repositories/settings.js";
import { ensureComplianceOfficer } from "../../../db/repositories/users.js";
import { SETUP_CODE_SETTING } from "../../../services/setup-code.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { telegramDisplayName } from "../../middleware/context.js";

export async function handleSetupCode(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const code = typeof ctx.match === "string" ? ctx.match.trim() : "";
  const stored = await getSetting(deps.db.prisma, SETUP_CODE_SETTING);
  const from = ctx.from!;
  if (!stored || !code || deps.keyring.hash("invite-token", code) !== stored) {
    deps.logger.warn({ event: "setup_code_rejected" }, "wrong or used setup code");
    await ctx.reply(ctx.t("onboarding.setupCodeInvalid"));
    return;
  }
  if (!(await takeSetting(deps.db.prisma, SETUP_CODE_SETTING, stored))) {
    await ctx.reply(ctx.t("onboarding.setupCodeInvalid"));
    return;
  }
  const user = await ensureComplianceOfficer(deps.db.prisma, from.id, ctx.user?.fullName ?? telegramDisplayName(from), ctx.lang, deps.now());
  await audit(deps.db.prisma, { actorUserId: user.id, action: "setup.compliance_bootstrapped", subject: `user:${user.id}` });
  ctx.user = user;
  await ctx.reply(ctx.t("onboarding.setupDone"));
  await syncUserCommandsLogged(ctx.api, kit.router, user, deps);
  await kit.menu.show(ctx);
}
