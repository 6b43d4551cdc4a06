// The text typed while the risk flow waits for it: one dispatcher over the steps.
import type { NextFunction } from "grammy";
import { activePlanItemByNumber } from "../../../../db/repositories/risks.js";
import { EVIDENCE_TEXT_MAX } from "../../../../domain/analysis/evidence.js";
import { isScore, MAX_POSITIONS, MAX_RECOMMENDATIONS, RISK_TEXT_MAX } from "../../../../domain/analysis/risks.js";
import { pickText } from "../../../../domain/analysis/text.js";
import { formatDay } from "../../../../domain/dates.js";
import { parseDeadline } from "../../../../domain/plan/deadlines.js";
import { nearestWorkingDays } from "../../../../domain/plan/policies.js";
import { addRecommendation, createPlanItemFromRecommendation, editRecommendation, linkPlanItem, riskEntryOf } from "../../../../services/risks.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { RiskFlow } from "../../../flow/types.js";
import { hasAccess } from "../../../router.js";
import { showCard, today } from "./common.js";
import { saveEvidence } from "./evidence.js";
import { onOtherText } from "./other-lang.js";
import { advance, ask, positionsOf } from "./wizard.js";

const TEXT_STEPS = { factorText: RISK_TEXT_MAX.factor, title: RISK_TEXT_MAX.title, description: RISK_TEXT_MAX.description, functions: RISK_TEXT_MAX.functions } as const;

/** A risk field typed as text: stored in the writer's language. */
async function onRiskText(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const step = flow.step as keyof typeof TEXT_STEPS;
  const blankAllowed = step === "functions" && text === "-";
  if ((!text && !blankAllowed) || text.length > TEXT_STEPS[step]) return void (await ctx.reply(ctx.t("risks.error.text", { max: TEXT_STEPS[step] })));
  const value = blankAllowed ? {} : { [ctx.lang]: text };
  if (step === "factorText") {
    flow.draft!.factorCode = null;
    flow.draft!.factor = value;
    return advance(ctx, flows, flow, "factor");
  }
  flow.draft![step] = value;
  await advance(ctx, flows, flow, step);
}

async function onPositions(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const positions = positionsOf(ctx, text);
  if (positions.length > MAX_POSITIONS || positions.some((p) => (p[ctx.lang]?.length ?? 0) > RISK_TEXT_MAX.position)) {
    return void (await ctx.reply(ctx.t(positions.length > MAX_POSITIONS ? "risks.error.positions_many" : "risks.error.position_long")));
  }
  flow.draft!.positions = positions;
  await advance(ctx, flows, flow, "positions");
}

async function onScoreText(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const step = flow.step as "likelihood" | "impact";
  const value = Number(text);
  if (!/^\d$/.test(text) || !isScore(value)) return void (await ctx.reply(ctx.t(`risks.error.${step}`)));
  flow.draft![step] = value;
  await advance(ctx, flows, flow, step);
}

