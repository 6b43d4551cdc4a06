// What the board report's handlers share: today in the organisation's time zone and the service's dependencies.
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import type { BoardReportDeps } from "../../../services/board-report.js";
import { standardLabels } from "../../../services/survey-labels.js";
import type { AdalContext } from "../../context.js";

export const todayOf = (ctx: AdalContext) => toIsoDate(ctx.deps.now(), ctx.config.timeZone);

export function depsOf(ctx: AdalContext): BoardReportDeps {
  return { db: ctx.deps.db.prisma, keyring: ctx.deps.keyring, calendar: ctx.deps.calendar, labels: standardLabels(ctx.deps), k: ctx.config.surveys.minGroup, textK: ctx.config.surveys.minTextGroup };
}

