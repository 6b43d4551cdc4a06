// Registration by phone contact: the person shares their own contact and is bound to the
// roster entry with that phone, if it is still unbound. A person registered already but held
// by no roster row (the officer who ran /setup, someone who joined by a department link)
// proves with it which row is theirs: the two records become one (linkAccountToRosterEntryBy),
// or, while no row has the phone, the phone is kept so that the next import finds them.
import type { Filter } from "grammy";
import { bindTelegramAccount, findUserByPhone, findUserById, setVerifiedPhone, type UserRecord } from "../../../db/repositories/users.js";
import { normalizePhone } from "../../../domain/phone.js";
import { linkAccountToRosterEntryBy } from "../../../services/roster.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { chosenLanguage } from "./language.js";
import { contactKeyboard } from "./views.js";
import { welcomeRegistered } from "./welcome.js";

const done = { reply_markup: { remove_keyboard: true } } as const;

export async function askToRegister(ctx: AdalContext): Promise<void> {
  await ctx.reply(ctx.t("onboarding.registerPrompt"), { reply_markup: contactKeyboard(ctx.t) });
}

/** Asks a registered person whom no roster row holds for their contact (after /setup, /import, /start). */
export async function askToLinkByContact(ctx: AdalContext, key: "onboarding.setupShareContact" | "onboarding.linkContactPrompt"): Promise<void> {
  await ctx.reply(ctx.t(key), { reply_markup: contactKeyboard(ctx.t) });
}

export async function registerByContact(ctx: Filter<AdalContext, "message:contact">, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const contact = ctx.message.contact;
  if (contact.user_id !== ctx.from.id) {
    await ctx.reply(ctx.t("onboarding.contactNotYours"), { reply_markup: contactKeyboard(ctx.t) });
    return;
  }
  const phone = normalizePhone(contact.phone_number);
  if (ctx.user) return linkByContact(ctx, ctx.user, phone, kit);
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

/** The contact of someone registered: links their account to the roster entry with that phone, keeps the phone, or says they are registered. */
async function linkByContact(ctx: AdalContext, user: UserRecord, phone: string | null, kit: FeatureKit): Promise<void> {
  const { deps } = ctx;
  const db = deps.db.prisma;
  if (user.phone !== null || phone === null) {
    await ctx.reply(ctx.t("onboarding.alreadyRegistered", { name: user.fullName }), done);
    return;
  }
  const entry = await findUserByPhone(db, phone);
  if (!entry) {
    const saved = await setVerifiedPhone(db, user.id, phone);
    await ctx.reply(ctx.t(saved ? "onboarding.phoneSaved" : "onboarding.phoneTakenByOtherAccount"), done);
    return;
  }
  const linked = entry.telegramId === null && entry.active ? await linkAccountToRosterEntryBy(db, user.id, entry.id) : null;
  if (!linked) {
    await ctx.reply(ctx.t(entry.active ? "onboarding.phoneTakenByOtherAccount" : "onboarding.notInRoster"), done);
    return;
  }
  deps.logger.info({ event: "registered", via: "contact_link", userId: linked.id }, "account linked to its roster entry");
  ctx.user = (await findUserById(db, linked.id))!;
  await ctx.reply(ctx.t("onboarding.linkedToRoster", { name: linked.fullName }), done);
  if (linked.role !== user.role) await syncUserCommandsLogged(ctx.api, kit.router, ctx.user, deps);
  await kit.menu.show(ctx);
}
