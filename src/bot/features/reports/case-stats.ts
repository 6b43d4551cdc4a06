// The statistics of a year for the analytic report: text, and XLSX in kk or ru.
import { InputFile } from "grammy";
import { toIsoDate } from "../../../domain/calendar/time-zone.js";
import { yearPeriod } from "../../../domain/reports/stats.js";
import { renderCaseStatsXlsx } from "../../../domain/reports/stats-xlsx.js";
import type { Lang } from "../../../domain/lang.js";
import { caseStatistics } from "../../../services/reports.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { statsButton, statsXlsxButton, statsYearButton } from "./buttons.js";
import { alert, editOrReply, guarded, officerOf } from "./case-common.js";
import { statsText } from "./cases-view.js";
import { serviceOf } from "./service.js";
import { statsKeyboard } from "./views.js";

const currentYear = (ctx: AdalContext) => Number(toIsoDate(ctx.deps.now(), ctx.config.timeZone).slice(0, 4));

/** A year that has not begun has no statistics (a forged or stale button); answered and false. */
async function yearStarted(ctx: AdalContext, year: number): Promise<boolean> {
  if (year <= currentYear(ctx)) return true;
  await alert(ctx, ctx.t("cases.stats.future", { year }));
  return false;
}

async function showStats(ctx: AdalContext, year: number, edit: boolean): Promise<void> {
  const got = await guarded(ctx, () => caseStatistics(serviceOf(ctx), officerOf(ctx), yearPeriod(year)));
  if (!got.ok) return;
  await ctx.answerCallbackQuery();
  const stats = got.value;
  const text = statsText(ctx.t, year, stats, ctx.t(`reportTerms.audience.${stats.audience}`));
  await editOrReply(ctx, text, statsKeyboard(ctx.t, year, currentYear(ctx)), edit);
}

async function sendXlsx(ctx: AdalContext, year: number, fileLang: Lang): Promise<void> {
  if (!(await yearStarted(ctx, year))) return;
  const got = await guarded(ctx, () => caseStatistics(serviceOf(ctx), officerOf(ctx), yearPeriod(year)));
  if (!got.ok) return;
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction("upload_document");
  const stats = got.value;
  const file = new InputFile(await renderCaseStatsXlsx(stats, fileLang, ctx.deps.i18n.t(fileLang)), `reports-${year}-${fileLang}.xlsx`);
  await ctx.replyWithDocument(file, { caption: ctx.t("cases.stats.fileCaption", { year, audience: ctx.t(`reportTerms.audience.${stats.audience}`) }) });
}

export function installCaseStats(kit: FeatureKit): void {
  kit.router.button(statsButton, async (ctx) => {
    kit.flows.end(ctx, "caseInput");
    await showStats(ctx, currentYear(ctx), false);
  });
  kit.router.button(statsYearButton, async (ctx, [year]) => {
    if (await yearStarted(ctx, year)) await showStats(ctx, year, true);
  });
  kit.router.button(statsXlsxButton, (ctx, [year, fileLang]) => sendXlsx(ctx, year, fileLang));
}
