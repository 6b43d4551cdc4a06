// /monitoring: the quarter's information on the action plan's execution — the totals as a short
// text and the DOCX and XLSX in the person's language, the other language on a button, and
// (compliance) the non-execution list to the head. Observers read; they do not send.
import { InputFile } from "grammy";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { monitoringDocx, monitoringXlsx } from "../../../domain/plan/monitoring-report.js";
import type { Lang } from "../../../domain/lang.js";
import { periodRange, previousQuarter } from "../../../domain/plan/execution.js";
import { can } from "../../../domain/roles.js";
import { periodKey } from "../../../domain/plan/execution.js";
import type { QuarterPeriod } from "../../../services/monitoring.js";
import { planExecution, type PlanExecution } from "../../../services/plan-execution.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { replyInParts } from "../../ui/reply.js";
import { draftButton, langButton, quarterButton } from "./buttons.js";
import { latestQuarters, quarterPeriod, summaryKeyboard, summaryText } from "./views.js";

export function today(ctx: AdalContext): IsoDate {
  return toIsoDate(ctx.deps.now(), ctx.config.timeZone);
}

function execution(ctx: AdalContext, period: QuarterPeriod): Promise<PlanExecution> {
  return planExecution(ctx.deps.db.prisma, ctx.deps.keyring, period, today(ctx));
}

async function sendDocuments(ctx: AdalContext, data: PlanExecution, lang: Lang): Promise<void> {
  const t = ctx.deps.i18n.t(lang);
  const name = `plan-execution-${periodKey(data.period)}-${lang}`;
  await ctx.replyWithChatAction("upload_document");
  await ctx.replyWithDocument(new InputFile(await monitoringDocx(data, lang, t), `${name}.docx`));
  await ctx.replyWithDocument(new InputFile(await monitoringXlsx(data, lang, t), `${name}.xlsx`));
}

/** The totals, the documents (when the quarter has due dates) and the keyboard. */
async function showQuarter(ctx: AdalContext, period: QuarterPeriod): Promise<void> {
  const data = await execution(ctx, period);
  const documents = data.rows.length > 0;
  if (documents) await sendDocuments(ctx, data, ctx.lang);
  const keyboard = summaryKeyboard(ctx.t, { period, lang: ctx.lang, documents, canSendHead: can(ctx.user?.role, "managePlan") && today(ctx) > periodRange(period).to, quarters: latestQuarters(today(ctx)) });
  await replyInParts(ctx, summaryText(ctx.t, ctx.lang, period, data.asOf, data.totals), { keyboard });
}

async function onCommand(ctx: AdalContext): Promise<void> {
  await showQuarter(ctx, previousQuarter(today(ctx)));
}

async function onQuarter(ctx: AdalContext, [year, quarter]: readonly [number, number]): Promise<void> {
  await ctx.answerCallbackQuery();
  await showQuarter(ctx, quarterPeriod(year, quarter));
}

async function onLang(ctx: AdalContext, [year, quarter, lang]: readonly [number, number, Lang]): Promise<void> {
  await ctx.answerCallbackQuery();
  const data = await execution(ctx, quarterPeriod(year, quarter));
  if (!data.rows.length) return void (await ctx.reply(summaryText(ctx.t, ctx.lang, data.period as QuarterPeriod, data.asOf, data.totals)));
  await sendDocuments(ctx, data, lang);
}

export function installScreen(kit: FeatureKit): void {
  kit.router.command({ name: "monitoring", access: "viewSummaries", descriptionKey: "commands.monitoring" }, onCommand);
  kit.router.button(quarterButton, onQuarter);
  kit.router.button(draftButton, onQuarter);
  kit.router.button(langButton, onLang);
}
