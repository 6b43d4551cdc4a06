import { InlineKeyboard } from "grammy";
import { inviteState } from "../../../domain/invites.js";
import type { TFunction, TranslationKey } from "../../../i18n.js";
import type { CommandSpec } from "../../router.js";
import { languageButton } from "./buttons.js";

/** Why an invite link cannot be used now (the i18n key of the reply), or null when it can. */
export function inviteRefusal(invite: Parameters<typeof inviteState>[0] | null, now: Date): TranslationKey | null {
  if (!invite) return "onboarding.invite.not_found";
  const state = inviteState(invite, now);
  return state === "active" ? null : `onboarding.invite.${state}`;
}

/** Shown in both languages: the user may not read the current one. */
export const LANGUAGE_PROMPT = "Тілді таңдаңыз / Выберите язык";

export function languageKeyboard(): InlineKeyboard {
  // Each language's name in itself, so anyone can find theirs.
  return new InlineKeyboard().text("🇰🇿 Қазақша", languageButton.encode(["kk"])).text("🇷🇺 Русский", languageButton.encode(["ru"]));
}

export { contactKeyboard } from "../../ui/contact.js";

/** /help: the commands this person may use, under their role, with the footer for guests or employees. */
export function helpText(t: TFunction, commands: CommandSpec[], role: string, registered: boolean): string {
  const lines = commands.map((c) => `/${c.name} — ${t(c.descriptionKey)}`);
  return [t("help.intro", { role }), "", ...lines, "", registered ? t("help.footerRegistered") : t("help.footerGuest")].join("\n");
}
