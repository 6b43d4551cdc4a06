// Actions on a case from its card: forward-only statuses (a decision needs its outcome) and
// assignment to an officer of the case's audience.
import { canMoveTo, REPORT_STATUSES, type ReportOutcome, type ReportStatus } from "../../../domain/reports/case.js";
import { assign, changeStatus, handlersOf, type CaseSummary } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { bestEffort } from "../../ui/best-effort.js";
import { escapeHtml, HTML } from "../../ui/html.js";
import { assignMenuButton, assignToButton, decideButton, statusButton, statusMenuButton } from "./buttons.js";
import { alert, guarded, namesOf, officerOf, ownSummary, withCase } from "./case-common.js";
import { serviceOf } from "./service.js";
import { afterActionKeyboard, assigneeKeyboard, outcomeKeyboard, statusMenuKeyboard } from "./views.js";

const removeKeyboard = (ctx: AdalContext) => bestEffort(ctx.deps.logger, "remove case keyboard", () => ctx.editMessageReplyMarkup());

// ── Status: forward only; a decision needs its outcome ──

async function showStatusMenu(ctx: AdalContext, reportId: number): Promise<void> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return;
  if (!REPORT_STATUSES.some((x) => canMoveTo(s.status, x))) return void (await alert(ctx, ctx.t("cases.statusFinal")));
  await ctx.answerCallbackQuery();
  const text = ctx.t("cases.chooseStatus", { number: escapeHtml(s.number), status: ctx.t(`reportTerms.status.${s.status}`) });
  await ctx.reply(text, { ...HTML, reply_markup: statusMenuKeyboard(ctx.t, s) });
}

/** The case still has the status the button was drawn for. */
async function unchanged(ctx: AdalContext, reportId: number, from: ReportStatus): Promise<CaseSummary | null> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return null;
  if (s.status !== from) {
    await alert(ctx, ctx.t("cases.statusChanged", { status: ctx.t(`reportTerms.status.${s.status}`) }));
    return null;
  }
  return s;
}

async function chooseStatus(ctx: AdalContext, reportId: number, from: ReportStatus, to: ReportStatus): Promise<void> {
  const s = await unchanged(ctx, reportId, from);
  if (!s) return;
  if (!canMoveTo(from, to)) return void (await alert(ctx, ctx.t("cases.statusBackwards")));
  if (to === "decided") {
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("cases.chooseOutcome", { number: escapeHtml(s.number) }), { ...HTML, reply_markup: outcomeKeyboard(ctx.t, s.number, from) });
    return;
  }
  await moveStatus(ctx, s, to);
}

async function moveStatus(ctx: AdalContext, s: CaseSummary, to: ReportStatus, outcome?: ReportOutcome): Promise<void> {
  const done = await guarded(ctx, () => changeStatus(serviceOf(ctx), officerOf(ctx), s.id, to, outcome));
  if (!done.ok) return;
  if (done.value === "backwards") return void (await alert(ctx, ctx.t("cases.statusBackwards")));
  if (done.value === "outcomeRequired") return void (await alert(ctx, ctx.t("cases.outcomeRequired")));
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  const label = ctx.t(`reportTerms.status.${to}`) + (outcome ? ` — ${ctx.t(`reportTerms.outcome.${outcome}`)}` : "");
  await ctx.reply(ctx.t("cases.statusSet", { number: escapeHtml(s.number), status: label }), { ...HTML, reply_markup: afterActionKeyboard(ctx.t, s.number) });
}

// ── Assignment ──

async function showAssignMenu(ctx: AdalContext, reportId: number): Promise<void> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return;
  await ctx.answerCallbackQuery();
  const people = await handlersOf(serviceOf(ctx), s.audience);
  await ctx.reply(ctx.t("cases.chooseAssignee", { number: escapeHtml(s.number) }), { ...HTML, reply_markup: assigneeKeyboard(s, people, ctx.t) });
}

async function assignTo(ctx: AdalContext, reportId: number, userId: number): Promise<void> {
  const s = await ownSummary(ctx, reportId);
  if (!s) return;
  const assigneeId = userId === 0 ? null : userId;
  if (assigneeId === s.assigneeId) return void (await alert(ctx, ctx.t("cases.assignUnchanged")));
  const done = await guarded(ctx, () => assign(serviceOf(ctx), officerOf(ctx), reportId, assigneeId));
  if (!done.ok) return;
  await ctx.answerCallbackQuery();
  await removeKeyboard(ctx);
  const names = await namesOf(ctx, [assigneeId]);
  const number = escapeHtml(s.number);
  const text = assigneeId === null ? ctx.t("cases.unassigned", { number }) : ctx.t("cases.assigned", { number, who: names.get(assigneeId) ?? "—" });
  await ctx.reply(text, { ...HTML, reply_markup: afterActionKeyboard(ctx.t, s.number) });
}

export function installCaseActions(kit: FeatureKit): void {
  const { router } = kit;
  router.button(statusMenuButton, (ctx, [number]) => withCase(ctx, number, (reportId) => showStatusMenu(ctx, reportId)));
  router.button(statusButton, (ctx, [number, from, to]) => withCase(ctx, number, (reportId) => chooseStatus(ctx, reportId, from, to)));
  router.button(decideButton, (ctx, [number, from, outcome]) =>
    withCase(ctx, number, async (reportId) => {
      const s = await unchanged(ctx, reportId, from);
      if (s) await moveStatus(ctx, s, "decided", outcome);
    }),
  );
  router.button(assignMenuButton, (ctx, [number]) => withCase(ctx, number, (reportId) => showAssignMenu(ctx, reportId)));
  router.button(assignToButton, (ctx, [number, userId]) => withCase(ctx, number, (reportId) => assignTo(ctx, reportId, userId)));
}
