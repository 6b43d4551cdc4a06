// Writing a report (PRODUCT.md §2), open to anyone who writes to the bot, registered or not.
// /report: the threat-model notice, then category, "involves the compliance service or top
// management?", unit, what happened, when and where, who, files, review; submitting is in
// report-submit.ts.
import type { Message } from "grammy/types";
import { checkAttachment, checkText, REPORT_LIMITS, type ReportCategory } from "../../../domain/reports/case.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher } from "../../flow/dispatcher.js";
import { newNonce } from "../../ui/args.js";
import { rpCancel, rpCategory, rpContinue, rpFilesDone, rpManagement, rpRestart, rpResume, rpSkip } from "./buttons.js";
import { countedToday, draftAt, nowMs, say, sayOnce, sayParts } from "./reporter-io.js";
import { DRAFT_STEPS, dropState, loadState, saveState, setOver, track, type DraftState, type DraftStep, type TextStep } from "./reporter-state.js";
import { fileProblemText, incomingFile, kindName, MB, packMessages, reviewPieces, textProblemText } from "./reporter-views.js";
import { cancelKeyboard, categoryKeyboard, filesKeyboard, managementKeyboard, noticeKeyboard, reviewKeyboard, skipKeyboard, unfinishedKeyboard } from "./views.js";

const L = REPORT_LIMITS;
const TEXT_STEPS: readonly DraftStep[] = ["unit", "what", "whenWhere", "who"];
export const maxFor = (step: TextStep) => (step === "unit" || step === "who" ? L.maxShortChars : L.maxTextChars);

export const nextStep = (step: DraftStep): DraftStep => DRAFT_STEPS[Math.min(DRAFT_STEPS.indexOf(step) + 1, DRAFT_STEPS.length - 1)]!;

/** Shows the current step of a draft. */
async function prompt(ctx: AdalContext, d: DraftState, prefix?: string): Promise<void> {
  const p = (text: string) => (prefix ? `${prefix}\n\n${text}` : text);
  const t = ctx.t;
  switch (d.step) {
    case "notice":
      return say(ctx, d, p(t("reports.notice", { count: ctx.config.reports.decisionDays })), noticeKeyboard(t, d.nonce));
    case "category":
      return say(ctx, d, p(t("reports.ask.category")), categoryKeyboard(t, d.nonce));
    case "management":
      return say(ctx, d, p(t("reports.ask.management")), managementKeyboard(t, d.nonce));
    case "unit":
      return say(ctx, d, p(t("reports.ask.unit", { max: L.maxShortChars })), skipKeyboard(t, d.nonce, "unit"));
    case "what":
      return say(ctx, d, p(t("reports.ask.what", { max: L.maxTextChars })), cancelKeyboard(t, d.nonce));
    case "whenWhere":
      return say(ctx, d, p(t("reports.ask.whenWhere", { max: L.maxTextChars })), cancelKeyboard(t, d.nonce));
    case "who":
      return say(ctx, d, p(t("reports.ask.who", { max: L.maxShortChars })), skipKeyboard(t, d.nonce, "who"));
    case "files":
      return say(ctx, d, p(t("reports.ask.files", { max: L.maxAttachments, mb: MB })), filesKeyboard(t, d.nonce, d.attachments.length));
    case "review": {
      const parts = packMessages([...(prefix ? [{ html: prefix }, { html: "" }] : []), ...reviewPieces(t, d)]);
      return sayParts(ctx, d, parts, reviewKeyboard(t, d.nonce));
    }
  }
}

export async function goTo(ctx: AdalContext, d: DraftState, step: DraftStep, prefix?: string): Promise<void> {
  d.step = step;
  await prompt(ctx, d, prefix);
  await saveState(ctx, d);
}

/** /report and the menu entry: an unfinished draft is offered first; then the day's limit. */
export async function startReport(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  if (!ctx.chatKey || !ctx.from) return;
  // Another flow waiting for typed input would take the reporter's texts: it is suspended
  // while the draft lives (not ended, which would write the session: flow/dispatcher.ts).
  const over = await flows.beginExternal(ctx, "report");
  const { state } = await loadState(ctx);
  if (state?.mode === "draft" && state.step !== "notice") {
    track(state, ctx.message?.message_id);
    state.at = nowMs(ctx);
    setOver(state, over);
    await say(ctx, state, ctx.t("reports.unfinished"), unfinishedKeyboard(ctx.t, state.nonce));
    await saveState(ctx, state);
    return;
  }
  if ((await countedToday(ctx, "report")) >= L.maxReportsPerDay) {
    await sayOnce(ctx, ctx.t("reports.tooManyReports", { max: L.maxReportsPerDay }));
    return;
  }
  const d: DraftState = { mode: "draft", nonce: newNonce(), at: nowMs(ctx), step: "notice", attachments: [], messageIds: [], ...(over ? { over } : {}) };
  track(d, ctx.message?.message_id);
  await prompt(ctx, d);
  await saveState(ctx, d);
}

