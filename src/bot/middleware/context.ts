import type { MiddlewareFn } from "grammy";
import type { Config } from "../../config.js";
import { type Lang, isLang } from "../../domain/lang.js";
import { getChatLanguage } from "../../db/repositories/chat-language.js";
import { ensureComplianceOfficer, findUserWithState } from "../../db/repositories/users.js";
import { langFromTelegram } from "../../i18n.js";
import { chatKeyAdopter } from "../../services/keys.js";
import type { AdalContext, BotDeps } from "../context.js";
import { keepRespondentState, type Prefetch } from "../prefetch.js";
import { draftKey } from "../../db/repositories/survey-answers.js";
import { prefetchSession, sessionRowKey } from "../session.js";

export function telegramDisplayName(from: { first_name: string; last_name?: string }): string {
  return [from.first_name, from.last_name].filter(Boolean).join(" ").trim() || "—";
}

/**
 * Fills ctx.deps, ctx.user, ctx.lang, ctx.t and ctx.chatKey for every update.
 * Language: the user's choice, else the chat's stored choice, else Telegram's language
 * when it is kk/ru, else the configured default.
 */
export function contextMiddleware(config: Config, deps: BotDeps, prefetch?: Prefetch): MiddlewareFn<AdalContext> {
  const bootstrapIds = new Set(config.complianceTelegramIds);
  const adoptChatKeys = chatKeyAdopter(deps.db.prisma, deps.keyring);
  return async (ctx, next) => {
    ctx.deps = deps;
    ctx.config = config;
    ctx.chatKey = ctx.chatId !== undefined ? deps.keyring.hash("chat-key", String(ctx.chatId)) : null;
    const db = deps.db.prisma;
    // Rows left under an older key (after `adal keys rotate`) move to the current key first.
    if (ctx.chatId !== undefined) await adoptChatKeys(ctx.chatId, ctx.from?.id);
    const from = ctx.from;
    // The user and the chat's session row in one round trip (the session middleware decrypts
    // it when used), with what a handler is known to need next (prefetch.ts).
    const telegramId = from && !from.is_bot ? from.id : null;
    const wish = telegramId === null ? null : prefetch?.wishFor(ctx);
    const respondent = wish?.respondent && { keyring: deps.keyring, campaignId: wish.respondent.campaignId, draftKey: draftKey(deps.keyring, wish.respondent.campaignId, telegramId!), now: deps.now() };
    const found = await findUserWithState(db, telegramId, ctx.chatKey ? sessionRowKey(ctx.chatKey) : null, respondent);
    if (ctx.chatKey) prefetchSession(ctx, found.state);
    if (found.respondent && found.user && respondent) keepRespondentState(ctx, respondent.campaignId, found.user.id, found.respondent);
    let user = found.user;
    if (from && bootstrapIds.has(from.id) && (!user || user.role !== "compliance" || !user.active)) {
      const language = user && isLang(user.language) ? user.language : (langFromTelegram(from.language_code) ?? config.defaultLanguage);
      user = await ensureComplianceOfficer(db, from.id, user?.fullName ?? telegramDisplayName(from), language, deps.now());
      deps.logger.info({ event: "compliance_bootstrapped", userId: user.id }, "compliance officer from configuration");
    }
    ctx.user = user && user.active ? user : null;
    let lang: Lang | undefined = ctx.user && isLang(ctx.user.language) ? ctx.user.language : undefined;
    if (!lang && ctx.chatKey && ctx.chat?.type === "private") lang = (await getChatLanguage(db, ctx.chatKey)) ?? undefined;
    lang ??= langFromTelegram(from?.language_code) ?? config.defaultLanguage;
    ctx.lang = lang;
    ctx.t = deps.i18n.t(lang);
    await next();
  };
}

/** Metrics and timing for every update; never logs contents. */
export function metricsMiddleware(deps: BotDeps): MiddlewareFn<AdalContext> {
  return async (ctx, next) => {
    const type = Object.keys(ctx.update).find((k) => k !== "update_id") ?? "unknown";
    deps.metrics.updates.inc({ type });
    const end = deps.metrics.updateDuration.startTimer();
    try {
      await next();
    } finally {
      const seconds = end();
      // No update id, chat or user: a line at the moment a report is filed must not be
      // matched to anything (the update id would pair it with Telegram's records and other lines).
      deps.logger.debug({ event: "update_handled", type, ms: Math.round(seconds * 1000) }, "update handled");
    }
  };
}
