// createBot(config, deps): the whole bot, without starting it. main.ts decides how updates
// arrive (long polling through @grammyjs/runner, or a webhook); tests pass botInfo and an
// apiRoot or a transformer so nothing leaves the machine.
import { conversations } from "@grammyjs/conversations";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, BotError, Composer, GrammyError, HttpError, session, type Transformer } from "grammy";
import type { Config } from "../config.js";
import { botStateStore } from "../db/repositories/bot-state.js";
import type { AdalContext, CreateBotDeps, SessionData } from "./context.js";
import { installAdmin } from "./features/admin/index.js";
import { installOnboarding } from "./features/onboarding/index.js";
import { installSurveys } from "./features/surveys/index.js";
import { installTasks } from "./features/tasks/index.js";
import { installReports } from "./features/reports/index.js";
import { FlowDispatcher } from "./flow/dispatcher.js";
import { Notifications } from "./notifications/index.js";
import type { FeatureKit } from "./feature.js";
import { MainMenu } from "./menu.js";
import { contextMiddleware, metricsMiddleware } from "./middleware/context.js";
import { Router } from "./router.js";
import { langFromTelegram } from "../i18n.js";

export interface AdalBot {
  bot: Bot<AdalContext>;
  router: Router;
  menu: MainMenu;
  flows: FlowDispatcher;
  /** Renders and sends what the jobs decide to send. */
  notifications: Notifications;
}

export function createBot(config: Config, deps: CreateBotDeps): AdalBot {
  const bot = new Bot<AdalContext>(config.botToken, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  });
  const apiTransformers: Transformer[] = [
    async (prev, method, payload, signal) => {
      try {
        const result = await prev(method, payload, signal);
        deps.metrics.apiCalls.inc({ method, outcome: result.ok ? "ok" : String(result.error_code) });
        return result;
      } catch (error) {
        deps.metrics.apiCalls.inc({ method, outcome: "network" });
        throw error;
      }
    },
    // 429 and 5xx are retried honouring retry_after.
    autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }),
  ];
  bot.api.config.use(...apiTransformers);

  const router = new Router();
  const menu = new MainMenu();
  const flows = new FlowDispatcher();
  const notifications = new Notifications(bot.api, deps.i18n);

  // Updates of one chat are handled in order (the runner processes chats in parallel).
  bot.use(sequentialize((ctx) => ctx.chatId?.toString()));
  // The one error boundary, for every transport: in webhook mode grammY would otherwise
  // answer Telegram with 500 and the update would be retried, never explained to the user.
  const onError = async (err: BotError<AdalContext>) => {
    const ctx = err.ctx;
    deps.metrics.updateErrors.inc();
    const e = err.error;
    deps.logger.error(
      {
        event: "update_failed",
        updateId: ctx.update.update_id,
        error: e instanceof GrammyError ? { method: e.method, code: e.error_code, description: e.description } : e instanceof HttpError ? { http: String(e.error) } : { message: (e as Error)?.message, stack: (e as Error)?.stack },
      },
      "update failed",
    );
    try {
      const t = ctx.t ?? deps.i18n.t(langFromTelegram(ctx.from?.language_code) ?? config.defaultLanguage);
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: t("common.error"), show_alert: true });
      else if (ctx.chat) await ctx.reply(t("common.error"));
    } catch {
      // The error message itself failed (e.g. Telegram unreachable): already logged above.
    }
  };
  bot.catch(onError);
  const app = bot.errorBoundary(onError);


  app.use(metricsMiddleware(deps));
  app.use(contextMiddleware(config, deps));
  // Private chats only. In a group, a case, a receipt, an inbox or a reply in progress would
  // be shown to (or typed by) everyone there; a command gets a pointer to the private chat,
  // a button an alert, anything else silence.
  app.use(async (ctx, next) => {
    if (!ctx.chat || ctx.chat.type === "private") return next();
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("common.privateOnly"), show_alert: true });
    else if (ctx.message?.text?.startsWith("/")) await ctx.reply(ctx.t("common.privateOnly"));
  });
  // Sessions and conversations are keyed by a keyed hash of the chat id and encrypted
  // (see bot-state.ts): conversation state contains the messages of a flow in progress.
  app.use(
    session<SessionData, AdalContext>({
      initial: () => ({}),
      getSessionKey: (ctx) => ctx.chatKey ?? undefined,
      storage: botStateStore<SessionData>(deps.db.prisma, deps.keyring, "session"),
    }),
  );
  const convStore = botStateStore<never>(deps.db.prisma, deps.keyring, "conv");
  app.use(
    conversations<AdalContext, AdalContext>({
      // Conversations build their own Api objects; give them the same retries and metrics.
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(...apiTransformers);
          await next();
        },
      ],
      storage: {
        type: "key",
        getStorageKey: (ctx) => ctx.chatKey ?? undefined,
        adapter: convStore as never,
      },
    }),
  );

  const features = new Composer<AdalContext>();
  const hooks = deps.hooks ?? { campaignOpened: () => undefined };
  const kit: FeatureKit = { composer: features, router, menu, flows, notifications, config, deps, hooks };
  installOnboarding(kit);
  installAdmin(features, router, menu, deps);
  installTasks(kit);
  installSurveys(features, router, menu, deps, { ...config.surveys, timeZone: config.timeZone }, { onOpened: (id) => hooks.campaignOpened(id) });
  installReports(features, router, menu, deps, config);
  flows.installCancel(router);
  menu.install(router);

  // Features first: conversations must be registered before a command enters one; their
  // message handlers pass commands and callback queries on to the router.
  app.use(features);
  app.use(flows.middleware());
  app.use(router.middleware());

  // Fallbacks: nothing the user sends goes unanswered.
  app.on("message:text", async (ctx) => {
    if (ctx.message.text.startsWith("/")) await ctx.reply(ctx.t("common.unknownCommand"));
    else if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.useMenu"));
  });
  app.on("message:document", (ctx) => ctx.reply(ctx.t(ctx.user ? "common.unexpectedFileRegistered" : "common.unexpectedFile")));
  app.on("message", async (ctx) => {
    if (ctx.chat.type === "private") await ctx.reply(ctx.t("common.unsupportedMessage"));
  });
  app.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("common.staleButton"), show_alert: true }));

  return { bot, router, menu, flows, notifications };
}