async function restart(ctx: AdalContext, n: string): Promise<void> {
  const d = await draftAt(ctx, n);
  if (!d) return;
  // A new nonce: buttons of the first attempt go stale.
  const fresh: DraftState = { mode: "draft", nonce: newNonce(), at: nowMs(ctx), step: "category", attachments: [], messageIds: d.messageIds, ...(d.over ? { over: d.over } : {}) };
  await goTo(ctx, fresh, "category");
}

async function cancel(ctx: AdalContext, n: string): Promise<void> {
  const d = await draftAt(ctx, n);
  if (!d) return;
  await dropState(ctx);
  await sayOnce(ctx, ctx.t("reports.cancelled"));
}

async function chooseCategory(ctx: AdalContext, n: string, category: ReportCategory): Promise<void> {
  const d = await draftAt(ctx, n, "category");
  if (!d) return;
  d.category = category;
  await goTo(ctx, d, "management", ctx.t("reports.chosenCategory", { category: ctx.t(`reportTerms.category.${category}`) }));
}

async function answerManagement(ctx: AdalContext, n: string, answer: "y" | "n"): Promise<void> {
  const d = await draftAt(ctx, n, "management");
  if (!d) return;
  d.involvesManagement = answer === "y";
  await goTo(ctx, d, "unit", d.involvesManagement ? ctx.t("reports.routedToObserver") : ctx.t("reports.routedToCompliance"));
}

async function skip(ctx: AdalContext, n: string, step: "unit" | "who"): Promise<void> {
  const d = await draftAt(ctx, n, step);
  if (!d) return;
  delete d[step];
  await goTo(ctx, d, nextStep(step));
}

export function installDraft(kit: FeatureKit): void {
  const { router, menu, flows } = kit;
  router.command({ name: "report", access: "anyone", descriptionKey: "commands.report" }, (ctx) => startReport(ctx, flows));
  menu.add({ id: "report", labelKey: "menu.report", access: "anyone", run: (ctx) => startReport(ctx, flows) });
  router.button(rpContinue, async (ctx, [n]) => {
    const d = await draftAt(ctx, n, "notice");
    if (d) await goTo(ctx, d, "category");
  });
  router.button(rpResume, async (ctx, [n]) => {
    const d = await draftAt(ctx, n);
    if (d) await goTo(ctx, d, d.step);
  });
  router.button(rpRestart, (ctx, [n]) => restart(ctx, n));
  router.button(rpCancel, (ctx, [n]) => cancel(ctx, n));
  router.button(rpCategory, (ctx, [n, category]) => chooseCategory(ctx, n, category));
  router.button(rpManagement, (ctx, [n, answer]) => answerManagement(ctx, n, answer));
  router.button(rpSkip, (ctx, [n, step]) => skip(ctx, n, step));
  router.button(rpFilesDone, async (ctx, [n]) => {
    const d = await draftAt(ctx, n, "files");
    if (d) await goTo(ctx, d, "review");
  });
}

// ── what the reporter types or sends while writing ──

async function onDraftText(ctx: AdalContext, d: DraftState, msg: Message, hasFile: boolean): Promise<void> {
  const step = d.step as TextStep;
  if (hasFile) {
    await say(ctx, d, ctx.t("reports.textExpected"));
    return saveState(ctx, d);
  }
  const checked = checkText(msg.text ?? "", maxFor(step));
  if (!checked.ok) {
    await say(ctx, d, textProblemText(ctx.t, checked.problem, checked.max, [...(msg.text ?? "").trim()].length));
    return saveState(ctx, d);
  }
  d[step] = checked.text;
  // Which message gave this answer: editing that message in Telegram changes it (report-edits.ts).
  d.sources = { ...d.sources, [step]: msg.message_id };
  return goTo(ctx, d, nextStep(step));
}

async function onDraftFile(ctx: AdalContext, d: DraftState, msg: Message): Promise<void> {
  const file = incomingFile(msg);
  const keyboard = () => filesKeyboard(ctx.t, d.nonce, d.attachments.length);
  if (!file) {
    await say(ctx, d, ctx.t("reports.filesExpected"), keyboard());
    return saveState(ctx, d);
  }
  const problem = checkAttachment(d.attachments.length, { kind: file.kind, ...(file.size !== undefined ? { size: file.size } : {}) });
  if (problem || !file.attachment) {
    await say(ctx, d, fileProblemText(ctx.t, problem ?? "unsupported"), keyboard());
    return saveState(ctx, d);
  }
  d.attachments.push(file.attachment);
  const caption = msg.caption ? `\n${ctx.t("reports.captionIgnored")}` : "";
  await say(ctx, d, `${ctx.t("reports.fileAdded", { kind: kindName(ctx.t, file.attachment.kind), count: d.attachments.length, max: L.maxAttachments })}${caption}`, keyboard());
  return saveState(ctx, d);
}

export async function onDraftMessage(ctx: AdalContext, d: DraftState, msg: Message): Promise<void> {
  track(d, msg.message_id);
  d.at = nowMs(ctx);
  if (TEXT_STEPS.includes(d.step)) return onDraftText(ctx, d, msg, incomingFile(msg) !== null);
  if (d.step === "files") return onDraftFile(ctx, d, msg);
  // The notice, the category, the management question and the review are answered with buttons.
  await prompt(ctx, d, ctx.t("reports.useButtons"));
  await saveState(ctx, d);
}
