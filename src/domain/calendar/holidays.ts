// Days off of Kazakhstan: public holidays from date-holidays with corrections, the Labour Code's
// weekend substitutes are computed in work-calendar.ts, and the yearly transfer order read from
// config/calendar-transfers.yaml. See work-calendar.ts for where each kind of day off comes from.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Holidays from "date-holidays";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { packageRoot } from "../../paths.js";
import { dayNumber, dayOfWeek, isIsoDate, isWeekendDay, type IsoDate, type LocalizedName } from "./days.js";

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

/** The transfers file is missing, not YAML or not valid. `problems` has one line per error. */
export class TransfersFileError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${file}: ${problems.length} problems:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "TransfersFileError";
  }
}


// Public holidays from date-holidays, with corrections.

export const KURBAN_AIT = "kurban-ait";

/** Labour Code art. 85: the religious days off are not moved when they fall on a weekend. */
export const NOT_SUBSTITUTED = new Set(["01-07", KURBAN_AIT]);

const CONSTITUTION_DAY: LocalizedName = { kk: "Қазақстан Республикасының Конституциясы күні", ru: "День Конституции Республики Казахстан" };
const INDEPENDENCE_DAY: LocalizedName = { kk: "Тәуелсіздік күні", ru: "День Независимости" };
const NAURYZ: LocalizedName = { kk: "Наурыз мейрамы", ru: "Наурыз мейрамы" };
const NEW_YEAR: LocalizedName = { kk: "Жаңа жыл", ru: "Новый год" };

/** Official names (Law "On holidays"; date-holidays' are close but not always the official ones,
 *  e.g. "День единства" for "Праздник единства"). Keyed by the MM-DD of the date-holidays rule. */
export const OFFICIAL_NAMES: Record<string, (year: number) => LocalizedName> = {
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

export interface BaseHoliday {
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
export function libraryHolidays(year: number): BaseHoliday[] {
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
export function transferProblems(entries: Array<[string, YearTransfers]>, label: string): string[] {
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

