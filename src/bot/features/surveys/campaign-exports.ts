// Exports of a campaign: results as XLSX, CSV or DOCX (kk or ru), and the named answers of
// an attributed interview as XLSX (named interview answers policy: compliance only).
import { InputFile } from "grammy";
import { getCampaign, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import type { Lang } from "../../../domain/lang.js";
import { exportResultsCsv } from "../../../domain/surveys/report/csv.js";
import { renderResultsDocx } from "../../../domain/surveys/report/docx.js";
import { exportInterviewXlsx, exportResultsXlsx } from "../../../domain/surveys/report/xlsx.js";
import type { SurveyResults } from "../../../domain/surveys/results.js";
import type { TFunction } from "../../../i18n.js";
import { exportNamedAnswers } from "../../../services/surveys.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { staleButton } from "../../ui/stale.js";
import { exportButton } from "./buttons.js";
import { campaignResults } from "./campaign-results.js";
import { actorOf, today } from "./common.js";
import { standardLabels } from "../../../services/survey-labels.js";

type ResultsFormat = "xlsx" | "csv" | "docx";

async function resultsFile(r: SurveyResults, format: ResultsFormat, lang: Lang, t: TFunction, base: string): Promise<InputFile> {
  if (format === "xlsx") return new InputFile(await exportResultsXlsx(r, lang, t), `${base}.xlsx`);
  if (format === "csv") return new InputFile(Buffer.from(exportResultsCsv(r, lang, t), "utf8"), `${base}.csv`);
  return new InputFile(await renderResultsDocx(r, lang, t), `${base}.docx`);
}

async function sendNamedAnswers(ctx: AdalContext, campaign: CampaignRecord, lang: Lang, t: TFunction): Promise<void> {
  const stamp = today(ctx);
  const outcome = await exportNamedAnswers(ctx.deps.db.prisma, actorOf(ctx), { campaign, today: stamp, labels: standardLabels(ctx.deps) }, async (data) =>
    ctx.replyWithDocument(new InputFile(await exportInterviewXlsx(data, lang, t), `interview-${campaign.id}-${stamp}-${lang}.xlsx`)),
  );
  if (outcome === "notAllowed") await ctx.reply(ctx.t("common.notAllowed"));
  if (outcome === "notAttributed") await ctx.reply(ctx.t("campaigns.notAttributed"));
}

async function sendExport(ctx: AdalContext, [campaignId, format, lang]: readonly [number, ResultsFormat | "answers", Lang]): Promise<void> {
  const campaign = await getCampaign(ctx.deps.db.prisma, campaignId);
  if (!campaign) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("upload_document");
  const t = ctx.deps.i18n.t(lang);
  if (format === "answers") return sendNamedAnswers(ctx, campaign, lang, t);
  const r = await campaignResults(ctx, campaign, format, { lang });
  if (!r) return;
  await ctx.replyWithDocument(await resultsFile(r, format, lang, t, `survey-${campaignId}-${today(ctx)}-${lang}`));
}

export function installCampaignExports({ router }: FeatureKit): void {
  router.button(exportButton, sendExport);
}
