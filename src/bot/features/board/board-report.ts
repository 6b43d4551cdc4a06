// /board_report: compliance officers get the draft of a period (DOCX + XLSX in their language,
// the other language by a button) and approve it; observers open the approved ones.
import { defaultBoardPeriod, endedBoardPeriods, parsePeriodKey, type BoardPeriod } from "../../../domain/board/report.js";
import { periodKey } from "../../../domain/plan/execution.js";
import type { Lang } from "../../../domain/lang.js";
import { can } from "../../../domain/roles.js";
import { approvedBoardReport, approvedBoardReportList, boardReportForOfficer, storedBoardReport } from "../../../services/board-report.js";
import type { AdalContext } from "../../context.js";
import type { FeatureKit } from "../../feature.js";
import { HTML } from "../../ui/html.js";
import { staleButton } from "../../ui/stale.js";
import { boardFilesButton, boardGetButton, boardPeriodButton } from "./buttons.js";
import { approvedView, draftView, observerListView } from "./views.js";
import { installApprove } from "./approve.js";
import { installReapprove } from "./reapprove.js";
import { sendDocuments } from "./documents.js";
import { depsOf, todayOf } from "./common.js";

/** The other recent periods an officer can switch to. */
const othersThan = (ctx: AdalContext, period: BoardPeriod) => endedBoardPeriods(todayOf(ctx), 5).filter((p) => periodKey(p) !== periodKey(period));

export async function showOfficer(ctx: AdalContext, period: BoardPeriod): Promise<void> {
  const view = await boardReportForOfficer(depsOf(ctx), ctx.user!, period, todayOf(ctx));
  const approval = view.state === "approved" ? view.approval : null;
  await sendDocuments(ctx, view.data, ctx.lang, approval);
  const shown = view.state === "approved" ? approvedView(ctx.t, ctx.lang, view.data.periodKey, period, view.approval, othersThan(ctx, period)) : draftView(ctx.t, ctx.lang, view.data.periodKey, period, view.data.dueOn, view.nonce, othersThan(ctx, period));
  await ctx.reply(shown.text, { ...HTML, reply_markup: shown.keyboard });
}

async function showObserver(ctx: AdalContext): Promise<void> {
  const view = observerListView(ctx.t, ctx.lang, await approvedBoardReportList(ctx.deps.db.prisma));
  await ctx.reply(view.text, { ...HTML, ...(view.keyboard ? { reply_markup: view.keyboard } : {}) });
}

async function command(ctx: AdalContext): Promise<void> {
  if (can(ctx.user?.role, "managePlan")) await showOfficer(ctx, defaultBoardPeriod(todayOf(ctx)));
  else await showObserver(ctx);
}

async function periodChosen(ctx: AdalContext, key: string): Promise<void> {
  const period = parsePeriodKey(key);
  // A period that has not ended has no report (a forged or stale button).
  if (!period || !endedBoardPeriods(todayOf(ctx), 12).some((p) => periodKey(p) === key)) return staleButton(ctx);
  await ctx.answerCallbackQuery();
  await showOfficer(ctx, period);
}

async function filesIn(ctx: AdalContext, key: string, lang: Lang): Promise<void> {
  const stored = await storedBoardReport(depsOf(ctx), key);
  if (!stored) return void (await ctx.answerCallbackQuery({ text: ctx.t("board.bot.noDraft"), show_alert: true }));
  await ctx.answerCallbackQuery();
  await sendDocuments(ctx, stored.data, lang, stored.state === "approved" ? stored.approval : null);
}

async function approvedFiles(ctx: AdalContext, key: string, lang: Lang): Promise<void> {
  const approved = await approvedBoardReport(depsOf(ctx), key);
  if (!approved) return void (await ctx.answerCallbackQuery({ text: ctx.t("board.bot.notApproved"), show_alert: true }));
  await ctx.answerCallbackQuery();
  await sendDocuments(ctx, approved.data, lang, approved.approval);
}

export function installBoardReport(kit: FeatureKit): void {
  kit.router.command({ name: "board_report", access: "viewSummaries", descriptionKey: "commands.board_report" }, command);
  kit.router.button(boardPeriodButton, (ctx, [key]) => periodChosen(ctx, key));
  kit.router.button(boardFilesButton, (ctx, [key, lang]) => filesIn(ctx, key, lang));
  kit.router.button(boardGetButton, (ctx, [key, lang]) => approvedFiles(ctx, key, lang));
  installApprove(kit);
  installReapprove(kit);
}
