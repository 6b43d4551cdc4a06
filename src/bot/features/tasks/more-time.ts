// Need more time: the responsible person gives a reason and a proposed date; a compliance
// officer approves or refuses, and the person is told either way.
import { findTask } from "../../../db/repositories/tasks.js";
import { formatDay, parseDateInput } from "../../../domain/dates.js";
import { isLang } from "../../../domain/lang.js";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { checkExtensionDate } from "../../../domain/plan/policies.js";
import { decideExtension, hasPendingExtension, openOccurrenceForExtension, requestExtension } from "../../../services/tasks.js";
import type { AdalContext } from "../../context.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { TaskInputFlow } from "../../flow/types.js";
import type { Notifications } from "../../notifications/index.js";
import { bestEffort } from "../../ui/best-effort.js";
import { staleButton } from "../../ui/stale.js";
import { tellCompliance } from "./compliance.js";
import { ownOpenOrAnswer } from "./task-done.js";
import { taskTitle } from "./titles.js";
import { dayOffDateView, dayOffReason, fromCompactDate } from "./views.js";
import { proposeDateButton } from "./buttons.js";
import { today } from "./today.js";

export const MAX_REASON = 1000;

export async function askReason(ctx: AdalContext, flows: FlowDispatcher, occurrenceId: number): Promise<void> {
  const o = await ownOpenOrAnswer(ctx, occurrenceId);
  if (!o) return;
  await ctx.answerCallbackQuery();
  if (await hasPendingExtension(ctx.deps.db.prisma, occurrenceId)) return void (await ctx.reply(ctx.t("tasks.extensionPending")));
  await flows.start(ctx, { kind: "taskInput", input: "reason", occurrenceId });
  await ctx.reply(ctx.t("tasks.askReason", { max: MAX_REASON }));
}

export async function onReason(ctx: MessageContext, flow: TaskInputFlow, flows: FlowDispatcher): Promise<void> {
  const value = (ctx.message.text ?? "").trim();
  if (!value || value.length > MAX_REASON) return void (await ctx.reply(ctx.t("tasks.reasonInvalid", { max: MAX_REASON })));
  await flows.start(ctx, { kind: "taskInput", input: "date", occurrenceId: flow.occurrenceId, reason: value });
  await ctx.reply(ctx.t("tasks.askNewDate"));
}

export async function onProposedDate(ctx: MessageContext, flow: TaskInputFlow, flows: FlowDispatcher, notifications: Notifications): Promise<void> {
  await submitDate(ctx, flow, flows, notifications, parseDateInput(ctx.message.text ?? ""));
}

/** A working day offered instead of a day off, pressed: the same as typing it. */
export async function onDateButton(ctx: AdalContext, flows: FlowDispatcher, notifications: Notifications, occurrenceId: number, compact: string): Promise<void> {
  const flow = flows.current(ctx, "taskInput");
  if (!flow || flow.input !== "date" || flow.occurrenceId !== occurrenceId) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the date buttons", ctx.editMessageReplyMarkup());
  await submitDate(ctx, flow, flows, notifications, fromCompactDate(compact));
}

async function submitDate(ctx: AdalContext, flow: TaskInputFlow, flows: FlowDispatcher, notifications: Notifications, proposed: IsoDate | null): Promise<void> {
  const db = ctx.deps.db.prisma;
  const o = await openOccurrenceForExtension(db, flow.occurrenceId);
  if (!o) {
    flows.end(ctx, "taskInput");
    return void (await ctx.reply(ctx.t("tasks.alreadyClosed")));
  }
  const check = proposed ? checkExtensionDate(proposed, o.dueOn, today(ctx), ctx.deps.calendar) : null;
  if (!proposed || !check || !check.ok) {
    if (proposed && check && !check.ok && check.reason === "dayOff") {
      const encode = (compact: string) => proposeDateButton.encode([o.id, compact]);
      const view = dayOffDateView(ctx.t, { date: proposed, why: dayOffReason(ctx.deps.calendar, proposed, ctx.lang), alternatives: check.alternatives, encode });
      return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
    }
    return void (await ctx.reply(ctx.t("tasks.newDateInvalid", { date: formatDay(o.dueOn) })));
  }
  const reason = flow.reason ?? "";
  const request = await requestExtension(db, { occurrenceId: o.id, actorUserId: ctx.user!.id, reason, proposedDueOn: proposed });
  flows.end(ctx, "taskInput");
  await ctx.reply(ctx.t("tasks.extensionSent", { date: formatDay(proposed) }));
  const title = taskTitle(ctx.t, o.task);
  const who = ctx.user!.fullName;
  await tellCompliance(ctx, notifications, (to) => ({ kind: "taskExtensionRequest", ...to, requestId: request.id, title, who, from: o.dueOn, to: proposed, reason }));
}

export async function decide(ctx: AdalContext, notifications: Notifications, requestId: number, approve: boolean): Promise<void> {
  const db = ctx.deps.db.prisma;
  const decision = await decideExtension(db, ctx.deps.calendar, { requestId, approve, actorUserId: ctx.user!.id, today: today(ctx) });
  if (decision.outcome !== "decided") {
    if (decision.outcome === "stale") return staleButton(ctx);
    if (decision.outcome === "dayOff") {
      const text = ctx.t("tasks.approveDayOff", { date: formatDay(decision.date), why: dayOffReason(ctx.deps.calendar, decision.date, ctx.lang) });
      return void (await ctx.answerCallbackQuery({ text, show_alert: true }));
    }
    return void (await ctx.answerCallbackQuery({ text: ctx.t(decision.outcome === "conflict" ? "tasks.extensionConflict" : "tasks.alreadyDecided"), show_alert: true }));
  }
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the extension buttons", ctx.editMessageReplyMarkup());
  await ctx.reply(ctx.t(approve ? "tasks.approvedNote" : "tasks.refusedNote"));
  const { request, occurrence, requester } = decision;
  if (!requester?.telegramId) return;
  const task = await findTask(db, occurrence.taskId);
  await notifications.queue([{
    kind: "taskExtensionDecision",
    chatId: Number(requester.telegramId),
    lang: isLang(requester.language) ? requester.language : "kk",
    approved: approve,
    title: task ? taskTitle(ctx.t, task) : "—",
    from: occurrence.dueOn,
    to: request.proposedDueOn,
  }]);
}
