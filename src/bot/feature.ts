// What every feature's install function gets: where to register commands, buttons, menu
// entries, flows and notification renderers, and the dependencies its handlers use. Handlers
// reach the same dependencies through ctx.deps and ctx.config.
import type { Composer } from "grammy";
import type { Config } from "../config.js";
import type { AdalContext, BotDeps, BotHooks } from "./context.js";
import type { FlowDispatcher } from "./flow/dispatcher.js";
import type { MainMenu } from "./menu.js";
import type { Notifications } from "./notifications/index.js";
import type { Prefetch } from "./prefetch.js";
import type { Router } from "./router.js";

export interface FeatureKit {
  /** Middleware that must see updates before the router (e.g. contact messages). */
  composer: Composer<AdalContext>;
  router: Router;
  menu: MainMenu;
  flows: FlowDispatcher;
  notifications: Notifications;
  /** What an update's first round trip may read for a handler (prefetch.ts). */
  prefetch: Prefetch;
  config: Config;
  deps: BotDeps;
  hooks: BotHooks;
}
