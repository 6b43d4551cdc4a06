// What the reporter adds to a case opened with its receipt: a text or files, counted against
// the day's additions.
import type { Message } from "grammy/types";
import { checkAttachment, checkText, REPORT_LIMITS } from "../../../domain/reports/case.js";
import { addFromReporter, caseById, type CaseSummary } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import { countedToday, countOneMore, say } from "./reporter-io.js";
import { detach, saveState, track } from "./reporter-state.js";
import { caseGone, caseKeyboardOf, type OpenCaseState } from "./report-follow.js";
import { fileProblemText, incomingFile, kindName, textProblemText } from "./reporter-views.js";
import { serviceOf } from "./service.js";
import { addFilesKeyboard } from "./views.js";

const L = REPORT_LIMITS;
type IncomingFile = NonNullable<ReturnType<typeof incomingFile>>;

/** When today's additions are used up: says so, stops waiting, and returns true. */
async function additionsUsedUp(ctx: AdalContext, c: OpenCaseState): Promise<boolean> {
  if ((await countedToday(ctx, "addition")) < L.maxAdditionsPerDay) return false;
  c.awaiting = null;
  await detach(ctx, c);
  await say(ctx, c, ctx.t("reports.case.tooManyAdditions", { max: L.maxAdditionsPerDay }), await caseKeyboardOf(ctx, c));
  await saveState(ctx, c);
  return true;
}

async function recordAddition(ctx: AdalContext, reportId: number, addition: Parameters<typeof addFromReporter>[2]): Promise<void> {
  await addFromReporter(serviceOf(ctx), reportId, addition);
  await countOneMore(ctx, "addition");
}

async function onAdditionText(ctx: AdalContext, c: OpenCaseState, msg: Message, summary: CaseSummary, file: IncomingFile | null): Promise<void> {
  if (file) {
    await say(ctx, c, ctx.t("reports.case.textExpected"));
    return saveState(ctx, c);
  }
  const checked = checkText(msg.text ?? "", L.maxTextChars);
  if (!checked.ok) {
    await say(ctx, c, textProblemText(ctx.t, checked.problem, checked.max, [...(msg.text ?? "").trim()].length));
    return saveState(ctx, c);
  }
  if (await additionsUsedUp(ctx, c)) return;
  await recordAddition(ctx, c.reportId, { text: checked.text });
  c.awaiting = null;
  // Back to buttons only: the case leaves the chat's key again (reporter-state.ts).
  await detach(ctx, c);
  await say(ctx, c, ctx.t("reports.case.additionSaved", { number: summary.number }), await caseKeyboardOf(ctx, c));
  return saveState(ctx, c);
}

async function onAdditionFile(ctx: AdalContext, c: OpenCaseState, msg: Message, file: IncomingFile | null): Promise<void> {
  if (!file) {
    await say(ctx, c, ctx.t("reports.case.fileExpected"), addFilesKeyboard(ctx.t, c.nonce));
    return saveState(ctx, c);
  }
  const problem = checkAttachment(c.files, { kind: file.kind, ...(file.size !== undefined ? { size: file.size } : {}) });
  if (problem || !file.attachment) {
    await say(ctx, c, fileProblemText(ctx.t, problem ?? "unsupported"), addFilesKeyboard(ctx.t, c.nonce));
    return saveState(ctx, c);
  }
  if (await additionsUsedUp(ctx, c)) return;
  await recordAddition(ctx, c.reportId, { attachment: file.attachment });
  c.files++;
  const caption = msg.caption ? `\n${ctx.t("reports.captionIgnored")}` : "";
  await say(ctx, c, `${ctx.t("reports.case.fileSaved", { kind: kindName(ctx.t, file.attachment.kind), count: c.files, max: L.maxAttachments })}${caption}`, addFilesKeyboard(ctx.t, c.nonce));
  await saveState(ctx, c);
}

/** A text or file while the open case waits for one. */
export async function onAddition(ctx: AdalContext, c: OpenCaseState, msg: Message): Promise<void> {
  track(c, msg.message_id);
  const file = incomingFile(msg);
  const summary = await caseById(serviceOf(ctx), c.reportId);
  if (!summary) return caseGone(ctx, c);
  if (c.awaiting === "text") return onAdditionText(ctx, c, msg, summary, file);
  return onAdditionFile(ctx, c, msg, file);
}
