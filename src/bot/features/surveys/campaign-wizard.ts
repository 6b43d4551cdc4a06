// Setting up a campaign: definition → mode → audience (everyone, departments or roles) →
// period (buttons or typed dates) → summary → launch. The steps live in the "campaign" flow;
// every button carries the flow's nonce, so a button of an earlier wizard is stale.
import type { NextFunction } from "grammy";
import { listDepartments } from "../../../db/repositories/departments.js";
import { getDefinition, listLatestDefinitions } from "../../../db/repositories/survey-definitions.js";
import { formatDay, parseDayPair } from "../../../domain/dates.js";
import type { Role } from "../../../domain/roles.js";
import { startCampaign } from "../../../services/surveys.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import type { FlowDispatcher, MessageContext } from "../../flow/dispatcher.js";
import type { CampaignFlow } from "../../flow/types.js";
import { hasAccess } from "../../router.js";
import { newNonce } from "../../ui/args.js";
import { bestEffort } from "../../ui/best-effort.js";
import { staleButton } from "../../ui/stale.js";
import {
  cancelCampaignButton,
  confirmCampaignButton,
  newCampaignButton,
  pickAudienceButton,
  pickDefinitionButton,
  pickModeButton,
  pickPeriodButton,
  toggleDepartmentButton,
  toggleRoleButton,
} from "./buttons.js";
import { actorOf, addDays, describeAudience, today } from "./common.js";
import {
  audienceChoiceKeyboard,
  campaignSummaryView,
  definitionChoiceKeyboard,
  departmentKeyboard,
  modeChoiceKeyboard,
  periodKeyboard,
  roleKeyboard,
  viewCampaignKeyboard,
} from "./views.js";

/** The wizard this button belongs to, or none (an older wizard, or none at all). */
function draftOf(ctx: AdalContext, flows: FlowDispatcher, nonce: string): CampaignFlow | null {
  const draft = flows.current(ctx, "campaign");
  return draft?.nonce === nonce ? draft : null;
}

const removeButtons = (ctx: AdalContext) => bestEffort(ctx.deps.logger, "remove the wizard step's buttons", ctx.editMessageReplyMarkup());
const periodExample = (ctx: AdalContext) => `${formatDay(today(ctx))} – ${formatDay(addDays(today(ctx), 14))}`;

async function begin(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  await ctx.answerCallbackQuery();
  const defs = await listLatestDefinitions(ctx.deps.db.prisma);
  if (defs.length === 0) return void (await ctx.reply(ctx.t("campaigns.noDefinitions")));
  const nonce = newNonce();
  await flows.start(ctx, { kind: "campaign", nonce });
  await ctx.reply(ctx.t("campaigns.chooseDefinition"), { reply_markup: definitionChoiceKeyboard(ctx.t, ctx.lang, defs, nonce) });
}

async function cancel(ctx: AdalContext, flows: FlowDispatcher): Promise<void> {
  flows.end(ctx, "campaign");
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "say the wizard was cancelled", ctx.editMessageText(ctx.t("common.cancelled")));
}

async function pickDefinition(ctx: AdalContext, flows: FlowDispatcher, [nonce, definitionId]: readonly [string, number]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  const def = draft ? await getDefinition(ctx.deps.db.prisma, definitionId) : null;
  if (!draft || !def) return staleButton(ctx);
  draft.definitionId = def.id;
  await ctx.answerCallbackQuery();
  await removeButtons(ctx);
  const suggested = def.definition.mode;
  await ctx.reply(ctx.t("campaigns.chooseMode", { title: def.definition.title[ctx.lang], suggested: ctx.t(`campaigns.mode.${suggested}`) }), { reply_markup: modeChoiceKeyboard(ctx.t, nonce) });
}

async function pickMode(ctx: AdalContext, flows: FlowDispatcher, [nonce, mode]: readonly [string, "a" | "t"]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  if (!draft?.definitionId) return staleButton(ctx);
  draft.mode = mode === "a" ? "anonymous" : "attributed";
  await ctx.answerCallbackQuery();
  await removeButtons(ctx);
  await ctx.reply(ctx.t("campaigns.chooseAudience"), { reply_markup: audienceChoiceKeyboard(ctx.t, nonce) });
}

async function askPeriod(ctx: AdalContext, draft: CampaignFlow): Promise<void> {
  draft.awaitingDates = true;
  await ctx.reply(ctx.t("campaigns.choosePeriod", { example: periodExample(ctx) }), { reply_markup: periodKeyboard(ctx.t, draft.nonce) });
}

async function pickAudience(ctx: AdalContext, flows: FlowDispatcher, [nonce, choice]: readonly [string, "all" | "dep" | "role" | "depok" | "roleok"]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  if (!draft?.mode) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  if (choice === "all") draft.audience = { kind: "all" };
  if (choice === "dep") {
    draft.audience = { kind: "departments", ids: [] };
    const keyboard = departmentKeyboard(ctx.t, nonce, await listDepartments(ctx.deps.db.prisma), []);
    return void (await bestEffort(ctx.deps.logger, "show the departments", ctx.editMessageText(ctx.t("campaigns.chooseDepartments"), { reply_markup: keyboard })));
  }
  if (choice === "role") {
    draft.audience = { kind: "roles", roles: [] };
    return void (await bestEffort(ctx.deps.logger, "show the roles", ctx.editMessageText(ctx.t("campaigns.chooseRoles"), { reply_markup: roleKeyboard(ctx.t, nonce, []) })));
  }
  const a = draft.audience;
  if ((choice === "depok" && (a?.kind !== "departments" || a.ids.length === 0)) || (choice === "roleok" && (a?.kind !== "roles" || a.roles.length === 0))) {
    return void (await ctx.reply(ctx.t("campaigns.audienceEmpty")));
  }
  await removeButtons(ctx);
  await askPeriod(ctx, draft);
}

