// /start <token>: a personal invite binds its roster entry at once; a department invite
// asks the full name first (registration-name.ts).
import { consumeInvite, findInviteByTokenHash, rekeyInvite, type InviteRecord } from "../../../db/repositories/invites.js";
import { bindTelegramAccount, findUserById } from "../../../db/repositories/users.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { chosenLanguage } from "./language.js";
import { askFullName } from "./registration-name.js";
import { inviteRefusal } from "./views.js";
import { welcomeRegistered } from "./welcome.js";

export async function handleInvite(ctx: AdalContext, token: string, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  // Under every key: a link sent before a key rotation still works (and is re-keyed on use).
  const hashes = deps.keyring.hashes("invite-token", token);
  const invite = await findInviteByTokenHash(deps.db.prisma, hashes);
  if (invite && invite.tokenHash !== hashes[0]) await rekeyInvite(deps.db.prisma, invite.id, invite.tokenHash, hashes[0]!);
  const refusal = inviteRefusal(invite, deps.now());
  if (!invite || refusal) {
    await ctx.reply(ctx.t(refusal ?? "onboarding.invite.not_found"));
    return;
  }
  if (ctx.user) {
    await ctx.reply(ctx.t("onboarding.alreadyRegistered", { name: ctx.user.fullName }));
    return kit.menu.show(ctx);
  }
  if (invite.kind === "person" && invite.userId !== null) return registerByPersonalInvite(ctx, invite, invite.userId, kit);
  await askFullName(ctx, invite, kit);
}

async function registerByPersonalInvite(ctx: AdalContext, invite: InviteRecord, userId: number, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const target = await findUserById(deps.db.prisma, userId);
  const usable = target !== null && target.active && target.telegramId === null;
  if (!usable || !(await consumeInvite(deps.db.prisma, invite, deps.now()))) {
    await ctx.reply(ctx.t("onboarding.invite.used_up"));
    return;
  }
  const bound = await bindTelegramAccount(deps.db.prisma, target.id, ctx.from!.id, await chosenLanguage(ctx), deps.now());
  if (!bound) {
    await ctx.reply(ctx.t("onboarding.invite.used_up"));
    return;
  }
  deps.logger.info({ event: "registered", via: "person_invite", userId: bound.id, inviteId: invite.id }, "employee registered");
  await welcomeRegistered(ctx, bound.id, kit);
}
