// Exports of a campaign: results as XLSX, CSV or DOCX (kk or ru), and the named answers of
// an attributed interview as XLSX (named interview answers policy: compliance only).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputFile } from "grammy";
import { getCampaign, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import type { Lang } from "../../../domain/lang.js";
import { writeResultsFile, type ResultsFormat } from "../../../domain/surveys/report/files.js";
import { exportInterviewXlsx } from "../../../domain/surveys/report/xlsx.js";
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

/**
 * The export is written into a temporary file readable by the bot alone (streamed: the file
 * of 100k responses is never in memory), sent from there, and deleted.
 */
async function sendResultsFile(ctx: AdalContext, r: SurveyResults, format: ResultsFormat, lang: Lang, t: TFunction, name: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "adal-export-"));
  try {
    const file = join(dir, name);
    await writeResultsFile(file, r, format, lang, t, 0o600);
    await ctx.replyWithDocument(new InputFile(file, name));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
  const r = await campaignResults(ctx, campaign, format, { lang, textsOnDemand: true });
  if (!r) return;
  await sendResultsFile(ctx, r, format, lang, t, `survey-${campaignId}-${today(ctx)}-${lang}.${format}`);
}

export function installCampaignExports({ router }: FeatureKit): void {
  router.button(exportButton, sendExport);
}
