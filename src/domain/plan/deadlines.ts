// Deadlines of action-plan items as organisations write them, in Russian and Kazakh:
//   «07.12.2022», «7 декабря 2022 года», «до 7 декабря 2022 г.», «не позднее 10 июня 2022 года»,
//   «2022 жылғы 10 маусымға дейін», «10 маусым 2022 ж.»                    → a date
//   «с 15 апреля по 31 мая 2022 года», «2022 жылғы 15 сәуірден 31 мамырға дейін»,
//   «қыркүйек-қазан 2022 жылғы», «2022 жылғы қараша», «IV квартал 2022 года» → a range (from … due)
//   «ежеквартально к 5 числу месяца после отчётного периода», «ай сайын»,
//   «тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне дейін»            → a recurrence
//   «За 10 рабочих дней до начала ВАКР», «ВАКР басталғанға дейін 10 жұмыс күні бұрын»,
//   «В течение 3 рабочих дней со дня утверждения плана», «В течение одного года со дня
//   подписания аналитической справки»                                   → relative (to the analysis)
//   «по мере поступления», «түсуіне қарай», «постоянно», «тұрақты»         → an event (no date)
// Anything else is `unknown` with a reason. The parser is deliberately strict: a number that is
// not part of a recognised date (an order number, a paragraph, «ISO 37001») makes the text
// unknown rather than producing an invented date.
import type { IsoDate } from "../calendar/days.js";

export type Frequency = "month" | "quarter" | "half_year" | "year";

/**
 * A repeating deadline. The periods are calendar months, quarters, half-years or years.
 * For month, quarter and half_year the due date is `day` of the month that comes `offsetMonths`
 * after the last month of the period (0 = the period's own last month, 1 = "of the month
 * following the reporting period"). For year the due date is `day` of `month` every year
 * (offsetMonths is 0). A `day` beyond the month's length means its last day (31 = end of month).
 */
export interface Recurrence {
  every: Frequency;
  day: number;
  offsetMonths: number;
  /** year only: calendar month of the due date, 1–12 */
  month?: number;
  /** only these periods of each year (quarters 1–4, half-years 1–2, months 1–12); all when absent */
  periods?: number[];
  /** year only: the due date reports on the year before its own («есепті жылдан кейінгі екінші айдың 25-күніне дейін») */
  reportsPreviousYear?: boolean;
  /** no due date before this day */
  from?: IsoDate;
  /** no due date after this day */
  until?: IsoDate;
}

export type DeadlineUnknownReason =
  | "empty" // nothing written
  | "invalid_date" // a date that does not exist (31.02.2022, 32 декабря)
  | "no_year" // a day or month without a year, and no year given by the context
  | "ambiguous" // several dates, a lone «с …», «до декабря», stray numbers next to a date
  | "reversed_range" // the range ends before it starts
  | "unrecognized"; // no date, recurrence or event found

/** What a deadline written relative to the analysis (ВАКР / СЖТІТ) counts from. */
export type RelativeAnchor = "analysis_start" | "analysis_end" | "report_signed" | "plan_approved";

/**
 * A deadline counted from a date of the analysis: `workingDays` working days before or after
 * the anchor (the same counting as the milestones of ../schedule.ts), or — with `years` — the
 * period from the anchor to the same day `years` later («в течение одного года со дня
 * подписания аналитической справки»: from the signing, due a year after it).
 */
export interface RelativeDeadline {
  kind: "relative";
  anchor: RelativeAnchor;
  direction: "before" | "after";
  workingDays?: number;
  years?: number;
}

export type DeadlineParse =
  | { kind: "date"; due: IsoDate }
  | { kind: "range"; from: IsoDate; due: IsoDate }
  /** `also`: further recurrences of the same item («тоқсан сайын …; жыл сайын …») */
  | { kind: "recurring"; recurrence: Recurrence; also?: Recurrence[] }
  | RelativeDeadline
  | { kind: "event"; text: string }
  | { kind: "unknown"; text: string; reason: DeadlineUnknownReason; detail?: string };

export type KnownDeadline = Exclude<DeadlineParse, { kind: "unknown" }>;

export interface DeadlineContext {
  /** the year of dates written without one (the plan's year) */
  year?: number;
}

// ---------------------------------------------------------------------------------------------
// Calendar helpers (proleptic Gregorian, no Date objects).

const MIN_PARSED_YEAR = 1990;
const MAX_PARSED_YEAR = 2100;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
const pad2 = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number): IsoDate => `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;

function parseIso(value: string, what: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const y = Number(m?.[1]);
  const mo = Number(m?.[2]);
  const d = Number(m?.[3]);
  if (!m || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new RangeError(`${what}: invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  return [y, mo, d];
}

// ---------------------------------------------------------------------------------------------
// Words.

/** Kazakh letters are often typed with their Russian look-alikes (қ → к, і → и or Latin i). */
const KK_LOOKALIKES: Record<string, string> = { қ: "[қк]", ң: "[ңн]", ә: "[әа]", і: "[іiи]", ү: "[үу]", ұ: "[ұу]", ғ: "[ғг]", ө: "[өо]" };
const kkStem = (s: string) => [...s].map((c) => KK_LOOKALIKES[c] ?? c).join("");

