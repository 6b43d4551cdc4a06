import type { NextFunction } from "grammy";
import { searchUsers } from "../../../db/repositories/users.js";
import type { FeatureKit } from "../../feature.js";
import type { MessageContext } from "../../flow/dispatcher.js";
import { hasAccess } from "../../router.js";
import { peopleKeyboard } from "./views.js";

const MAX_SEARCH = 100;

/** The flow's input: a text is a search by name or phone; nothing found, the search waits on. */
export async function onInviteSearch(ctx: MessageContext, next: NextFunction, kit: FeatureKit): Promise<void> {
  if (ctx.message.text === undefined) return next();
  if (!hasAccess(ctx, "manageInvites")) {
    kit.flows.end(ctx, "inviteSearch");
    return next();
  }
  const found = await searchUsers(ctx.deps.db.prisma, ctx.message.text.trim().slice(0, MAX_SEARCH), 10);
  if (found.length === 0) {
    await ctx.reply(ctx.t("invites.personNotFound"));
    return;
  }
  kit.flows.end(ctx, "inviteSearch");
  await ctx.reply(ctx.t("invites.choosePerson"), { reply_markup: peopleKeyboard(found) });
}
