// Anonymous reports in the bot (PRODUCT.md §2): the reporter's side (file a report, follow
// it with the receipt) and the case handlers' side (inbox, statuses, replies, notes).
import type { Composer } from "grammy";
import type { Config } from "../../../config.js";
import type { ReportServiceDeps } from "../../../services/reports.js";
import type { AdalContext, BotDeps } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import type { Router } from "../../router.js";
import { installCases } from "./cases.js";
import { installReporter } from "./reporter.js";

export function reportServiceDeps(deps: BotDeps, config: Pick<Config, "timeZone" | "reports">): ReportServiceDeps {
  return { db: deps.db.prisma, keyring: deps.keyring, calendar: deps.calendar, now: deps.now, timeZone: config.timeZone, policy: config.reports };
}

export function installReports(composer: Composer<AdalContext>, router: Router, menu: MainMenu, deps: BotDeps, config: Config): void {
  const svc = reportServiceDeps(deps, config);
  installReporter(composer, router, menu, deps, svc);
  installCases(composer, router, menu, deps, svc);
}
