import type { Composer } from "grammy";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";
import { installCampaigns, type CampaignHooks } from "./campaigns.js";
import { installRespondent } from "./respondent.js";
import type { SurveyConfig } from "../../../config.js";

export function installSurveys(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, settings: SurveyConfig & { timeZone: string }, hooks: CampaignHooks): void {
  // The officer's wizard first: its text handler only takes dates it asked for, while the
  // respondent's would take any text as an answer to an open survey.
  installCampaigns(composer, router, menu, deps, settings, hooks);
  installRespondent(composer, router, menu, deps, settings);
}
