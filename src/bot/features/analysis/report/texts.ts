// The officer's own paragraphs of the draft: choose a section by its button, then send its text
// in one's language (or switch to the other language, or remove the text). The draft is drawn
// again with them the next time it is asked for.
import type { NextFunction } from "grammy";
import { REPORT_TEXT_KEYS, type ReportTextKey } from "../../../../domain/analysis/report/model.js";
import { reportTextsOf, REPORT_TEXT_MAX, setReportText } from "../../../../services/analytic-report.js";
import type { AdalContext } from "../../../context.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { AnalyticReportTextFlow } from "../../../flow/types.js";
import { hasAccess } from "../../../router.js";
import { newNonce } from "../../../ui/args.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { modelFor } from "./common.js";
import { askTextView, chooseSectionView, offeredSections, sectionLabel } from "./views.js";

export async function chooseSection(ctx: AdalContext, analysisId: number): Promise<void> {
  const model = await modelFor(ctx, analysisId, false);
  if (!model) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const view = chooseSectionView(ctx.t, model);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function ask(ctx: AdalContext, flow: AnalyticReportTextFlow): Promise<void> {
  const texts = await reportTextsOf(ctx.deps.db.prisma, flow.analysisId);
  const view = askTextView(ctx.t, sectionLabel(ctx.t, flow.section as ReportTextKey), texts[flow.section as ReportTextKey], flow.lang, flow.nonce);
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

export async function startText(ctx: AdalContext, flows: FlowDispatcher, analysisId: number, index: number): Promise<void> {
  const section = REPORT_TEXT_KEYS[index]!;
  const model = await modelFor(ctx, analysisId, false);
  if (!model || !offeredSections(model).includes(section)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const flow: AnalyticReportTextFlow = { kind: "analyticReportText", nonce: newNonce(), analysisId, section, lang: ctx.lang };
  await flows.start(ctx, flow);
  await ask(ctx, flow);
}

export async function switchLang(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "analyticReportText");
  if (!flow || flow.nonce !== nonce) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  flow.lang = flow.lang === "kk" ? "ru" : "kk";
  await ask(ctx, flow);
}

async function save(ctx: AdalContext, flows: FlowDispatcher, flow: AnalyticReportTextFlow, text: string | null): Promise<void> {
  const outcome = await setReportText(ctx.deps.db.prisma, flow.analysisId, ctx.user!.id, flow.section, flow.lang, text);
  const section = sectionLabel(ctx.t, flow.section as ReportTextKey);
  if (!outcome.ok && outcome.reason === "tooLong") return void (await ctx.reply(ctx.t("analyticReport.screen.textTooLong", { max: REPORT_TEXT_MAX })));
  flows.end(ctx, "analyticReportText");
  if (!outcome.ok) return void (await ctx.reply(ctx.t("analyticReport.screen.noAnalysis")));
  await ctx.reply(text === null ? ctx.t("analyticReport.screen.cleared", { section }) : ctx.t("analyticReport.screen.saved", { section, lang: ctx.t(`analyticReport.screen.langName.${flow.lang}`) }));
}

export async function clearText(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "analyticReportText");
  if (!flow || flow.nonce !== nonce) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await save(ctx, flows, flow, null);
}

export async function onText(ctx: MessageContext, flows: FlowDispatcher, flow: AnalyticReportTextFlow, next: NextFunction): Promise<unknown> {
  if (!hasAccess(ctx, "managePlan")) return next();
  const text = ctx.message.text;
  if (text === undefined || !text.trim()) return void (await ctx.reply(ctx.t("analyticReport.screen.textEmpty")));
  await save(ctx, flows, flow, text);
}
