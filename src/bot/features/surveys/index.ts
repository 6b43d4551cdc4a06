import type { Composer } from "grammy";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";
import { installCampaigns, type CampaignHooks } from "./campaigns.js";
import { DEFAULT_DRAFT_DAYS, installRespondent } from "./respondent.js";

export function installSurveys(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, timeZone: string, hooks: CampaignHooks): void {
  installRespondent(composer, router, menu, deps, { draftDays: DEFAULT_DRAFT_DAYS, timeZone });
  installCampaigns(composer, router, menu, deps, timeZone, hooks);
}
