// The working-day calendar of Kazakhstan (five-day week): weekends, public holidays, the Labour
// Code's weekend substitutes and the yearly transfers of days off. Used for anonymous-report
// deadlines (acknowledge in 3 working days, decide in 15) and for schedules and reminders.
//
// Dates are calendar dates in the organisation's time zone, written YYYY-MM-DD (IsoDate); use
// toIsoDate / zonedDateTime to go between them and instants.
//
// Where the days off come from:
//  * public holidays ("public" type only) from the date-holidays package (new Holidays("KZ")),
//    including the first day of Kurban Ait, which it computes from the Islamic calendar;
//  * substitutes — Labour Code art. 85 / Law "On holidays" art. 5: when a holiday falls on a
//    Saturday or Sunday the day off moves to the next working day, except Orthodox Christmas and
//    Kurban Ait. They are COMPUTED HERE, not taken from date-holidays, because date-holidays
//    3.37 gets consecutive holidays wrong: its rules move each day by a fixed offset, so when
//    21 March is a Saturday (2026) it "moves" 21 March onto 23 March, itself a holiday, and loses
//    25 March; when 21 March is a Sunday (2027) it loses 24 March. Here every weekend holiday
//    takes the next weekday that is neither a holiday nor already a substitute, in date order;
//  * corrections to date-holidays listed in DROPPED_HOLIDAYS (Constitution Day 2026) and
//    official kk/ru names in OFFICIAL_NAMES;
import { checkYear, civilFromDays, dayNumber, daysFromCivil, isoFromDayNumber, isWeekendDay, MAX_YEAR, MIN_YEAR, type CalendarLang, type IsoDate, type LocalizedName } from "./days.js";
import { defaultTransfersFile, KURBAN_AIT, libraryHolidays, loadTransfers, NOT_SUBSTITUTED, OFFICIAL_NAMES, transferProblems, TransfersFileError, type BaseHoliday, type DayOff, type DayOffKind, type Transfers, type YearTransfers } from "./holidays.js";

export interface WorkCalendar {
  isWorkingDay(d: IsoDate): boolean;
  /** Why d is not a working day (holiday, substitute or transfer name); null for working days
   *  and ordinary weekends. A holiday on a weekend still has its name. */
  holidayName(d: IsoDate, lang: CalendarLang): string | null;
  /**
   * n > 0: the n-th working day after d (d itself not counted); n < 0: the |n|-th working day
   * before d; n = 0: d if it is a working day, else the next working day.
   */
  addWorkingDays(d: IsoDate, n: number): IsoDate;
  /**
   * Working days stepped on going from `from` to `to`, not counting `from`, counting `to`:
   * for to >= from the working days in (from, to]; for to < from, minus the working days in
   * [to, from). So workingDaysBetween(d, addWorkingDays(d, n)) === n for every n ≠ 0, and for
   * n = 0 when d is a working day (when it is not, addWorkingDays(d, 0) and addWorkingDays(d, 1)
   * are the same date, so no convention can give both 0 and 1).
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** The first working day after d. */
  nextWorkingDay(d: IsoDate): IsoDate;
  /** The last working day before d. */
  previousWorkingDay(d: IsoDate): IsoDate;
  /** Non-working days of the year that are not Saturdays or Sundays, in date order, named. */
  daysOff(year: number): DayOff[];
  /** Saturdays and Sundays of the year that are working days (from the transfer order). */
  workingWeekendDays(year: number): IsoDate[];
}

/** A deadline "by date d": d if it is a working day, else the last working day before it. */
export function workingDayOnOrBefore(calendar: WorkCalendar, d: IsoDate): IsoDate {
  return calendar.isWorkingDay(d) ? d : calendar.previousWorkingDay(d);
}

export interface WorkCalendarOptions {
  /** Transfers to use (validated); wins over transfersFile. */
  transfers?: Transfers;
  /** A transfers YAML file; default: config/calendar-transfers.yaml of the package. */
  transfersFile?: string;
}

interface DayReason {
  kind: DayOffKind;
  name: LocalizedName;
  substituteFor?: number;
}

