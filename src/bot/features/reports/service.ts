// The reports service's dependencies as the bot's handlers build them from ctx.deps and ctx.config.
import type { Config } from "../../../config.js";
import type { ReportServiceDeps } from "../../../services/reports.js";
import type { AdalContext, BotDeps } from "../../context.js";

export function reportServiceDeps(deps: BotDeps, config: Pick<Config, "timeZone" | "reports">): ReportServiceDeps {
  return { db: deps.db.prisma, keyring: deps.keyring, calendar: deps.calendar, now: deps.now, timeZone: config.timeZone, policy: config.reports };
}

/** The service dependencies of this update. */
export const serviceOf = (ctx: AdalContext): ReportServiceDeps => reportServiceDeps(ctx.deps, ctx.config);
