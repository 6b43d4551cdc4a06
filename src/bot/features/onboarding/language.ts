// The language choice: asked before registration, changeable at any time (/language, the
// menu). People outside the roster keep it under a keyed hash of the chat id.
import { hasChatLanguage, setChatLanguage } from "../../../db/repositories/chat-language.js";
import { setUserLanguage } from "../../../db/repositories/users.js";
import type { Lang } from "../../../domain/lang.js";
import { syncUserCommandsLogged } from "../../commands.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { bestEffort } from "../../ui/best-effort.js";
import { askToRegister } from "./contact.js";
import { LANGUAGE_PROMPT, languageKeyboard } from "./views.js";

export async function askLanguage(ctx: AdalContext): Promise<void> {
  await ctx.reply(LANGUAGE_PROMPT, { reply_markup: languageKeyboard() });
}

export async function hasChosenLanguage(ctx: AdalContext): Promise<boolean> {
  return ctx.chatKey ? hasChatLanguage(ctx.deps.db.prisma, ctx.chatKey) : false;
}

/** The language to register someone in: the one they chose, or none (Telegram's guess is not a choice). */
export async function chosenLanguage(ctx: AdalContext): Promise<Lang | null> {
  return (await hasChosenLanguage(ctx)) ? ctx.lang : null;
}

async function rememberLanguage(ctx: AdalContext, lang: Lang): Promise<void> {
  const db = ctx.deps.db.prisma;
  if (ctx.user) ctx.user = await setUserLanguage(db, ctx.user.id, lang);
  if (ctx.chatKey) await setChatLanguage(db, ctx.chatKey, lang);
  ctx.lang = lang;
  ctx.t = ctx.deps.i18n.t(lang);
}

/** A language button: remembered, then the menu (registered) or the request to register. */
export async function chooseLanguage(ctx: AdalContext, lang: Lang, kit: FeatureKit): Promise<void> {
  await rememberLanguage(ctx, lang);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "edit language prompt", () => ctx.editMessageText(ctx.t("onboarding.languageSet")));
  if (ctx.user) {
    await syncUserCommandsLogged(ctx.api, kit.router, ctx.user, ctx.deps);
    return kit.menu.show(ctx);
  }
  return askToRegister(ctx);
}