function toggled<T>(items: T[], item: T): T[] {
  const set = new Set(items);
  if (set.has(item)) set.delete(item);
  else set.add(item);
  return [...set];
}

async function toggleDepartment(ctx: AdalContext, flows: FlowDispatcher, [nonce, departmentId]: readonly [string, number]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  if (!draft || draft.audience?.kind !== "departments") return staleButton(ctx);
  const ids = toggled(draft.audience.ids, departmentId);
  draft.audience = { kind: "departments", ids };
  await ctx.answerCallbackQuery();
  const keyboard = departmentKeyboard(ctx.t, nonce, await listDepartments(ctx.deps.db.prisma), ids);
  await bestEffort(ctx.deps.logger, "tick the department", ctx.editMessageReplyMarkup({ reply_markup: keyboard }));
}

async function toggleRole(ctx: AdalContext, flows: FlowDispatcher, [nonce, role]: readonly [string, Role]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  if (!draft || draft.audience?.kind !== "roles") return staleButton(ctx);
  const roles = toggled(draft.audience.roles, role);
  draft.audience = { kind: "roles", roles };
  await ctx.answerCallbackQuery();
  await bestEffort(ctx.deps.logger, "tick the role", ctx.editMessageReplyMarkup({ reply_markup: roleKeyboard(ctx.t, nonce, roles) }));
}

async function showSummary(ctx: AdalContext, draft: CampaignFlow): Promise<void> {
  const def = await getDefinition(ctx.deps.db.prisma, draft.definitionId!);
  const audience = await describeAudience(ctx, draft.audience!);
  const view = campaignSummaryView(ctx.t, draft, { title: def?.definition.title[ctx.lang] ?? "—", version: def?.version ?? 0 }, audience);
  await ctx.reply(view.text, { reply_markup: view.keyboard });
}

/** Takes the period (a start in the past becomes today) and shows the summary; false when refused. */
async function setPeriod(ctx: AdalContext, draft: CampaignFlow, from: string, to: string): Promise<boolean> {
  if (to < from || to < today(ctx)) {
    await ctx.reply(ctx.t(to < from ? "campaigns.periodReversed" : "campaigns.periodPast"));
    return false;
  }
  draft.opensOn = from < today(ctx) ? today(ctx) : from;
  draft.closesOn = to;
  delete draft.awaitingDates;
  await showSummary(ctx, draft);
  return true;
}

async function pickPeriod(ctx: AdalContext, flows: FlowDispatcher, [nonce, days]: readonly [string, number]): Promise<void> {
  const draft = draftOf(ctx, flows, nonce);
  if (!draft?.audience) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await removeButtons(ctx);
  await setPeriod(ctx, draft, today(ctx), addDays(today(ctx), days - 1));
}

/** The period typed as text ("02.03.2026 – 16.03.2026"), while the wizard waits for it. */
async function typedPeriod(ctx: MessageContext, draft: CampaignFlow, next: NextFunction): Promise<unknown> {
  const text = ctx.message.text;
  if (!draft.awaitingDates || text === undefined || !hasAccess(ctx, "manageSurveys")) return next();
  const period = parseDayPair(text);
  if (!period) return void (await ctx.reply(ctx.t("campaigns.periodInvalid", { example: periodExample(ctx) })));
  await setPeriod(ctx, draft, period.from, period.to);
}

async function launch(ctx: AdalContext, kit: FeatureKit, [nonce]: readonly [string]): Promise<void> {
  const draft = draftOf(ctx, kit.flows, nonce);
  if (!draft?.closesOn || !draft.definitionId || !draft.mode || !draft.audience || !draft.opensOn) return staleButton(ctx);
  kit.flows.end(ctx, "campaign");
  await ctx.answerCallbackQuery();
  await removeButtons(ctx);
  const { definitionId, mode, audience, opensOn, closesOn } = draft;
  const { campaign, people } = await startCampaign(ctx.deps.db.prisma, actorOf(ctx), { definitionId, mode, audience, opensOn, closesOn }, today(ctx));
  if (people === null) return void (await ctx.reply(ctx.t("campaigns.scheduled", { id: campaign.id, date: formatDay(campaign.opensOn) })));
  kit.hooks.campaignOpened(campaign.id);
  await ctx.reply(ctx.t("campaigns.launched", { id: campaign.id, people }), { reply_markup: viewCampaignKeyboard(ctx.t, campaign.id) });
}

export function installCampaignWizard(kit: FeatureKit): void {
  const { router, flows } = kit;
  router.button(newCampaignButton, (ctx) => begin(ctx, flows));
  router.button(cancelCampaignButton, (ctx) => cancel(ctx, flows));
  router.button(pickDefinitionButton, (ctx, args) => pickDefinition(ctx, flows, args));
  router.button(pickModeButton, (ctx, args) => pickMode(ctx, flows, args));
  router.button(pickAudienceButton, (ctx, args) => pickAudience(ctx, flows, args));
  router.button(toggleDepartmentButton, (ctx, args) => toggleDepartment(ctx, flows, args));
  router.button(toggleRoleButton, (ctx, args) => toggleRole(ctx, flows, args));
  router.button(pickPeriodButton, (ctx, args) => pickPeriod(ctx, flows, args));
  router.button(confirmCampaignButton, (ctx, args) => launch(ctx, kit, args));
  flows.register({ kind: "campaign", label: () => "flows.campaign", onMessage: typedPeriod });
}
