// Following a case with its receipt (/case): from any account; wrong codes are rate-limited.
// The case shows status, deadlines and replies; the reporter may add information or files.
import type { Message } from "grammy/types";
import { MAX_WRONG_RECEIPTS_PER_DAY } from "../../../domain/reports/attempts.js";
import { REPORT_LIMITS } from "../../../domain/reports/case.js";
import { normalizeReceipt } from "../../../domain/reports/receipts.js";
import { caseContent, caseEntries, findByReceipt, isSubscribed, REPORTER_VISIBLE, type CaseSummary } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { staleButton } from "../../ui/stale.js";
import { rpAddFile, rpAddFilesDone, rpAddText } from "./buttons.js";
import { countedToday, countOneMore, flowFor, nowMs, removeKeyboard, say, sayOnce, sayParts } from "./reporter-io.js";
import { attach, detach, dropState, loadState, newToken, saveState, setOver, track, type CaseState } from "./reporter-state.js";
import { casePieces, MB, packMessages } from "./reporter-views.js";
import { serviceOf } from "./service.js";
import { addFilesKeyboard, caseKeyboard } from "./views.js";

const L = REPORT_LIMITS;

/** An open case: its report is known. */
export type OpenCaseState = CaseState & { reportId: number };

const emptyCase = (ctx: AdalContext, messageIds: number[], over?: string): CaseState => ({ mode: "case", nonce: newToken(), at: nowMs(ctx), reportId: null, awaiting: "code", files: 0, messageIds, ...(over ? { over } : {}) });

/** /case and the menu entry: asks for the receipt, or opens the one typed after the command. */
export async function startCase(ctx: AdalContext, flows: FlowDispatcher, arg: string): Promise<void> {
  if (!ctx.chatKey || !ctx.from) return;
  const { state } = await loadState(ctx);
  if (state?.mode === "draft" && state.step !== "notice") {
    await sayOnce(ctx, ctx.t("reports.follow.draftInProgress"));
    return;
  }
  // Another flow waiting for typed input would take the receipt: it is suspended, not ended
  // (which would write the session: flow/dispatcher.ts). This chat's report state stays; an
  // open case carries its messages on to the next one.
  const over = await flows.beginExternal(ctx, "report");
  const prev = state?.mode === "case" ? state : undefined;
  if (prev) setOver(prev, over);
  if (arg.trim() && ctx.message) return openByCode(ctx, arg, ctx.message.message_id, prev ?? emptyCase(ctx, [], over));
  if ((await countedToday(ctx, "wrong-receipt")) >= MAX_WRONG_RECEIPTS_PER_DAY) {
    await sayOnce(ctx, ctx.t("reports.follow.tooManyAttempts"));
    return;
  }
  const c = emptyCase(ctx, prev?.messageIds ?? [], over);
  track(c, ctx.message?.message_id);
  await say(ctx, c, ctx.t("reports.follow.askCode"));
  await saveState(ctx, c);
}

/** Saves the state of a wrong or refused code, or drops it when no case was open. */
const keepOrDrop = (ctx: AdalContext, base: CaseState, drop: boolean) => (drop && base.reportId === null ? dropState(ctx) : saveState(ctx, base));

/** A typed receipt: the message goes at once; wrong codes count against today's attempts. */
export async function openByCode(ctx: AdalContext, typed: string, messageId: number, prev?: CaseState): Promise<void> {
  const deleted = await ctx.api.deleteMessage(ctx.chat!.id, messageId).then(
    () => true,
    () => false,
  );
  const note = deleted ? ctx.t("reports.follow.codeDeleted") : ctx.t("reports.follow.codeNotDeleted");
  const base: CaseState = prev ?? emptyCase(ctx, []);
  base.at = nowMs(ctx);
  if ((await countedToday(ctx, "wrong-receipt")) >= MAX_WRONG_RECEIPTS_PER_DAY) {
    await sayOnce(ctx, `${note}\n${ctx.t("reports.follow.tooManyAttempts")}`);
    return keepOrDrop(ctx, base, true);
  }
  if (!normalizeReceipt(typed)) {
    await say(ctx, base, `${note}\n${ctx.t("reports.follow.notACode")}`);
    return saveState(ctx, base);
  }
  const found = await findByReceipt(serviceOf(ctx), typed);
  if (!found) {
    const left = Math.max(0, MAX_WRONG_RECEIPTS_PER_DAY - (await countOneMore(ctx, "wrong-receipt")));
    await say(ctx, base, `${note}\n${left ? ctx.t("reports.follow.wrongCode", { left }) : ctx.t("reports.follow.tooManyAttempts")}`);
    return keepOrDrop(ctx, base, !left);
  }
  // Shown, the case waits for a button: detached (reporter-state.ts), the chat's row goes.
  const c: CaseState = { mode: "case", nonce: newToken(), at: nowMs(ctx), reportId: found.id, awaiting: null, files: 0, messageIds: base.messageIds, ...(base.over ? { over: base.over } : {}) };
  await detach(ctx, c);
  await showCase(ctx, c, found, note);
}

