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
//  * config/calendar-transfers.yaml: the yearly transfer order (extra days off, working
//    Saturdays/Sundays) and the announced Kurban Ait date. See that file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Holidays from "date-holidays";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { packageRoot } from "../paths.js";

/** A calendar date, "YYYY-MM-DD", in the organisation's time zone. */
export type IsoDate = string;
export type CalendarLang = "kk" | "ru";
export type LocalizedName = Record<CalendarLang, string>;

/** One year of the transfers file. */
export interface YearTransfers {
  /** Extra non-working days (normally weekdays). */
  daysOff: IsoDate[];
  /** Days worked although they would be days off (a Saturday or Sunday given for a day off). */
  workingDays: IsoDate[];
  /** The first day of Kurban Ait as announced for the year; replaces date-holidays' estimate. */
  kurbanAit?: IsoDate;
}

/** Transfers by year. */
export type Transfers = Readonly<Record<number, YearTransfers>>;

export type DayOffKind = "holiday" | "substitute" | "transfer";

export interface DayOff {
  date: IsoDate;
  /** holiday: a public holiday on a weekday; substitute: the day off of a holiday that fell on a
   *  weekend (Labour Code); transfer: an extra day off from the yearly transfer order. */
  kind: DayOffKind;
  name: LocalizedName;
  /** For substitutes: the weekend date of the holiday it replaces. */
  substituteFor?: IsoDate;
}

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

export interface WorkCalendarOptions {
  /** Transfers to use (validated); wins over transfersFile. */
  transfers?: Transfers;
  /** A transfers YAML file; default: config/calendar-transfers.yaml of the package. */
  transfersFile?: string;
}

export const DEFAULT_TIME_ZONE = "Asia/Almaty";
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

/** The transfers file is missing, not YAML or not valid. `problems` has one line per error. */
export class TransfersFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${file}: ${problems.length} problems:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "TransfersFileError";
  }
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), without Date objects: fast and time-zone free.

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// H. Hinnant's days_from_civil / civil_from_days.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(n: number): [number, number, number] {
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

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function formatDay(n: number): IsoDate {
  const [y, m, d] = civilFromDays(n);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** The day number of a valid IsoDate, or null. */
function tryDayNumber(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = ISO_RE.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

function dayNumber(value: IsoDate): number {
  const n = tryDayNumber(value);
  if (n === null) throw new InvalidDateError(value);
  return n;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

const isWeekendDay = (n: number) => {
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
  return formatDay(dayNumber(d) + n);
}

// ---------------------------------------------------------------------------------------------
// Time zones, with Intl only.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new RangeError(`invalid time zone ${JSON.stringify(timeZone)}: expected an IANA zone such as ${DEFAULT_TIME_ZONE}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(ms: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const out = { y: 0, m: 0, d: 0, h: 0, min: 0, s: 0 };
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    const v = Number(part.value);
    switch (part.type) {
      case "year": out.y = v; break;
      case "month": out.m = v; break;
      case "day": out.d = v; break;
      case "hour": out.h = v === 24 ? 0 : v; break;
      case "minute": out.min = v; break;
      case "second": out.s = v; break;
      default: break;
    }
  }
  return out;
}

/** The zone's offset from UTC at an instant, in milliseconds (Almaty: +5 h since 2024-03-01). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = daysFromCivil(w.y, w.m, w.d) * 86_400_000 + ((w.h * 60 + w.min) * 60 + w.s) * 1000;
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The calendar date of an instant in a time zone (default Asia/Almaty). */
export function toIsoDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("toIsoDate: invalid Date");
  const w = wallClock(ms, timeZone);
  return `${String(w.y).padStart(4, "0")}-${pad2(w.m)}-${pad2(w.d)}`;
}

/**
 * The instant at a wall-clock time ("HH:MM", 00:00–23:59) on a date in a time zone (default
 * Asia/Almaty). Around a DST change (none in Kazakhstan) a repeated time gives the earlier
 * instant and a skipped time is shifted forward, like Temporal's "compatible".
 */
export function zonedDateTime(date: IsoDate, time: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const day = dayNumber(date);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`invalid time ${JSON.stringify(time)}: expected HH:MM, 00:00–23:59`);
  const local = day * 86_400_000 + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
  // The offsets a day either side (at most one transition in between): a time valid with both
  // is ambiguous (take the earlier instant), with neither is in a gap (shift forward).
  const before = offsetAt(local - 86_400_000, timeZone);
  const after = offsetAt(local + 86_400_000, timeZone);
  const valid = [before, after].map((o) => local - o).filter((t) => offsetAt(t, timeZone) === local - t);
  const result = valid.length ? Math.min(...valid) : local - before;
  return new Date(result);
}

// ---------------------------------------------------------------------------------------------
// Public holidays from date-holidays, with corrections.

const KURBAN_AIT = "kurban-ait";

/** Labour Code art. 85: the religious days off are not moved when they fall on a weekend. */
const NOT_SUBSTITUTED = new Set(["01-07", KURBAN_AIT]);

