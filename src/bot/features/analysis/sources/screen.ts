// The section's screen (the figures by kind, as the analytic report words them), the template,
// the list of figures and deleting one.
import { InputFile } from "grammy";
import { sourceTemplateXlsx } from "../../../../domain/analysis/source-template.js";
import type { Translate } from "../../../../i18n-resources.js";
import { analysisById } from "../../../../db/repositories/plan.js";
import { deleteSourceFigure, figuresOf, sourceFiguresOf } from "../../../../services/source-figures.js";
import type { AdalContext } from "../../../context.js";
import { hasAccess } from "../../../router.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { HTML } from "../../../ui/html.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { deleteAskView, figureListView, sourcesScreenView } from "./views.js";

export async function showSources(ctx: AdalContext, analysisId: number): Promise<void> {
  const summary = await sourceFiguresOf(ctx.deps.db.prisma, analysisId);
  const view = sourcesScreenView(ctx.t, ctx.lang, summary, analysisId, hasAccess(ctx, "managePlan"));
  await replyInParts(ctx, view.text, { html: true, keyboard: view.keyboard });
}

/** The analysis a button names, or null after answering it as stale. */
export async function analysisOfButton(ctx: AdalContext, analysisId: number): Promise<{ id: number } | null> {
  const analysis = await analysisById(ctx.deps.db.prisma, analysisId);
  if (!analysis) await staleButton(ctx);
  return analysis;
}

export async function sendTemplate(ctx: AdalContext, analysisId: number): Promise<void> {
  if (!(await analysisOfButton(ctx, analysisId))) return;
  await ctx.answerCallbackQuery();
  const file = await sourceTemplateXlsx(ctx.t as unknown as Translate, ctx.lang);
  await ctx.replyWithDocument(new InputFile(file, `${ctx.t("analysisSources.screen.templateFile")}.xlsx`), { caption: ctx.t("analysisSources.screen.templateCaption") });
}

export async function showList(ctx: AdalContext, analysisId: number): Promise<void> {
  if (!(await analysisOfButton(ctx, analysisId))) return;
  await ctx.answerCallbackQuery();
  const view = figureListView(ctx.t, await figuresOf(ctx.deps.db.prisma, analysisId), analysisId);
  await replyInParts(ctx, view.text, { html: true, keyboard: view.keyboard });
}

export async function askDelete(ctx: AdalContext, analysisId: number, figureId: number): Promise<void> {
  const figure = (await figuresOf(ctx.deps.db.prisma, analysisId)).find((f) => f.id === figureId);
  if (!figure) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const view = deleteAskView(ctx.t, figure, analysisId);
  await ctx.reply(view.text, { ...HTML, reply_markup: view.keyboard });
}

export async function confirmDelete(ctx: AdalContext, analysisId: number, figureId: number): Promise<void> {
  if (!(await deleteSourceFigure(ctx.deps.db.prisma, analysisId, figureId, ctx.user!.id))) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the delete buttons", ctx.editMessageReplyMarkup());
  await ctx.reply(ctx.t("analysisSources.list.deleted"));
  await showSources(ctx, analysisId);
}
