// What the risk register's screens share: today, the viewer as an actor, the evidence
// service's dependencies, and the card shown again after a change.
import { InputFile } from "grammy";
import { analysisById } from "../../../../db/repositories/plan.js";
import { toIsoDate } from "../../../../domain/calendar/time-zone.js";
import type { IsoDate } from "../../../../domain/calendar/days.js";
import { renderRiskMapPng } from "../../../../domain/analysis/risk-map.js";
import type { Translate } from "../../../../i18n-resources.js";
import { describeEvidence, riskEntryOf, riskRegisterOf, type EvidenceDeps } from "../../../../services/risks.js";
import { standardLabels } from "../../../../services/survey-labels.js";
import type { Actor } from "../../../../services/surveys.js";
import type { AdalContext } from "../../../context.js";
import { hasAccess } from "../../../router.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { cardView, listView } from "./views.js";

export function today(ctx: AdalContext): IsoDate {
  return toIsoDate(ctx.deps.now(), ctx.config.timeZone);
}

export function actorOf(ctx: AdalContext): Actor {
  return { id: ctx.user!.id, role: ctx.user!.role };
}

export function evidenceDeps(ctx: AdalContext): EvidenceDeps {
  return { db: ctx.deps.db.prisma, keyring: ctx.deps.keyring, labels: standardLabels(ctx.deps), k: ctx.config.surveys.minGroup, textK: ctx.config.surveys.minTextGroup };
}

export const canEdit = (ctx: AdalContext) => hasAccess(ctx, "managePlan");
const translate = (ctx: AdalContext) => ctx.t as unknown as Translate;

/** The register's page. */
export async function showList(ctx: AdalContext, analysisId: number, page = 0): Promise<void> {
  const risks = await riskRegisterOf(ctx.deps.db.prisma, analysisId);
  const view = listView(ctx.t, { analysisId, risks, page, lang: ctx.lang, canEdit: canEdit(ctx) });
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

/** A risk's card; false when the risk is not this analysis's. */
export async function showCard(ctx: AdalContext, analysisId: number, riskId: number): Promise<boolean> {
  const db = ctx.deps.db.prisma;
  const risk = await riskEntryOf(db, analysisId, riskId);
  if (!risk) return false;
  const evidence = await Promise.all(risk.evidence.map((l) => describeEvidence(db, l, translate(ctx), ctx.lang)));
  const view = cardView(ctx.t, { analysisId, risk, evidence, lang: ctx.lang, canEdit: canEdit(ctx) });
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
  return true;
}

/** The map as a photo (with every number; the cells that overflow say «+n»). */
export async function showMap(ctx: AdalContext, analysisId: number): Promise<void> {
  if (!(await analysisById(ctx.deps.db.prisma, analysisId))) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const risks = await riskRegisterOf(ctx.deps.db.prisma, analysisId);
  if (!risks.length) return void (await ctx.reply(ctx.t("risks.map.empty")));
  const png = await renderRiskMapPng(risks, translate(ctx), ctx.lang);
  await ctx.replyWithPhoto(new InputFile(png, "risk-map.png"), { caption: ctx.t("risks.map.caption") });
}
