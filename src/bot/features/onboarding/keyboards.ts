import { InlineKeyboard, Keyboard } from "grammy";
import { z } from "zod";
import type { TFunction } from "../../../i18n.js";
import { button } from "../../router.js";

export const languageButton = button("lang", "anyone", z.tuple([z.enum(["kk", "ru"])]));

export function languageKeyboard(): InlineKeyboard {
  // Each language's name in itself, so anyone can find theirs.
  return new InlineKeyboard().text("🇰🇿 Қазақша", languageButton.encode(["kk"])).text("🇷🇺 Русский", languageButton.encode(["ru"]));
}

export function contactKeyboard(t: TFunction): Keyboard {
  return new Keyboard().requestContact(t("onboarding.shareContactButton")).resized().oneTime();
}
