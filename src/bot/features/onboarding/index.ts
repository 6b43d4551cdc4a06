// Registration and language: /start (with or without an invite token), language choice,
// phone-contact registration against the roster, department invites (asks the full name in
// a conversation that survives restarts), /help, /menu, /language, /setup.
import { createConversation, type Conversation } from "@grammyjs/conversations";
import type { Composer } from "grammy";
import type { Lang } from "../../../domain/lang.js";
import { setChatLanguage } from "../../../db/repositories/chat-language.js";
import { findDepartment } from "../../../db/repositories/departments.js";
import { consumeInvite, findInviteByTokenHash, type InviteRecord } from "../../../db/repositories/invites.js";
import { getSetting, takeSetting } from "../../../db/repositories/settings.js";
import { audit } from "../../../db/repositories/audit.js";
import { bindTelegramAccount, createRegisteredUser, ensureComplianceOfficer, findUserById, findUserByPhone, setUserLanguage } from "../../../db/repositories/users.js";
import { inviteState, looksLikeInviteToken } from "../../../domain/invites.js";
import { normalizePhone } from "../../../domain/phone.js";
import { isRole } from "../../../domain/roles.js";
import { SETUP_CODE_SETTING } from "../../../services/setup-code.js";
import type { AdalContext, BotDeps, ConvContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { MainMenu } from "../../menu.js";
import { telegramDisplayName } from "../../middleware/context.js";
import { hasAccess, type Router } from "../../router.js";
import { clearCaseInput } from "../reports/cases.js";
import { clearReporterState } from "../reports/reporter.js";
import { commandsFor, syncUserCommands } from "../../commands.js";
import { contactKeyboard, languageButton, languageKeyboard } from "./keyboards.js";

const NAME_CONVERSATION = "departmentRegistration";
const MAX_NAME = 200;

export function installOnboarding({ composer, router, menu, deps, flows }: FeatureKit): void {
  composer.use(createConversation(departmentRegistration(deps), { id: NAME_CONVERSATION }));

  router.command({ name: "start", access: "anyone", descriptionKey: "commands.start" }, async (ctx) => {
    const payload = typeof ctx.match === "string" ? ctx.match.trim() : "";
    if (payload && looksLikeInviteToken(payload)) return handleInvite(ctx, payload);
    if (payload) await ctx.reply(ctx.t("onboarding.unknownStartLink"));
    if (ctx.user) return menu.show(ctx);
    const chosen = ctx.chatKey ? await hasChosenLanguage(ctx) : false;
    if (!chosen) return askLanguage(ctx);
    return askToRegister(ctx);
  });

  router.command({ name: "language", access: "anyone", descriptionKey: "commands.language" }, askLanguage);
  router.command({ name: "menu", access: "anyone", descriptionKey: "commands.menu" }, (ctx) => menu.show(ctx));
  router.command({ name: "help", access: "anyone", descriptionKey: "commands.help" }, (ctx) => showHelp(ctx, router));
  // Until every feature keeps its multi-step input in session.flow: /cancel (flow/dispatcher.ts)
  // also ends the input kept in the older per-feature slots.
  flows.registerExternal({
    id: "legacy",
    onMessage: (_ctx, next) => next(),
    async end(ctx) {
      const s = ctx.session;
      const hadReport = await clearReporterState(ctx);
      const hadCase = clearCaseInput(ctx);
      const had = hadReport || hadCase || [s.pendingUpload, s.pendingRoster, s.pendingInviteSearch, s.campaignDraft].some((v) => v !== undefined);
      delete s.pendingUpload;
      delete s.pendingRoster;
      delete s.pendingInviteSearch;
      delete s.campaignDraft;
      const active = ctx.conversation.active(NAME_CONVERSATION) > 0;
      await ctx.conversation.exitAll();
      return had || active ? "flows.legacy" : null;
    },
  });
  router.command({ name: "setup", access: "anyone", descriptionKey: "commands.setup", hidden: true }, handleSetupCode);

  router.button(languageButton, async (ctx, [lang]) => {
    await rememberLanguage(ctx, lang);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("onboarding.languageSet")).catch(() => undefined);
    if (ctx.user) {
      await syncUserCommands(ctx.api, router, ctx.user, deps).catch((e: Error) => deps.logger.warn({ event: "set_commands_failed", message: e.message }, "setMyCommands failed"));
      return menu.show(ctx);
    }
    return askToRegister(ctx);
  });

  menu.add({ id: "lang", labelKey: "menu.language", access: "anyone", run: askLanguage });
  menu.add({ id: "help", labelKey: "menu.help", access: "anyone", run: (ctx) => showHelp(ctx, router) });

  composer.on("message:contact", async (ctx) => {
    const contact = ctx.message.contact;
    if (contact.user_id !== ctx.from.id) {
      await ctx.reply(ctx.t("onboarding.contactNotYours"), { reply_markup: contactKeyboard(ctx.t) });
      return;
    }
    if (ctx.user) {
      await ctx.reply(ctx.t("onboarding.alreadyRegistered", { name: ctx.user.fullName }), { reply_markup: { remove_keyboard: true } });
      return;
    }
    const phone = normalizePhone(contact.phone_number);
    const entry = phone ? await findUserByPhone(deps.db.prisma, phone) : null;
    if (!entry || !entry.active) {
      deps.logger.info({ event: "registration_not_in_roster" }, "contact not in roster");
      await ctx.reply(ctx.t("onboarding.notInRoster"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    if (entry.telegramId !== null) {
      await ctx.reply(ctx.t("onboarding.phoneTakenByOtherAccount"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    const bound = await bindTelegramAccount(deps.db.prisma, entry.id, ctx.from.id, await chosenLanguage(ctx), deps.now());
    if (!bound) {
      await ctx.reply(ctx.t("onboarding.phoneTakenByOtherAccount"), { reply_markup: { remove_keyboard: true } });
      return;
    }
    deps.logger.info({ event: "registered", via: "contact", userId: bound.id }, "employee registered");
    await welcomeRegistered(ctx, bound.id, router, menu, deps);
  });

  async function handleInvite(ctx: AdalContext, token: string): Promise<void> {
    const invite = await findInviteByTokenHash(deps.db.prisma, deps.keyring.hash("invite-token", token));
    const state = invite ? inviteState(invite, deps.now()) : "not_found";
    if (!invite || state !== "active") {
      await ctx.reply(ctx.t(`onboarding.invite.${state}`));
      return;
    }
    if (ctx.user) {
      await ctx.reply(ctx.t("onboarding.alreadyRegistered", { name: ctx.user.fullName }));
      return menu.show(ctx);
    }
    if (invite.kind === "person" && invite.userId !== null) {
      const target = await findUserById(deps.db.prisma, invite.userId);
      if (!target || !target.active || target.telegramId !== null) {
        await ctx.reply(ctx.t("onboarding.invite.used_up"));
        return;
      }
      if (!(await consumeInvite(deps.db.prisma, invite, deps.now()))) {
        await ctx.reply(ctx.t("onboarding.invite.used_up"));
        return;
      }
      const bound = await bindTelegramAccount(deps.db.prisma, target.id, ctx.from!.id, await chosenLanguage(ctx), deps.now());
      if (!bound) {
        await ctx.reply(ctx.t("onboarding.invite.used_up"));
        return;
      }
      deps.logger.info({ event: "registered", via: "person_invite", userId: bound.id, inviteId: invite.id }, "employee registered");
      await welcomeRegistered(ctx, bound.id, router, menu, deps);
      return;
    }
    await ctx.conversation.enter(NAME_CONVERSATION, invite.id, ctx.lang);
  }

  async function welcomeRegistered(ctx: AdalContext, userId: number, routerRef: Router, menuRef: MainMenu, d: BotDeps): Promise<void> {
    ctx.user = await findUserById(d.db.prisma, userId);
    await ctx.reply(ctx.t("onboarding.registered", { name: ctx.user!.fullName }), { reply_markup: { remove_keyboard: true } });
    await syncUserCommands(ctx.api, routerRef, ctx.user!, d).catch((e: Error) => d.logger.warn({ event: "set_commands_failed", message: e.message }, "setMyCommands failed"));
    await menuRef.show(ctx);
  }

  /** Asks the full name of someone joining through a department invite, then registers them. */
  function departmentRegistration(d: BotDeps) {
    return async function (conversation: Conversation<AdalContext, ConvContext>, ctx: ConvContext, inviteId: number, lang: Lang) {
      const t = d.i18n.t(lang);
      const info = await conversation.external(async () => {
        const invite = await d.db.prisma.invite.findUnique({ where: { id: inviteId } });
        const dept = invite?.departmentId ? await findDepartment(d.db.prisma, invite.departmentId) : null;
        return { departmentName: dept?.name ?? "—" };
      });
      await ctx.reply(t("onboarding.askFullName", { department: info.departmentName }), { reply_markup: { remove_keyboard: true } });
      let fullName = "";
      for (;;) {
        const answer = await conversation.waitFor("message:text", {
          otherwise: (other) => other.reply(t("onboarding.fullNameTextOnly")),
        });
        const text = answer.message.text.trim().replace(/\s+/g, " ");
        if (text === "/cancel") {
          await answer.reply(t("common.cancelled"));
          return;
        }
        if (text.startsWith("/")) {
          await answer.reply(t("onboarding.fullNameNotCommand"));
          continue;
        }
        if (text.length < 3 || text.length > MAX_NAME || !/\p{L}/u.test(text)) {
          await answer.reply(t("onboarding.fullNameInvalid", { max: MAX_NAME }));
          continue;
        }
        fullName = text;
        break;
      }
      const from = ctx.from!;
      const result = await conversation.external(async () => {
        const invite = (await d.db.prisma.invite.findUnique({ where: { id: inviteId } })) as InviteRecord | null;
        if (!invite || inviteState(invite, d.now()) !== "active") return { ok: false as const, reason: invite ? inviteState(invite, d.now()) : "not_found" };
        const existing = await d.db.prisma.user.findUnique({ where: { telegramId: BigInt(from.id) } });
        if (existing) return { ok: false as const, reason: "already" };
        if (!(await consumeInvite(d.db.prisma, invite, d.now()))) return { ok: false as const, reason: "used_up" };
        const user = await createRegisteredUser(d.db.prisma, {
          telegramId: from.id,
          fullName,
          role: isRole(invite.role) ? invite.role : "employee",
          language: lang,
          departmentId: invite.departmentId,
          now: d.now(),
        });
        d.logger.info({ event: "registered", via: "department_invite", userId: user.id, inviteId }, "employee registered");
        return { ok: true as const, commands: commandsFor(router, d, lang, user) };
      });
      if (!result.ok) {
        await ctx.reply(result.reason === "already" ? t("onboarding.alreadyRegisteredShort") : t(`onboarding.invite.${result.reason}`));
        return;
      }
      await ctx.api.setMyCommands(result.commands, { scope: { type: "chat", chat_id: from.id } }).catch(() => undefined);
      await ctx.reply(t("onboarding.registered", { name: fullName }));
      await ctx.reply(t("onboarding.openMenu"));
    };
  }

  async function handleSetupCode(ctx: AdalContext): Promise<void> {
    const code = typeof ctx.match === "string" ? ctx.match.trim() : "";
    const stored = await getSetting(deps.db.prisma, SETUP_CODE_SETTING);
    const from = ctx.from!;
    if (!stored || !code || deps.keyring.hash("invite-token", code) !== stored) {
      deps.logger.warn({ event: "setup_code_rejected" }, "wrong or used setup code");
      await ctx.reply(ctx.t("onboarding.setupCodeInvalid"));
      return;
    }
    if (!(await takeSetting(deps.db.prisma, SETUP_CODE_SETTING, stored))) {
      await ctx.reply(ctx.t("onboarding.setupCodeInvalid"));
      return;
    }
    const user = await ensureComplianceOfficer(deps.db.prisma, from.id, ctx.user?.fullName ?? telegramDisplayName(from), ctx.lang, deps.now());
    await audit(deps.db.prisma, { actorUserId: user.id, action: "setup.compliance_bootstrapped", subject: `user:${user.id}` });
    ctx.user = user;
    await ctx.reply(ctx.t("onboarding.setupDone"));
    await syncUserCommands(ctx.api, router, user, deps).catch((e: Error) => deps.logger.warn({ event: "set_commands_failed", message: e.message }, "setMyCommands failed"));
    await menu.show(ctx);
  }

  async function hasChosenLanguage(ctx: AdalContext): Promise<boolean> {
    return (await deps.db.prisma.chatLanguage.findUnique({ where: { chatKey: ctx.chatKey! } })) !== null;
  }

  async function chosenLanguage(ctx: AdalContext): Promise<Lang | null> {
    return ctx.chatKey && (await hasChosenLanguage(ctx)) ? ctx.lang : null;
  }

  async function rememberLanguage(ctx: AdalContext, lang: Lang): Promise<void> {
    if (ctx.user) ctx.user = await setUserLanguage(deps.db.prisma, ctx.user.id, lang);
    if (ctx.chatKey) await setChatLanguage(deps.db.prisma, ctx.chatKey, lang);
    ctx.lang = lang;
    ctx.t = deps.i18n.t(lang);
  }
}

async function askLanguage(ctx: AdalContext): Promise<void> {
  // Shown in both languages: the user may not read the current one.
  await ctx.reply("Тілді таңдаңыз / Выберите язык", { reply_markup: languageKeyboard() });
}

async function askToRegister(ctx: AdalContext): Promise<void> {
  await ctx.reply(ctx.t("onboarding.registerPrompt"), { reply_markup: contactKeyboard(ctx.t) });
}

async function showHelp(ctx: AdalContext, router: Router): Promise<void> {
  const lines = router.commands.filter((c) => !c.hidden && hasAccess(ctx, c.access)).map((c) => `/${c.name} — ${ctx.t(c.descriptionKey)}`);
  const role = ctx.user ? ctx.t(`roles.${ctx.user.role}`) : ctx.t("roles.guest");
  await ctx.reply([ctx.t("help.intro", { role }), "", ...lines, "", ctx.user ? ctx.t("help.footerRegistered") : ctx.t("help.footerGuest")].join("\n"));
}
