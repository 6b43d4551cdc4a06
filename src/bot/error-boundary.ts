// The one error boundary, for every transport: in webhook mode grammY would otherwise
// answer Telegram with 500 and the update would be retried, never explained to the user.
import { GrammyError, HttpError, type BotError } from "grammy";
import type { Config } from "../config.js";
import { langFromTelegram } from "../i18n.js";
import type { AdalContext, BotDeps } from "./context.js";

/** What the log says about a failure: the API method and code, or the message; never the update's contents. */
function describeFailure(e: unknown): Record<string, unknown> {
  if (e instanceof GrammyError) return { method: e.method, code: e.error_code, description: e.description };
  if (e instanceof HttpError) return { http: String(e.error) };
  return { message: (e as Error)?.message, stack: (e as Error)?.stack };
}

/** Logs a failed update and tells the user, in their language, that something went wrong. */
export function updateErrorHandler(config: Config, deps: BotDeps): (err: BotError<AdalContext>) => Promise<void> {
  return async (err) => {
    const ctx = err.ctx;
    deps.metrics.updateErrors.inc();
    deps.logger.error({ event: "update_failed", updateId: ctx.update.update_id, error: describeFailure(err.error) }, "update failed");
    try {
      const t = ctx.t ?? deps.i18n.t(langFromTelegram(ctx.from?.language_code) ?? config.defaultLanguage);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t("common.error"), show_alert: true });
      else if (ctx.chat) await ctx.reply(t("common.error"));
    } catch {
      // The error message itself failed (e.g. Telegram unreachable): already logged above.
    }
  };
}