async function showCase(ctx: AdalContext, c: CaseState, s: CaseSummary, prefix?: string): Promise<void> {
  const svc = serviceOf(ctx);
  const [content, entries, subscribed] = await Promise.all([caseContent(svc, s.id), caseEntries(svc, s.id, REPORTER_VISIBLE), isSubscribed(svc, s.id)]);
  const parts = packMessages([...(prefix ? [{ html: prefix }, { html: "" }] : []), ...casePieces(ctx.t, s, content, entries, subscribed)]);
  await sayParts(ctx, c, parts, caseKeyboard(ctx.t, c.nonce, subscribed));
  await saveState(ctx, c);
}

/** The case was purged meanwhile: the flow ends. */
export async function caseGone(ctx: AdalContext, state?: CaseState): Promise<void> {
  await dropState(ctx, state);
  await sayOnce(ctx, ctx.t("reports.case.gone"));
}

/** The open case this button belongs to. */
async function openCase(ctx: AdalContext, n: string): Promise<OpenCaseState | null> {
  const state = await flowFor(ctx, n);
  if (!state) return null;
  if (state.mode !== "case" || state.reportId === null) {
    await staleButton(ctx);
    return null;
  }
  state.at = nowMs(ctx);
  return state as OpenCaseState;
}

/** The case keyboard, with the reporter's current choice of pings. */
export const caseKeyboardOf = async (ctx: AdalContext, c: OpenCaseState) => caseKeyboard(ctx.t, c.nonce, await isSubscribed(serviceOf(ctx), c.reportId));

async function askText(ctx: AdalContext, n: string): Promise<void> {
  const c = await openCase(ctx, n);
  if (!c) return;
  await ctx.answerCallbackQuery();
  c.awaiting = "text";
  // The text will be typed: the chat must find the case again, for at most CASE_TTL_MS idle.
  await attach(ctx, c);
  await say(ctx, c, ctx.t("reports.case.askAddition", { max: L.maxTextChars }));
  await saveState(ctx, c);
}

async function askFiles(ctx: AdalContext, n: string): Promise<void> {
  const c = await openCase(ctx, n);
  if (!c) return;
  await ctx.answerCallbackQuery();
  c.awaiting = "file";
  await attach(ctx, c);
  // Not reset per round: at most maxAttachments files while the case is open in this chat.
  await say(ctx, c, ctx.t("reports.case.askFiles", { max: L.maxAttachments, mb: MB }), addFilesKeyboard(ctx.t, c.nonce));
  await saveState(ctx, c);
}

async function filesDone(ctx: AdalContext, n: string): Promise<void> {
  const c = await openCase(ctx, n);
  if (!c) return;
  if (c.awaiting !== "file") return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  c.awaiting = null;
  await detach(ctx, c);
  await say(ctx, c, ctx.t("reports.case.filesAdded", { count: c.files }), await caseKeyboardOf(ctx, c));
  await saveState(ctx, c);
}

export function installFollow(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  router.command({ name: "case", access: "anyone", descriptionKey: "commands.case" }, (ctx) => startCase(ctx, flows, typeof ctx.match === "string" ? ctx.match : ""));
  // Menu ids are lower-case letters only (menu.ts).
  menu.add({ id: "followup", labelKey: "menu.followUp", access: "anyone", run: (ctx) => startCase(ctx, flows, "") });
  router.button(rpAddText, (ctx, [n]) => askText(ctx, n));
  router.button(rpAddFile, (ctx, [n]) => askFiles(ctx, n));
  router.button(rpAddFilesDone, (ctx, [n]) => filesDone(ctx, n));
}

/** Whether this message is a receipt typed as text. */
export const looksLikeReceipt = (msg: Message): msg is Message & { text: string } => msg.text !== undefined && !!normalizeReceipt(msg.text);
