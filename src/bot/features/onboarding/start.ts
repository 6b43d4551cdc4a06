import { hasUnregisteredEntries } from "../../../db/repositories/users.js";
import { looksLikeInviteToken } from "../../../domain/invites.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { askToLinkByContact, askToRegister } from "./contact.js";
import { handleInvite } from "./invite-link.js";
import { askLanguage, hasChosenLanguage } from "./language.js";

/** /start, with or without an invite token: the menu, or the steps to register. */
export async function handleStart(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  const payload = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (payload && looksLikeInviteToken(payload)) return handleInvite(ctx, payload, kit);
  if (payload) await ctx.reply(ctx.t("onboarding.unknownStartLink"));
  if (ctx.user) {
    await kit.menu.show(ctx);
    // Registered, but no roster row holds them (no proven phone): the way to become one person.
    if (ctx.user.phone === null && (await hasUnregisteredEntries(ctx.deps.db.prisma))) await askToLinkByContact(ctx, "onboarding.linkContactPrompt");
    return;
  }
  if (!(await hasChosenLanguage(ctx))) return askLanguage(ctx);
  return askToRegister(ctx);
}