interface YearData {
  year: number;
  first: number;
  length: number;
  /** 1 = working day, by day of the year (0-based). */
  working: Uint8Array;
  /** cum[i] = working days among the first i days of the year. */
  cum: Int32Array;
  reasons: Map<number, DayReason[]>;
}

const SUBSTITUTE_SUFFIX: LocalizedName = { kk: " (ауыстырылған демалыс күні)", ru: " (перенос выходного дня)" };
const TRANSFER_NAME: LocalizedName = { kk: "Ауыстырылған демалыс күні", ru: "Перенесённый день отдыха" };
const KIND_ORDER: Record<DayOffKind, number> = { holiday: 0, substitute: 1, transfer: 2 };


export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  let transfers: Transfers;
  if (options.transfers) {
    const entries = Object.entries(options.transfers).map(([k, v]) => [k, { daysOff: v.daysOff ?? [], workingDays: v.workingDays ?? [], kurbanAit: v.kurbanAit }] as [string, YearTransfers]);
    const problems = transferProblems(entries, "transfers");
    if (problems.length) throw new TransfersFileError("transfers", problems);
    transfers = Object.fromEntries(entries.map(([k, v]) => [Number(k), v]));
  } else {
    transfers = loadTransfers(options.transfersFile ?? defaultTransfersFile());
  }

  /** Holidays of a year with the announced Kurban Ait date applied. */
  const baseCache = new Map<number, BaseHoliday[]>();
  function base(year: number): BaseHoliday[] {
    let list = baseCache.get(year);
    if (!list) {
      list = libraryHolidays(year);
      const announced = transfers[year]?.kurbanAit;
      if (announced !== undefined) {
        const kurban = list.find((h) => h.key === KURBAN_AIT) ?? { key: KURBAN_AIT, name: OFFICIAL_NAMES[KURBAN_AIT]!(year), day: 0 };
        list = [...list.filter((h) => h.key !== KURBAN_AIT), { ...kurban, day: dayNumber(announced) }].sort((a, b) => a.day - b.day);
      }
      baseCache.set(year, list);
    }
    return list;
  }

  /** Labour Code substitutes for the weekend holidays of a year (they may land in the next). */
  const substituteCache = new Map<number, Array<{ day: number; of: BaseHoliday }>>();
  function substitutes(year: number): Array<{ day: number; of: BaseHoliday }> {
    let list = substituteCache.get(year);
    if (!list) {
      list = [];
      const taken = new Set<number>();
      for (const h of base(year)) taken.add(h.day);
      if (year < MAX_YEAR) for (const h of base(year + 1)) taken.add(h.day);
      for (const h of base(year)) {
        if (NOT_SUBSTITUTED.has(h.key) || !isWeekendDay(h.day)) continue;
        let day = h.day + 1;
        while (isWeekendDay(day) || taken.has(day)) day++;
        taken.add(day);
        list.push({ day, of: h });
      }
      substituteCache.set(year, list);
    }
    return list;
  }

  const years = new Map<number, YearData>();
  function yearData(year: number): YearData {
    const cached = years.get(year);
    if (cached) return cached;
    checkYear(year);
    const first = daysFromCivil(year, 1, 1);
    const length = daysFromCivil(year + 1, 1, 1) - first;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) working[i] = isWeekendDay(first + i) ? 0 : 1;
    const reasons = new Map<number, DayReason[]>();
    const mark = (day: number, reason: DayReason) => {
      const i = day - first;
      if (i < 0 || i >= length) return;
      working[i] = 0;
      const list = reasons.get(i);
      if (list) list.push(reason);
      else reasons.set(i, [reason]);
    };
    for (const h of base(year)) mark(h.day, { kind: "holiday", name: h.name });
    const subs = [...(year > MIN_YEAR ? substitutes(year - 1) : []), ...substitutes(year)];
    for (const s of subs) {
      mark(s.day, { kind: "substitute", name: { kk: s.of.name.kk + SUBSTITUTE_SUFFIX.kk, ru: s.of.name.ru + SUBSTITUTE_SUFFIX.ru }, substituteFor: s.of.day });
    }
    const t = transfers[year];
    for (const d of t?.daysOff ?? []) mark(dayNumber(d), { kind: "transfer", name: TRANSFER_NAME });
    // A working day from the transfer order wins over everything else.
    for (const d of t?.workingDays ?? []) {
      const i = dayNumber(d) - first;
      working[i] = 1;
      reasons.delete(i);
    }
    const cum = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) cum[i + 1] = cum[i]! + working[i]!;
    const data: YearData = { year, first, length, working, cum, reasons };
    years.set(year, data);
    return data;
  }

  function dataForDay(day: number): YearData {
    return yearData(civilFromDays(day)[0]);
  }

  function isWorking(day: number): boolean {
    const yd = dataForDay(day);
    return yd.working[day - yd.first] === 1;
  }

  /** Working days among days lo..hi (inclusive, lo <= hi). */
  function countWorking(lo: number, hi: number): number {
    const a = dataForDay(lo);
    const b = dataForDay(hi);
    if (a.year === b.year) return a.cum[hi - a.first + 1]! - a.cum[lo - a.first]!;
    let total = a.cum[a.length]! - a.cum[lo - a.first]!;
    for (let y = a.year + 1; y < b.year; y++) {
      const yd = yearData(y);
      total += yd.cum[yd.length]!;
    }
    return total + b.cum[hi - b.first + 1]!;
  }

  function step(start: number, n: number): number {
    let day = start;
    if (n === 0) {
      while (!isWorking(day)) day++;
      return day;
    }
    const dir = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let yd = dataForDay(day);
    while (left > 0) {
      day += dir;
      let i = day - yd.first;
      if (i < 0 || i >= yd.length) {
        yd = dataForDay(day);
        i = day - yd.first;
      }
      if (yd.working[i] === 1) left--;
    }
    return day;
  }

  function checkCount(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`the number of working days must be an integer, got ${n}`);
  }

  function reasonsFor(day: number): DayReason[] {
    const yd = dataForDay(day);
    const i = day - yd.first;
    return yd.working[i] === 1 ? [] : (yd.reasons.get(i) ?? []);
  }

  function joinNames(list: DayReason[]): LocalizedName {
    return { kk: list.map((r) => r.name.kk).join("; "), ru: list.map((r) => r.name.ru).join("; ") };
  }

  return {
    isWorkingDay: (d) => isWorking(dayNumber(d)),

    holidayName(d, lang) {
      const list = reasonsFor(dayNumber(d));
      return list.length ? joinNames(list)[lang === "kk" ? "kk" : "ru"] : null;
    },

    addWorkingDays(d, n) {
      checkCount(n);
      const day = dayNumber(d);
      if (n === 0 && isWorking(day)) return d;
      return isoFromDayNumber(step(day, n));
    },

    workingDaysBetween(from, to) {
      const a = dayNumber(from);
      const b = dayNumber(to);
      if (a === b) return 0;
      return b > a ? countWorking(a + 1, b) : -countWorking(b, a - 1);
    },

    nextWorkingDay: (d) => isoFromDayNumber(step(dayNumber(d), 1)),
    previousWorkingDay: (d) => isoFromDayNumber(step(dayNumber(d), -1)),

    daysOff(year) {
      const yd = yearData(year);
      const out: DayOff[] = [];
      for (const [i, list] of [...yd.reasons.entries()].sort((x, y) => x[0] - y[0])) {
        const day = yd.first + i;
        if (isWeekendDay(day) || yd.working[i] === 1 || list.length === 0) continue;
        const sorted = [...list].sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind]);
        const main = sorted[0]!;
        const entry: DayOff = { date: isoFromDayNumber(day), kind: main.kind, name: joinNames(sorted) };
        if (main.substituteFor !== undefined) entry.substituteFor = isoFromDayNumber(main.substituteFor);
        out.push(entry);
      }
      return out;
    },

    workingWeekendDays(year) {
      const yd = yearData(year);
      const out: IsoDate[] = [];
      for (let i = 0; i < yd.length; i++) if (yd.working[i] === 1 && isWeekendDay(yd.first + i)) out.push(isoFromDayNumber(yd.first + i));
      return out;
    },
  };
}