const RU_MONTHS = [
  "январ(?:ь|я|е|ю|ем)", "феврал(?:ь|я|е|ю|ем)", "март(?:а|е|у|ом)?", "апрел(?:ь|я|е|ю|ем)", "ма(?:й|я|е|ю|ем)", "июн(?:ь|я|е|ю|ем)",
  "июл(?:ь|я|е|ю|ем)", "август(?:а|е|у|ом)?", "сентябр(?:ь|я|е|ю|ем)", "октябр(?:ь|я|е|ю|ем)", "ноябр(?:ь|я|е|ю|ем)", "декабр(?:ь|я|е|ю|ем)",
];
// Kazakh month names take case endings: қаңтар, қаңтарда, қаңтарға, қаңтардан, қаңтардағы, қаңтары…
const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"].map((s) => `${kkStem(s)}\\p{L}{0,8}`);
const MONTH_RES = RU_MONTHS.map((ru, i) => new RegExp(`^(?:${ru}|${KK_MONTHS[i]})$`, "u"));
const MONTH_WORD = `(?:${[...RU_MONTHS, ...KK_MONTHS].join("|")})`;

function monthOf(word: string): number {
  const i = MONTH_RES.findIndex((re) => re.test(word));
  if (i < 0) throw new Error(`not a month: ${word}`);
  return i + 1;
}

const KK_ABLATIVE = /(?:дан|ден|тан|тен|нан|нен)$/u; // «сәуірден», «жылдан» — from
const KK_DATIVE = /(?:ға|ге|қа|ке)$/u; // «мамырға», «жылға» — to

