// Submitting a report → a case number and a receipt code shown once, then checked by its last
// five characters before the options (report-options.ts) are offered.
import type { Message } from "grammy/types";
import { formatDay } from "../../../domain/dates.js";
import { REPORT_LIMITS } from "../../../domain/reports/case.js";
import { normalizeReceipt } from "../../../domain/reports/receipts.js";
import { fileReport } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { staleButton } from "../../ui/stale.js";
import { rpSubmit, rpWritten } from "./buttons.js";
import { countedToday, countOneMore, flowFor, nowMs, removeKeyboard, say } from "./reporter-io.js";
import { detach, newToken, saveState, track, type DraftState, type FiledState } from "./reporter-state.js";
import { draftContent } from "./reporter-views.js";
import { serviceOf } from "./service.js";
import { afterSubmitKeyboard, writtenKeyboard } from "./views.js";

const L = REPORT_LIMITS;

/** The canonical characters of what someone typed as (part of) a receipt. */
const canonicalPart = (s: string) =>
  s
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");

const complete = (d: DraftState) => d.step === "review" && !!d.category && d.involvesManagement !== undefined && !!d.what && !!d.whenWhere;

async function submit(ctx: AdalContext, n: string): Promise<void> {
  const state = await flowFor(ctx, n);
  if (!state) return;
  if (state.mode !== "draft" || !complete(state)) return staleButton(ctx);
  const d = state;
  if ((await countedToday(ctx, "report")) >= L.maxReportsPerDay) {
    await ctx.answerCallbackQuery();
    d.at = nowMs(ctx);
    await say(ctx, d, ctx.t("reports.tooManyReportsDraftKept", { max: L.maxReportsPerDay }));
    await saveState(ctx, d);
    return;
  }
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  const filed = await fileReport(serviceOf(ctx), { category: d.category!, involvesManagement: d.involvesManagement!, content: draftContent(d) });
  // Deliberately no log line: its timestamp would give the time of day of a report that
  // officers see only by date.
  const f: FiledState = {
    mode: "filed",
    // A token: the state is detached under it once the receipt is confirmed.
    nonce: newToken(),
    since: nowMs(ctx),
    reportId: filed.id,
    number: filed.number,
    receipt: filed.receipt,
    awaitingCheck: false,
    confirmed: false,
    subscribed: false,
    messageIds: d.messageIds,
    ...(d.over ? { over: d.over } : {}),
  };
  // The draft gives way to the filed state at once: should anything below fail, pressing
  // Submit again finds no draft to file twice.
  await saveState(ctx, f);
  await countOneMore(ctx, "report");
  const params = { number: filed.number, audience: ctx.t(`reportTerms.audience.${filed.audience}`), receipt: filed.receipt, ackDue: formatDay(filed.ackDueOn), decisionDue: formatDay(filed.decisionDueOn) };
  await say(ctx, f, ctx.t("reports.filed", params), writtenKeyboard(ctx.t, f.nonce));
  // The draft is gone with it: the state now holds only the receipt until it is checked.
  await saveState(ctx, f);
}

async function wroteItDown(ctx: AdalContext, n: string): Promise<void> {
  const f = await flowFor(ctx, n);
  if (!f) return;
  if (f.mode !== "filed" || f.confirmed) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  f.awaitingCheck = true;
  await say(ctx, f, ctx.t("reports.askLast5"));
  await saveState(ctx, f);
}

/** The last five characters of the receipt, typed back: right, the receipt is forgotten. */
export async function onReceiptCheck(ctx: AdalContext, f: FiledState, msg: Message): Promise<void> {
  track(f, msg.message_id);
  const canonical = f.receipt ? normalizeReceipt(f.receipt) : null;
  if (msg.text === undefined || !canonical) {
    await say(ctx, f, ctx.t("reports.last5TextExpected"));
  } else if (canonicalPart(msg.text) === canonical.slice(-5)) {
    f.confirmed = true;
    f.awaitingCheck = false;
    delete f.receipt;
    // From now on only buttons reach this state: it leaves the chat's key (reporter-state.ts),
    // so no row under this chat remains once the report is filed and its receipt confirmed.
    await detach(ctx, f);
    await say(ctx, f, `${ctx.t("reports.last5Right")}\n\n${ctx.t("reports.afterOptions")}`, afterSubmitKeyboard(ctx.t, f.nonce, { subscribed: f.subscribed, canDelete: true }));
  } else {
    await say(ctx, f, ctx.t("reports.last5Wrong"));
  }
  await saveState(ctx, f);
}

export function installSubmit(kit: FeatureKit): void {
  kit.router.button(rpSubmit, (ctx, [n]) => submit(ctx, n));
  kit.router.button(rpWritten, (ctx, [n]) => wroteItDown(ctx, n));
}
