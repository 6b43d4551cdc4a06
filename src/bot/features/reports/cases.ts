import type { Composer } from "grammy";
import type { ReportServiceDeps } from "../../../services/reports.js";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";

export function installCases(_composer: Composer<AdalContext>, _router: Router, _menu: MainMenu, _deps: BotDeps, _svc: ReportServiceDeps): void {}
