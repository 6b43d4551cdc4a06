// A new risk step by step (direction → area → factor → name → description → functions →
// positions → likelihood → impact → confirm), and one field of a risk changed through the same
// steps (the risk is saved when the field's last step is done). Buttons carry the flow's nonce.
import { InlineKeyboard } from "grammy";
import { analysisById } from "../../../../db/repositories/plan.js";
import { areasOf, type RiskArea } from "../../../../domain/analysis/catalog.js";
import { factorsOf, parsePositions, riskLevel, riskScore, RISK_TEXT_MAX, MAX_POSITIONS, type RiskDraft, type RiskProblem } from "../../../../domain/analysis/risks.js";
import { pickText } from "../../../../domain/analysis/text.js";
import { createRisk, riskEntryOf, updateRisk } from "../../../../services/risks.js";
import type { AdalContext } from "../../../context.js";
import type { FeatureKit } from "../../../feature.js";
import type { FlowDispatcher } from "../../../flow/dispatcher.js";
import type { RiskFlow } from "../../../flow/types.js";
import { newNonce } from "../../../ui/args.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { areaButton, confirmButton, directionButton, editButton, editFieldButton, factorButton, newButton, scoreButton } from "./buttons.js";
import { showCard } from "./common.js";
import { areaLabel, areaView, directionKeyboard, factorKey, editFieldsKeyboard, factorView, functionsPrompt, scoreKeyboard } from "./views.js";

type Step = RiskFlow["step"];
type Field = NonNullable<RiskFlow["field"]>;

/** Says what the step needs. */
export async function ask(ctx: AdalContext, flow: RiskFlow): Promise<void> {
  const t = ctx.t;
  switch (flow.step) {
    case "direction":
      return void (await ctx.reply(t("risks.ask.direction"), { reply_markup: directionKeyboard(t, flow.nonce) }));
    case "area": {
      const view = areaView(t, flow.draft!.direction!, flow.nonce);
      return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
    }
    case "factor": {
      const view = factorView(t, flow.draft!.area as RiskArea, flow.nonce);
      return void (await ctx.reply(view.text, { reply_markup: view.keyboard }));
    }
    case "factorText":
      return void (await ctx.reply(t("risks.ask.factorText", { max: RISK_TEXT_MAX.factor })));
    case "title":
      return void (await ctx.reply(t("risks.ask.title", { max: RISK_TEXT_MAX.title })));
    case "description":
      return void (await ctx.reply(t("risks.ask.description", { max: RISK_TEXT_MAX.description })));
    case "functions":
      return void (await ctx.reply(functionsPrompt(t, RISK_TEXT_MAX.functions)));
    case "positions":
      return void (await ctx.reply(t("risks.ask.positions", { max: MAX_POSITIONS })));
    case "likelihood":
    case "impact":
      return void (await ctx.reply(t(`risks.ask.${flow.step}`), { reply_markup: scoreKeyboard(flow.nonce) }));
    default:
      return;
  }
}

const ORDER: Step[] = ["direction", "area", "factor", "title", "description", "functions", "positions", "likelihood", "impact", "confirm"];

/** Whether the step just done completes the field being changed. */
function completesField(field: Field | undefined, done: Step): boolean {
  if (!field) return false;
  // A new direction needs its area and factor; a new factor ends there too.
  if (field === "direction" || field === "factor") return done === "factor";
  return done === field;
}

export function problemsText(ctx: AdalContext, problems: readonly RiskProblem[] | undefined): string {
  return (problems ?? []).map((p) => ctx.t(`risks.error.${p}`)).join("\n") || ctx.t("risks.error.notFound");
}

