import { listActiveInvites } from "../../../db/repositories/invites.js";
import { revokeInviteBy } from "../../../services/invites.js";
import type { AdalContext } from "../../context.js";
import { activeInvitesView } from "./views.js";

/** /invites: the active links, each with a revoke button. */
export async function listInvites(ctx: AdalContext): Promise<void> {
  const invites = await listActiveInvites(ctx.deps.db.prisma, ctx.deps.now());
  if (invites.length === 0) {
    await ctx.reply(ctx.t("invites.noneActive"));
    return;
  }
  const { text, keyboard } = activeInvitesView(ctx.t, invites, ctx.config.timeZone);
  await ctx.reply(text, { reply_markup: keyboard });
}

export async function revokeInviteLink(ctx: AdalContext, inviteId: number): Promise<void> {
  const { deps } = ctx;
  if (!(await revokeInviteBy(deps.db.prisma, inviteId, ctx.user!.id, deps.now()))) {
    await ctx.answerCallbackQuery({ text: ctx.t("invites.alreadyRevoked"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery({ text: ctx.t("invites.revoked") });
  await listInvites(ctx);
}
