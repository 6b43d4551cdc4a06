import { looksLikeInviteToken } from "../../../domain/invites.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { askToRegister } from "./contact.js";
import { handleInvite } from "./invite-link.js";
import { askLanguage, hasChosenLanguage } from "./language.js";

/** /start, with or without an invite token: the menu, or the steps to register. */
export async function handleStart(ctx: AdalContext, kit: FeatureKit): Promise<void> {
  const payload = typeof ctx.match === "string" ? ctx.match.trim() : "";
  if (payload && looksLikeInviteToken(payload)) return handleInvite(ctx, payload, kit);
  if (payload) await ctx.reply(ctx.t("onboarding.unknownStartLink"));
  if (ctx.user) return kit.menu.show(ctx);
  if (!(await hasChosenLanguage(ctx))) return askLanguage(ctx);
  return askToRegister(ctx);
}