const CONSTITUTION_DAY: LocalizedName = { kk: "Қазақстан Республикасының Конституциясы күні", ru: "День Конституции Республики Казахстан" };
const INDEPENDENCE_DAY: LocalizedName = { kk: "Тәуелсіздік күні", ru: "День Независимости" };
const NAURYZ: LocalizedName = { kk: "Наурыз мейрамы", ru: "Наурыз мейрамы" };
const NEW_YEAR: LocalizedName = { kk: "Жаңа жыл", ru: "Новый год" };

/** Official names (Law "On holidays"; date-holidays' are close but not always the official ones,
 *  e.g. "День единства" for "Праздник единства"). Keyed by the MM-DD of the date-holidays rule. */
const OFFICIAL_NAMES: Record<string, (year: number) => LocalizedName> = {
  "01-01": () => NEW_YEAR,
  "01-02": () => NEW_YEAR,
  "01-07": () => ({ kk: "Православиелік Рождество", ru: "Православное Рождество" }),
  "03-08": () => ({ kk: "Халықаралық әйелдер күні", ru: "Международный женский день" }),
  "03-15": () => CONSTITUTION_DAY,
  "03-21": () => NAURYZ,
  "03-22": () => NAURYZ,
  "03-23": () => NAURYZ,
  "05-01": () => ({ kk: "Қазақстан халқының бірлігі мерекесі", ru: "Праздник единства народа Казахстана" }),
  "05-07": () => ({ kk: "Отан қорғаушы күні", ru: "День защитника Отечества" }),
  "05-09": () => ({ kk: "Жеңіс күні", ru: "День Победы" }),
  "07-06": () => ({ kk: "Астана күні", ru: "День Столицы" }),
  "08-30": () => CONSTITUTION_DAY,
  // Renamed by the 2026 amendments to the Law "On holidays".
  "10-25": (year) => (year >= 2026 ? { kk: "Қазақстан Республикасы күні", ru: "День Республики Казахстан" } : { kk: "Республика күні", ru: "День Республики" }),
  "12-01": () => ({ kk: "Тұңғыш Президент күні", ru: "День Первого Президента Республики Казахстан" }),
  "12-16": () => INDEPENDENCE_DAY,
  "12-17": () => INDEPENDENCE_DAY,
  [KURBAN_AIT]: () => ({ kk: "Құрбан айт", ru: "Курбан айт" }),
};

/**
 * Holidays date-holidays 3.37 gives that were not days off. Constitution Day: the new
 * Constitution adopted at the referendum of 15 March 2026 moved it from 30 August to 15 March,
 * with the amended Law "On holidays" in force from 1 July 2026 — so 30 August 2026 was no longer
 * a holiday and 15 March is one from 2027 (Ministry of Labour, March 2026). date-holidays makes
 * 15 March a holiday already in 2026 (and 16 March 2026 its substitute): both were working days.
 */
const DROPPED_HOLIDAYS: ReadonlyArray<{ year: number; key: string }> = [{ year: 2026, key: "03-15" }];

interface BaseHoliday {
  day: number;
  key: string;
  name: LocalizedName;
}

let holidaysLib: Holidays | undefined;
const libraryCache = new Map<number, BaseHoliday[]>();

function ruleKey(rule: string): string {
  const md = /^(\d\d-\d\d)\b/.exec(rule);
  if (md) return md[1]!;
  if (/Dhu al-Hijjah/i.test(rule)) return KURBAN_AIT;
  return rule;
}

/** The public holidays of a year from date-holidays (substitutes dropped: computed here). */
function libraryHolidays(year: number): BaseHoliday[] {
  const cached = libraryCache.get(year);
  if (cached) return cached;
  holidaysLib ??= new Holidays("KZ");
  const pick = (lang: string) => holidaysLib!.getHolidays(year, lang).filter((h) => h.type === "public" && !h.substitute);
  const kk = pick("kk");
  const ru = pick("ru");
  const holidays: BaseHoliday[] = [];
  kk.forEach((h, i) => {
    const key = ruleKey(h.rule);
    if (DROPPED_HOLIDAYS.some((x) => x.year === year && x.key === key)) return;
    const day = dayNumber(h.date.slice(0, 10));
    const official = OFFICIAL_NAMES[key]?.(year);
    const ruName = ru[i]?.rule === h.rule ? ru[i]!.name : h.name;
    holidays.push({ day, key, name: official ?? { kk: h.name, ru: ruName } });
  });
  holidays.sort((a, b) => a.day - b.day);
  libraryCache.set(year, holidays);
  return holidays;
}

// ---------------------------------------------------------------------------------------------
// Transfers file.

const isoDateField = z.string({ error: "expected a date in quotes, YYYY-MM-DD" }).refine(isIsoDate, { error: "is not a valid date (expected YYYY-MM-DD)" });

const yearSchema = z.preprocess(
  (v) => v ?? {},
  z
    .object(
      {
        daysOff: z.array(isoDateField, { error: "expected a list of dates" }).default([]),
        workingDays: z.array(isoDateField, { error: "expected a list of dates" }).default([]),
        kurbanAit: isoDateField.optional(),
      },
      { error: "expected daysOff / workingDays lists" },
    )
    .strict(),
);

