// A risk's texts in the other language (the Kazakh draft otherwise shows the officer's Russian
// words, and the other way round): the card's «🌐» button offers the texts the risk holds (the
// name, the factor in own words, the description, the functions, the positions, each
// recommendation), then takes the chosen one's text in the other language; the first language's
// text stays. The same interaction as the report's section texts: a prompt with the current
// text, the answer saved, /cancel leaves everything as it was.
import { InlineKeyboard } from "grammy";
import type { RiskEntry } from "../../../../domain/analysis/register.js";
import { RISK_TEXT_MAX } from "../../../../domain/analysis/risks.js";
import { otherLang, RISK_TEXT_FIELDS, hasRiskText, type RiskTextField } from "../../../../domain/analysis/translations.js";
import type { Lang } from "../../../../domain/lang.js";
import type { TFunction } from "../../../../i18n.js";
import { editRecommendation, riskEntryOf, setRiskTextIn } from "../../../../services/risks.js";
import type { AdalContext } from "../../../context.js";
import type { FeatureKit } from "../../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { RiskFlow } from "../../../flow/types.js";
import { newNonce } from "../../../ui/args.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { otherFieldButton, otherRecommendationButton, otherTextButton } from "./buttons.js";
import { showCard } from "./common.js";
import { flowAt } from "./wizard.js";

/** The texts of the risk offered: its fields that hold a text, then its recommendations. */
export function otherFieldsKeyboard(t: TFunction, risk: RiskEntry, nonce: string): InlineKeyboard {
  const kb = new InlineKeyboard();
  RISK_TEXT_FIELDS.filter((f) => hasRiskText(risk, f)).forEach((field, i) => {
    kb.text(t(`risks.field.${field}`), otherFieldButton.encode([nonce, field]));
    if (i % 2 === 1) kb.row();
  });
  kb.row();
  risk.recommendations.forEach((rec, i) => {
    kb.text(t("risks.button.recommendation", { risk: risk.number, number: rec.number }), otherRecommendationButton.encode([nonce, rec.id]));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

type Texts = { source: string; target: string };

/** The chosen text in the language it was written in, and in the target language if given already. */
function textsOf(risk: RiskEntry, flow: RiskFlow): Texts {
  const lang = flow.textLang!;
  const pick = (lang: Lang, x: { kk?: string; ru?: string } | undefined) => x?.[lang] ?? "";
  if (flow.textField === "positions") {
    const list = (l: Lang) => risk.positions.map((p, i) => `${i + 1}. ${pick(l, p) || "—"}`).join("\n");
    return { source: list(otherLang(lang)), target: risk.positions.some((p) => p[lang]) ? list(lang) : "" };
  }
  const text = flow.textField === "recommendation" ? risk.recommendations.find((r) => r.id === flow.recommendationId)?.text : risk[flow.textField as Exclude<RiskTextField, "positions">];
  return { source: pick(otherLang(lang), text), target: pick(lang, text) };
}

/** The prompt: the text now (both languages) and what to send. */
function askView(t: TFunction, risk: RiskEntry, flow: RiskFlow): string {
  const { source, target } = textsOf(risk, flow);
  const lines = [t("risks.other.current", { text: source || "—" })];
  if (target) lines.push(t("risks.other.currentOwn", { text: target }));
  lines.push("");
  if (flow.textField === "positions") lines.push(t("risks.other.askPositions", { number: risk.number, count: risk.positions.length }));
  else {
    const rec = risk.recommendations.find((r) => r.id === flow.recommendationId);
    const field = flow.textField === "recommendation" ? t("risks.button.recommendation", { risk: risk.number, number: rec?.number ?? 0 }) : t(`risks.field.${flow.textField!}`);
    const max = flow.textField === "recommendation" ? RISK_TEXT_MAX.recommendation : RISK_TEXT_MAX[flow.textField!];
    lines.push(t("risks.other.ask", { field, number: risk.number, max }));
  }
  return lines.join("\n");
}

async function start(ctx: AdalContext, flows: FlowDispatcher, analysisId: number, riskId: number): Promise<void> {
  const risk = await riskEntryOf(ctx.deps.db.prisma, analysisId, riskId);
  if (!risk) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const flow: RiskFlow = { kind: "risk", nonce: newNonce(), analysisId, riskId, step: "otherField", textLang: otherLang(ctx.lang) };
  await flows.start(ctx, flow);
  await ctx.reply(ctx.t("risks.other.choose", { number: risk.number }), { reply_markup: otherFieldsKeyboard(ctx.t, risk, flow.nonce) });
}

/** A text chosen: the field (one the risk holds) or a recommendation of the risk. */
async function choose(ctx: AdalContext, flows: FlowDispatcher, nonce: string, field: RiskTextField | "recommendation", recommendationId?: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "otherField");
  const risk = flow ? await riskEntryOf(ctx.deps.db.prisma, flow.analysisId, flow.riskId!) : null;
  const offered = risk && (field === "recommendation" ? risk.recommendations.some((r) => r.id === recommendationId) : hasRiskText(risk, field));
  if (!flow || !risk || !offered) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  Object.assign(flow, { step: "otherText", textField: field }, recommendationId ? { recommendationId } : {});
  await replyInParts(ctx, askView(ctx.t, risk, flow));
}

/** The text typed: saved in the flow's language beside the first; a refusal explained and asked again. */
export async function onOtherText(ctx: MessageContext, flows: FlowDispatcher, flow: RiskFlow, text: string): Promise<void> {
  const db = ctx.deps.db.prisma;
  const base = { analysisId: flow.analysisId, riskId: flow.riskId!, lang: flow.textLang!, text, actorId: ctx.user!.id };
  const result =
    flow.textField === "recommendation"
      ? await editRecommendation(db, { ...base, recommendationId: flow.recommendationId! })
      : await setRiskTextIn(db, { ...base, field: flow.textField as RiskTextField });
  if (!result.ok && result.error === "count") return void (await ctx.reply(ctx.t("risks.other.count", { count: Number(result.detail) })));
  const max = flow.textField === "recommendation" ? RISK_TEXT_MAX.recommendation : flow.textField === "positions" ? RISK_TEXT_MAX.position : RISK_TEXT_MAX[flow.textField!];
  if (!result.ok && result.error === "text") return void (await ctx.reply(ctx.t("risks.error.text", { max })));
  flows.end(ctx, "risk");
  if (!result.ok) return void (await ctx.reply(ctx.t("risks.error.notFound")));
  await ctx.reply(ctx.t("risks.other.done", { number: "riskNumber" in result ? result.riskNumber : result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

export function installOtherLang(kit: FeatureKit): void {
  kit.router.button(otherTextButton, (ctx, [analysisId, riskId]) => start(ctx, kit.flows, analysisId, riskId));
  kit.router.button(otherFieldButton, (ctx, [nonce, field]) => choose(ctx, kit.flows, nonce, field));
  kit.router.button(otherRecommendationButton, (ctx, [nonce, recommendationId]) => choose(ctx, kit.flows, nonce, "recommendation", recommendationId));
}
