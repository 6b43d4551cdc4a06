// Registration by phone contact: the person shares their own contact and is bound to the
// roster entry with that phone, if it is still unbound.
import type { Filter } from "grammy";
import { bindTelegramAccount, findUserByPhone } from "../../../db/repositories/users.js";
import { normalizePhone } from "../../../domain/phone.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { chosenLanguage } from "./language.js";
import { contactKeyboard } from "./views.js";
import { welcomeRegistered } from "./welcome.js";

export async function askToRegister(ctx: AdalContext): Promise<void> {
  await ctx.reply(ctx.t("onboarding.registerPrompt"), { reply_markup: contactKeyboard(ctx.t) });
}

export async function registerByContact(ctx: Filter<AdalContext, "message:contact">, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const contact = ctx.message.contact;
  const done = { reply_markup: { remove_keyboard: true } } as const;
  if (contact.user_id !== ctx.from.id) {
    await ctx.reply(ctx.t("onboarding.contactNotYours"), { reply_markup: contactKeyboard(ctx.t) });
    return;
  }
  if (ctx.user) {
    await ctx.reply(ctx.t("onboarding.alreadyRegistered", { name: ctx.user.fullName }), done);
    return;
  }
  const phone = normalizePhone(contact.phone_number);
  const entry = phone ? await findUserByPhone(deps.db.prisma, phone) : null;
  if (!entry || !entry.active) {
    deps.logger.info({ event: "registration_not_in_roster" }, "contact not in roster");
    await ctx.reply(ctx.t("onboarding.notInRoster"), done);
    return;
  }
  const bound = entry.telegramId === null ? await bindTelegramAccount(deps.db.prisma, entry.id, ctx.from.id, await chosenLanguage(ctx), deps.now()) : null;
  if (!bound) {
    await ctx.reply(ctx.t("onboarding.phoneTakenByOtherAccount"), done);
    return;
  }
  deps.logger.info({ event: "registered", via: "contact", userId: bound.id }, "employee registered");
  await welcomeRegistered(ctx, bound.id, kit);
}
