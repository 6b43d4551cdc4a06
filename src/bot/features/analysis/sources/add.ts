// One figure typed as a line: «вид; период; категория; тема; количество; источник; примечание»
// (the topic, source and note may be left out). A line that cannot be read is explained and
// the wait goes on; a figure stored already is not added twice.
import type { NextFunction } from "grammy";
import { parseFigureLine } from "../../../../domain/analysis/source-figures.js";
import { addSourceFigure } from "../../../../services/source-figures.js";
import type { AdalContext } from "../../../context.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { SourceLineFlow } from "../../../flow/types.js";
import { hasAccess } from "../../../router.js";
import { analysisOfButton, showSources } from "./screen.js";
import { cancelKeyboard, errorText, figureLine, vocabularyOf } from "./views.js";

export async function askLine(ctx: AdalContext, flows: FlowDispatcher, analysisId: number): Promise<void> {
  if (!(await analysisOfButton(ctx, analysisId))) return;
  await ctx.answerCallbackQuery();
  await flows.start(ctx, { kind: "sourceLine", analysisId });
  await ctx.reply(ctx.t("analysisSources.add.ask"), { reply_markup: cancelKeyboard(ctx.t) });
}

export async function onLine(ctx: MessageContext, flows: FlowDispatcher, flow: SourceLineFlow, next: NextFunction): Promise<unknown> {
  const text = ctx.message.text;
  if (text === undefined || !hasAccess(ctx, "managePlan")) return next();
  const read = parseFigureLine(text, vocabularyOf(ctx.deps.i18n));
  if (!read.ok) return ctx.reply(ctx.t("analysisSources.add.invalid", { problem: errorText(ctx.t, read.code) }));
  flows.end(ctx, "sourceLine");
  const added = await addSourceFigure(ctx.deps.db.prisma, flow.analysisId, read.figure, ctx.user!.id);
  await ctx.reply(ctx.t(added ? "analysisSources.add.added" : "analysisSources.add.duplicate", { line: figureLine(ctx.t, read.figure) }));
  await showSources(ctx, flow.analysisId);
}
