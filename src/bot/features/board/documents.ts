// The board report's two documents in one language, as sent to a chat.
import { InputFile } from "grammy";
import type { BoardApproval, BoardReportData } from "../../../domain/board/report.js";
import { renderBoardDocx } from "../../../domain/board/docx.js";
import { renderBoardXlsx } from "../../../domain/board/xlsx.js";
import { formatDay } from "../../../domain/dates.js";
import type { Lang } from "../../../domain/lang.js";
import type { Translate } from "../../../i18n-resources.js";
import type { AdalContext } from "../../context.js";
import { labelOf } from "./views.js";

/** The two documents of a report in one language, as sent. */
export async function sendDocuments(ctx: AdalContext, data: BoardReportData, lang: Lang, approval: BoardApproval | null): Promise<void> {
  const t = ctx.deps.i18n.t(lang) as unknown as Translate;
  const name = `board-report-${data.periodKey}-${lang}${approval ? "" : "-draft"}`;
  const caption = approval ? ctx.t("board.bot.captionApproved", { period: labelOf(ctx.t, data.period), date: formatDay(approval.on) }) : ctx.t("board.bot.captionDraft", { period: labelOf(ctx.t, data.period) });
  await ctx.replyWithChatAction("upload_document");
  await ctx.replyWithDocument(new InputFile(await renderBoardDocx(data, lang, t, approval), `${name}.docx`), { caption });
  await ctx.replyWithDocument(new InputFile(await renderBoardXlsx(data, lang, t, approval), `${name}.xlsx`));
}

