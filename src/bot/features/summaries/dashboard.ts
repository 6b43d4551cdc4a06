// /dashboard: the weekly digest's figures now, for compliance officers and observers — the
// text, one chart, the buttons to the lists behind the figures (the main menu's entries for
// the plan, the cases and the campaigns, those the person may open) and the digest on or off.
import { InputFile } from "grammy";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { renderSummaryChart } from "../../../domain/summaries/chart.js";
import { summaryScopeOf } from "../../../domain/summaries/policies.js";
import { isDigestOn, summaryFor } from "../../../services/summaries.js";
import type { AdalContext } from "../../context.js";
import type { MainMenu } from "../../menu.js";
import { replyInParts } from "../../ui/reply.js";
import { dashboardKeyboard, summaryText } from "./views.js";

/** The menu entries the dashboard leads to, in this order. */
const LISTS = ["plan", "cases", "campaigns"] as const;

export async function showDashboard(ctx: AdalContext, menu: MainMenu): Promise<void> {
  const scope = summaryScopeOf(ctx.user!.role);
  if (!scope) return void (await ctx.reply(ctx.t("common.notAllowed")));
  const db = ctx.deps.db.prisma;
  const today = toIsoDate(ctx.deps.now(), ctx.config.timeZone);
  const figures = await summaryFor(db, ctx.deps.calendar, scope, today);
  const digestOn = await isDigestOn(db, ctx.user!.id);
  const visible = new Map(menu.visible(ctx).map((e) => [e.id, e]));
  const links = LISTS.flatMap((id) => {
    const entry = visible.get(id);
    return entry ? [{ label: ctx.t(entry.labelKey), data: menu.entryData(id) }] : [];
  });
  const chart = await renderSummaryChart(figures, ctx.lang, ctx.t);
  if (chart) await ctx.replyWithPhoto(new InputFile(chart, "dashboard.png"), { caption: ctx.t("summaries.chart.caption") });
  const text = summaryText(ctx.t, ctx.lang, figures, "dashboard", ctx.t(digestOn ? "summaries.digestState.on" : "summaries.digestState.off"));
  await replyInParts(ctx, text, { keyboard: dashboardKeyboard(ctx.t, links, digestOn) });
}
