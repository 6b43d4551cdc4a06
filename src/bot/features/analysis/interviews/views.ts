// The interview tables' screen: how many units answered and the key totals, with the buttons
// for the documents in both languages and back to the analysis.
import { InlineKeyboard } from "grammy";
import { formatFigure, formatTurnover, type InterviewTables } from "../../../../domain/analysis/interview-tables.js";
import type { Lang } from "../../../../domain/lang.js";
import type { TFunction } from "../../../../i18n.js";
import { hubButton } from "../buttons.js";
import { interviewsDocxButton, interviewsXlsxButton } from "./buttons.js";

/** The summary of the tables (no unit is named: the names are in the documents). */
export function summaryText(t: TFunction, tables: InterviewTables, lang: Lang): string {
  const lines = [t("analysisInterviews.bot.title"), t("analysisInterviews.bot.units", { count: tables.respondents.length })];
  if (!tables.respondents.length) return [...lines.slice(0, 1), t("analysisInterviews.bot.noAnswers")].join("\n");
  const p = tables.personnel.total;
  lines.push(
    t("analysisInterviews.bot.functions", { services: tables.public_services.rows.length, permits: tables.permits.rows.length, control: tables.control.rows.length }),
    t("analysisInterviews.bot.staff", { positions: formatFigure(p.values.hr_staff_positions ?? 0, lang), headcount: formatFigure(p.values.hr_headcount ?? 0, lang) }),
    t("analysisInterviews.bot.turnover", { turnover: formatTurnover(p, lang) }),
    t("analysisInterviews.bot.penalties", { total: tables.penalties.total.total, cancelled: tables.cancelled_penalties.total }),
    t("analysisInterviews.bot.offences", { count: tables.offences.total }),
    t("analysisInterviews.bot.acts", { count: tables.legal_acts.rows.length }),
    "",
    t("analysisInterviews.bot.named"),
  );
  return lines.join("\n");
}

export function summaryKeyboard(t: TFunction, analysisId: number, hasAnswers: boolean): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (hasAnswers) {
    kb.text(t("analysisInterviews.bot.docxKk"), interviewsDocxButton.encode([analysisId, "kk"])).text(t("analysisInterviews.bot.docxRu"), interviewsDocxButton.encode([analysisId, "ru"])).row();
    kb.text(t("analysisInterviews.bot.xlsxKk"), interviewsXlsxButton.encode([analysisId, "kk"])).text(t("analysisInterviews.bot.xlsxRu"), interviewsXlsxButton.encode([analysisId, "ru"])).row();
  }
  return kb.text(t("analysisInterviews.bot.back"), hubButton.encode([analysisId]));
}
