// «Направить руководству сведения о неисполнении»: the quarter's non-execution list to the
// observers (seed 004 item 5), once per quarter, through the outbox; the service writes the
// ledger row and the audit entry with the messages.
import { formatDay } from "../../../domain/dates.js";
import { periodLabel } from "../../../domain/plan/monitoring-report.js";
import { sendNonExecutionToHead } from "../../../services/monitoring.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { headButton } from "./buttons.js";
import { quarterPeriod } from "./views.js";

async function onHead(ctx: AdalContext, [year, quarter]: readonly [number, number]): Promise<void> {
  await ctx.answerCallbackQuery();
  if (!ctx.user) return;
  const period = quarterPeriod(year, quarter);
  const label = periodLabel(ctx.t, period);
  const now = ctx.deps.now();
  const result = await sendNonExecutionToHead(ctx.deps.db.prisma, ctx.deps.outbox, {
    keyring: ctx.deps.keyring,
    period,
    asOf: toIsoDate(now, ctx.config.timeZone),
    actorUserId: ctx.user.id,
    now,
    defaultLanguage: ctx.config.defaultLanguage,
  });
  if (result.outcome === "sent") await ctx.reply(ctx.t("monitoring.headSent", { period: label, count: result.count }));
  else if (result.outcome === "already") await ctx.reply(ctx.t("monitoring.headAlready", { period: label, date: formatDay(toIsoDate(result.on, ctx.config.timeZone)) }));
  else if (result.outcome === "notEnded") await ctx.reply(ctx.t("monitoring.headNotEnded", { period: label }));
  else if (result.outcome === "nothing") await ctx.reply(ctx.t("monitoring.headNothing", { period: label }));
  else await ctx.reply(ctx.t("monitoring.headNoObservers"));
}

export function installHeadNotice(kit: FeatureKit): void {
  kit.router.button(headButton, onHead);
}
