// Rows an update's first round trip reads besides the user and the session, when a feature
// can tell from the update alone that its handler will need them: one statement instead of
// two (the user's id is only known after the first). Features declare what they need
// (surveys: a questionnaire button names its campaign); the context middleware reads it with
// the user; the handler takes it, once, and falls back to reading it itself. A wish only
// reads: the router still checks access and arguments before any handler runs.
import type { RespondentState } from "../db/repositories/survey-answers.js";
import type { AdalContext } from "./context.js";

export interface PrefetchWish {
  /** The respondent's campaign, ledger line and draft of this campaign. */
  respondent?: { campaignId: number };
}

export type PrefetchWisher = (ctx: AdalContext) => PrefetchWish | null;

export class Prefetch {
  private readonly wishers: PrefetchWisher[] = [];

  add(wisher: PrefetchWisher): void {
    this.wishers.push(wisher);
  }

  /** What the first round trip of this update should read too (the first wish that applies). */
  wishFor(ctx: AdalContext): PrefetchWish | null {
    for (const wisher of this.wishers) {
      const wish = wisher(ctx);
      if (wish) return wish;
    }
    return null;
  }
}

const respondentStates = new WeakMap<object, { campaignId: number; userId: number; state: RespondentState }>();

export function keepRespondentState(ctx: AdalContext, campaignId: number, userId: number, state: RespondentState): void {
  respondentStates.set(ctx, { campaignId, userId, state });
}

/** The state read with the user, if it is this campaign's and this user's; only once (a second read sees later writes). */
export function takeRespondentState(ctx: AdalContext, campaignId: number, userId: number): RespondentState | null {
  const kept = respondentStates.get(ctx);
  if (!kept) return null;
  respondentStates.delete(ctx);
  return kept.campaignId === campaignId && kept.userId === userId ? kept.state : null;
}
