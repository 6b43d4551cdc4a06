// A new analysis from its period (the milestones of seed 002 with their deadlines), and the
// actual dates that move them: the report was signed, the plan approved.
import type { NextFunction } from "grammy";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { parseDateInput, parseDayPair } from "../../../domain/dates.js";
import { buildAnalysisSchedule, ScheduleError } from "../../../domain/schedule.js";
import { createAnalysisBy, recordAnalysisEventBy, type AnalysisEvent } from "../../../services/plan.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { AnalysisFlow } from "../../flow/types.js";
import { hasAccess } from "../../router.js";
import { newNonce } from "../../ui/args.js";
import { bestEffort } from "../../ui/best-effort.js";
import { replyInParts } from "../../ui/reply.js";
import { staleButton } from "../../ui/stale.js";
import { analysisCancelButton, analysisConfirmButton, analysisNewButton } from "./buttons.js";
import type { AnalysisHub } from "./hub.js";
import { eventRecordedText, schedulePreviewView } from "./views.js";

async function askPeriod(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  await flows.start(ctx, { kind: "analysis", nonce: newNonce(), awaitingPeriod: true });
  await ctx.reply(ctx.t("tasks.askPeriod"));
}

/** "01.01.2026 – 31.12.2026" (or two dates separated by a space) → the two days. */
function periodOf(text: string): { start: IsoDate; end: IsoDate } | null {
  const period = parseDayPair(text);
  return period && { start: period.from, end: period.to };
}

/** Runs a schedule computation; a ScheduleError is explained to the user (undefined). */
async function explainingScheduleErrors<T>(ctx: AdalContext, run: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ScheduleError) return void (await ctx.reply(ctx.t(`tasks.scheduleError.${error.code}`)));
    throw error;
  }
}

async function onPeriod(ctx: MessageContext, flow: AnalysisFlow, next: NextFunction): Promise<unknown> {
  if (ctx.message.text === undefined || !flow.awaitingPeriod || !hasAccess(ctx, "managePlan")) return next();
  const period = periodOf(ctx.message.text);
  if (!period) return void (await ctx.reply(ctx.t("tasks.periodInvalid")));
  const milestones = await explainingScheduleErrors(ctx, () => buildAnalysisSchedule(period, ctx.deps.calendar));
  if (!milestones) return;
  flow.awaitingPeriod = false;
  flow.start = period.start;
  flow.end = period.end;
  const view = schedulePreviewView(ctx.t, period, milestones, flow.nonce);
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

async function confirmAnalysis(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "analysis");
  if (!flow || flow.nonce !== nonce || !flow.start || !flow.end) return staleButton(ctx);
  flows.end(ctx, "analysis");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the schedule preview buttons", ctx.editMessageReplyMarkup());
  const { milestones, datedItems } = await createAnalysisBy(ctx.deps.db.prisma, ctx.deps.calendar, { start: flow.start, end: flow.end }, ctx.user!.id);
  const created = ctx.t("tasks.analysisCreated", { milestones });
  await ctx.reply(datedItems ? `${created}\n${ctx.t("tasks.analysisDatedItems", { count: datedItems })}` : created);
}

async function recordEvent(ctx: AdalContext, command: string, event: AnalysisEvent): Promise<void> {
  const date = parseDateInput(typeof ctx.match === "string" ? ctx.match : "");
  if (!date) return void (await ctx.reply(ctx.t("tasks.eventUsage", { command: `/${command}` })));
  const result = await explainingScheduleErrors(ctx, () => recordAnalysisEventBy(ctx.deps.db.prisma, ctx.deps.calendar, event, date, ctx.user!.id));
  if (result === undefined) return;
  if (!result) return void (await ctx.reply(ctx.t("tasks.noAnalysis")));
  await replyInParts(ctx, eventRecordedText(ctx.t, date, result.moved, result.movedItems));
}

export function installCreate(kit: FeatureKit, hub: AnalysisHub): void {
  kit.flows.register({ kind: "analysis", label: () => "flows.analysis", onMessage: (ctx, flow, next) => onPeriod(ctx, flow, next) });
  kit.router.button(analysisNewButton, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askPeriod(ctx, kit.flows);
  });
  hub.setCreator({ labelKey: "tasks.analysisButton", access: "managePlan", data: () => analysisNewButton.encode([]), start: (ctx) => askPeriod(ctx, kit.flows) });
  kit.router.button(analysisConfirmButton, (ctx, [nonce]) => confirmAnalysis(ctx, kit.flows, nonce));
  kit.router.button(analysisCancelButton, async (ctx) => {
    kit.flows.end(ctx, "analysis");
    await ctx.answerCallbackQuery();
    await bestEffort(ctx.deps.logger, "replace the preview by «cancelled»", ctx.editMessageText(ctx.t("common.cancelled")));
  });
  for (const [command, event] of [["report_signed", "reportSignedOn"], ["plan_approved", "planApprovedOn"]] as const) {
    kit.router.command({ name: command, access: "managePlan", descriptionKey: `commands.${command}` }, (ctx) => recordEvent(ctx, command, event));
  }
}
