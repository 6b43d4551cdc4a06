// The reply keyboard with one button that shares the person's own phone contact: how someone
// registers (onboarding) and how a registered person proves which roster row is theirs.
import { Keyboard } from "grammy";
import type { TFunction } from "../../i18n.js";

export function contactKeyboard(t: TFunction): Keyboard {
  return new Keyboard().requestContact(t("onboarding.shareContactButton")).resized().oneTime();
}
