// The first calls to Telegram at start, made so that an operator can tell what is wrong:
// a refused token is named as such (with where to get a right one), an unreachable Telegram
// is retried with backoff and said so on the console each time instead of hanging on grammY's
// 500-second default, and the bot's profile (the "What can this bot do?" description, the
// short description) is set in kk, ru and a default — only when it differs from what Telegram
// has, so restarts stay far from the method's limits.
import { GrammyError, HttpError, type Api, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { LANGUAGES, type Lang } from "../domain/lang.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";

export interface TelegramStartOptions {
  /** Per call, for every call made while starting (default 15 s). */
  timeoutMs?: number;
  /** Attempts to reach Telegram before giving up (default: until it answers). */
  attempts?: number;
  /** First wait between attempts, doubled each time up to maxDelayMs (default 2 s, 60 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** Start failed for a reason the operator can fix; the message says how. */
export class TelegramStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TelegramStartError";
  }
}

export const TOKEN_REFUSED_MESSAGE =
  "Telegram refused the bot token (401 Unauthorized): BOT_TOKEN is wrong, incomplete or was revoked.\n" +
  "Get the right one from @BotFather in Telegram: send /mybots, choose the bot, press \"API Token\" " +
  "(it looks like 123456789:AAE…, digits, a colon and 35 characters), and put it into BOT_TOKEN (e.g. in .env) without quotes or spaces.";

/**
 * A timeout on every call made while `active()` (start-up), except long polls: a Telegram that
 * does not answer fails the call instead of hanging the start.
 */
export function startupTimeout(timeoutMs: number, active: () => boolean): Transformer {
  return (prev, method, payload, signal) => {
    if (!active() || signal || method === "getUpdates") return prev(method, payload, signal);
    return prev(method, payload, AbortSignal.timeout(timeoutMs) as never);
  };
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** What went wrong reaching Telegram, in words (timeout, refused, unknown host, …). */
export function describeNetworkError(error: unknown, timeoutMs: number): string {
  const seen = new Set<unknown>();
  let e: unknown = error;
  const parts: string[] = [];
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const x = e as { name?: string; code?: string; message?: string; error?: unknown; cause?: unknown };
    if (x.name === "TimeoutError" || x.name === "AbortError" || /timed out|aborted/i.test(x.message ?? "")) return `no answer within ${duration(timeoutMs)} (timed out)`;
    if (x.code) parts.push(x.code);
    e = x.error ?? x.cause;
  }
  const code = parts.find((c) => /^E[A-Z]+$/.test(c));
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (nothing listens there)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "host not found (DNS)";
    case "ETIMEDOUT":
    case "ECONNRESET":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `host unreachable (${code})`;
    default:
      return (error as Error)?.message ?? String(error);
  }
}

/** Where the bot talks to Telegram, for the messages. */
export function apiRootLabel(apiRoot: string | undefined): string {
  return apiRoot ? `${apiRoot} (TELEGRAM_API_ROOT)` : "https://api.telegram.org";
}

/**
 * getMe with a timeout, retried with backoff while Telegram cannot be reached (each failure
 * said on the console and logged); a refused token fails at once with what to do.
 */
export async function connectTelegram(
  api: Api,
  args: { apiRoot?: string; logger: Logger; say: (text: string) => void },
  options: TelegramStartOptions = {},
): Promise<UserFromGetMe> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const attempts = options.attempts ?? Infinity;
  let delay = options.firstDelayMs ?? 2_000;
  const where = apiRootLabel(args.apiRoot);
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.getMe(AbortSignal.timeout(timeoutMs) as never);
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        args.logger.fatal({ event: "telegram_token_refused", code: error.error_code }, "Telegram refused the bot token");
        throw new TelegramStartError(TOKEN_REFUSED_MESSAGE);
      }
      if (error instanceof GrammyError) throw error;
      const reason = error instanceof HttpError || (error as Error)?.name === "TimeoutError" ? describeNetworkError(error, timeoutMs) : (error as Error).message;
      args.logger.error({ event: "telegram_unreachable", apiRoot: args.apiRoot ?? null, attempt, reason }, "cannot reach Telegram");
      const message = `Cannot reach Telegram at ${where}: ${reason}.`;
      if (attempt >= attempts) {
        throw new TelegramStartError(`${message} Gave up after ${attempt} attempt(s). Check the network, a proxy or firewall, and TELEGRAM_API_ROOT if it is set.`);
      }
      args.say(`${message} Retrying in ${duration(delay)} (attempt ${attempt + 1}${Number.isFinite(attempts) ? ` of ${attempts}` : ""}); stop with Ctrl+C.\n`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 60_000);
    }
  }
}

/** The one-time setup code as a block that stands out among the log lines. */
export function setupBanner(code: string, username?: string): string {
  const bot = username ? `@${username}` : "the bot";
  const lines = [
    "ADAL — FIRST START: no compliance officer yet.",
    "",
    `From the compliance officer's own Telegram account, open ${bot} and send:`,
    "",
    `    /setup ${code}`,
    "",
    "The code works once. It is shown only here; a restart before it is used prints a new one.",
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const rule = "=".repeat(width);
  return `\n${rule}\n${lines.map((l) => (l ? `  ${l}` : "")).join("\n")}\n${rule}\n\n`;
}

/**
 * The bot's description ("What can this bot do?") and short description, per language and a
 * default, set only where Telegram's differ. Returns how many were set.
 */
export async function syncBotProfile(api: Api, i18n: I18n, defaultLang: Lang): Promise<number> {
  let set = 0;
  const targets: Array<{ lang: Lang; code?: Lang }> = [{ lang: defaultLang }, ...LANGUAGES.map((lang) => ({ lang, code: lang }))];
  for (const { lang, code } of targets) {
    const t = i18n.t(lang);
    const other = code ? { language_code: code } : {};
    const description = t("help.botDescription");
    if ((await api.getMyDescription(other)).description !== description) {
      await api.setMyDescription(description, other);
      set++;
    }
    const short = t("help.botShortDescription");
    if ((await api.getMyShortDescription(other)).short_description !== short) {
      await api.setMyShortDescription(short, other);
      set++;
    }
  }
  return set;
}
