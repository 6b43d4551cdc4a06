import type { Composer } from "grammy";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";
import { installInvites } from "./invites.js";
import { installRoster } from "./roster.js";

export function installAdmin(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps): void {
  installRoster(composer, router, menu, deps);
  installInvites(composer, router, menu, deps);
}
