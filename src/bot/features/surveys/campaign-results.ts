// Results of a campaign for compliance and observers: overall or for one group (an answer
// of a grouping question, once the campaign is closed), and charts. What is shown is the
// disclosure policy's (domain/surveys/disclosure.ts); the service audits every view.
import { InputFile } from "grammy";
import { getCampaign, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import { getDefinition } from "../../../db/repositories/survey-definitions.js";
import { groupingQuestions } from "../../../domain/surveys/aggregate.js";
import { answerCodes } from "../../../domain/surveys/definition.js";
import { renderQuestionChart } from "../../../domain/surveys/report/chart.js";
import type { SurveyResults } from "../../../domain/surveys/results.js";
import { computeResults, type ResultsView } from "../../../services/surveys.js";
import { basisNote } from "../../../domain/surveys/report/csv.js";
import type { Lang } from "../../../domain/lang.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { chartsButton, filterButton, filterResultsButton, resultsButton } from "./buttons.js";
import { actorOf, today, withCampaign } from "./common.js";
import { standardLabels } from "../../../services/survey-labels.js";
import { groupChoiceKeyboard, resultsText } from "./views.js";

/** The campaign's results as one view (optionally for one group), or null after explaining why there are none. */
export async function campaignResults(ctx: AdalContext, campaign: CampaignRecord, view: ResultsView, options: { filter?: { questionId: string; code: string }; lang?: Lang; textsOnDemand?: boolean } = {}): Promise<SurveyResults | null> {
  const settings = ctx.config.surveys;
  const outcome = await computeResults(ctx.deps.db.prisma, ctx.deps.keyring, {
    campaignId: campaign.id,
    today: today(ctx),
    labels: standardLabels(ctx.deps),
    viewer: { kind: "user", actor: actorOf(ctx) },
    view,
    k: settings.minGroup,
    textK: settings.minTextGroup,
    ...(options.filter ? { filter: options.filter } : {}),
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.textsOnDemand ? { textsOnDemand: true } : {}),
  });
  if (!outcome.ok) {
    await ctx.reply(ctx.t(`campaigns.filterError.${outcome.error}`, { k: settings.minGroup }));
    return null;
  }
  return outcome.results;
}

async function showResults(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  const r = await campaignResults(ctx, campaign, "screen");
  if (r) await replyInParts(ctx, resultsText(ctx.t, ctx.lang, r));
}

async function askGroup(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  if (campaign.status !== "closed") return void (await ctx.reply(ctx.t("campaigns.filterError.not_final", { k: ctx.config.surveys.minGroup })));
  const def = await getDefinition(ctx.deps.db.prisma, campaign.definitionId);
  const groups = def ? groupingQuestions(def.definition) : [];
  if (groups.length === 0) return void (await ctx.reply(ctx.t("campaigns.noGroups")));
  const all = def!.definition.sections.flatMap((s) => s.questions);
  await ctx.reply(ctx.t("campaigns.chooseGroup"), { reply_markup: groupChoiceKeyboard(ctx.lang, campaign.id, groups, all, standardLabels(ctx.deps)) });
}

async function showGroupResults(ctx: AdalContext, [campaignId, qi, ci]: readonly [number, number, number]): Promise<void> {
  const db = ctx.deps.db.prisma;
  const campaign = await getCampaign(db, campaignId);
  const def = campaign ? await getDefinition(db, campaign.definitionId) : null;
  const q = def?.definition.sections.flatMap((s) => s.questions)[qi];
  const code = q ? answerCodes(q)?.[ci] : undefined;
  if (!campaign || !q || code === undefined) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const r = await campaignResults(ctx, campaign, "screen", { filter: { questionId: q.id, code } });
  if (r) await replyInParts(ctx, resultsText(ctx.t, ctx.lang, r));
}

/**
 * The charts as albums of at most 10 (Telegram's limit), split evenly (25 → 9, 8, 8: an album
 * needs two pictures at least). An album is what a phone shows best: one message to swipe
 * through, each chart full-screen with its caption; the DOCX is the printable document.
 */
export function albums<T>(items: readonly T[], max = 10): T[][] {
  const count = Math.ceil(items.length / max);
  const out: T[][] = [];
  let from = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.ceil((items.length - from) / (count - i));
    out.push(items.slice(from, from + size));
    from += size;
  }
  return out;
}

/** "7. Question text", numbered as in the questionnaire and the exports, within Telegram's 1,024 characters. */
function chartCaption(number: number, text: string): string {
  const caption = `${number}. ${text}`;
  return caption.length > 1024 ? `${caption.slice(0, 1023)}…` : caption;
}

async function showCharts(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  const r = await campaignResults(ctx, campaign, "charts");
  if (!r) return;
  const numbered = r.questions.map((q, i) => ({ q, number: i + 1 }));
  const charted = numbered.filter(({ q }) => !q.suppressed && (q.options || q.numbers));
  if (charted.length === 0) return void (await ctx.reply(`${basisNote(ctx.t, r)}\n${ctx.t("campaigns.noCharts", { k: r.threshold.k })}`));
  const without = numbered.filter((x) => !charted.includes(x)).map((x) => x.number);
  const intro = [basisNote(ctx.t, r), ctx.t("campaigns.chartsNumbered")];
  if (without.length > 0) intro.push(ctx.t("campaigns.chartsWithout", { numbers: without.join(", ") }));
  await ctx.reply(intro.join("\n"));
  for (const album of albums(charted)) {
    await ctx.replyWithChatAction("upload_photo");
    const photos = await Promise.all(
      album.map(async ({ q, number }) => ({
        type: "photo" as const,
        // The number in the picture too: an album shows its captions only when opened.
        media: new InputFile(await renderQuestionChart(q, ctx.lang, ctx.t, { title: `${number}. ${q.text[ctx.lang]}` }), `q${number}.png`),
        caption: chartCaption(number, q.text[ctx.lang]),
      })),
    );
    const [only] = photos;
    if (photos.length === 1 && only) await ctx.replyWithPhoto(only.media, { caption: only.caption });
    else await ctx.replyWithMediaGroup(photos);
  }
}

export function installCampaignResults({ router }: FeatureKit): void {
  router.button(resultsButton, withCampaign(showResults));
  router.button(filterButton, withCampaign(askGroup));
  router.button(filterResultsButton, showGroupResults);
  router.button(chartsButton, withCampaign(showCharts));
}
