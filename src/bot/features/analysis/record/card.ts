// The record card: what the analysis is carried out on and by whom (seed 000 §1). Compliance
// sees the edit buttons under it; observers read the same card without them.
import { analysisRecordOf, campaignChoices, RecordEditError, type AnalysisRecord } from "../../../../services/analysis-record.js";
import type { AdalContext } from "../../../context.js";
import { hasAccess } from "../../../router.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { recordCardKeyboard, recordCardText, recordStatusLine } from "./views.js";

export async function showCard(ctx: AdalContext, record: AnalysisRecord): Promise<void> {
  const campaigns = await campaignChoices(ctx.deps.db.prisma, record);
  await replyInParts(ctx, recordCardText(ctx.t, ctx.lang, record, campaigns), { html: true, keyboard: recordCardKeyboard(ctx.t, record.id, hasAccess(ctx, "managePlan")) });
}

/** The card from its button (or the hub): a gone analysis is a stale button. */
export async function openCard(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  if (!record) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await showCard(ctx, record);
}

/** The card from the hub (which has answered the button). */
export async function openFromHub(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  if (record) await showCard(ctx, record);
}

export async function recordStatus(ctx: AdalContext, analysisId: number): Promise<string | null> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  return record ? recordStatusLine(ctx.t, record) : null;
}

/**
 * Runs a button's edit: the updated record, or undefined when it was refused (explained in an
 * alert: nothing changed) or the analysis is gone (a stale button).
 */
export async function editByButton(ctx: AdalContext, run: () => Promise<AnalysisRecord | null>): Promise<AnalysisRecord | undefined> {
  try {
    const record = await run();
    if (!record) return void (await staleButton(ctx));
    await ctx.answerCallbackQuery({ text: ctx.t("analysisRecord.saved") });
    return record;
  } catch (error) {
    if (!(error instanceof RecordEditError)) throw error;
    await ctx.answerCallbackQuery({ text: ctx.t(`analysisRecord.error.${error.code}`), show_alert: true });
    return undefined;
  }
}
