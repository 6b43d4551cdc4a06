// A risk's evidence picked from what the analysis holds: a disclosed question of one of its
// surveys or interviews, an interview table, the reports' counts, another source's figures,
// or the officer's own words.
import { InlineKeyboard } from "grammy";
import { EVIDENCE_TEXT_MAX } from "../../../../domain/analysis/evidence.js";
import { INTERVIEW_TABLES, SOURCE_FIGURE_KINDS, type EvidenceLink } from "../../../../domain/analysis/register.js";
import { addEvidence, evidenceCandidates, removeEvidence, riskEntryOf } from "../../../../services/risks.js";
import type { AdalContext } from "../../../context.js";
import type { FeatureKit } from "../../../feature.js";
import type { FlowDispatcher } from "../../../flow/dispatcher.js";
import type { RiskFlow } from "../../../flow/types.js";
import { newNonce } from "../../../ui/args.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { evidenceButton, evidenceKindButton, evidenceQuestionButton, evidenceRemoveButton, evidenceSurveyButton } from "./buttons.js";
import { actorOf, evidenceDeps, showCard, today } from "./common.js";
import { flowAt } from "./wizard.js";

const QUESTION_TEXT_MAX = 150;

async function candidatesFor(ctx: AdalContext, flow: RiskFlow) {
  return evidenceCandidates(evidenceDeps(ctx), { analysisId: flow.analysisId, actor: actorOf(ctx), today: today(ctx) });
}

