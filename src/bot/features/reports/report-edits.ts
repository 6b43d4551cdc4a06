// A reporter who edits, in Telegram, a message they wrote for the draft — to take out a name
// that would identify them, say — changes the draft too: the edited text replaces what that
// message had put there, with the same checks as when it was typed. Once the report is sent,
// an edit changes nothing, and the reporter is told so (adding to a report goes by its code).
import type { Message } from "grammy/types";
import { checkText } from "../../../domain/reports/case.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { on } from "../../middleware/on.js";
import { goTo, maxFor } from "./report-draft.js";
import { nowMs, say } from "./reporter-io.js";
import { loadState, saveState, type DraftState, type TextStep } from "./reporter-state.js";
import { textProblemText } from "./reporter-views.js";

async function onDraftEdit(ctx: AdalContext, d: DraftState, msg: Message): Promise<void> {
  const step = (Object.entries(d.sources ?? {}) as [TextStep, number][]).find(([, id]) => id === msg.message_id)?.[0];
  if (!step) return;
  const checked = checkText(msg.text ?? "", maxFor(step));
  if (!checked.ok) {
    await say(ctx, d, textProblemText(ctx.t, checked.problem, checked.max, [...(msg.text ?? "").trim()].length));
    return saveState(ctx, d);
  }
  d[step] = checked.text;
  d.at = nowMs(ctx);
  const note = ctx.t("reports.edited", { field: ctx.t(`reports.review.${step}`) });
  // On the review, the reporter sees the whole report again with the new text.
  if (d.step === "review") return goTo(ctx, d, "review", note);
  await say(ctx, d, note);
  return saveState(ctx, d);
}

export function installDraftEdits(kit: FeatureKit): void {
  kit.composer.use(
    on("edited_message", async (ctx) => {
      const msg = ctx.editedMessage;
      if (!ctx.chatKey || ctx.chat.type !== "private" || msg.text === undefined) return;
      const { state } = await loadState(ctx);
      if (state?.mode === "draft") return onDraftEdit(ctx, state, msg);
      if (state?.mode === "filed" && state.messageIds.includes(msg.message_id)) await say(ctx, state, ctx.t("reports.editedTooLate"));
      // Any other edit changes nothing the bot holds: no answer.
    }),
  );
}
