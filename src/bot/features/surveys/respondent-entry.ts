// How a respondent gets to a questionnaire and away from it: the list of open surveys
// (/surveys), opening one (from the list or an invitation), starting, pausing (also by
// /cancel), and switching the questionnaire's language mid-way (its own, not the person's).
import { InlineKeyboard } from "grammy";
import { openCampaignsFor } from "../../../db/repositories/campaigns.js";
import { draftKey, loadDraft } from "../../../db/repositories/survey-answers.js";
import { formatDay } from "../../../domain/dates.js";
import type { Lang } from "../../../domain/lang.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { languageButton, laterButton, openSurveyButton, startButton } from "./buttons.js";
import { advance, fetchState, forButton, load, persist, showCurrent, showInPlace, tFor } from "./respondent-session.js";

async function listOpen(ctx: AdalContext): Promise<void> {
  const open = await openCampaignsFor(ctx.deps.db.prisma, ctx.user!.id);
  if (open.length === 0) return void (await ctx.reply(ctx.t("surveys.noneOpen")));
  const keyboard = new InlineKeyboard();
  for (const o of open) keyboard.text(`📋 ${(JSON.parse(o.title) as Record<Lang, string>)[ctx.lang]}`.slice(0, 64), openSurveyButton.encode([o.campaign.id])).row();
  await ctx.reply(ctx.t("surveys.chooseSurvey"), { reply_markup: keyboard });
}

async function open(ctx: AdalContext, flows: FlowDispatcher, [campaignId]: readonly [number]): Promise<void> {
  const l = await load(ctx, flows, campaignId, true);
  if (!l) return;
  await ctx.answerCallbackQuery();
  await showCurrent(ctx, l);
}

async function start(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: readonly [number, number]): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (l) await advance(ctx, l);
}

async function later(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: readonly [number, number]): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (!l) return;
  flows.end(ctx, "survey");
  const t = tFor(ctx, l);
  await ctx.reply(t("surveys.paused", { date: formatDay(l.campaign.closesOn) }), { reply_markup: new InlineKeyboard().text(t("surveys.resumeButton"), openSurveyButton.encode([campaignId])) });
}

/**
 * /cancel in a questionnaire pauses it, as "Pause" does: the answers are kept, and it says until
 * when and how to go on (in the person's language: /cancel is not the questionnaire's).
 */
export async function pausedByCancel(ctx: AdalContext, campaignId: number): Promise<string> {
  const { campaign, participant, draft } = await fetchState(ctx, campaignId);
  if (!campaign || !participant || participant.completedOn) return ctx.t("flows.cancelled", { what: ctx.t("flows.survey") });
  if (campaign.status !== "open") return ctx.t(campaign.status === "closed" ? "surveys.closed" : "surveys.notOpenYet");
  if (!draft) return ctx.t("surveys.draftExpired");
  return ctx.t("surveys.paused", { date: formatDay(campaign.closesOn) });
}

/** /cancel with nothing active: the questionnaires with answers kept (paused, or their flow ended otherwise), and how to go on. */
async function pausedSurveys(ctx: AdalContext): Promise<string | null> {
  if (!ctx.user || !ctx.from) return null;
  const { db, keyring } = ctx.deps;
  const lines: string[] = [];
  for (const o of await openCampaignsFor(db.prisma, ctx.user.id)) {
    const draft = await loadDraft(db.prisma, keyring, draftKey(keyring, o.campaign.id, ctx.from.id), ctx.deps.now());
    if (draft) lines.push(ctx.t("surveys.pausedNamed", { title: (JSON.parse(o.title) as Record<Lang, string>)[ctx.lang], date: formatDay(o.campaign.closesOn) }));
  }
  return lines.length ? lines.join("\n") : null;
}

/** The questionnaire's language only (kept in the draft): the person's language (/language) stays as it is. */
async function switchLanguage(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step, lang]: readonly [number, number, Lang]): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step, true);
  if (!l) return;
  await ctx.answerCallbackQuery();
  l.draft.lang = lang;
  await persist(ctx, l);
  // The same screen in the other language, in the same message.
  await showInPlace(ctx, l);
}

export function installRespondentEntry({ router, menu, flows }: FeatureKit): void {
  router.command({ name: "surveys", access: "registered", descriptionKey: "commands.surveys" }, listOpen);
  menu.add({ id: "surveys", labelKey: "menu.surveys", access: "registered", run: listOpen });
  router.button(openSurveyButton, (ctx, args) => open(ctx, flows, args));
  router.button(startButton, (ctx, args) => start(ctx, flows, args));
  router.button(laterButton, (ctx, args) => later(ctx, flows, args));
  router.button(languageButton, (ctx, args) => switchLanguage(ctx, flows, args));
  flows.registerIdleNote(pausedSurveys);
}
