// One plan item typed in the bot: measure → deadline → responsible → confirm.
import type { NextFunction } from "grammy";
import { latestAnalysis, rosterForMatching } from "../../../db/repositories/plan.js";
import { formatDay } from "../../../domain/dates.js";
import { parseDeadline } from "../../../domain/plan/deadlines.js";
import { nearestWorkingDays } from "../../../domain/plan/policies.js";
import { MAX_PLAN_TEXT_LENGTH, splitResponsible } from "../../../domain/plan/import.js";
import { matchResponsible } from "../../../domain/plan/responsible.js";
import { addPlanItem, plannedOccurrences } from "../../../services/plan.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { PlanItemFlow } from "../../flow/types.js";
import { hasAccess } from "../../router.js";
import { newNonce } from "../../ui/args.js";
import { bestEffort } from "../../ui/best-effort.js";
import { staleButton } from "../../ui/stale.js";
import { itemConfirmButton, itemDateButton, itemNewButton } from "./buttons.js";
import { today } from "./today.js";
import { dayOffDateView, dayOffReason, fromCompactDate, itemSummaryView } from "./views.js";

/** Deadlines without a year are read in the current one. */
const deadlineOf = (ctx: AdalContext, text: string) => parseDeadline(text, { year: Number(today(ctx).slice(0, 4)) });

async function startItem(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  await flows.start(ctx, { kind: "planItem", nonce: newNonce(), step: "measure" });
  await ctx.reply(ctx.t("tasks.askMeasure", { max: MAX_PLAN_TEXT_LENGTH }));
}

async function onResponsible(ctx: MessageContext, flow: PlanItemFlow, text: string): Promise<void> {
  const names = splitResponsible(text);
  if (!names.length) return void (await ctx.reply(ctx.t("tasks.askResponsible")));
  const roster = await rosterForMatching(ctx.deps.db.prisma);
  const match = matchResponsible(names, roster);
  flow.responsible = names;
  flow.step = "confirm";
  const deadline = deadlineOf(ctx, flow.deadlineText!);
  const view = itemSummaryView(
    ctx.t,
    {
      measure: flow.measure!,
      deadlineText: flow.deadlineText!,
      dates: deadline.kind === "unknown" ? [] : plannedOccurrences(deadline, { today: today(ctx), analysis: await latestAnalysis(ctx.deps.db.prisma), calendar: ctx.deps.calendar }).map((o) => o.dueOn),
      relative: deadline.kind === "relative" ? deadline : null,
      people: roster.filter((u) => match.userIds.includes(u.id)).map((u) => u.fullName),
      unmatched: match.unmatched,
    },
    flow.nonce,
  );
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

async function onItemText(ctx: MessageContext, flow: PlanItemFlow, next: NextFunction): Promise<unknown> {
  if (ctx.message.text === undefined || flow.step === "confirm" || !hasAccess(ctx, "managePlan")) return next();
  const text = ctx.message.text.trim();
  if (flow.step === "measure") {
    if (!text || text.length > MAX_PLAN_TEXT_LENGTH) return void (await ctx.reply(ctx.t("tasks.askMeasure", { max: MAX_PLAN_TEXT_LENGTH })));
    flow.measure = text;
    flow.step = "deadline";
    return void (await ctx.reply(ctx.t("tasks.askDeadline")));
  }
  if (flow.step === "deadline") return onDeadline(ctx, flow, text);
  return onResponsible(ctx, flow, text);
}

/** The deadline: readable, and — when it is one date — a working day (else the nearest are offered). */
async function onDeadline(ctx: AdalContext, flow: PlanItemFlow, text: string): Promise<void> {
  const parsed = deadlineOf(ctx, text);
  if (parsed.kind === "unknown") return void (await ctx.reply(ctx.t(`plan.deadlineReason.${parsed.reason}`, { detail: parsed.detail ?? text })));
  const calendar = ctx.deps.calendar;
  if ((parsed.kind === "date" || parsed.kind === "range") && !calendar.isWorkingDay(parsed.due)) {
    const alternatives = nearestWorkingDays(parsed.due, calendar, (d) => d >= today(ctx));
    const encode = (compact: string) => itemDateButton.encode([flow.nonce, compact]);
    const view = dayOffDateView(ctx.t, { date: parsed.due, why: dayOffReason(calendar, parsed.due, ctx.lang), alternatives, encode });
    return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
  }
  flow.deadlineText = text;
  flow.step = "responsible";
  await ctx.reply(ctx.t("tasks.askResponsible"));
}

/** A working day offered instead of a day off, pressed: taken as the deadline. */
async function onItemDate(ctx: AdalContext, flows: FlowDispatcher, nonce: string, compact: string): Promise<void> {
  const flow = flows.current(ctx, "planItem");
  if (!flow || flow.nonce !== nonce || flow.step !== "deadline") return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the date buttons", ctx.editMessageReplyMarkup());
  flow.deadlineText = formatDay(fromCompactDate(compact));
  flow.step = "responsible";
  await ctx.reply(ctx.t("tasks.askResponsible"));
}

async function confirmItem(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "planItem");
  if (!flow || flow.nonce !== nonce || flow.step !== "confirm" || !flow.measure || !flow.deadlineText || !flow.responsible) return staleButton(ctx);
  flows.end(ctx, "planItem");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the item summary buttons", ctx.editMessageReplyMarkup());
  const deadline = deadlineOf(ctx, flow.deadlineText);
  if (deadline.kind === "unknown") return;
  const added = await addPlanItem(ctx.deps.db.prisma, { measure: flow.measure, responsible: flow.responsible, deadline, deadlineText: flow.deadlineText }, { actorUserId: ctx.user!.id, today: today(ctx), calendar: ctx.deps.calendar });
  await ctx.reply(ctx.t("tasks.itemAdded", { number: added.number, occurrences: added.occurrences }));
}

export function installPlanItem(kit: FeatureKit): void {
  kit.flows.register({ kind: "planItem", label: () => "flows.planItem", onMessage: (ctx, flow, next) => onItemText(ctx, flow, next) });
  kit.router.button(itemNewButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await startItem(ctx, kit.flows);
  });
  kit.router.button(itemConfirmButton, (ctx, [nonce]) => confirmItem(ctx, kit.flows, nonce));
  kit.router.button(itemDateButton, (ctx, [nonce, date]) => onItemDate(ctx, kit.flows, nonce, date));
  kit.router.command({ name: "plan_add", access: "managePlan", descriptionKey: "commands.plan_add" }, (ctx) => startItem(ctx, kit.flows));
}