/** The patch of a field change: the draft's fields that were set. */
function patchOf(flow: RiskFlow): Partial<RiskDraft> {
  const { direction, area, factorCode, factor, title, description, functions, positions, likelihood, impact } = flow.draft ?? {};
  const patch: Partial<RiskDraft> = {};
  if (direction !== undefined) patch.direction = direction;
  if (area !== undefined) patch.area = area as RiskArea;
  if (factorCode !== undefined) patch.factorCode = factorCode;
  if (factor !== undefined) patch.factor = factor;
  if (title !== undefined) patch.title = title;
  if (description !== undefined) patch.description = description;
  if (functions !== undefined) patch.functions = functions;
  if (positions !== undefined) patch.positions = positions;
  if (likelihood !== undefined) patch.likelihood = likelihood;
  if (impact !== undefined) patch.impact = impact;
  return patch;
}

async function saveField(ctx: AdalContext, flows: FlowDispatcher, flow: RiskFlow): Promise<void> {
  flows.end(ctx, "risk");
  const result = await updateRisk(ctx.deps.db.prisma, { analysisId: flow.analysisId, riskId: flow.riskId!, patch: patchOf(flow), lang: ctx.lang, actorId: ctx.user!.id });
  if (!result.ok) return void (await ctx.reply(problemsText(ctx, result.problems)));
  await ctx.reply(ctx.t("risks.done.updated", { number: result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

/** The step after `done`: the next one asked, or the field saved, or the summary shown. */
export async function advance(ctx: AdalContext, flows: FlowDispatcher, flow: RiskFlow, done: Step): Promise<void> {
  if (completesField(flow.field, done)) return saveField(ctx, flows, flow);
  let next = ORDER[ORDER.indexOf(done) + 1] ?? "confirm";
  if (next === "factor" && !factorsOf(flow.draft!.area as RiskArea).length) next = "factorText";
  flow.step = next;
  if (next === "confirm") return showSummary(ctx, flow);
  await ask(ctx, flow);
}

async function showSummary(ctx: AdalContext, flow: RiskFlow): Promise<void> {
  const d = flow.draft!;
  const t = ctx.t;
  const none = t("risks.card.none");
  const direction = d.direction!;
  const lines = [
    t("risks.ask.confirm"),
    pickText(d.title, ctx.lang),
    t("risks.card.direction", { value: t(`analysis.direction.${direction}`) }),
    t("risks.card.area", { value: areaLabel(t, direction, d.area!) }),
    t("risks.card.factor", { value: d.factorCode ? t(factorKey(d.factorCode)) : pickText(d.factor, ctx.lang) }),
    t("risks.card.description", { value: pickText(d.description, ctx.lang) }),
    t("risks.card.functions", { value: pickText(d.functions, ctx.lang) || none }),
    t("risks.card.positions"),
    ...(d.positions?.length ? d.positions.map((p) => `• ${pickText(p, ctx.lang)}`) : [`• ${none}`]),
    t("risks.card.score", { likelihood: d.likelihood, impact: d.impact, level: t(`risks.level.${riskLevel(d.likelihood!, d.impact!)}`), score: riskScore(d.likelihood!, d.impact!) }),
  ];
  await replyInParts(ctx, lines.join("\n"), { keyboard: new InlineKeyboard().text(t("risks.button.save"), confirmButton.encode([flow.nonce])) });
}

/** The flow of this nonce at this step, or null (the button is stale). */
export function flowAt(ctx: AdalContext, flows: FlowDispatcher, nonce: string, ...steps: Step[]): RiskFlow | null {
  const flow = flows.current(ctx, "risk");
  return flow && flow.nonce === nonce && steps.includes(flow.step) ? flow : null;
}

async function onArea(ctx: AdalContext, flows: FlowDispatcher, nonce: string, index: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "area");
  const area = flow ? areasOf(flow.draft!.direction!)[index] : undefined;
  if (!flow || !area) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  flow.draft!.area = area;
  await advance(ctx, flows, flow, "area");
}

async function onFactor(ctx: AdalContext, flows: FlowDispatcher, nonce: string, index: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "factor");
  const codes = flow ? factorsOf(flow.draft!.area as RiskArea) : [];
  if (!flow || index > codes.length) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (index === 0) {
    flow.step = "factorText";
    return ask(ctx, flow);
  }
  const code = codes[index - 1]!;
  const words = (lang: "kk" | "ru"): string => ctx.deps.i18n.t(lang)(factorKey(code));
  flow.draft!.factorCode = code;
  flow.draft!.factor = { kk: words("kk"), ru: words("ru") };
  await advance(ctx, flows, flow, "factor");
}

async function onScore(ctx: AdalContext, flows: FlowDispatcher, nonce: string, score: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "likelihood", "impact");
  if (!flow) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the score buttons", ctx.editMessageReplyMarkup());
  const step = flow.step as "likelihood" | "impact";
  flow.draft![step] = score;
  await advance(ctx, flows, flow, step);
}

async function onConfirm(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "confirm");
  if (!flow || flow.riskId) return staleButton(ctx);
  flows.end(ctx, "risk");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "remove the confirm button", ctx.editMessageReplyMarkup());
  const draft = { factor: {}, functions: {}, positions: [], factorCode: null, ...patchOf(flow) } as RiskDraft;
  const result = await createRisk(ctx.deps.db.prisma, { analysisId: flow.analysisId, draft, actorId: ctx.user!.id });
  if (!result.ok) return void (await ctx.reply(problemsText(ctx, result.problems)));
  await ctx.reply(ctx.t("risks.done.created", { number: result.number }));
  await showCard(ctx, flow.analysisId, result.riskId);
}

