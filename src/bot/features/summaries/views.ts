// The summaries' texts and keyboards: the same figures for the weekly digest and /dashboard.
import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { formatDay } from "../../../domain/dates.js";
import type { Lang } from "../../../domain/lang.js";
import { MAX_LISTED, type PlanLine, type SummaryFigures } from "../../../domain/summaries/figures.js";
import { formatPercent } from "../../../domain/surveys/report/csv.js";
import type { TFunction } from "../../../i18n.js";
import { taskTitle } from "../../ui/task-title.js";
import { digestOffButton, digestOnButton } from "./buttons.js";

/** A Telegram message holds 4096 characters; the digest is one message. */
const MAX_TEXT = 4000;
const MAX_TITLE = 120;
const MAX_WHO = 120;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function reportLines(t: TFunction, f: SummaryFigures): string[] {
  if (!f.reports) return [];
  const r = f.reports;
  return [t(`summaries.reports.title.${r.audience}`), `• ${t("summaries.reports.recent", { count: r.recent, from: formatDay(r.from), to: formatDay(r.to) })}`, `• ${t("summaries.reports.overdue", { count: r.overdue })}`];
}

function campaignLines(t: TFunction, lang: Lang, f: SummaryFigures): string[] {
  if (!f.campaigns) return [];
  if (f.campaigns.length === 0) return [t("summaries.campaigns.title"), t("summaries.campaigns.none")];
  const more = f.campaigns.length - MAX_LISTED;
  return [
    t("summaries.campaigns.title"),
    ...f.campaigns.slice(0, MAX_LISTED).map((c) => {
      const params = { title: cut(c.title[lang], MAX_TITLE), date: formatDay(c.closesOn), completed: c.completed, invited: c.invited };
      return `• ${c.rate === null ? t("summaries.campaigns.notReached", params) : t("summaries.campaigns.line", { ...params, rate: formatPercent(c.rate, lang) })}`;
    }),
    ...(more > 0 ? [t("summaries.campaigns.more", { count: more })] : []),
  ];
}

function planLine(t: TFunction, l: PlanLine, overdue: boolean): string {
  const params = { date: formatDay(l.dueOn), title: cut(taskTitle(t, l.task), MAX_TITLE), who: l.who ? cut(l.who, MAX_WHO) : t("summaries.plan.nobody") };
  return overdue ? t("summaries.plan.overdueLine", { ...params, late: t("summaries.plan.late", { count: l.days }) }) : t("summaries.plan.upcomingLine", params);
}

function planLines(t: TFunction, f: SummaryFigures): string[] {
  if (!f.plan) return [];
  const p = f.plan;
  if (p.overdueTotal === 0 && p.upcomingTotal === 0) return [t("summaries.plan.title"), t("summaries.plan.nothing")];
  const lines = [t("summaries.plan.title")];
  if (p.overdueTotal > 0) {
    lines.push(t("summaries.plan.overdue", { count: p.overdueTotal }), ...p.overdue.map((l) => planLine(t, l, true)));
    if (p.overdueTotal > p.overdue.length) lines.push(t("summaries.plan.more", { count: p.overdueTotal - p.overdue.length }));
  }
  if (p.upcomingTotal > 0) {
    lines.push(t("summaries.plan.upcoming", { count: p.upcomingTotal }), ...p.upcoming.map((l) => planLine(t, l, false)));
    if (p.upcomingTotal > p.upcoming.length) lines.push(t("summaries.plan.more", { count: p.upcomingTotal - p.upcoming.length }));
  }
  return lines;
}

/** The figures as one message: a title, the sections of the person's scope, and a last line. */
export function summaryText(t: TFunction, lang: Lang, f: SummaryFigures, kind: "digest" | "dashboard", last: string): string {
  const title = kind === "digest" ? t("summaries.digestTitle", { date: formatDay(f.today) }) : t("summaries.dashboardTitle", { date: formatDay(f.today) });
  const sections = [reportLines(t, f), campaignLines(t, lang, f), planLines(t, f)].filter((s) => s.length > 0).map((s) => s.join("\n"));
  let text = [title, ...sections].join("\n\n");
  const tail = `\n\n${last}`;
  if (text.length + tail.length > MAX_TEXT) text = `${text.slice(0, MAX_TEXT - tail.length - 1).replace(/\n[^\n]*$/, "")}\n…`;
  return text + tail;
}

/** Under each digest: turn it off. */
export function digestKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("summaries.digestOff"), digestOffButton.encode([]));
}

export interface ListLink {
  label: string;
  data: string;
}

/** Under /dashboard: the lists behind the figures (the main menu's buttons), and the digest on or off. */
export function dashboardKeyboard(t: TFunction, links: readonly ListLink[], digestOn: boolean): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const l of links) kb.text(l.label, l.data).row();
  return digestOn ? kb.text(t("summaries.digestOff"), digestOffButton.encode([])) : kb.text(t("summaries.digestOn"), digestOnButton.encode([]));
}

/** The digest switch of a sent keyboard turned to its other side (the other buttons kept): pressed again, it undoes. */
export function withDigestSwitch(t: TFunction, rows: readonly (readonly InlineKeyboardButton[])[], on: boolean): InlineKeyboard {
  const switchData = new Set([digestOffButton.encode([]), digestOnButton.encode([])]);
  const next = on ? { text: t("summaries.digestOff"), callback_data: digestOffButton.encode([]) } : { text: t("summaries.digestOn"), callback_data: digestOnButton.encode([]) };
  return new InlineKeyboard(rows.map((row) => row.map((b) => ("callback_data" in b && switchData.has(b.callback_data) ? next : b))));
}
