// The respondent's draft between updates: loading the campaign and the draft (in the
// database, so a restart loses nothing), saving it with the next step number, and showing
// whatever it says is current. Every button carries the draft's step number: a button from
// an older message is answered as stale and the current question is shown again.
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

/** Saves the draft as the next step: buttons of the screen before are stale from now on. */
export async function persist(ctx: AdalContext, l: Loaded): Promise<void> {
  l.draft.step++;
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

/** Shows whatever the draft says is current. */
export async function showCurrent(ctx: AdalContext, l: Loaded): Promise<void> {
  const t = tFor(ctx, l);
  if (l.draft.current === "notice") {
    const view = noticeView(t, l, ctx.config.surveys);
    return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
  }
  const q = l.draft.current === "review" ? null : allQuestions(l.def).find((x) => x.id === l.draft.current);
  if (!q) {
    const view = reviewView(t, l, standardLabels(ctx.deps));
    return replyInParts(ctx, view.text, { keyboard: view.keyboard });
  }
  if (l.draft.awaitingOther === q.id) {
    const view = askOtherView(t, l);
    return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
  }
  return showQuestion(ctx, l, q);
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

async function removeKeyboard(ctx: AdalContext): Promise<void> {
  if (ctx.callbackQuery?.message) await bestEffort(ctx.deps.logger, "remove the answered question's buttons", ctx.editMessageReplyMarkup());
}

/** Common checks for a button press: draft exists, step matches. */
export async function forButton(ctx: AdalContext, flows: FlowDispatcher, campaignId: number, step: number): Promise<Loaded | null> {
  const l = await load(ctx, flows, campaignId, false);
  if (!l) return null;
  if (step !== l.draft.step) {
    await ctx.answerCallbackQuery({ text: tFor(ctx, l)("surveys.staleQuestion") });
    await removeKeyboard(ctx);
    await showCurrent(ctx, l);
    return null;
  }
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  return l;
}

export async function explain(ctx: AdalContext, l: Loaded, error: AnswerError): Promise<void> {
  await ctx.reply(`⚠️ ${tFor(ctx, l)(`surveys.error.${error.code}`, "limit" in error ? { limit: error.limit } : {})}`);
}
