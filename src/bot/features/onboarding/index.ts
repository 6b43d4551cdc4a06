// Registration and language: /start (with or without an invite token), language choice,
// phone-contact registration against the roster, department invites (asks the full name in
// the session flow `registrationName`, which survives restarts), /help, /menu, /language, /setup.
import type { FeatureKit } from "../../feature.js";
import { on } from "../../middleware/on.js";
import { languageButton } from "./buttons.js";
import { registerByContact } from "./contact.js";
import { showHelp } from "./help.js";
import { askLanguage, chooseLanguage } from "./language.js";
import { onRegistrationName } from "./registration-name.js";
import { handleSetupCode } from "./setup.js";
import { handleStart } from "./start.js";

export function installOnboarding(kit: FeatureKit): void {
  const { composer, router, menu, flows } = kit;
  router.command({ name: "start", access: "anyone", descriptionKey: "commands.start" }, (ctx) => handleStart(ctx, kit));
  router.command({ name: "language", access: "anyone", descriptionKey: "commands.language" }, askLanguage);
  router.command({ name: "menu", access: "anyone", descriptionKey: "commands.menu" }, (ctx) => menu.show(ctx));
  router.command({ name: "help", access: "anyone", descriptionKey: "commands.help" }, (ctx) => showHelp(ctx, router));
  router.command({ name: "setup", access: "anyone", descriptionKey: "commands.setup", hidden: true }, (ctx) => handleSetupCode(ctx, kit));

  router.button(languageButton, (ctx, [lang]) => chooseLanguage(ctx, lang, kit));

  menu.add({ id: "lang", labelKey: "menu.language", access: "anyone", run: askLanguage });
  menu.add({ id: "help", labelKey: "menu.help", access: "anyone", run: (ctx) => showHelp(ctx, router) });

  flows.register({ kind: "registrationName", label: () => "flows.registrationName", onMessage: (ctx, flow) => onRegistrationName(ctx, flow, kit) });
  composer.use(
    on("message:contact", (ctx, next) => {
      // While the full name is awaited, a contact is that flow's input (it asks for text).
      if (flows.current(ctx, "registrationName")) return next();
      return registerByContact(ctx, kit);
    }),
  );
}
