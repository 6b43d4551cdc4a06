// The options after a confirmed receipt, and in a case opened with it: opt-in pings,
// deleting the flow's messages from the chat, done.
import { subscribe, unsubscribe } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { quietly } from "../../ui/best-effort.js";
import { staleButton } from "../../ui/stale.js";
import { rpDelete, rpEnd, rpNotify } from "./buttons.js";
import { flowFor, nowMs, removeKeyboard, say, sayOnce } from "./reporter-io.js";
import { dropState, saveState, type ReporterState } from "./reporter-state.js";
import { serviceOf } from "./service.js";
import { afterSubmitKeyboard, caseKeyboard } from "./views.js";

/** Telegram's deleteMessages takes at most 100 ids per call. */
const DELETE_CHUNK = 100;

async function setNotify(ctx: AdalContext, n: string, mode: "on" | "off"): Promise<void> {
  const state = await flowFor(ctx, n);
  if (!state) return;
  const reportId = state.mode === "filed" && state.confirmed ? state.reportId : state.mode === "case" ? state.reportId : null;
  if (reportId === null || !ctx.chat) return staleButton(ctx);
  if (state.mode === "case") state.at = nowMs(ctx);
  const svc = serviceOf(ctx);
  if (mode === "on") await subscribe(svc, reportId, { chatId: ctx.chat.id, lang: ctx.lang });
  else await unsubscribe(svc, reportId);
  const on = mode === "on";
  await ctx.answerCallbackQuery({ text: on ? ctx.t("reports.notifyOnShort") : ctx.t("reports.notifyOffShort") });
  if (state.mode === "filed") state.subscribed = on;
  const keyboard = state.mode === "filed" ? afterSubmitKeyboard(ctx.t, state.nonce, { subscribed: on, canDelete: !state.cleaned }) : caseKeyboard(ctx.t, state.nonce, on);
  await quietly(() => ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
  await say(ctx, state, on ? ctx.t("reports.notifyOn") : ctx.t("reports.notifyOff"));
  await saveState(ctx, state);
}

/** Deletes the flow's messages; some may be too old or already gone, which is fine. */
async function deleteFlowMessages(ctx: AdalContext, state: ReporterState): Promise<void> {
  const ids = [...new Set([...state.messageIds, ...(ctx.callbackQuery?.message ? [ctx.callbackQuery.message.message_id] : [])])].sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += DELETE_CHUNK) {
    await quietly(() => ctx.api.deleteMessages(ctx.chat!.id, ids.slice(i, i + DELETE_CHUNK)));
  }
  state.messageIds = [];
}

async function deleteMessages(ctx: AdalContext, n: string): Promise<void> {
  const state = await flowFor(ctx, n);
  if (!state) return;
  if (!(state.mode === "filed" && state.confirmed) && !(state.mode === "case" && state.reportId !== null)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await deleteFlowMessages(ctx, state);
  if (state.mode === "filed") {
    state.cleaned = true;
    await say(ctx, state, ctx.t("reports.deletedFiled"), afterSubmitKeyboard(ctx.t, state.nonce, { subscribed: state.subscribed, canDelete: false }));
    await saveState(ctx, state);
  } else {
    await dropState(ctx, state);
    await sayOnce(ctx, ctx.t("reports.case.deleted"));
  }
}

async function finish(ctx: AdalContext, n: string): Promise<void> {
  const state = await flowFor(ctx, n);
  if (!state) return;
  if (state.mode === "draft" || (state.mode === "filed" && !state.confirmed)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  await dropState(ctx, state);
  await sayOnce(ctx, state.mode === "filed" ? ctx.t("reports.finished") : ctx.t("reports.case.closed"));
}

export function installOptions(kit: FeatureKit): void {
  kit.router.button(rpNotify, (ctx, [n, mode]) => setNotify(ctx, n, mode));
  kit.router.button(rpDelete, (ctx, [n]) => deleteMessages(ctx, n));
  kit.router.button(rpEnd, (ctx, [n]) => finish(ctx, n));
}
