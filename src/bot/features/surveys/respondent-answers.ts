// Answering with buttons: one option, ticking options of a multiple choice and "done",
// skipping an optional question, and going back one step.
import { checkChoice, checkSelection, previousQuestion, visibleQuestions } from "../../../domain/surveys/answers.js";
import { answerCodes } from "../../../domain/surveys/definition.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { answerButton, backButton, doneButton, skipButton, toggleButton } from "./buttons.js";
import { advance, currentQuestion, explanation, forButton, persist, removeKeyboard, showCurrent, showInPlace, type Loaded } from "./respondent-session.js";
import { selectionOf } from "./respondent-views.js";

type StepArgs = readonly [number, number];
type OptionArgs = readonly [number, number, number];

/** "Other" was chosen: the draft waits for its text. */
async function askOther(ctx: AdalContext, l: Loaded, questionId: string): Promise<void> {
  l.draft.awaitingOther = questionId;
  await persist(ctx, l);
  await showCurrent(ctx, l);
}

async function answer(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step, i]: OptionArgs): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (!l) return;
  const q = currentQuestion(l);
  const code = q ? answerCodes(q)?.[i] : undefined;
  const checked = q && code !== undefined ? checkChoice(q, code) : null;
  if (!q || !checked || !checked.ok) return showCurrent(ctx, l);
  l.draft.answers[q.id] = checked.value;
  if (code === "other") return askOther(ctx, l, q.id);
  await advance(ctx, l);
}

/** A tick on or off: the question's message is edited in place (its check marks), nothing new is sent. */
async function toggle(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step, i]: OptionArgs): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step, true);
  if (!l) return;
  await ctx.answerCallbackQuery();
  const q = currentQuestion(l);
  const code = q?.type === "multiple" && l.draft.awaitingOther !== q.id ? answerCodes(q)![i] : undefined;
  if (!q || code === undefined) return showCurrent(ctx, l);
  const selected = new Set(selectionOf(l.draft, q.id));
  if (selected.has(code)) selected.delete(code);
  else selected.add(code);
  l.draft.selection = [...selected];
  await persist(ctx, l, true);
  await showInPlace(ctx, l);
}

/** "Done": a selection that does not fit is said in an alert over the question, which stays as it is. */
async function done(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: StepArgs): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step, true);
  if (!l) return;
  const q = currentQuestion(l);
  if (!q || q.type !== "multiple" || l.draft.awaitingOther === q.id) {
    await ctx.answerCallbackQuery();
    return showCurrent(ctx, l);
  }
  const selection = selectionOf(l.draft, q.id);
  const checked = selection.length === 0 && q.optional ? null : checkSelection(q, selection);
  if (checked && !checked.ok) return void (await ctx.answerCallbackQuery({ text: `⚠️ ${explanation(ctx, l, checked.error)}`, show_alert: true }));
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  delete l.draft.selection;
  if (!checked) {
    l.draft.answers[q.id] = { skipped: true };
    return advance(ctx, l);
  }
  l.draft.answers[q.id] = checked.value;
  if ("codes" in checked.value && checked.value.codes.includes("other")) return askOther(ctx, l, q.id);
  await advance(ctx, l);
}

async function skip(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: StepArgs): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (!l) return;
  const q = currentQuestion(l);
  if (!q || !q.optional) return showCurrent(ctx, l);
  l.draft.answers[q.id] = { skipped: true };
  delete l.draft.awaitingOther;
  await advance(ctx, l);
}

async function back(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: StepArgs): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (!l) return;
  delete l.draft.selection;
  if (l.draft.awaitingOther) {
    // Back from "please specify": the same question again, to pick another option.
    delete l.draft.answers[l.draft.awaitingOther];
    delete l.draft.awaitingOther;
    await persist(ctx, l);
    return showCurrent(ctx, l);
  }
  const visible = visibleQuestions(l.def, l.draft.answers);
  const prev = l.draft.current === "review" ? visible[visible.length - 1] : previousQuestion(l.def, l.draft.answers, l.draft.current);
  // The earlier answer stays until replaced, so going back loses nothing.
  if (prev) l.draft.current = prev.id;
  await persist(ctx, l);
  await showCurrent(ctx, l);
}

export function installRespondentAnswers({ router, flows }: FeatureKit): void {
  router.button(answerButton, (ctx, args) => answer(ctx, flows, args));
  router.button(toggleButton, (ctx, args) => toggle(ctx, flows, args));
  router.button(doneButton, (ctx, args) => done(ctx, flows, args));
  router.button(skipButton, (ctx, args) => skip(ctx, flows, args));
  router.button(backButton, (ctx, args) => back(ctx, flows, args));
}
