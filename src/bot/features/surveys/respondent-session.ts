// The respondent's draft between updates: loading the campaign and the draft (in the
// database, so a restart loses nothing), saving it with the next step number, and showing
// whatever it says is current. Every button carries the draft's step number: a button from
// an older message is answered as stale and the current question is shown again.
import { GrammyError } from "grammy";
import { draftKey, loadRespondentState, saveDraft, type RespondentState } from "../../../db/repositories/survey-answers.js";
import { nextUnanswered, pruneHidden, type AnswerError } from "../../../domain/surveys/answers.js";
import { allQuestions, type Question } from "../../../domain/surveys/definition.js";
import type { TFunction, TranslationKey } from "../../../i18n.js";
import type { AdalContext } from "../../context.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { takeRespondentState } from "../../prefetch.js";
import { bestEffort } from "../../ui/best-effort.js";
import { replyInParts } from "../../ui/reply.js";
import { definitionOf } from "./common.js";
import { standardLabels } from "../../../services/survey-labels.js";
import { askOtherView, noticeView, questionView, reviewView, type Questionnaire } from "./respondent-views.js";
import type { View } from "./views.js";

export interface Loaded extends Questionnaire {
  /** Where the draft is stored (a keyed hash of campaign and chat). */
  key: string;
}

function draftExpiry(ctx: AdalContext): Date {
  return new Date(ctx.deps.now().getTime() + ctx.config.surveys.draftDays * 86_400_000);
}

/** Tells the user why the questionnaire cannot be shown: an alert on a button, a reply otherwise. */
async function refuse(ctx: AdalContext, key: TranslationKey): Promise<null> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true });
  else await ctx.reply(ctx.t(key));
  return null;
}

/** The campaign, the ledger line and the draft of this chat's respondent, in one round trip (none when read with the user: prefetch.ts). */
export async function fetchState(ctx: AdalContext, campaignId: number): Promise<RespondentState> {
  const { db, keyring } = ctx.deps;
  const prefetched = takeRespondentState(ctx, campaignId, ctx.user!.id);
  if (prefetched) return prefetched;
  return loadRespondentState(db.prisma, keyring, { campaignId, userId: ctx.user!.id, draftKey: draftKey(keyring, campaignId, ctx.from!.id), now: ctx.deps.now() });
}

/**
 * Loads the campaign and the user's draft (a new one when `create`), and makes it the chat's
 * survey flow; answers the user itself when impossible. `state`: already fetched (fetchState).
 */
export async function load(ctx: AdalContext, flows: FlowDispatcher, campaignId: number, create: boolean, state?: RespondentState): Promise<Loaded | null> {
  const { campaign, participant, draft: saved } = state ?? (await fetchState(ctx, campaignId));
  if (!campaign || !participant) return refuse(ctx, "surveys.notInvited");
  if (participant.completedOn) return refuse(ctx, "surveys.alreadySubmitted");
  if (campaign.status !== "open") return refuse(ctx, campaign.status === "closed" ? "surveys.closed" : "surveys.notOpenYet");
  const def = await definitionOf(ctx, campaign.definitionId);
  if (!def) return refuse(ctx, "common.error");
  const key = draftKey(ctx.deps.keyring, campaignId, ctx.from!.id);
  let draft = saved;
  if (!draft) {
    if (!create) return refuse(ctx, "surveys.draftExpired");
    draft = { campaignId, definitionId: campaign.definitionId, answers: {}, current: "notice", lang: ctx.lang, step: 1 };
    await saveDraft(ctx.deps.db.prisma, ctx.deps.keyring, key, draft, draftExpiry(ctx));
  }
  if (flows.current(ctx, "survey")?.campaignId !== campaignId) await flows.start(ctx, { kind: "survey", campaignId });
  return { campaign, def, key, draft };
}

/**
 * Saves the draft as the next step: buttons of the screen before are stale from now on.
 * `sameScreen`: the change stays on the screen shown (a tick in a multiple choice, edited in
 * place), whose buttons stay valid — quick taps on several options all count.
 */
export async function persist(ctx: AdalContext, l: Loaded, sameScreen = false): Promise<void> {
  if (!sameScreen) l.draft.step++;
  await saveDraft(ctx.deps.db.prisma, ctx.deps.keyring, l.key, l.draft, draftExpiry(ctx));
}

