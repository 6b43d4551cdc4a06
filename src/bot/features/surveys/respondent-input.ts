// Typed input while a questionnaire is open (the "survey" flow): numbers, texts, dates and
// the text of "other". Anything else while a typed answer is expected is explained instead
// of ignored.
import type { NextFunction } from "grammy";
import { checkTypedAnswer, OTHER_MAX_LENGTH } from "../../../domain/surveys/answers.js";
import type { Question } from "../../../domain/surveys/definition.js";
import { scrubPersonalData } from "../../../domain/surveys/scrub.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { SurveyFlow } from "../../flow/types.js";
import { pausedByCancel } from "./respondent-entry.js";
import { advance, currentQuestion, explain, fetchState, load, showCurrent, showQuestion, tFor, type Loaded } from "./respondent-session.js";

/** In an anonymous survey, says how many pieces of personal data were taken out of a text. */
async function noticeScrubbed(ctx: MessageContext, l: Loaded, text: string): Promise<void> {
  if (l.campaign.mode !== "anonymous") return;
  const { removed } = scrubPersonalData(text);
  if (removed > 0) await ctx.reply(tFor(ctx, l)("surveys.scrubbedNotice", { count: removed }));
}

async function otherText(ctx: MessageContext, l: Loaded, q: Question, text: string): Promise<void> {
  const other = text.trim();
  if (!other) return showCurrent(ctx, l);
  if (other.length > OTHER_MAX_LENGTH) return explain(ctx, l, { code: "too_long", limit: OTHER_MAX_LENGTH });
  const a = l.draft.answers[q.id];
  if (a && ("code" in a || "codes" in a)) a.other = other;
  delete l.draft.awaitingOther;
  await noticeScrubbed(ctx, l, other);
  return advance(ctx, l);
}

async function typedAnswer(ctx: MessageContext, flows: FlowDispatcher, flow: SurveyFlow, text: string): Promise<void> {
  const state = await fetchState(ctx, flow.campaignId);
  if (!state.draft) {
    // Expired (submitted surveys end the flow themselves): say so rather than ignore.
    flows.end(ctx, "survey");
    return void (await ctx.reply(ctx.t("surveys.draftExpired")));
  }
  const l = await load(ctx, flows, flow.campaignId, false, state);
  if (!l) return;
  const q = currentQuestion(l);
  if (!q) return showCurrent(ctx, l);
  if (l.draft.awaitingOther === q.id) return otherText(ctx, l, q, text);
  if (q.type !== "number" && q.type !== "text" && q.type !== "date") {
    await ctx.reply(`⚠️ ${tFor(ctx, l)("surveys.error.useButtons")}`);
    return showQuestion(ctx, l, q);
  }
  const checked = checkTypedAnswer(q, text);
  if (!checked.ok) {
    await explain(ctx, l, checked.error);
    return showQuestion(ctx, l, q);
  }
  if ("text" in checked.value) await noticeScrubbed(ctx, l, checked.value.text);
  l.draft.answers[q.id] = checked.value;
  await advance(ctx, l);
}

/**
 * A photo, sticker, file… while a question is shown: a question with buttons says to use them
 * and comes again (its buttons at the bottom of the chat); a typed one says to type.
 */
async function notText(ctx: MessageContext, flows: FlowDispatcher, flow: SurveyFlow, next: NextFunction): Promise<unknown> {
  if (ctx.message.contact) return next();
  const state = await fetchState(ctx, flow.campaignId);
  if (!state.draft || state.draft.current === "notice" || state.draft.current === "review") return next();
  const l = await load(ctx, flows, flow.campaignId, false, state);
  if (!l) return;
  const q = currentQuestion(l);
  if (!q) return next();
  const t = tFor(ctx, l);
  if (l.draft.awaitingOther === q.id || q.type === "number" || q.type === "text" || q.type === "date") return void (await ctx.reply(`⚠️ ${t("surveys.error.textOnly")}`));
  await ctx.reply(`⚠️ ${t("surveys.error.useButtons")}`);
  await showQuestion(ctx, l, q);
}

export function installRespondentInput({ flows }: FeatureKit): void {
  flows.register({
    kind: "survey",
    label: () => "flows.survey",
    cancelled: (ctx, flow) => pausedByCancel(ctx, flow.campaignId),
    onMessage: (ctx, flow, next) => {
      if (!ctx.user) return next();
      const text = ctx.message.text;
      return text === undefined ? notText(ctx, flows, flow, next) : typedAnswer(ctx, flows, flow, text);
    },
  });
}
