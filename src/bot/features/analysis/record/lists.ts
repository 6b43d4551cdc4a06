// The record's fields chosen from lists: the units (the department list, a page at a time), the
// direction, the information sources and the campaigns. A toggle answers «saved» and redraws
// the list's buttons; a refused one says why and changes nothing.
import { listDepartments } from "../../../../db/repositories/departments.js";
import { analysisRecordOf, campaignChoices, setDirectionBy, toggleCampaignBy, toggleSourceBy, toggleUnitBy, type AnalysisRecord } from "../../../../services/analysis-record.js";
import type { AdalContext } from "../../../context.js";
import { bestEffort } from "../../../ui/best-effort.js";
import { replyInParts } from "../../../ui/reply.js";
import { staleButton } from "../../../ui/stale.js";
import { editByButton } from "./card.js";
import { campaignsKeyboard, directionsKeyboard, sourcesView, unitsKeyboard, UNITS_PER_PAGE } from "./views.js";

async function recordFor(ctx: AdalContext, analysisId: number): Promise<AnalysisRecord | undefined> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  if (!record) return void (await staleButton(ctx));
  return record;
}

const clampPage = (page: number, count: number) => Math.min(page, Math.max(0, Math.ceil(count / UNITS_PER_PAGE) - 1));

export async function showUnits(ctx: AdalContext, analysisId: number, page: number): Promise<void> {
  const record = await recordFor(ctx, analysisId);
  if (!record) return;
  await ctx.answerCallbackQuery();
  const departments = await listDepartments(ctx.deps.db.prisma);
  if (!departments.length) return void (await ctx.reply(ctx.t("analysisRecord.choose.noUnits")));
  const shown = clampPage(page, departments.length);
  const pages = Math.ceil(departments.length / UNITS_PER_PAGE);
  await ctx.reply(ctx.t("analysisRecord.choose.units", { page: shown + 1, pages }), { reply_markup: unitsKeyboard(ctx.t, record, departments, shown) });
}

export async function toggleUnit(ctx: AdalContext, analysisId: number, departmentId: number, page: number): Promise<void> {
  const record = await editByButton(ctx, () => toggleUnitBy(ctx.deps.db.prisma, { analysisId, departmentId, actorUserId: ctx.user!.id }));
  if (!record) return;
  const departments = await listDepartments(ctx.deps.db.prisma);
  await bestEffort(ctx.deps.logger, "redraw the units", ctx.editMessageReplyMarkup({ reply_markup: unitsKeyboard(ctx.t, record, departments, clampPage(page, departments.length)) }));
}

export async function showDirections(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await recordFor(ctx, analysisId);
  if (!record) return;
  await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("analysisRecord.choose.direction"), { reply_markup: directionsKeyboard(ctx.t, record) });
}

export async function chooseDirection(ctx: AdalContext, analysisId: number, direction: string): Promise<void> {
  const record = await editByButton(ctx, () => setDirectionBy(ctx.deps.db.prisma, { analysisId, direction, actorUserId: ctx.user!.id }));
  if (record) await bestEffort(ctx.deps.logger, "redraw the directions", ctx.editMessageReplyMarkup({ reply_markup: directionsKeyboard(ctx.t, record) }));
}

export async function showSources(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await recordFor(ctx, analysisId);
  if (!record) return;
  await ctx.answerCallbackQuery();
  const view = sourcesView(ctx.t, record);
  await replyInParts(ctx, view.text, { keyboard: view.keyboard });
}

export async function toggleSource(ctx: AdalContext, analysisId: number, source: string): Promise<void> {
  const record = await editByButton(ctx, () => toggleSourceBy(ctx.deps.db.prisma, { analysisId, source, actorUserId: ctx.user!.id }));
  if (!record) return;
  const view = sourcesView(ctx.t, record);
  await bestEffort(ctx.deps.logger, "redraw the sources", ctx.editMessageText(view.text, { reply_markup: view.keyboard }));
}

export async function showCampaigns(ctx: AdalContext, analysisId: number): Promise<void> {
  const record = await recordFor(ctx, analysisId);
  if (!record) return;
  await ctx.answerCallbackQuery();
  const campaigns = await campaignChoices(ctx.deps.db.prisma, record);
  if (!campaigns.length) return void (await ctx.reply(ctx.t("analysisRecord.choose.noCampaigns")));
  await ctx.reply(ctx.t("analysisRecord.choose.campaigns"), { reply_markup: campaignsKeyboard(ctx.t, ctx.lang, record, campaigns) });
}

export async function toggleCampaign(ctx: AdalContext, analysisId: number, campaignId: number): Promise<void> {
  const record = await editByButton(ctx, () => toggleCampaignBy(ctx.deps.db.prisma, { analysisId, campaignId, actorUserId: ctx.user!.id }));
  if (!record) return;
  const campaigns = await campaignChoices(ctx.deps.db.prisma, record);
  await bestEffort(ctx.deps.logger, "redraw the campaigns", ctx.editMessageReplyMarkup({ reply_markup: campaignsKeyboard(ctx.t, ctx.lang, record, campaigns) }));
}