/** The translation in the draft's language (which the respondent may switch mid-way). */
export function tFor(ctx: AdalContext, l: Loaded): TFunction {
  return ctx.deps.i18n.t(l.draft.lang);
}

export function currentQuestion(l: Loaded): Question | null {
  return allQuestions(l.def).find((q) => q.id === l.draft.current) ?? null;
}

export async function showQuestion(ctx: AdalContext, l: Loaded, q: Question): Promise<void> {
  const view = questionView(tFor(ctx, l), l, q, standardLabels(ctx.deps));
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

/** The screen the draft says is current, when it fits one message (all but the review). */
function currentView(ctx: AdalContext, l: Loaded): View | null {
  const t = tFor(ctx, l);
  if (l.draft.current === "notice") return noticeView(t, l, ctx.config.surveys);
  const q = currentQuestion(l);
  if (!q) return null;
  return l.draft.awaitingOther === q.id ? askOtherView(t, l) : questionView(t, l, q, standardLabels(ctx.deps));
}

/** Shows whatever the draft says is current. */
export async function showCurrent(ctx: AdalContext, l: Loaded): Promise<void> {
  const view = currentView(ctx, l);
  if (view) return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
  const review = reviewView(tFor(ctx, l), l, standardLabels(ctx.deps));
  return replyInParts(ctx, review.text, { keyboard: review.keyboard });
}

/** Telegram's answer to an edit that changes nothing (a double tap): the message already shows it. */
function notModified(error: unknown): boolean {
  return error instanceof GrammyError && error.description.includes("message is not modified");
}

/**
 * Shows the current screen in the message whose button was pressed (ticks of a multiple choice,
 * another language): edited in place, no new message. When that message cannot be edited
 * (deleted, too old, not ours) the screen is sent anew.
 */
export async function showInPlace(ctx: AdalContext, l: Loaded): Promise<void> {
  const view = currentView(ctx, l);
  if (view && ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(view.text, { reply_markup: view.keyboard });
      return;
    } catch (error) {
      if (notModified(error)) return;
      ctx.deps.logger.debug({ event: "survey_edit_failed", message: (error as Error)?.message }, "questionnaire screen sent anew");
    }
  }
  await showCurrent(ctx, l);
}

/** Moves to the next unanswered question, or to the review. */
export async function advance(ctx: AdalContext, l: Loaded): Promise<void> {
  l.draft.answers = pruneHidden(l.def, l.draft.answers);
  delete l.draft.selection;
  const next = nextUnanswered(l.def, l.draft.answers);
  l.draft.current = next ? next.id : "review";
  await persist(ctx, l);
  await showCurrent(ctx, l);
}

/** Takes the buttons off the message pressed: the screen is answered and the next comes as a new message. */
export async function removeKeyboard(ctx: AdalContext): Promise<void> {
  if (ctx.callbackQuery?.message) await bestEffort(ctx.deps.logger, "remove the answered question's buttons", ctx.editMessageReplyMarkup());
}

/**
 * Common checks for a button press: draft exists, step matches. The press is answered and the
 * message's buttons removed (the next screen comes as a new message), unless `inPlace`: the
 * message stays and the caller edits it and answers the press.
 */
export async function forButton(ctx: AdalContext, flows: FlowDispatcher, campaignId: number, step: number, inPlace = false): Promise<Loaded | null> {
  const l = await load(ctx, flows, campaignId, false);
  if (!l) return null;
  if (step !== l.draft.step) {
    await ctx.answerCallbackQuery({ text: tFor(ctx, l)("surveys.staleQuestion") });
    await removeKeyboard(ctx);
    await showCurrent(ctx, l);
    return null;
  }
  if (inPlace) return l;
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  return l;
}

/** Why an answer was refused, in the questionnaire's language. */
export function explanation(ctx: AdalContext, l: Loaded, error: AnswerError): string {
  return tFor(ctx, l)(`surveys.error.${error.code}`, "limit" in error ? { limit: error.limit } : {});
}

export async function explain(ctx: AdalContext, l: Loaded, error: AnswerError): Promise<void> {
  await ctx.reply(`⚠️ ${explanation(ctx, l, error)}`);
}
