// Texts and keyboards of the quarterly plan-execution information: pure functions of `t` and the data shown.
import { InlineKeyboard } from "grammy";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { formatDay } from "../../../domain/dates.js";
import { formatRate, periodLabel } from "../../../domain/plan/monitoring-report.js";
import { LANGUAGES, type Lang } from "../../../domain/lang.js";
import { quarterOf, type ExecutionTotals, type Quarter } from "../../../domain/plan/execution.js";
import type { TFunction } from "../../../i18n.js";
import type { QuarterPeriod } from "../../../services/monitoring.js";
import { headButton, langButton, quarterButton } from "./buttons.js";

export function quarterPeriod(year: number, quarter: number): QuarterPeriod {
  return { kind: "quarter", year, quarter: quarter as Quarter };
}

/** The current quarter and the three before it, latest first. */
export function latestQuarters(today: IsoDate): QuarterPeriod[] {
  let { year, quarter } = quarterOf(today);
  const out: QuarterPeriod[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(quarterPeriod(year, quarter));
    if (--quarter === 0) {
      quarter = 4;
      year--;
    }
  }
  return out;
}

export function summaryText(t: TFunction, lang: Lang, period: QuarterPeriod, asOf: IsoDate, totals: ExecutionTotals): string {
  const label = periodLabel(t, period);
  if (!totals.total) return t("monitoring.empty", { period: label });
  return t("monitoring.summary", { period: label, date: formatDay(asOf), ...totals, rate: formatRate(totals, lang) });
}

/** Under the totals: the other language, the send-to-head button (compliance), the quarters to pick. */
export function summaryKeyboard(t: TFunction, args: { period: QuarterPeriod; lang: Lang; documents: boolean; canSendHead: boolean; quarters: QuarterPeriod[] }): InlineKeyboard {
  const kb = new InlineKeyboard();
  const { year, quarter } = args.period;
  if (args.documents) {
    for (const other of LANGUAGES.filter((l) => l !== args.lang)) kb.text(t(`monitoring.inLang.${other}`), langButton.encode([year, quarter, other])).row();
    if (args.canSendHead) kb.text(t("monitoring.sendHeadButton"), headButton.encode([year, quarter])).row();
  }
  for (const [i, q] of args.quarters.entries()) {
    kb.text(periodLabel(t, q), quarterButton.encode([q.year, q.quarter]));
    if (i % 2 === 1) kb.row();
  }
  return kb;
}
