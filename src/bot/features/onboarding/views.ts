import { InlineKeyboard, Keyboard } from "grammy";
import type { TFunction } from "../../../i18n.js";
import type { CommandSpec } from "../../router.js";
import { languageButton } from "./buttons.js";

/** Shown in both languages: the user may not read the current one. */
export const LANGUAGE_PROMPT = "Тілді таңдаңыз / Выберите язык";

export function languageKeyboard(): InlineKeyboard {
  // Each language's name in itself, so anyone can find theirs.
  return new InlineKeyboard().text("🇰🇿 Қазақша", languageButton.encode(["kk"])).text("🇷🇺 Русский", languageButton.encode(["ru"]));
}

export function contactKeyboard(t: TFunction): Keyboard {
  return new Keyboard().requestContact(t("onboarding.shareContactButton")).resized().oneTime();
}

/** /help: the commands this person may use, under their role, with the footer for guests or employees. */
export function helpText(t: TFunction, commands: CommandSpec[], role: string, registered: boolean): string {
  const lines = commands.map((c) => `/${c.name} — ${t(c.descriptionKey)}`);
  return [t("help.intro", { role }), "", ...lines, "", registered ? t("help.footerRegistered") : t("help.footerGuest")].join("\n");
}
