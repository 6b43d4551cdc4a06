// Submitting the reviewed answers: anonymous ones only as contributions to the totals
// (texts scrubbed of personal data), attributed ones as the person's interview.
import { AlreadySubmittedError, CampaignNotOpenError, deleteDraft, submitAnonymous, submitAttributed } from "../../../db/repositories/survey-answers.js";
import { contribution } from "../../../domain/surveys/aggregate.js";
import { nextUnanswered, pruneHidden } from "../../../domain/surveys/answers.js";
import { scrubPersonalData } from "../../../domain/surveys/scrub.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { submitButton } from "./buttons.js";
import { today } from "./common.js";
import { forButton, persist, showCurrent, tFor, type Loaded } from "./respondent-session.js";

/**
 * Stores the answers: "stored", "already" (submitted from another chat or by a double press)
 * or "closed" (the campaign closed while the review was on screen: its box is folded for good).
 */
async function store(ctx: AdalContext, l: Loaded): Promise<"stored" | "already" | "closed"> {
  const { db, keyring } = ctx.deps;
  const campaignId = l.campaign.id;
  const answers = pruneHidden(l.def, l.draft.answers);
  try {
    if (l.campaign.mode === "anonymous") {
      const c = contribution(l.def, answers, (text) => scrubPersonalData(text).text);
      await submitAnonymous(db.prisma, db.provider, keyring, { campaignId, userId: ctx.user!.id, today: today(ctx), contribution: c, draftKey: l.key });
    } else {
      await submitAttributed(db.prisma, { campaignId, userId: ctx.user!.id, today: today(ctx), answers, draftKey: l.key });
    }
    return "stored";
  } catch (error) {
    if (!(error instanceof AlreadySubmittedError || error instanceof CampaignNotOpenError)) throw error;
    await deleteDraft(db.prisma, l.key);
    return error instanceof AlreadySubmittedError ? "already" : "closed";
  }
}

async function submit(ctx: AdalContext, flows: FlowDispatcher, [campaignId, step]: readonly [number, number]): Promise<void> {
  const l = await forButton(ctx, flows, campaignId, step);
  if (!l) return;
  const t = tFor(ctx, l);
  const missing = nextUnanswered(l.def, l.draft.answers);
  if (missing) {
    l.draft.current = missing.id;
    await persist(ctx, l);
    return showCurrent(ctx, l);
  }
  const stored = await store(ctx, l);
  if (stored !== "stored") {
    flows.end(ctx, "survey");
    return void (await ctx.reply(t(stored === "already" ? "surveys.alreadySubmitted" : "surveys.closed")));
  }
  flows.end(ctx, "survey");
  // No campaign or respondent in the log line of an anonymous submission.
  ctx.deps.logger.info({ event: "survey_submitted", mode: l.campaign.mode }, "survey submitted");
  await ctx.reply(l.campaign.mode === "anonymous" ? t("surveys.thanksAnonymous") : t("surveys.thanksAttributed"));
}

export function installRespondentSubmit({ router, flows }: FeatureKit): void {
  router.button(submitButton, (ctx, args) => submit(ctx, flows, args));
}
