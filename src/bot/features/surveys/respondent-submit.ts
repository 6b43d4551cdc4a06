// Submitting the reviewed answers: anonymous ones only as contributions to the totals
// (texts scrubbed of personal data), attributed ones as the person's interview.
import { AlreadySubmittedError, deleteDraft, submitAnonymous, submitAttributed } from "../../../db/repositories/survey-answers.js";
import { contribution } from "../../../domain/surveys/aggregate.js";
import { nextUnanswered, pruneHidden } from "../../../domain/surveys/answers.js";
import { scrubPersonalData } from "../../../domain/surveys/scrub.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { submitButton } from "./buttons.js";
import { today } from "./common.js";
import { forButton, persist, showCurrent, tFor, type Loaded } from "./respondent-session.js";

/** Stores the answers; false when they were submitted already (from another chat or a double press). */
async function store(ctx: AdalContext, l: Loaded): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (!(error instanceof AlreadySubmittedError)) throw error;
    await deleteDraft(db.prisma, l.key);
    return false;
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
  if (!(await store(ctx, l))) return void (await ctx.reply(t("surveys.alreadySubmitted")));
  flows.end(ctx, "survey");
  // No campaign or respondent in the log line of an anonymous submission.
  ctx.deps.logger.info({ event: "survey_submitted", mode: l.campaign.mode }, "survey submitted");
  await ctx.reply(l.campaign.mode === "anonymous" ? t("surveys.thanksAnonymous") : t("surveys.thanksAttributed"));
}

export function installRespondentSubmit({ router, flows }: FeatureKit): void {
  router.button(submitButton, (ctx, args) => submit(ctx, flows, args));
}