/** Adds the link and says how it went; the flow ends. */
export async function saveEvidence(ctx: AdalContext, flows: FlowDispatcher, flow: RiskFlow, link: EvidenceLink): Promise<void> {
  const result = await addEvidence(evidenceDeps(ctx), { analysisId: flow.analysisId, riskId: flow.riskId!, link, actor: actorOf(ctx), today: today(ctx) });
  if (!result.ok) {
    if (result.error === "text") return void (await ctx.reply(ctx.t("risks.error.text", { max: EVIDENCE_TEXT_MAX })));
    flows.end(ctx, "risk");
    const key = result.error === "hidden" ? "risks.error.hidden" : result.error === "duplicate" ? "risks.error.duplicate" : "risks.error.notFound";
    return void (await ctx.reply(ctx.t(key)));
  }
  flows.end(ctx, "risk");
  await ctx.reply(ctx.t("risks.done.evidence", { number: result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

async function offerSources(ctx: AdalContext, flows: FlowDispatcher, analysisId: number, riskId: number): Promise<void> {
  const risk = await riskEntryOf(ctx.deps.db.prisma, analysisId, riskId);
  if (!risk) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const flow: RiskFlow = { kind: "risk", nonce: newNonce(), analysisId, riskId, step: "evidence" };
  await flows.start(ctx, flow);
  const candidates = await candidatesFor(ctx, flow);
  const keyboard = new InlineKeyboard();
  for (const s of candidates?.surveys ?? []) keyboard.text(s.title[ctx.lang].slice(0, 60), evidenceSurveyButton.encode([flow.nonce, s.campaignId])).row();
  INTERVIEW_TABLES.forEach((table, i) => {
    keyboard.text(ctx.t("risks.evidence.interview", { table: ctx.t(`risks.evidence.table.${table}`) }).slice(0, 60), evidenceKindButton.encode([flow.nonce, "t", i]));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("risks.evidence.reports").slice(0, 60), evidenceKindButton.encode([flow.nonce, "r", 0])).row();
  SOURCE_FIGURE_KINDS.forEach((kind, i) => keyboard.text(ctx.t(`risks.evidence.kind.${kind}`).slice(0, 60), evidenceKindButton.encode([flow.nonce, "f", i])).row());
  keyboard.text(ctx.t("risks.button.evidenceOther"), evidenceKindButton.encode([flow.nonce, "o", 0])).row();
  risk.evidence.forEach((_, i) => {
    keyboard.text(ctx.t("risks.button.removeEvidence", { number: i + 1 }), evidenceRemoveButton.encode([flow.nonce, i]));
    if (i % 3 === 2) keyboard.row();
  });
  await ctx.reply(ctx.t("risks.ask.evidence", { number: risk.number }), { reply_markup: keyboard });
}

async function offerQuestions(ctx: AdalContext, flows: FlowDispatcher, nonce: string, campaignId: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "evidence");
  const survey = flow ? (await candidatesFor(ctx, flow))?.surveys.find((s) => s.campaignId === campaignId) : undefined;
  if (!flow || !survey) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard();
  const lines = [survey.title[ctx.lang]];
  survey.questions.forEach((q, i) => {
    const text = q.text[ctx.lang];
    lines.push(`${i + 1}. ${text.length > QUESTION_TEXT_MAX ? `${text.slice(0, QUESTION_TEXT_MAX - 1)}…` : text}`);
    keyboard.text(String(i + 1), evidenceQuestionButton.encode([nonce, campaignId, i]));
    if (i % 6 === 5) keyboard.row();
  });
  await replyInParts(ctx, lines.join("\n"), { keyboard });
}

async function onQuestion(ctx: AdalContext, flows: FlowDispatcher, nonce: string, campaignId: number, index: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "evidence");
  const survey = flow ? (await candidatesFor(ctx, flow))?.surveys.find((s) => s.campaignId === campaignId) : undefined;
  const question = survey?.questions[index];
  if (!flow || !question) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await saveEvidence(ctx, flows, flow, { kind: "survey", campaignId, questionId: question.questionId });
}

async function onKind(ctx: AdalContext, flows: FlowDispatcher, nonce: string, kind: "t" | "f" | "r" | "o", index: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "evidence");
  const table = INTERVIEW_TABLES[index];
  const figureKind = SOURCE_FIGURE_KINDS[index];
  if (!flow || (kind === "t" && !table) || (kind === "f" && !figureKind)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (kind === "o") {
    flow.step = "evidenceText";
    return void (await ctx.reply(ctx.t("risks.ask.evidenceText", { max: EVIDENCE_TEXT_MAX })));
  }
  const link: EvidenceLink = kind === "t" ? { kind: "interview", table: table! } : kind === "f" ? { kind: "source", figureKind: figureKind! } : { kind: "reports" };
  await saveEvidence(ctx, flows, flow, link);
}

async function onRemove(ctx: AdalContext, flows: FlowDispatcher, nonce: string, index: number): Promise<void> {
  const flow = flowAt(ctx, flows, nonce, "evidence");
  if (!flow) return staleButton(ctx);
  const result = await removeEvidence(ctx.deps.db.prisma, { analysisId: flow.analysisId, riskId: flow.riskId!, index, actorId: ctx.user!.id });
  if (!result.ok) return staleButton(ctx);
  flows.end(ctx, "risk");
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("risks.done.evidenceRemoved", { number: result.number }));
  await showCard(ctx, flow.analysisId, flow.riskId!);
}

export function installEvidence(kit: FeatureKit): void {
  kit.router.button(evidenceRemoveButton, (ctx, [nonce, index]) => onRemove(ctx, kit.flows, nonce, index));
  kit.router.button(evidenceButton, (ctx, [analysisId, riskId]) => offerSources(ctx, kit.flows, analysisId, riskId));
  kit.router.button(evidenceSurveyButton, (ctx, [nonce, campaignId]) => offerQuestions(ctx, kit.flows, nonce, campaignId));
  kit.router.button(evidenceQuestionButton, (ctx, [nonce, campaignId, index]) => onQuestion(ctx, kit.flows, nonce, campaignId, index));
  kit.router.button(evidenceKindButton, (ctx, [nonce, kind, index]) => onKind(ctx, kit.flows, nonce, kind, index));
}
