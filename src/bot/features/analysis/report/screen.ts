// The section's screen, its documents and the approval of the list of positions.
import { InputFile } from "grammy";
import { analyticReportDocx, positionsListDocx } from "../../../../domain/analysis/report/docx.js";
import { formatDay } from "../../../../domain/dates.js";
import type { Lang } from "../../../../domain/lang.js";
import type { Translate } from "../../../../i18n-resources.js";
import { approvePositions } from "../../../../services/analytic-report.js";
import type { AdalContext } from "../../../context.js";
import { hasAccess } from "../../../router.js";
import { staleButton } from "../../../ui/stale.js";
import { modelFor, todayOf } from "./common.js";
import { reportScreen } from "./views.js";

export async function showReport(ctx: AdalContext, analysisId: number): Promise<void> {
  const model = await modelFor(ctx, analysisId, false);
  if (!model) return void (await ctx.reply(ctx.t("analyticReport.screen.noAnalysis")));
  const view = reportScreen(ctx.t, model, ctx.lang, hasAccess(ctx, "managePlan"));
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

export async function sendDocument(ctx: AdalContext, analysisId: number, lang: Lang, which: "report" | "positions"): Promise<void> {
  const model = await modelFor(ctx, analysisId, true);
  if (!model) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("upload_document");
  const t = ctx.deps.i18n.t(lang) as unknown as Translate;
  const draft = model.record.reportSignedOn ? "" : "-draft";
  const file = which === "report" ? await analyticReportDocx(model, t, lang) : await positionsListDocx(model, t, lang);
  const name = which === "report" ? `analytic-report-${model.record.id}-${lang}${draft}.docx` : `positions-${model.record.id}-${lang}.docx`;
  await ctx.replyWithDocument(new InputFile(file, name));
}

export async function approve(ctx: AdalContext, analysisId: number, digest: string): Promise<void> {
  const outcome = await approvePositions(ctx.deps.db.prisma, analysisId, ctx.user!.id, todayOf(ctx), digest);
  if (!outcome.ok && (outcome.reason === "changed" || outcome.reason === "noAnalysis" || outcome.reason === "notAllowed")) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (outcome.ok) return void (await ctx.reply(ctx.t("analyticReport.screen.approved", { date: formatDay(outcome.on), n: outcome.count })));
  await ctx.reply(outcome.reason === "approved" ? ctx.t("analyticReport.screen.approvedAlready", { date: formatDay(outcome.on) }) : ctx.t("analyticReport.screen.approveEmpty"));
}