async function onRecommendation(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const db = ctx.deps.db.prisma;
  const args = { analysisId: flow.analysisId, riskId: flow.riskId!, lang: ctx.lang, text, actorId: ctx.user!.id };
  const result = flow.step === "recommendation" ? await addRecommendation(db, args) : await editRecommendation(db, { ...args, recommendationId: flow.recommendationId! });
  if (!result.ok && result.error === "text") return void (await ctx.reply(ctx.t("risks.error.text", { max: RISK_TEXT_MAX.recommendation })));
  flows.end(ctx, "risk");
  if (!result.ok) return void (await ctx.reply(result.error === "too_many" ? ctx.t("risks.error.recommendations_many", { max: MAX_RECOMMENDATIONS }) : ctx.t("risks.error.notFound")));
  await ctx.reply(ctx.t(flow.step === "recommendation" ? "risks.done.recommendation" : "risks.done.recommendationUpdated", { risk: result.riskNumber, number: result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

async function onDeadline(ctx: MessageContext, flow: RiskFlow, text: string): Promise<void> {
  const parsed = parseDeadline(text, { year: Number(today(ctx).slice(0, 4)) });
  if (parsed.kind === "unknown") return void (await ctx.reply(ctx.t("risks.error.deadline", { detail: ctx.t(`plan.deadlineReason.${parsed.reason}`, { detail: parsed.detail ?? text }) })));
  // One date on a day off: the nearest working days are named, as for a typed plan item.
  if ((parsed.kind === "date" || parsed.kind === "range") && !ctx.deps.calendar.isWorkingDay(parsed.due)) {
    const days = nearestWorkingDays(parsed.due, ctx.deps.calendar, (d) => d >= today(ctx)).map(formatDay).join(", ");
    return void (await ctx.reply(ctx.t("risks.error.dayOff", { date: formatDay(parsed.due), days })));
  }
  flow.deadlineText = text;
  flow.step = "responsible";
  await ctx.reply(ctx.t("risks.ask.responsible"));
}

/** The responsible typed: the plan item is created from the recommendation. */
async function onResponsible(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  if (!text) return void (await ctx.reply(ctx.t("risks.ask.responsible")));
  const risk = await riskEntryOf(ctx.deps.db.prisma, flow.analysisId, flow.riskId!);
  const rec = risk?.recommendations.find((r) => r.id === flow.recommendationId);
  if (!risk || !rec) {
    flows.end(ctx, "risk");
    return void (await ctx.reply(ctx.t("risks.error.notFound")));
  }
  const result = await createPlanItemFromRecommendation(ctx.deps.db.prisma, ctx.deps.calendar, { analysisId: flow.analysisId, riskId: risk.id, recommendationId: rec.id, measure: pickText(rec.text, ctx.lang), deadlineText: flow.deadlineText!, responsibleText: text, actorId: ctx.user!.id, today: today(ctx) });
  // No name in what was typed (only separators): asked again.
  if (!result.ok && result.error === "responsible") return void (await ctx.reply(ctx.t("risks.ask.responsible")));
  flows.end(ctx, "risk");
  if (!result.ok) return void (await ctx.reply(ctx.t(result.error === "text" ? "risks.error.text" : "risks.error.notFound", { max: RISK_TEXT_MAX.recommendation })));
  await ctx.reply(ctx.t("risks.done.itemCreated", { item: result.number, count: result.occurrences }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

async function onItemNumber(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const db = ctx.deps.db.prisma;
  const number = text.replace(/^№\s*/, "").replace(/\.$/, "").trim();
  const task = number ? await activePlanItemByNumber(db, number) : null;
  if (!task) return void (await ctx.reply(ctx.t("risks.error.itemNotFound", { number: text })));
  const risk = await riskEntryOf(db, flow.analysisId, flow.riskId!);
  const rec = risk?.recommendations.find((r) => r.id === flow.recommendationId);
  flows.end(ctx, "risk");
  if (!risk || !rec) return void (await ctx.reply(ctx.t("risks.error.notFound")));
  const result = await linkPlanItem(db, { analysisId: flow.analysisId, riskId: risk.id, recommendationId: rec.id }, task.id, ctx.user!.id);
  if (!result.ok) return void (await ctx.reply(ctx.t(result.error === "already_linked" ? "risks.error.alreadyLinked" : "risks.error.notFound")));
  await ctx.reply(ctx.t("risks.done.linked", { item: number, risk: risk.number, number: rec.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

/** Every text while the risk flow is active (buttons' steps re-ask with their buttons). */
export async function onRiskMessage(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, next: NextFunction): Promise<unknown> {
  if (ctx.message.text === undefined || !hasAccess(ctx, "managePlan")) return next();
  const text = ctx.message.text.trim();
  switch (flow.step) {
    case "factorText":
    case "title":
    case "description":
    case "functions":
      return onRiskText(ctx, flows, flow, text);
    case "positions":
      return onPositions(ctx, flows, flow, text);
    case "likelihood":
    case "impact":
      return onScoreText(ctx, flows, flow, text);
    case "evidenceText":
      if (!text || text.length > EVIDENCE_TEXT_MAX) return void (await ctx.reply(ctx.t("risks.error.text", { max: EVIDENCE_TEXT_MAX })));
      return saveEvidence(ctx, flows, flow, { kind: "other", text: { [ctx.lang]: text } });
    case "recommendation":
    case "recommendationEdit":
      return onRecommendation(ctx, flows, flow, text);
    case "deadline":
      return onDeadline(ctx, flow, text);
    case "responsible":
      return onResponsible(ctx, flows, flow, text);
    case "itemNumber":
      return onItemNumber(ctx, flows, flow, text);
    case "otherText":
      return onOtherText(ctx, flows, flow, text);
    case "direction":
    case "area":
    case "factor":
      return ask(ctx, flow);
    default:
      return next();
  }
}