const fileSchema = z.preprocess((v) => v ?? {}, z.record(z.string(), yearSchema, { error: "expected a mapping of years" }));

const WEEKDAY_EN = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Problems with already-shaped transfers: year keys, dates in the right year, no date twice. */
function transferProblems(entries: Array<[string, YearTransfers]>, label: string): string[] {
  const problems: string[] = [];
  for (const [key, entry] of entries) {
    if (!/^\d{4}$/.test(key)) {
      problems.push(`${label}: ${JSON.stringify(key)}: the key must be a year (YYYY)`);
      continue;
    }
    const seen = new Map<IsoDate, string>();
    const lists: Array<[string, IsoDate[]]> = [
      ["daysOff", entry.daysOff],
      ["workingDays", entry.workingDays],
      ["kurbanAit", entry.kurbanAit === undefined ? [] : [entry.kurbanAit]],
    ];
    for (const [list, dates] of lists) {
      for (const date of dates) {
        if (!isIsoDate(date)) {
          problems.push(`${label}: ${key}: ${list}: ${JSON.stringify(date)} is not a valid date (expected YYYY-MM-DD)`);
          continue;
        }
        if (date.slice(0, 4) !== key) problems.push(`${label}: ${key}: ${list}: "${date}" is in ${date.slice(0, 4)}, not in ${key}`);
        const before = seen.get(date);
        if (before === list && list !== "kurbanAit") problems.push(`${label}: ${key}: ${list}: "${date}" is listed twice`);
        else if (before !== undefined && !(before === "daysOff" && list === "kurbanAit")) {
          problems.push(`${label}: ${key}: "${date}" is both in ${before} and in ${list}`);
        }
        if (list === "daysOff" && isWeekendDay(dayNumber(date))) {
          problems.push(`${label}: ${key}: daysOff: "${date}" is a ${WEEKDAY_EN[dayOfWeek(date)]}, already a day off`);
        }
        if (before === undefined) seen.set(date, list);
      }
    }
  }
  return problems;
}

/** Parses and validates the text of a transfers file; `file` names it in errors. */
export function parseTransfers(source: string, file: string): Transfers {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new TransfersFileError(file, [`${file}: not valid YAML: ${(error as Error).message.split("\n")[0]}`]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [year, list, index] = issue.path;
      const where = [year, list].filter((p) => p !== undefined).map(String).join(": ");
      const value = valueAt(raw, issue.path);
      const shown = index !== undefined || list === "kurbanAit" ? ` ${JSON.stringify(value)}` : "";
      const message = issue.code === "unrecognized_keys" ? `unknown key(s) ${issue.keys.join(", ")} (expected daysOff, workingDays, kurbanAit)` : issue.message;
      return `${file}${where ? `: ${where}` : ""}:${shown} ${message}`;
    });
    throw new TransfersFileError(file, problems);
  }
  const entries = Object.entries(parsed.data) as Array<[string, YearTransfers]>;
  const problems = transferProblems(entries, file);
  if (problems.length) throw new TransfersFileError(file, problems);
  const result: Record<number, YearTransfers> = {};
  for (const [key, entry] of entries) result[Number(key)] = entry;
  return result;
}

/** Reads and validates a transfers YAML file (see config/calendar-transfers.yaml). */
export function loadTransfers(file: string): Transfers {
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new TransfersFileError(file, [`${file}: cannot read the calendar transfers file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseTransfers(source, file);
}

/** config/calendar-transfers.yaml of the installed package. */
export function defaultTransfersFile(): string {
  return join(packageRoot(), "config", "calendar-transfers.yaml");
}

// ---------------------------------------------------------------------------------------------
// The calendar.

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

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`the working-day calendar covers ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
  }
}

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
      return formatDay(step(day, n));
    },

    workingDaysBetween(from, to) {
      const a = dayNumber(from);
      const b = dayNumber(to);
      if (a === b) return 0;
      return b > a ? countWorking(a + 1, b) : -countWorking(b, a - 1);
    },

    nextWorkingDay: (d) => formatDay(step(dayNumber(d), 1)),
    previousWorkingDay: (d) => formatDay(step(dayNumber(d), -1)),

    daysOff(year) {
      const yd = yearData(year);
      const out: DayOff[] = [];
      for (const [i, list] of [...yd.reasons.entries()].sort((x, y) => x[0] - y[0])) {
        const day = yd.first + i;
        if (isWeekendDay(day) || yd.working[i] === 1 || list.length === 0) continue;
        const sorted = [...list].sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind]);
        const main = sorted[0]!;
        const entry: DayOff = { date: formatDay(day), kind: main.kind, name: joinNames(sorted) };
        if (main.substituteFor !== undefined) entry.substituteFor = formatDay(main.substituteFor);
        out.push(entry);
      }
      return out;
    },

    workingWeekendDays(year) {
      const yd = yearData(year);
      const out: IsoDate[] = [];
      for (let i = 0; i < yd.length; i++) if (yd.working[i] === 1 && isWeekendDay(yd.first + i)) out.push(formatDay(yd.first + i));
      return out;
    },
  };
}
