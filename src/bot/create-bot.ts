// createBot(config, deps): the whole bot, without starting it. main.ts decides how updates
// arrive (long polling through @grammyjs/runner, or a webhook); tests pass botInfo and an
// apiRoot or a transformer so nothing leaves the machine.
import { sequentialize } from "@grammyjs/runner";
import { Bot, Composer } from "grammy";
import type { Config } from "../config.js";
import { apiTransformers } from "./api-transformers.js";
import type { AdalContext, CreateBotDeps } from "./context.js";
import { updateErrorHandler } from "./error-boundary.js";
import { fallbacks } from "./fallbacks.js";
import { installAdmin } from "./features/admin/index.js";
import { installOnboarding } from "./features/onboarding/index.js";
import { installSurveys } from "./features/surveys/index.js";
import { installTasks } from "./features/tasks/index.js";
import { installMonitoring } from "./features/monitoring/index.js";
import { installReports } from "./features/reports/index.js";
import { installSummaries } from "./features/summaries/index.js";
import { installBoard } from "./features/board/index.js";
import { installAnalysisFeature } from "./features/analysis/index.js";
import { FlowDispatcher } from "./flow/dispatcher.js";
import { Notifications } from "./notifications/index.js";
import { Prefetch } from "./prefetch.js";
import type { FeatureKit } from "./feature.js";
import { MainMenu } from "./menu.js";
import { contextMiddleware, metricsMiddleware } from "./middleware/context.js";
import { privateChatsOnly } from "./middleware/private-chat.js";
import { Router } from "./router.js";
import { sessionMiddleware } from "./session.js";

export interface AdalBot {
  bot: Bot<AdalContext>;
  router: Router;
  menu: MainMenu;
  flows: FlowDispatcher;
  /** Renders what the jobs and features queue in the outbox. */
  notifications: Notifications;
}

export function createBot(config: Config, deps: CreateBotDeps): AdalBot {
  const bot = new Bot<AdalContext>(config.botToken, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}) },
  });
  bot.api.config.use(...apiTransformers(deps.metrics, deps.logger, deps.load));

  const hooks = deps.hooks ?? { campaignOpened: () => undefined };
  const kit: FeatureKit = { composer: new Composer<AdalContext>(), router: new Router(), menu: new MainMenu(), flows: new FlowDispatcher(), notifications: new Notifications(deps.outbox, deps.i18n), prefetch: new Prefetch(), config, deps, hooks };
  installFeatures(kit);

  // Updates of one chat are handled in order (the runner processes chats in parallel).
  bot.use(sequentialize((ctx) => ctx.chatId?.toString()));
  const onError = updateErrorHandler(config, deps);
  bot.catch(onError);
  const app = bot.errorBoundary(onError);
  app.use(metricsMiddleware(deps));
  app.use(contextMiddleware(config, deps, kit.prefetch));
  app.use(privateChatsOnly());
  app.use(sessionMiddleware(deps));
  // Features first (middleware that must see updates before the router, e.g. contact
  // messages), then typed input for the active flow, then commands and buttons.
  app.use(kit.composer);
  app.use(kit.flows.middleware());
  app.use(kit.router.middleware());
  app.use(fallbacks());

  return { bot, router: kit.router, menu: kit.menu, flows: kit.flows, notifications: kit.notifications };
}

/** Every feature registers its commands, buttons, menu entries and flows; /cancel and the menu come last. */
function installFeatures(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  installOnboarding(kit);
  installAdmin(kit);
  installTasks(kit);
  installMonitoring(kit);
  installSurveys(kit);
  installReports(kit);
  installSummaries(kit);
  installBoard(kit);
  installAnalysisFeature(kit);
  flows.installCancel(router);
  menu.install(router);
}
