// Texts and keyboards of the board report's screens.
import { InlineKeyboard } from "grammy";
import { parsePeriodKey, type BoardPeriod } from "../../../domain/board/report.js";
import { periodKey } from "../../../domain/plan/execution.js";
import { periodLabel } from "../../../domain/board/texts.js";
import { formatDay } from "../../../domain/dates.js";
import { LANGUAGES, type Lang } from "../../../domain/lang.js";
import type { TFunction } from "../../../i18n.js";
import type { Translate } from "../../../i18n-resources.js";
import { escapeHtml } from "../../ui/html.js";
import { boardApproveButton, boardFilesButton, boardGetButton, boardPeriodButton, boardReapproveButton, boardRedrawButton } from "./buttons.js";

export const labelOf = (t: TFunction, p: BoardPeriod) => periodLabel(t as unknown as Translate, p);
export const labelOfKey = (t: TFunction, key: string) => {
  const p = parsePeriodKey(key);
  return p ? labelOf(t, p) : key;
};

const otherLang = (lang: Lang): Lang => LANGUAGES.find((l) => l !== lang)!;

export function draftView(t: TFunction, lang: Lang, key: string, period: BoardPeriod, due: string, nonce: string, others: BoardPeriod[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard().text(t("board.bot.approveButton"), boardApproveButton.encode([key, nonce])).row();
  keyboard.text(t(`board.bot.filesIn.${otherLang(lang)}`), boardFilesButton.encode([key, otherLang(lang)])).row();
  periodRow(t, keyboard, others);
  return { text: `${t("board.bot.draft", { period: escapeHtml(labelOf(t, period)), due: formatDay(due) })}\n\n${t("board.bot.otherPeriods")}`, keyboard };
}

export function approvedView(t: TFunction, lang: Lang, key: string, period: BoardPeriod, approval: { by: string; on: string }, others: BoardPeriod[]): { text: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard().text(t(`board.bot.filesIn.${otherLang(lang)}`), boardGetButton.encode([key, otherLang(lang)])).row();
  keyboard.text(t("board.bot.redrawButton"), boardRedrawButton.encode([key])).row();
  periodRow(t, keyboard, others);
  return { text: `${t("board.bot.approvedShown", { period: escapeHtml(labelOf(t, period)), date: formatDay(approval.on), name: escapeHtml(approval.by) })}\n\n${t("board.bot.otherPeriods")}`, keyboard };
}

function periodRow(t: TFunction, keyboard: InlineKeyboard, periods: BoardPeriod[]): void {
  periods.forEach((p, i) => {
    keyboard.text(labelOf(t, p), boardPeriodButton.encode([periodKey(p)]));
    if (i % 2 === 1) keyboard.row();
  });
}

export function observerListView(t: TFunction, lang: Lang, reports: { periodKey: string }[]): { text: string; keyboard?: InlineKeyboard } {
  if (!reports.length) return { text: t("board.bot.observerNone") };
  const keyboard = new InlineKeyboard();
  for (const r of reports) keyboard.text(labelOfKey(t, r.periodKey), boardGetButton.encode([r.periodKey, lang])).row();
  return { text: t("board.bot.observerList"), keyboard };
}

export function redrawnView(t: TFunction, period: BoardPeriod, key: string, asOf: string, digest: string, approval: { by: string; on: string }): { text: string; keyboard: InlineKeyboard } {
  return {
    text: t("board.bot.redrawn", { period: escapeHtml(labelOf(t, period)), asOf: formatDay(asOf), date: formatDay(approval.on), name: escapeHtml(approval.by) }),
    keyboard: new InlineKeyboard().text(t("board.bot.reapproveButton"), boardReapproveButton.encode([key, digest])),
  };
}

/** A callback answer holds at most 200 characters; a name in the roster may be as long. */
const MAX_ALERT_NAME = 100;

/** Why an approval or a re-approval did not happen, for the button's alert. */
export function refusalText(t: TFunction, outcome: { reason: "approved"; approval: { by: string; on: string } } | { reason: "changed" | "noDraft" }): string {
  const by = outcome.reason === "approved" ? outcome.approval.by : "";
  const name = by.length > MAX_ALERT_NAME ? `${by.slice(0, MAX_ALERT_NAME - 1)}…` : by;
  if (outcome.reason === "approved") return t("board.bot.alreadyApproved", { date: formatDay(outcome.approval.on), name });
  return t(outcome.reason === "changed" ? "board.bot.draftChanged" : "board.bot.noDraft");
}
