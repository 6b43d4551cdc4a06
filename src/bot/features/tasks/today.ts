import type { IsoDate } from "../../../domain/calendar/days.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import type { AdalContext } from "../../context.js";

/** Today in the organisation's time zone (due dates are days there). */
export function today(ctx: AdalContext): IsoDate {
  return toIsoDate(ctx.deps.now(), ctx.config.timeZone);
}