const YEAR_SUFFIX = String.raw`(?:\s?(?<SUF>года|году|годы|год|гг\.?|г\.?|жыл\p{L}*|ж\.?))?`;
const ORDINAL_RU_KK = String.raw`(?:\s?-?\s?(?:ого|го|ому|му|ое|е|й|ый|ий|ом|ші|шы|інші|ыншы))?`;
const ROMAN_QUARTER = "[іi]v|[іi]{1,3}";

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<isodate>(?<![\p{L}\d.,-])(?<isY>\d{4})-(?<isM>\d{2})-(?<isD>\d{2})(?![\d]))`,
    String.raw`(?<numdate>(?<![\p{L}\d.,])(?<ndD>\d{1,2})\.(?<ndM>\d{1,2})\.\s?(?<ndY>\d{4}|\d{2})(?![\d.]\d)${YEAR_SUFFIX.replace("SUF", "ndS")}(?![\p{L}\d]))`,
    String.raw`(?<daymonth>(?<![\p{L}\d.,])(?<dmD>\d{1,2})${ORDINAL_RU_KK}\s?-?\s?(?<dmM>${MONTH_WORD})(?!\p{L}))`,
    String.raw`(?<quarter>(?<![\p{L}\d.,])(?<qN>${ROMAN_QUARTER}|[1-4])${ORDINAL_RU_KK}\s?-?\s?(?<qW>квартал\p{L}*|${kkStem("тоқсан")}\p{L}*))`,
    String.raw`(?<half>(?<![\p{L}\d.,])(?<hN>[іi]{1,2}|[12])${ORDINAL_RU_KK}\s?-?\s?(?<hW>полугод\p{L}*|${kkStem("жартыжылд")}\p{L}*|${kkStem("жарты жылд")}\p{L}*))`,
    String.raw`(?<year>(?<![\p{L}\d.,])(?<yY>\d{4})(?![\d])${YEAR_SUFFIX.replace("SUF", "yS")}(?![\p{L}\d]))`,
    String.raw`(?<month>(?<!\p{L})(?<moW>${MONTH_WORD})(?!\p{L}))`,
  ].join("|"),
  "gu",
);

const romanOrDigit = (s: string) => (/^\d$/.test(s) ? Number(s) : s.replace(/і/g, "i") === "iv" ? 4 : s.length);

// ---------------------------------------------------------------------------------------------
// Tokens and points.

type Level = "day" | "month" | "quarter" | "half" | "year";
interface Point {
  level: Level;
  start: number;
  end: number;
  day?: number;
  month?: number; // for day and month
  part?: number; // quarter or half number
  year?: number;
  yearInferred?: boolean;
  /** Kazakh case or suffix on the point itself: from (ablative) / to (dative) */
  suffixRole?: "from" | "to";
  /** the day as written, for messages */
  raw: string;
}
interface YearToken {
  start: number;
  end: number;
  year: number;
  suffix: string;
}

function tokenize(text: string): { points: Point[]; years: YearToken[]; spans: [number, number][] } {
  const points: Point[] = [];
  const years: YearToken[] = [];
  const spans: [number, number][] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const g = m.groups!;
    const start = m.index;
    const end = start + m[0].length;
    const raw = m[0];
    if (g.isodate) {
      points.push({ level: "day", start, end, day: Number(g.isD), month: Number(g.isM), year: Number(g.isY), raw });
    } else if (g.numdate) {
      const yy = g.ndY!;
      const year = yy.length === 2 ? 2000 + Number(yy) : Number(yy);
      const suf = g.ndS ?? "";
      points.push({ level: "day", start, end, day: Number(g.ndD), month: Number(g.ndM), year, raw, ...roleOf(suf) });
    } else if (g.daymonth) {
      points.push({ level: "day", start, end, day: Number(g.dmD), month: monthOf(g.dmM!), raw, ...roleOf(g.dmM!) });
    } else if (g.quarter) {
      points.push({ level: "quarter", start, end, part: romanOrDigit(g.qN!), raw, ...roleOf(g.qW!) });
    } else if (g.half) {
      points.push({ level: "half", start, end, part: romanOrDigit(g.hN!), raw, ...roleOf(g.hW!) });
    } else if (g.year) {
      const year = Number(g.yY);
      if (year < MIN_PARSED_YEAR || year > MAX_PARSED_YEAR) continue; // a number, not a year: left over
      years.push({ start, end, year, suffix: g.yS ?? "" });
    } else if (g.month) {
      points.push({ level: "month", start, end, month: monthOf(g.moW!), raw, ...roleOf(g.moW!) });
    }
    spans.push([start, end]);
  }
  return { points, years, spans };
}

function roleOf(word: string): { suffixRole?: "from" | "to" } {
  if (KK_ABLATIVE.test(word)) return { suffixRole: "from" };
  if (KK_DATIVE.test(word)) return { suffixRole: "to" };
  return {};
}

const onlySpace = (s: string) => /^[\s,]*$/.test(s);

/** Gives each year token to the point it belongs to; years that stand alone become year points. */
function attachYears(text: string, points: Point[], years: YearToken[]): Point[] {
  const all = [...points];
  for (const y of years) {
    const prev = [...points].reverse().find((p) => p.end <= y.start);
    const next = points.find((p) => p.start >= y.end);
    const prevFits = prev && prev.year === undefined && prev.level !== "year" && onlySpace(text.slice(prev.end, y.start));
    const nextFits = next && next.year === undefined && next.level !== "year" && onlySpace(text.slice(y.end, next.start));
    // «2022 жылғы 10 маусымға», «2022 ж. 10 маусым»: the Kazakh attributive year comes first.
    const attributive = /^(?:жылғы|жылдың|ж\.?)$/u.test(y.suffix);
    const target = attributive && nextFits ? next : prevFits ? prev : nextFits ? next : undefined;
    if (target) {
      target.year = y.year;
      target.start = Math.min(target.start, y.start);
      target.end = Math.max(target.end, y.end);
      if (!target.suffixRole) Object.assign(target, roleOf(y.suffix));
    } else {
      all.push({ level: "year", start: y.start, end: y.end, year: y.year, raw: text.slice(y.start, y.end), ...roleOf(y.suffix) });
    }
  }
  return all.sort((a, b) => a.start - b.start);
}

function pointInterval(p: Point): { from: [number, number, number]; to: [number, number, number] } | { error: string } {
  const y = p.year!;
  switch (p.level) {
    case "day": {
      const m = p.month!;
      const d = p.day!;
      if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { error: p.raw.trim() };
      return { from: [y, m, d], to: [y, m, d] };
    }
    case "month":
      return { from: [y, p.month!, 1], to: [y, p.month!, daysInMonth(y, p.month!)] };
    case "quarter":
      return { from: [y, p.part! * 3 - 2, 1], to: [y, p.part! * 3, daysInMonth(y, p.part! * 3)] };
    case "half":
      return { from: [y, p.part! * 6 - 5, 1], to: [y, p.part! * 6, daysInMonth(y, p.part! * 6)] };
    case "year":
      return { from: [y, 1, 1], to: [y, 12, 31] };
  }
}

/** The position of a point within a year, to order two points of the same year. */
const startKey = (p: Point) => (p.level === "day" ? p.month! * 100 + p.day! : p.level === "month" ? p.month! * 100 : p.level === "quarter" ? (p.part! * 3 - 2) * 100 : p.level === "half" ? (p.part! * 6 - 5) * 100 : 100);

// ---------------------------------------------------------------------------------------------
// Events and recurrences.

const EVENT_RE = new RegExp(
  [
    // Russian
    "постоянн", "по мере", "по необходимости", "при необходимости", "по факту", "по запросу", "по требованию", "при поступлении", "при выявлении",
    "в случае", "со дня", "с момента", "после ", "до начала", "до завершения", "до окончания", "рабочих дн", "календарных дн", "регулярн", "систематическ",
    "ежедневн", "еженедельн", "в установленн", "установленные сроки", "по график", "согласно график", "в соответствии с график", "бессрочн", "в течение срока", "в течение периода",
    // Kazakh
    "тұрақты", "үнемі", "ұдайы", "қарай", "қажет", "кейін", "жағдайда", "жүйелі", "күн сайын", "апта сайын", "жұмыс күн", "күн ішінде", "белгіленген мерзім", "кестеге сәйкес", "кезде",
  ]
    .map((s) => s.split(" ").map(kkStem).join(" "))
    .join("|"),
  "u",
);

const RAZ_V = String.raw`(?:не реже\s+)?(?:одного\s+|1\s+)?раза?\s+в\s+`;
const freq = (source: string) => new RegExp(`(?<!\\p{L})(?:${source})`, "u");
const FREQUENCIES: [Frequency, RegExp][] = [
  ["half_year", freq(String.raw`ежеполугод\p{L}*|${RAZ_V}(?:полгода|полугодие)|кажд\p{L}+ (?:полугодие|полгода)|по полугодиям|${kkStem("жарты жыл сайын")}\p{L}*|${kkStem("жартыжылдық сайын")}|${kkStem("жарты жылда бір рет")}|${kkStem("әр жарты жыл")}\p{L}*`)],
  ["quarter", freq(String.raw`ежекварт\p{L}*|${RAZ_V}квартал|кажд\p{L}+ квартал\p{L}*|поквартальн\p{L}*|${kkStem("тоқсан сайын")}\p{L}*|${kkStem("әр тоқсан")}\p{L}*|${kkStem("тоқсанына бір рет")}`)],
  ["month", freq(String.raw`ежемесячн\p{L}*|${RAZ_V}месяц|кажд\p{L}+ месяц\p{L}*|помесячн\p{L}*|ай сайын\p{L}*|${kkStem("әр ай")}\p{L}*|${kkStem("айына бір рет")}`)],
  ["year", freq(String.raw`ежегодн\p{L}*|${RAZ_V}год|кажд\p{L}+ год\p{L}*|${kkStem("жыл сайын")}\p{L}*|${kkStem("әр жыл")}\p{L}*|${kkStem("жылына бір рет")}`)],
];
const PERIOD_MONTHS: Record<Frequency, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

const DAY_OF_MONTH_RE = new RegExp(
  // «5 числа», «к 5-му числу», «до 10-го числа»; «5-күніне», «25-күніне дейін»
  String.raw`(?<![\p{L}\d.,])(\d{1,2})(?:\s?-?\s?(?:го|е|ое|ого|му|ому|ші|шы|інші|ыншы))?\s?-?\s?(?:числ\p{L}*|${kkStem("күн")}\p{L}*)`,
  "gu",
);
const LAST_DAY_RE = new RegExp(String.raw`последн\p{L}* (?:\p{L}+ )?(?:числ|дн|ден)\p{L}*|в конце|до конца|до окончания|${kkStem("соңғы күн")}\p{L}*|${kkStem("соңына")}|${kkStem("аяғына")}`, "u");
const ORDINAL_MONTH: [RegExp, number][] = [
  [new RegExp(`перв\\p{L}* месяц|${kkStem("бірінші ай")}`, "u"), 1],
  [new RegExp(`втор\\p{L}* месяц|${kkStem("екінші ай")}`, "u"), 2],
  [new RegExp(`трет\\p{L}* месяц|${kkStem("үшінші ай")}`, "u"), 3],
];
const AFTER_PERIOD_RE = new RegExp(String.raw`следующ\p{L}*|после отч\p{L}*|за отч\p{L}*|${kkStem("кейін")}\p{L}*|${kkStem("келесі")}`, "u");
const END_MARKER_RE = new RegExp(String.raw`конц|конец|окончани|${kkStem("соңы")}|${kkStem("аяғ")}`, "u");
const FOURTH_QUARTER_RE = new RegExp(String.raw`(?<![\p{L}\d])(?:4|[іi]v)${ORDINAL_RU_KK}\s?-?\s?(?:квартал|${kkStem("тоқсан")})`, "u");

function blank(text: string, spans: [number, number][]): string {
  let out = text;
  for (const [a, b] of spans) out = out.slice(0, a) + " ".repeat(b - a) + out.slice(b);
  return out;
}

type Fail = { reason: DeadlineUnknownReason; detail?: string };

function parseRecurrenceClause(clause: string, every: Frequency, freqSpan: [number, number]): Recurrence | Fail {
  const spans: [number, number][] = [freqSpan];
  // Days of the month.
  const days = [...clause.matchAll(DAY_OF_MONTH_RE)];
  for (const d of days) spans.push([d.index, d.index + d[0].length]);
  const rest = blank(clause, spans);
  const { points, years, spans: tokenSpans } = tokenize(rest);
  spans.push(...tokenSpans);
  // «(4-тоқсандағы ақпаратты қоса алғанда)» names a quarter without being a date.
  const quarterMentions = points.filter((p) => p.level === "quarter");
  const dated = attachYears(rest, points.filter((p) => p.level !== "quarter"), years);
  if (days.length > 1) return { reason: "ambiguous", detail: days.map((d) => d[0]).join(", ") };
  const dayMonths = dated.filter((p) => p.level === "day" && p.year === undefined);
  const bounds = dated.filter((p) => !(p.level === "day" && p.year === undefined));
  if (dayMonths.length > 1 || (dayMonths.length === 1 && (every !== "year" || days.length > 0))) return { reason: "ambiguous", detail: dayMonths.map((p) => p.raw.trim()).join(", ") };
  if (quarterMentions.length && !/қоса|включая|кроме|исключением|қоспағанда/u.test(clause)) return { reason: "ambiguous", detail: quarterMentions.map((p) => p.raw.trim()).join(", ") };
  if (/\d/.test(blank(clause, spans))) return { reason: "ambiguous", detail: clause };

  const lastDay = LAST_DAY_RE.test(blank(clause, tokenSpans));
  const ordinal = ORDINAL_MONTH.find(([re]) => re.test(clause))?.[1];
  const after = AFTER_PERIOD_RE.test(clause);
  let day: number;
  let offsetMonths: number;
  let month: number | undefined;
  if (dayMonths.length === 1) {
    const p = dayMonths[0]!;
    if (p.month! < 1 || p.month! > 12 || p.day! < 1 || p.day! > daysInMonth(2000, p.month!)) return { reason: "invalid_date", detail: p.raw.trim() };
    day = p.day!;
    month = p.month!;
    offsetMonths = 0;
  } else {
    const written = days[0] ? Number(days[0][1]) : undefined;
    if (written !== undefined && (written < 1 || written > 31)) return { reason: "invalid_date", detail: days[0]![0] };
    day = written ?? 31;
    if (after || ordinal) offsetMonths = ordinal ?? 1;
    // «ай сайын 25-күніне дейін»: the 25th of the same month; «ежеквартально до 10 числа»:
    // a quarter has no single month, so the day is in the month after it.
    else if (written !== undefined && !lastDay) offsetMonths = every === "month" ? 0 : 1;
    else offsetMonths = 0;
    if (every === "year") {
      month = ((12 + offsetMonths - 1) % 12) + 1;
      offsetMonths = 0;
    }
  }
  // «есепті жылдан кейінгі екінші айдың 25-күніне дейін»: due in the next year, on the year before.
  const previousYear = every === "year" && dayMonths.length === 0 && (after || ordinal !== undefined);
  const recurrence: Recurrence = { every, day, offsetMonths, ...(month !== undefined ? { month } : {}), ...(previousYear ? { reportsPreviousYear: true } : {}) };
  // Bounds: «в течение 2022 года», «2022 жылы» (both), «до конца 2023 года» (until), «с 01.07.2022» (from).
  for (const p of bounds) {
    if (p.year === undefined) return { reason: "no_year", detail: p.raw.trim() };
    const interval = pointInterval(p);
    if ("error" in interval) return { reason: "invalid_date", detail: interval.error };
    const before = rest.slice(0, p.start);
    const fromRole = p.suffixRole === "from" || /(?:^|[^\p{L}])(?:с|со|начиная с)\s*$/u.test(before) || /^\s*бастап/u.test(rest.slice(p.end));
    const toRole = p.suffixRole === "to" || /(?:^|[^\p{L}])(?:по|до|не позднее)\s*(?:конца\s*)?$/u.test(before) || /^\s*(?:\p{L}+\s+)?дейін/u.test(rest.slice(p.end));
    if (!toRole || fromRole) recurrence.from = iso(...interval.from);
    if (!fromRole || toRole) recurrence.until = iso(...interval.to);
  }
  if (recurrence.from && recurrence.until && recurrence.from > recurrence.until) return { reason: "reversed_range", detail: clause };
  // «ежеквартально, кроме IV квартала»
  if (every === "quarter" && /кроме|исключением|қоспағанда/u.test(clause) && FOURTH_QUARTER_RE.test(clause)) recurrence.periods = [1, 2, 3];
  return recurrence;
}

function parseRecurring(text: string): DeadlineParse | Fail | null {
  const clauses = text.split(";").map((c) => c.trim()).filter(Boolean);
  const found = clauses.map((clause) => {
    const hits: { every: Frequency; span: [number, number] }[] = [];
    let masked = clause;
    for (const [every, re] of FREQUENCIES) {
      const m = re.exec(masked);
      if (m) {
        hits.push({ every, span: [m.index, m.index + m[0].length] });
        masked = blank(masked, [[m.index, m.index + m[0].length]]);
      }
    }
    return { clause, hits };
  });
  if (!found.some((f) => f.hits.length)) return null;
  if (found.some((f) => f.hits.length !== 1)) return { reason: "ambiguous", detail: text };
  const recurrences: Recurrence[] = [];
  for (const { clause, hits } of found) {
    const r = parseRecurrenceClause(clause, hits[0]!.every, hits[0]!.span);
    if ("reason" in r) return r;
    recurrences.push(r);
  }
  // «тоқсан сайын …; жыл сайын (4-тоқсандағы ақпаратты қоса алғанда) …»: the yearly report
  // includes the fourth quarter, so there is no separate fourth-quarter report.
  const yearly = found.findIndex((f) => f.hits[0]!.every === "year");
  if (yearly >= 0 && FOURTH_QUARTER_RE.test(found[yearly]!.clause)) {
    for (const r of recurrences) if (r.every === "quarter") r.periods = [1, 2, 3];
  }
  const [first, ...rest] = recurrences;
  return { kind: "recurring", recurrence: first!, ...(rest.length ? { also: rest } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Deadlines relative to the analysis (seed 002's project map and its Kazakh forms).

const ANALYSIS_RE = new RegExp(String.raw`вакр|внутренн\p{L}* анализ|анализ\p{L}* коррупционных рисков|${kkStem("сжтіт")}|${kkStem("ішкі талдау")}\p{L}*|${kkStem("тәуекелдеріне ішкі талда")}`, "u");
const ANCHORS: [RelativeAnchor, RegExp][] = [
  ["report_signed", new RegExp(String.raw`подписани\p{L}* (?:\p{L}+ )?справк|справк\p{L}* (?:\p{L}+ )?подписан|${kkStem("анықтама")}\p{L}* ${kkStem("қол қой")}`, "u")],
  // The plan of measures, not another plan («плана закупок», «сатып алу жоспары»).
  ["plan_approved", new RegExp(String.raw`утвержден\p{L}* плана(?!\s+(?!мероприят|по\s)\p{L})|план\p{L}* мероприяти\p{L}* (?:\p{L}+ )?утвержд|(?:${kkStem("іс-шаралар")}\s+|(?<![\p{L}-]\s*))${kkStem("жоспар")}\p{L}* ${kkStem("бекіт")}`, "u")],
  ["analysis_start", new RegExp(String.raw`(?:начал\p{L}*|старт\p{L}*) (?:\p{L}+ )?(?:проведения )?(?:вакр|внутренн|анализ)|${kkStem("бастал")}\p{L}*`, "u")],
  ["analysis_end", new RegExp(String.raw`(?:завершени|окончани)\p{L}* (?:\p{L}+ )?(?:проведения )?(?:вакр|внутренн|анализ)|${kkStem("аяқтал")}\p{L}*`, "u")],
];
const NUMBER_WORDS: Record<string, number> = {
  один: 1, одного: 1, одна: 1, одной: 1, два: 2, двух: 2, три: 3, трех: 3, четыре: 4, четырех: 4, пять: 5, пяти: 5, десять: 10, десяти: 10, пятнадцать: 15, пятнадцати: 15,
  бір: 1, екі: 2, үш: 3, төрт: 4, бес: 5, он: 10,
};
const AMOUNT = String.raw`(\d{1,3}|${Object.keys(NUMBER_WORDS).join("|")})(?:\s?-?\s?(?:ти|х|и|ми))?`;
const WORKING_DAYS_RE = new RegExp(String.raw`(?<![\p{L}\d])${AMOUNT}\s+(?:рабоч\p{L}*\s+(?:дн\p{L}*|день)|${kkStem("жұмыс")}\s+${kkStem("күн")}\p{L}*)`, "gu");
const YEARS_RE = new RegExp(String.raw`(?<![\p{L}\d])${AMOUNT}\s+(?:год\p{L}*|лет|${kkStem("жыл")}\p{L}*)(?!\p{L})`, "gu");
const AFTER_RE = new RegExp(String.raw`со дня|с даты|с момента|после|${kkStem("бастап")}|${kkStem("кейін")}`, "u");
const BEFORE_RE = new RegExp(String.raw`(?:^|\s)за\s|до (?:начала|завершения|окончания|старта)|${kkStem("дейін")}|${kkStem("бұрын")}`, "u");
const MAX_RELATIVE_WORKING_DAYS = 60;
const MAX_RELATIVE_YEARS = 3;

const amountOf = (word: string) => NUMBER_WORDS[word] ?? Number(word);

/** A deadline counted from the analysis, or null when the text names no analysis date with an amount. */
function parseRelative(text: string): RelativeDeadline | null {
  const found = ANCHORS.filter(([anchor, re]) => re.test(text) && (anchor === "report_signed" || anchor === "plan_approved" || ANALYSIS_RE.test(text)));
  if (found.length !== 1) return null;
  const anchor = found[0]![0];
  const days = [...text.matchAll(WORKING_DAYS_RE)];
  const years = [...text.matchAll(YEARS_RE)];
  if (days.length + years.length !== 1) return null;
  const direction = AFTER_RE.test(text) ? "after" : BEFORE_RE.test(text) ? "before" : null;
  if (!direction) return null;
  // Nothing else numeric: «до 10 рабочих дней, но не позднее 20 мая» is not only relative.
  const amountSpan = (days[0] ?? years[0])!;
  if (/\d/.test(text.slice(0, amountSpan.index) + text.slice(amountSpan.index + amountSpan[0].length))) return null;
  const amount = amountOf(amountSpan[1]!);
  if (days.length) {
    if (amount < 1 || amount > MAX_RELATIVE_WORKING_DAYS) return null;
    return { kind: "relative", anchor, direction, workingDays: amount };
  }
  if (amount < 1 || amount > MAX_RELATIVE_YEARS || direction !== "after") return null;
  return { kind: "relative", anchor, direction, years: amount };
}

// ---------------------------------------------------------------------------------------------

/** Lower case, ё → е, no quotes, one kind of dash, single spaces. */
export function normalizeDeadlineText(text: string): string {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[«»"“”„‟'’`]/g, " ")
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function parsePoints(text: string, context: DeadlineContext): DeadlineParse | Fail | null {
  const tokens = tokenize(text);
  const points = attachYears(text, tokens.points, tokens.years);
  if (points.length === 0) return null;
  if (/\d/.test(blank(text, tokens.spans))) return { reason: "ambiguous", detail: text };
  if (points.length > 2) return { reason: "ambiguous", detail: points.map((p) => p.raw.trim()).join(", ") };

  const before = (p: Point, from = 0) => text.slice(from, p.start);
  const after = (p: Point, to = text.length) => text.slice(p.end, to);
  const isFrom = (p: Point, prevEnd = 0) => p.suffixRole === "from" || /(?:^|[^\p{L}])(?:с|со|начиная с)\s*$/u.test(before(p, prevEnd)) || /^\s*бастап/u.test(after(p));
  const isTo = (p: Point, prevEnd = 0) => p.suffixRole === "to" || /(?:^|[^\p{L}])(?:по|до|к|не позднее|не позже|в срок до|срок до)\s*$/u.test(before(p, prevEnd)) || /^\s*дейін/u.test(after(p));

  if (points.length === 2) {
    const [a, b] = points as [Point, Point];
    const gap = blank(text, tokens.spans).slice(a.end, b.start).trim();
    const range = isFrom(a) || /^(?:-|по|до)$/u.test(gap) || (/^(?:бен|пен|мен)$/u.test(gap) && /аралығ/u.test(after(b)));
    if (!range) return { reason: "ambiguous", detail: `${text.slice(a.start, a.end)}, ${text.slice(b.start, b.end)}` };
    // One year for both ends: «с 15 апреля по 31 мая 2022 года», «2022 жылғы 15 сәуірден 31 мамырға дейін».
    if (a.year === undefined && b.year !== undefined) a.year = startKey(a) > startKey(b) ? b.year - 1 : b.year;
    else if (b.year === undefined && a.year !== undefined) b.year = startKey(b) < startKey(a) ? a.year + 1 : a.year;
    else if (a.year === undefined && b.year === undefined && context.year !== undefined) {
      a.year = context.year;
      b.year = startKey(b) < startKey(a) ? context.year + 1 : context.year;
    }
    if (a.year === undefined || b.year === undefined) return { reason: "no_year", detail: `${a.raw.trim()}, ${b.raw.trim()}` };
    const ia = pointInterval(a);
    const ib = pointInterval(b);
    if ("error" in ia) return { reason: "invalid_date", detail: ia.error };
    if ("error" in ib) return { reason: "invalid_date", detail: ib.error };
    const from = iso(...ia.from);
    const due = iso(...ib.to);
    if (from > due) return { reason: "reversed_range", detail: text };
    return { kind: "range", from, due };
  }

  const p = points[0]!;
  if (p.year === undefined) {
    if (context.year === undefined) return { reason: "no_year", detail: p.raw.trim() };
    p.year = context.year;
  }
  const interval = pointInterval(p);
  if ("error" in interval) return { reason: "invalid_date", detail: interval.error };
  if (p.level === "day") {
    // «с 1 июля 2022 года» alone says when it starts, not when it is due.
    if (isFrom(p) && !isTo(p)) return { reason: "ambiguous", detail: text };
    return { kind: "date", due: iso(...interval.to) };
  }
  // «до конца 2022 года», «2022 жылдың соңына дейін», «до конца I квартала»
  if (END_MARKER_RE.test(text)) return { kind: "date", due: iso(...interval.to) };
  // «до декабря 2022 года»: before December starts or by its end? Not guessed.
  if (isTo(p) || isFrom(p)) return { reason: "ambiguous", detail: text };
  return { kind: "range", from: iso(...interval.from), due: iso(...interval.to) };
}

