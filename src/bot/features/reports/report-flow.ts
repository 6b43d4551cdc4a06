// The reporter's flow as the dispatcher knows it: an external flow, because its state is not
// in the session (anonymity: it lives in the reporter-flows store, without timestamps).
// Every message that is not a command comes here while no session flow is active.
import type { NextFunction } from "grammy";
import type { ExternalFlow, MessageContext } from "../../flow/dispatcher.js";
import { HTML } from "../../ui/html.js";
import { onAddition } from "./report-addition.js";
import { onDraftMessage } from "./report-draft.js";
import { looksLikeReceipt, openByCode, type OpenCaseState } from "./report-follow.js";
import { onReceiptCheck } from "./report-submit.js";
import { say } from "./reporter-io.js";
import { awaitsInput, endReporterFlow, loadState, saveState, suspendsSessionFlow, track, type ReporterState } from "./reporter-state.js";

const EXPIRED_KEYS = { draft: "reports.expired.draft", filed: "reports.expired.filed", case: "reports.expired.case" } as const;

/** No flow in this chat: a receipt typed without /case opens it; an expired wait is explained. */
async function withoutFlow(ctx: MessageContext, expired: ReporterState | undefined, next: NextFunction): Promise<unknown> {
  const msg = ctx.message;
  // A receipt typed without /case (or after the wait for it expired): open it all the same.
  if (looksLikeReceipt(msg)) return openByCode(ctx, msg.text, msg.message_id);
  if (expired && awaitsInput(expired)) return ctx.reply(ctx.t(EXPIRED_KEYS[expired.mode]), HTML);
  return next();
}

async function onReporterMessage(ctx: MessageContext, next: NextFunction): Promise<unknown> {
  const msg = ctx.message;
  if (!ctx.chatKey || ctx.chat.type !== "private" || msg.text?.startsWith("/")) return next();
  const { state, expired } = await loadState(ctx);
  if (!state) return withoutFlow(ctx, expired, next);
  if (state.mode === "draft") return onDraftMessage(ctx, state, msg);
  if (state.mode === "filed") return state.awaitingCheck ? onReceiptCheck(ctx, state, msg) : next();
  // An open case, or waiting for its code.
  if (state.awaiting === "code") {
    if (msg.text === undefined) {
      track(state, msg.message_id);
      await say(ctx, state, ctx.t("reports.follow.codeTextExpected"));
      return saveState(ctx, state);
    }
    return openByCode(ctx, msg.text, msg.message_id, state);
  }
  if (state.reportId !== null && (state.awaiting === "text" || state.awaiting === "file")) {
    state.at = ctx.deps.now().getTime();
    return onAddition(ctx, state as OpenCaseState, msg);
  }
  if (looksLikeReceipt(msg)) return openByCode(ctx, msg.text, msg.message_id, state);
  return next();
}

export const reporterFlow: ExternalFlow = {
  id: "report",
  async end(ctx) {
    const ended = await endReporterFlow(ctx);
    if (!ended) return null;
    return ended.mode === "draft" ? "flows.report.draft" : ended.mode === "filed" ? "flows.report.receiptCheck" : "flows.report.case";
  },
  onMessage: onReporterMessage,
  suspends: suspendsSessionFlow,
};
