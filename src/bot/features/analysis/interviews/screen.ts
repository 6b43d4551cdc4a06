// The interview tables of an analysis: the summary on screen, the DOCX and the XLSX of all tables.
// Each view is audited by the service (analysis.interviews_viewed).
import { InputFile } from "grammy";
import { analysisById } from "../../../../db/repositories/plan.js";
import { renderInterviewTablesDocx } from "../../../../domain/analysis/interview-docx.js";
import { renderInterviewTablesXlsx } from "../../../../domain/analysis/interview-xlsx.js";
import type { Lang } from "../../../../domain/lang.js";
import type { Translate } from "../../../../i18n-resources.js";
import { interviewTablesOf, linkedCampaignIds, viewInterviewTables } from "../../../../services/analysis-interviews.js";
import type { AdalContext } from "../../../context.js";
import { HTML } from "../../../ui/html.js";
import { staleButton } from "../../../ui/stale.js";
import type { AnalysisRow } from "../hub.js";
import { summaryKeyboard, summaryText } from "./views.js";

function actor(ctx: AdalContext) {
  return { id: ctx.user!.id, role: ctx.user!.role };
}

/** The hub's line: how many units answered, or that no interview campaign is linked. */
export async function interviewsStatus(ctx: AdalContext, analysis: AnalysisRow): Promise<string> {
  if (!linkedCampaignIds(analysis.interviewCampaignIds).length) return ctx.t("analysisInterviews.statusNone");
  const tables = await interviewTablesOf(ctx.deps.db.prisma, analysis.id);
  return tables ? ctx.t("analysisInterviews.status", { count: tables.respondents.length }) : ctx.t("analysisInterviews.statusNone");
}

export async function openInterviews(ctx: AdalContext, analysis: AnalysisRow): Promise<void> {
  const tables = await viewInterviewTables(ctx.deps.db.prisma, actor(ctx), analysis.id, "screen");
  if (!tables) {
    const kb = summaryKeyboard(ctx.t, analysis.id, false);
    await ctx.reply(ctx.t("analysisInterviews.bot.noCampaign"), { reply_markup: kb });
    return;
  }
  const lang: Lang = ctx.lang;
  await ctx.reply(summaryText(ctx.t, tables, lang), { ...HTML, reply_markup: summaryKeyboard(ctx.t, analysis.id, tables.respondents.length > 0) });
}

/** The DOCX or XLSX of all tables in `lang`; a button of an analysis gone or unlinked is stale. */
export async function sendInterviewDocument(ctx: AdalContext, analysisId: number, lang: Lang, kind: "docx" | "xlsx"): Promise<void> {
  const analysis = await analysisById(ctx.deps.db.prisma, analysisId);
  const tables = analysis ? await viewInterviewTables(ctx.deps.db.prisma, actor(ctx), analysisId, kind) : null;
  if (!tables || !tables.respondents.length) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const t = ctx.deps.i18n.t(lang) as unknown as Translate;
  const file = kind === "docx" ? await renderInterviewTablesDocx(tables, t, lang) : await renderInterviewTablesXlsx(tables, t, lang);
  await ctx.replyWithChatAction("upload_document");
  await ctx.replyWithDocument(new InputFile(file, `interview-tables-${analysisId}-${lang}.${kind}`), { caption: t("analysisInterviews.bot.caption") });
}