async function onEditField(ctx: AdalContext, flows: FlowDispatcher, nonce: string, field: Field): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "field");
  const risk = flow ? await riskEntryOf(ctx.deps.db.prisma, flow.analysisId, flow.riskId!) : null;
  if (!flow || !risk) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  flow.field = field;
  flow.draft = field === "factor" ? { area: risk.area } : {};
  if (field === "factor") flow.step = factorsOf(risk.area).length ? "factor" : "factorText";
  else flow.step = field === "direction" ? "direction" : field;
  await ask(ctx, flow);
}

/** The positions typed one a line («-» for none). */
export function positionsOf(ctx: AdalContext, text: string) {
  return text.trim() === "-" ? [] : parsePositions(text, ctx.lang);
}

export function installWizard(kit: FeatureKit): void {
  const flows = kit.flows;
  kit.router.button(newButton, async (ctx, [analysisId]) => {
    if (!(await analysisById(ctx.deps.db.prisma, analysisId))) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    const flow: RiskFlow = { kind: "risk", nonce: newNonce(), analysisId, step: "direction", draft: {} };
    await flows.start(ctx, flow);
    await ask(ctx, flows.current(ctx, "risk")!);
  });
  kit.router.button(directionButton, async (ctx, [nonce, direction]) => {
    const flow = flowAt(ctx, flows, nonce, "direction");
    if (!flow) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    flow.draft!.direction = direction;
    await advance(ctx, flows, flow, "direction");
  });
  kit.router.button(areaButton, (ctx, [nonce, index]) => onArea(ctx, flows, nonce, index));
  kit.router.button(factorButton, (ctx, [nonce, index]) => onFactor(ctx, flows, nonce, index));
  kit.router.button(scoreButton, (ctx, [nonce, score]) => onScore(ctx, flows, nonce, score));
  kit.router.button(confirmButton, (ctx, [nonce]) => onConfirm(ctx, flows, nonce));
  kit.router.button(editButton, async (ctx, [analysisId, riskId]) => {
    const risk = await riskEntryOf(ctx.deps.db.prisma, analysisId, riskId);
    if (!risk) return staleButton(ctx);
    await ctx.answerCallbackQuery();
    const flow: RiskFlow = { kind: "risk", nonce: newNonce(), analysisId, riskId, step: "field" };
    await flows.start(ctx, flow);
    await ctx.reply(ctx.t("risks.ask.field", { number: risk.number }), { reply_markup: editFieldsKeyboard(ctx.t, flow.nonce) });
  });
  kit.router.button(editFieldButton, (ctx, [nonce, field]) => onEditField(ctx, flows, nonce, field));
}
