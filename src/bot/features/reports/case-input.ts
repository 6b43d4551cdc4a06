// A case handler's typed input (the session flow "caseInput"): a reply to the reporter, an
// internal note, or the one reasoned extension (its date, then its reason).
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";
import { checkExtension, checkText, REPORT_LIMITS, type ExtensionProblem } from "../../../domain/reports/case.js";
import { caseVisibleTo } from "../../../domain/reports/policies.js";
import { addNote, caseById, extend, reply, type CaseSummary } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, FlowHandler, MessageContext } from "../../flow/dispatcher.js";
import type { CaseInputFlow } from "../../flow/types.js";
import { hasAccess } from "../../router.js";
import { newNonce } from "../../ui/args.js";
import { bestEffort } from "../../ui/best-effort.js";
import { escapeHtml, HTML } from "../../ui/html.js";
import { staleButton } from "../../ui/stale.js";
import { cancelInputButton, extendButton, noteButton, replyButton } from "./buttons.js";
import { alert, guarded, officerOf, ownSummary, withCase } from "./case-common.js";
import { serviceOf } from "./service.js";
import { afterActionKeyboard, cancelInputKeyboard } from "./views.js";

/** A typed reply, note or extension waits this long for its text. */
export const CASE_INPUT_WAIT_MS = 60 * 60 * 1000;

const latestExtension = (ctx: AdalContext, s: CaseSummary) => ctx.deps.calendar.addWorkingDays(s.decisionDueOn, ctx.config.reports.maxExtensionDays);
const extensionProblemText = (ctx: AdalContext, problem: ExtensionProblem, s: CaseSummary) =>
  ctx.t(`cases.extendProblem.${problem}`, { due: formatDay(s.decisionDueOn), latest: formatDay(latestExtension(ctx, s)), count: ctx.config.reports.maxExtensionDays });

async function ask(ctx: AdalContext, flows: FlowDispatcher, input: Pick<CaseInputFlow, "input" | "reportId">, text: string): Promise<void> {
  const nonce = newNonce();
  await flows.start(ctx, { kind: "caseInput", ...input, nonce, since: ctx.deps.now().getTime() });
  await ctx.reply(text, { ...HTML, reply_markup: cancelInputKeyboard(ctx.t, nonce) });
}

async function askText(ctx: AdalContext, flows: FlowDispatcher, reportId: number, input: "reply" | "note"): Promise<void> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return;
  await ctx.answerCallbackQuery();
  const key = input === "reply" ? "cases.askReply" : "cases.askNote";
  await ask(ctx, flows, { input, reportId }, ctx.t(key, { number: escapeHtml(s.number), max: REPORT_LIMITS.maxTextChars }));
}

async function askExtension(ctx: AdalContext, flows: FlowDispatcher, reportId: number): Promise<void> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return;
  if (s.status === "decided") return void (await alert(ctx, extensionProblemText(ctx, "decided", s)));
  if (s.extendedOn) return void (await alert(ctx, extensionProblemText(ctx, "alreadyExtended", s)));
  await ctx.answerCallbackQuery();
  const params = { number: escapeHtml(s.number), due: formatDay(s.decisionDueOn), latest: formatDay(latestExtension(ctx, s)), count: ctx.config.reports.maxExtensionDays };
  await ask(ctx, flows, { input: "extendDate", reportId }, ctx.t("cases.askExtendDate", params));
}

async function cancelInput(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  if (flows.current(ctx, "caseInput")?.nonce !== nonce) return staleButton(ctx);
  flows.end(ctx, "caseInput");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove case input keyboard", () => ctx.editMessageReplyMarkup());
  await ctx.reply(ctx.t("common.cancelled"));
}

// ── the typed text ──

/** The date of an extension: checked against the case, then the reason is asked for. */
async function onExtensionDate(ctx: MessageContext, flows: FlowDispatcher, flow: CaseInputFlow, raw: string): Promise<void> {
  const s = await caseById(serviceOf(ctx), flow.reportId);
  if (!s || !caseVisibleTo(ctx.user!.role, s)) {
    flows.end(ctx, "caseInput");
    return void (await ctx.reply(ctx.t("cases.unavailable")));
  }
  const date = parseDateInput(raw);
  if (!date) return void (await ctx.reply(ctx.t("cases.dateInvalid", { latest: formatDay(latestExtension(ctx, s)) })));
  const problem = checkExtension(ctx.deps.calendar, s, date, ctx.config.reports);
  if (problem) {
    if (problem === "decided" || problem === "alreadyExtended") flows.end(ctx, "caseInput");
    return void (await ctx.reply(extensionProblemText(ctx, problem, s)));
  }
  if (date < toIsoDate(ctx.deps.now(), ctx.config.timeZone)) return void (await ctx.reply(ctx.t("cases.datePassed", { latest: formatDay(latestExtension(ctx, s)) })));
  ctx.session.flow = { ...flow, input: "extendReason", date };
  await ctx.reply(ctx.t("cases.askExtendReason", { date: formatDay(date), max: REPORT_LIMITS.maxTextChars }), HTML);
}

