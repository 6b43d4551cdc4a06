// What the officer types into the analysis's record: the order it is carried out on
// («№ 218 от 09.04.2021», «218 09.04.2021», «№218 от 09.04.2021 г.») and a period
// («01.01.2022 – 31.12.2023», or two dates separated by a space).
import type { IsoDate } from "../calendar/days.js";
import { parseDateInput, parseDayPair } from "../dates.js";

export const MAX_ORDER_NUMBER = 40;

/** The order's number and date, or null when either is missing or the date is not a day. */
export function parseOrderInput(raw: string): { number: string; date: IsoDate } | null {
  const text = raw.trim().replace(/\s*(г\.?|ж\.?|года|жылғы)\s*$/iu, "");
  // Kazakh documents write the date first: «09.04.2021 жылғы № 218».
  const dateFirst = /^(\S+?)(?:\s+(?:ж\.?|жылғы))?\s+№?\s*(.+)$/iu.exec(text);
  if (dateFirst && parseDateInput(dateFirst[1]!)) {
    const number = dateFirst[2]!.trim();
    return number && number.length <= MAX_ORDER_NUMBER && !parseDateInput(number) ? { number, date: parseDateInput(dateFirst[1]!)! } : null;
  }
  const match = /^(?:№\s*)?(.+?)\s+(?:(?:от|из)\s+)?(\S+)$/iu.exec(text);
  if (!match) return null;
  const number = match[1]!.replace(/^№\s*/u, "").replace(/\s+(?:от|из)$/iu, "").trim();
  const date = parseDateInput(match[2]!);
  if (!number || number.length > MAX_ORDER_NUMBER || !date) return null;
  return { number, date };
}

/** Two days, the first not after the second; null otherwise. */
export function parsePeriodInput(raw: string): { from: IsoDate; to: IsoDate } | null {
  const period = parseDayPair(raw);
  return period && period.from <= period.to ? period : null;
}
