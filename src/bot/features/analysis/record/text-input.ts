// The record's fields typed as text: the order («№ 218 от 09.04.2021»), the organisation and
// the object (kept in the officer's language), the period the data covers, and the search for
// a working-group member (the people found are buttons tied to this search).
import type { NextFunction } from "grammy";
import { searchUsers } from "../../../../db/repositories/users.js";
import { parseOrderInput, parsePeriodInput } from "../../../../domain/analysis/record-input.js";
import { otherLang } from "../../../../domain/analysis/translations.js";
import { analysisRecordOf, RecordEditError, setCoveredPeriodBy, setOrderBy, setRecordTextBy, type AnalysisRecord } from "../../../../services/analysis-record.js";
import type { AdalContext } from "../../../context.js";
import type { FlowDispatcher, MessageContext } from "../../../flow/dispatcher.js";
import type { AnalysisRecordInputFlow } from "../../../flow/types.js";
import { hasAccess } from "../../../router.js";
import { newNonce } from "../../../ui/args.js";
import { staleButton } from "../../../ui/stale.js";
import type { TEXT_FIELDS } from "./buttons.js";
import { showCard } from "./card.js";
import { candidatesKeyboard, localizedAskView } from "./views.js";

const MAX_SEARCH = 100;

export async function askText(ctx: AdalContext, flows: FlowDispatcher, field: (typeof TEXT_FIELDS)[number], analysisId: number): Promise<void> {
  const record = await analysisRecordOf(ctx.deps.db.prisma, analysisId);
  if (!record) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  const flow: AnalysisRecordInputFlow = { kind: "analysisRecordInput", analysisId, field, nonce: newNonce() };
  if (field !== "organisation" && field !== "objectText") {
    await flows.start(ctx, flow);
    return void (await ctx.reply(ctx.t(`analysisRecord.ask.${field}`)));
  }
  flow.lang = ctx.lang;
  await flows.start(ctx, flow);
  await askLocalized(ctx, flow, record);
}

/** The organisation or the object: what it says now in each language, and the other language offered. */
async function askLocalized(ctx: AdalContext, flow: AnalysisRecordInputFlow, record: AnalysisRecord): Promise<void> {
  const view = localizedAskView(ctx.t, flow.field as "organisation" | "objectText", record, flow.lang ?? ctx.lang, flow.nonce);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

/** The other language's button: the same field, written in the other language. */
export async function switchTextLang(ctx: AdalContext, flows: FlowDispatcher, nonce: string): Promise<void> {
  const flow = flows.current(ctx, "analysisRecordInput");
  const record = flow && flow.nonce === nonce && flow.lang ? await analysisRecordOf(ctx.deps.db.prisma, flow.analysisId) : null;
  if (!flow || !record) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  flow.lang = otherLang(flow.lang!);
  await askLocalized(ctx, flow, record);
}

/** The edit the text stands for; a text that does not parse is explained (undefined). */
async function editOf(ctx: MessageContext, flow: AnalysisRecordInputFlow, text: string): Promise<(() => Promise<AnalysisRecord | null>) | undefined> {
  const base = { analysisId: flow.analysisId, actorUserId: ctx.user!.id };
  const db = ctx.deps.db.prisma;
  if (flow.field === "order") {
    const order = parseOrderInput(text);
    if (!order) return void (await ctx.reply(ctx.t("analysisRecord.badOrder")));
    return () => setOrderBy(db, { ...base, ...order });
  }
  if (flow.field === "covered") {
    const period = parsePeriodInput(text);
    if (!period) return void (await ctx.reply(ctx.t("analysisRecord.badPeriod")));
    return () => setCoveredPeriodBy(db, { ...base, ...period });
  }
  const field = flow.field === "organisation" ? "organisation" : "objectText";
  return () => setRecordTextBy(db, { ...base, field, lang: flow.lang ?? ctx.lang, text });
}

async function searchMember(ctx: MessageContext, flow: AnalysisRecordInputFlow, text: string): Promise<void> {
  const found = await searchUsers(ctx.deps.db.prisma, text.trim().slice(0, MAX_SEARCH), 10);
  if (!found.length) return void (await ctx.reply(ctx.t("analysisRecord.memberNotFound")));
  // A new search makes the previous one's buttons stale.
  flow.nonce = newNonce();
  await ctx.reply(ctx.t("analysisRecord.choose.member"), { reply_markup: candidatesKeyboard(flow.analysisId, flow.nonce, found) });
}

export async function onText(ctx: MessageContext, flows: FlowDispatcher, flow: AnalysisRecordInputFlow, next: NextFunction): Promise<unknown> {
  const text = ctx.message.text;
  if (text === undefined || !hasAccess(ctx, "managePlan")) return next();
  if (flow.field === "member") return searchMember(ctx, flow, text);
  const edit = await editOf(ctx, flow, text);
  if (!edit) return;
  try {
    const record = await edit();
    flows.end(ctx, "analysisRecordInput");
    if (!record) return void (await ctx.reply(ctx.t("common.staleButton")));
    await ctx.reply(ctx.t("analysisRecord.saved"));
    await showCard(ctx, record);
  } catch (error) {
    if (!(error instanceof RecordEditError)) throw error;
    await ctx.reply(ctx.t(`analysisRecord.error.${error.code}`));
  }
}
