// The campaigns screen: the list (/campaigns), one campaign with its response rate, and
// closing one early. Observers (head, board) read campaigns and results; only compliance
// changes them.
import { listCampaigns, responseRate, type CampaignRecord } from "../../../db/repositories/campaigns.js";
import { getDefinition } from "../../../db/repositories/survey-definitions.js";
import { maySeeNamedInterviewAnswers } from "../../../domain/surveys/policies.js";
import { campaignParticipation, closeCampaignEarly } from "../../../services/surveys.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { hasAccess } from "../../router.js";
import { bestEffort } from "../../ui/best-effort.js";
import { closeButton, closeConfirmButton, viewCampaignButton } from "./buttons.js";
import { actorOf, describeAudience, today, withCampaign } from "./common.js";
import { campaignListView, campaignView, closeConfirmView } from "./views.js";

const MAX_LISTED = 15;

export async function showCampaignList(ctx: AdalContext): Promise<void> {
  const db = ctx.deps.db.prisma;
  const items = [];
  for (const campaign of await listCampaigns(db, MAX_LISTED)) {
    const def = await getDefinition(db, campaign.definitionId);
    items.push({ campaign, title: def?.definition.title[ctx.lang] ?? "—", rate: await responseRate(db, campaign.id) });
  }
  const view = campaignListView(ctx.t, items, hasAccess(ctx, "manageSurveys"));
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function showCampaign(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  const db = ctx.deps.db.prisma;
  const def = await getDefinition(db, campaign.definitionId);
  const view = campaignView(ctx.t, ctx.lang, {
    campaign,
    definition: { title: def?.definition.title[ctx.lang] ?? "—", version: def?.version ?? 0 },
    rate: await campaignParticipation(db, campaign.id, ctx.config.surveys.minGroup),
    audience: await describeAudience(ctx, campaign.audience),
    canManage: hasAccess(ctx, "manageSurveys"),
    namedAnswers: maySeeNamedInterviewAnswers(ctx.user!.role, campaign.mode),
  });
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function askToClose(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  if (campaign.status === "closed") return void (await ctx.reply(ctx.t("surveys.closed")));
  const view = closeConfirmView(ctx.t, campaign.id);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function close(ctx: AdalContext, campaign: CampaignRecord): Promise<void> {
  await bestEffort(ctx.deps.logger, "remove the close confirmation's buttons", ctx.editMessageReplyMarkup());
  if (!(await closeCampaignEarly({ db: ctx.deps.db, keyring: ctx.deps.keyring, k: ctx.config.surveys.minGroup }, actorOf(ctx), campaign, today(ctx)))) return void (await ctx.reply(ctx.t("surveys.closed")));
  await ctx.reply(ctx.t("campaigns.closedNow", { id: campaign.id }));
}

export function installCampaignList({ router, menu }: FeatureKit): void {
  router.command({ name: "campaigns", access: "viewSummaries", descriptionKey: "commands.campaigns" }, showCampaignList);
  menu.add({ id: "campaigns", labelKey: "menu.campaigns", access: "viewSummaries", run: showCampaignList });
  router.button(viewCampaignButton, withCampaign(showCampaign));
  router.button(closeButton, withCampaign(askToClose));
  router.button(closeConfirmButton, withCampaign(close));
}