/** «в течение года», «жыл бойы» — the plan's year. */
const WHOLE_YEAR_RE = new RegExp(String.raw`^(?:в течение(?: всего)? (?:текущего |отчетного )?года|${kkStem("жыл бойы")}|${kkStem("жыл ішінде")}|${kkStem("ағымдағы жыл")}\p{L}* ${kkStem("ішінде")})$`, "u");

export function parseDeadline(text: string, context: DeadlineContext = {}): DeadlineParse {
  const display = text.replace(/\s+/g, " ").trim();
  const normalized = normalizeDeadlineText(text);
  const unknown = (f: Fail): DeadlineParse => ({ kind: "unknown", text: display, reason: f.reason, ...(f.detail !== undefined ? { detail: f.detail } : {}) });
  if (!normalized || !/[\p{L}\d]/u.test(normalized)) return unknown({ reason: "empty" });

  const recurring = parseRecurring(normalized);
  if (recurring) return "reason" in recurring ? unknown(recurring) : recurring;

  const relative = parseRelative(normalized);
  if (relative) return relative;

  const dated = parsePoints(normalized, context);
  if (dated) return "reason" in dated ? unknown(dated) : dated;

  if (WHOLE_YEAR_RE.test(normalized)) {
    if (context.year === undefined) return unknown({ reason: "no_year", detail: display });
    return { kind: "range", from: iso(context.year, 1, 1), due: iso(context.year, 12, 31) };
  }
  if (EVENT_RE.test(normalized)) return { kind: "event", text: display };
  return unknown({ reason: "unrecognized" });
}

