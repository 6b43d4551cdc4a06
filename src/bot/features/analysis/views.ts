// Texts and keyboards of the analysis hub's own screens: creating an analysis from its period
// (the milestones of seed 002) and the dates that move them.
import { InlineKeyboard } from "grammy";
import type { IsoDate } from "../../../domain/calendar/days.js";
import { formatDay } from "../../../domain/dates.js";
import type { Milestone } from "../../../domain/schedule.js";
import { translateStored, type TFunction } from "../../../i18n.js";
import { analysisCancelButton, analysisConfirmButton } from "./buttons.js";

/** An analysis period's milestones before the analysis is created. */
export function schedulePreviewView(t: TFunction, period: { start: IsoDate; end: IsoDate }, milestones: Milestone[], nonce: string): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("tasks.schedulePreview", { start: formatDay(period.start), end: formatDay(period.end) }), ""];
  for (const m of milestones) lines.push(`📌 ${formatDay(m.due)} — ${translateStored(t, m.titleKey, m.titleParams ?? {})}`);
  return { text: lines.join("\n"), keyboard: new InlineKeyboard().text(t("tasks.createAnalysis"), analysisConfirmButton.encode([nonce])).text(t("common.cancelButton"), analysisCancelButton.encode([])) };
}

/** An analysis event recorded: the milestones whose due dates moved. */
export function eventRecordedText(
  t: TFunction,
  date: IsoDate,
  moved: { titleKey: string; titleParams: Record<string, unknown>; from: IsoDate; to: IsoDate }[],
  movedItems: { number: string | null; title: string; from: IsoDate; to: IsoDate }[] = [],
): string {
  const lines = [t("tasks.eventRecorded", { date: formatDay(date) })];
  for (const m of moved) lines.push(`📌 ${translateStored(t, m.titleKey, m.titleParams)}: ${formatDay(m.from)} → ${formatDay(m.to)}`);
  for (const m of movedItems) lines.push(`📌 ${m.number ? `${m.number}. ` : ""}${m.title}: ${formatDay(m.from)} → ${formatDay(m.to)}`);
  return lines.join("\n");
}