async function onReplyOrNote(ctx: MessageContext, flows: FlowDispatcher, flow: CaseInputFlow, text: string): Promise<void> {
  const { reportId, input } = flow;
  const svc = serviceOf(ctx);
  const me = officerOf(ctx);
  const done = await guarded(ctx, () => (input === "reply" ? reply(svc, me, reportId, text) : addNote(svc, me, reportId, text)));
  flows.end(ctx, "caseInput");
  if (!done.ok) return;
  const s = await caseById(svc, reportId);
  await ctx.reply(ctx.t(input === "reply" ? "cases.replied" : "cases.noted", { number: escapeHtml(s?.number ?? "") }), { ...HTML, reply_markup: afterActionKeyboard(ctx.t, s?.number ?? "") });
}

async function onExtensionReason(ctx: MessageContext, flows: FlowDispatcher, flow: CaseInputFlow, reason: string): Promise<void> {
  const { reportId, date } = flow;
  if (!date) {
    flows.end(ctx, "caseInput");
    return void (await ctx.reply(ctx.t("common.staleButton")));
  }
  const svc = serviceOf(ctx);
  const done = await guarded(ctx, () => extend(svc, officerOf(ctx), reportId, date, reason));
  if (!done.ok) return void flows.end(ctx, "caseInput");
  const s = await caseById(svc, reportId);
  if (done.value) {
    // The case changed meanwhile (decided, extended by someone else, or the date no longer fits).
    if (done.value === "decided" || done.value === "alreadyExtended" || !s) flows.end(ctx, "caseInput");
    else ctx.session.flow = { ...flow, input: "extendDate" };
    return void (await ctx.reply(s ? extensionProblemText(ctx, done.value, s) : ctx.t("cases.unavailable")));
  }
  flows.end(ctx, "caseInput");
  await ctx.reply(ctx.t("cases.extended", { number: escapeHtml(s?.number ?? ""), date: formatDay(date) }), { ...HTML, reply_markup: afterActionKeyboard(ctx.t, s?.number ?? "") });
}

async function onCaseInput(ctx: MessageContext, flows: FlowDispatcher, flow: CaseInputFlow, next: () => Promise<void>): Promise<unknown> {
  const raw = ctx.message.text;
  if (raw === undefined) return next();
  if (!hasAccess(ctx, "handleReports")) {
    flows.end(ctx, "caseInput");
    return next();
  }
  if (ctx.deps.now().getTime() - flow.since > CASE_INPUT_WAIT_MS) {
    flows.end(ctx, "caseInput");
    return ctx.reply(ctx.t("cases.inputExpired"));
  }
  if (flow.input === "extendDate") return onExtensionDate(ctx, flows, flow, raw);
  const checked = checkText(raw, REPORT_LIMITS.maxTextChars);
  if (!checked.ok) return ctx.reply(ctx.t(checked.problem === "empty" ? "cases.textEmpty" : "cases.textTooLong", { max: checked.max }));
  if (flow.input === "reply" || flow.input === "note") return onReplyOrNote(ctx, flows, flow, checked.text);
  return onExtensionReason(ctx, flows, flow, checked.text);
}

export function caseInputFlow(flows: FlowDispatcher): FlowHandler<"caseInput"> {
  return {
    kind: "caseInput",
    label: (flow) => (flow.input === "reply" ? "flows.caseInput.reply" : flow.input === "note" ? "flows.caseInput.note" : "flows.caseInput.extension"),
    onMessage: (ctx, flow, next) => onCaseInput(ctx, flows, flow, next),
  };
}

export function installCaseInput(kit: FeatureKit): void {
  const { router, flows } = kit;
  flows.register(caseInputFlow(flows));
  router.button(replyButton, (ctx, [number]) => withCase(ctx, number, (reportId) => askText(ctx, flows, reportId, "reply")));
  router.button(noteButton, (ctx, [number]) => withCase(ctx, number, (reportId) => askText(ctx, flows, reportId, "note")));
  router.button(extendButton, (ctx, [number]) => withCase(ctx, number, (reportId) => askExtension(ctx, flows, reportId)));
  router.button(cancelInputButton, (ctx, [nonce]) => cancelInput(ctx, flows, nonce));
}