// ---------------------------------------------------------------------------------------------

const MAX_SPAN_YEARS = 200;

/**
 * A due date of a recurrence with the period it reports on: "2022-M03" (a month), "2022-Q4"
 * (a quarter), "2022-H1" (a half-year), "2022" (a year). A yearly due date reports on its own
 * year, or on the year before with `reportsPreviousYear`.
 */
export interface DueOccurrence {
  due: IsoDate;
  period: string;
}

const PERIOD_LETTER: Record<Exclude<Frequency, "year">, string> = { month: "M", quarter: "Q", half_year: "H" };

/** Whether a reported period ("2022-Q4", "2022") lies within the given year. */
export const periodInYear = (period: string, year: number) => period === String(year) || period.startsWith(`${year}-`);

/** The due dates of one or more recurrences from `from` to `to` (both included) with their periods, in order, one per due date (the first recurrence's period when two share it). */
export function recurrenceOccurrences(recurrence: Recurrence | readonly Recurrence[], from: IsoDate, to: IsoDate): DueOccurrence[] {
  const [fy] = parseIso(from, "from");
  const [ty] = parseIso(to, "to");
  if (ty - fy > MAX_SPAN_YEARS) throw new RangeError(`occurrences: at most ${MAX_SPAN_YEARS} years at a time`);
  const list = Array.isArray(recurrence) ? (recurrence as readonly Recurrence[]) : [recurrence as Recurrence];
  const out = new Map<IsoDate, string>();
  const add = (due: IsoDate, period: string) => {
    if (!out.has(due)) out.set(due, period);
  };
  for (const r of list) {
    if (!Number.isInteger(r.day) || r.day < 1 || r.day > 31) throw new RangeError(`recurrence: invalid day ${r.day}`);
    if (!Number.isInteger(r.offsetMonths) || r.offsetMonths < 0 || r.offsetMonths > 24) throw new RangeError(`recurrence: invalid offsetMonths ${r.offsetMonths}`);
    const lo = r.from && r.from > from ? r.from : from;
    const hi = r.until && r.until < to ? r.until : to;
    if (r.every === "year") {
      const month = r.month ?? 12;
      if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`recurrence: invalid month ${r.month}`);
      for (let y = fy; y <= ty; y++) {
        const due = iso(y, month, Math.min(r.day, daysInMonth(y, month)));
        if (due >= lo && due <= hi) add(due, String(r.reportsPreviousYear ? y - 1 : y));
      }
      continue;
    }
    const length = PERIOD_MONTHS[r.every];
    // Periods ending up to offsetMonths before `from` can still be due inside the window.
    const firstMonth = (fy - 1) * 12 - r.offsetMonths;
    const lastMonth = ty * 12 + 11;
    for (let m = firstMonth; m <= lastMonth; m++) {
      const monthOfYear = (((m % 12) + 12) % 12) + 1; // m counts months from year 0: 1…12
      if (monthOfYear % length !== 0) continue; // not the last month of a period
      const period = monthOfYear / length;
      if (r.periods && !r.periods.includes(period)) continue;
      const dueMonth = m + r.offsetMonths;
      const y = Math.floor(dueMonth / 12);
      const mo = (((dueMonth % 12) + 12) % 12) + 1;
      const due = iso(y, mo, Math.min(r.day, daysInMonth(y, mo)));
      const periodYear = Math.floor(m / 12);
      if (due >= lo && due <= hi) add(due, `${periodYear}-${PERIOD_LETTER[r.every]}${r.every === "month" ? pad2(period) : period}`);
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([due, period]) => ({ due, period }));
}

/** The due dates of one or more recurrences from `from` to `to` (both included), in order, without repeats. */
export function occurrences(recurrence: Recurrence | readonly Recurrence[], from: IsoDate, to: IsoDate): IsoDate[] {
  return recurrenceOccurrences(recurrence, from, to).map((o) => o.due);
}

/** The due dates of any known deadline within [from, to]: one for a date or range, none for an event. */
export function dueDates(deadline: KnownDeadline, from: IsoDate, to: IsoDate): IsoDate[] {
  switch (deadline.kind) {
    case "date":
    case "range":
      return deadline.due >= from && deadline.due <= to ? [deadline.due] : [];
    case "recurring":
      return occurrences([deadline.recurrence, ...(deadline.also ?? [])], from, to);
    case "relative": // dated by an analysis (../schedule.ts, relativeDue)
    case "event":
      return [];
  }
}
