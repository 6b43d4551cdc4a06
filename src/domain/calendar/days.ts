// Calendar dates as day numbers (days since 1970-01-01), without Date objects: fast and
// time-zone free. An IsoDate is a calendar date "YYYY-MM-DD" in the organisation's time zone;
// time-zone.ts goes between them and instants.

/** A calendar date, "YYYY-MM-DD", in the organisation's time zone. */
export type IsoDate = string;
export type CalendarLang = "kk" | "ru";
export type LocalizedName = Record<CalendarLang, string>;

/** Years the calendar answers for: Labour Code substitutes exist since 2002; date-holidays'
 *  Islamic calendar (Kurban Ait) ends in 2076. Outside, the methods throw a RangeError. */
export const MIN_YEAR = 2002;
export const MAX_YEAR = 2076;

/** A date string that is not a real YYYY-MM-DD date. */
export class InvalidDateError extends RangeError {
  constructor(readonly value: unknown, detail = "expected a date YYYY-MM-DD") {
    super(`invalid date ${JSON.stringify(value)}: ${detail}`);
    this.name = "InvalidDateError";
  }
}


const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// H. Hinnant's days_from_civil / civil_from_days.
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoFromDayNumber(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** The day number of a valid IsoDate, or null. */
export function tryDayNumber(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = ISO_RE.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

export function dayNumber(value: IsoDate): number {
  const n = tryDayNumber(value);
  if (n === null) throw new InvalidDateError(value);
  return n;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export const isWeekendDay = (n: number) => {
  const w = weekdayOfDay(n);
  return w === 0 || w === 6;
};

/** True for a real date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is IsoDate {
  return tryDayNumber(value) !== null;
}

/** Throws InvalidDateError unless value is a real YYYY-MM-DD date. */
export function assertIsoDate(value: unknown): asserts value is IsoDate {
  if (tryDayNumber(value) === null) throw new InvalidDateError(value);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(d: IsoDate): number {
  return weekdayOfDay(dayNumber(d));
}

/** d plus n calendar days. */
export function addCalendarDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`addCalendarDays: n must be an integer, got ${n}`);
  return isoFromDayNumber(dayNumber(d) + n);
}

// ---------------------------------------------------------------------------------------------

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`the working-day calendar covers ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
  }
}
