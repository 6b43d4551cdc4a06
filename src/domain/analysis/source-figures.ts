// The other sources' figures of an analysis (seed 001): appeals through E-Өтініш by the kind of
// person who appealed, court cases by the organisation's role and the outcome, disciplinary
// penalties by type, media items by tone — each with its period and where it comes from.
// Here: the category codes of each kind, reading periods as officers write them, reading a
// typed line or a table row in either language, and the summary the screens and the analytic
// report quote (exactly the stored figures, never estimated ones).
import { pad2, type IsoDate } from "../calendar/days.js";
import { formatDay, parseDateInput } from "../dates.js";
import type { Translate } from "../../i18n-resources.js";
import { SOURCE_FIGURE_KINDS, type SourceFigureKind } from "./register.js";

/**
 * The categories of each kind. «total» is a row without a breakdown (the figure as a whole);
 * court outcomes are those of the cases where the organisation was the defendant (seed 001:
 * «118 сот ісі, оның 83-інде жауапкер … 30 іс қанағаттандырылды»). The kind «other» takes the
 * officer's own words as its category.
 */
export const SOURCE_CATEGORIES = {
  appeals: ["total", "individual", "legal_entity", "anonymous"],
  court: ["total", "claimant", "defendant", "third_party", "defendant_satisfied", "defendant_partially", "defendant_refused", "defendant_dismissed", "defendant_pending"],
  penalties: ["total", "remark", "reprimand", "severe_reprimand", "severe_warning", "incompetence_warning", "dismissal", "other"],
  media: ["total", "negative", "neutral", "positive"],
  other: ["total"],
} as const satisfies Record<SourceFigureKind, readonly string[]>;

/** What a category is a part of: the breakdowns of «total», the outcomes of «defendant». */
export function parentOf(kind: SourceFigureKind, category: string): string | null {
  if (category === "total") return null;
  if (kind === "court" && category.startsWith("defendant_")) return "defendant";
  return "total";
}

export const MAX_FIGURE_COUNT = 10_000_000;
export const MAX_FIGURE_TEXT = 300;
export const MAX_FIGURE_ROWS = 2_000;

export interface SourceFigureInput {
  kind: SourceFigureKind;
  /** Canonical: "2023", "2023-H1", "2023-Q2" or "2023-01-01..2023-06-30". */
  period: string;
  /** A code of SOURCE_CATEGORIES[kind], or the officer's words for the kind «other». */
  category: string;
  /** "" when none. */
  topic: string;
  count: number;
  source: string | null;
  note: string | null;
}

export interface SourceFigureRow extends SourceFigureInput {
  id: number;
}

export type FigureErrorCode = "bad_kind" | "bad_period" | "bad_category" | "bad_count" | "too_long" | "missing";

export function isSourceFigureKind(value: string): value is SourceFigureKind {
  return (SOURCE_FIGURE_KINDS as readonly string[]).includes(value);
}

export function isCategoryOf(kind: SourceFigureKind, category: string): boolean {
  return (SOURCE_CATEGORIES[kind] as readonly string[]).includes(category);
}

// ---------------------------------------------------------------- periods

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day a canonical period covers. */
export function periodRange(period: string): { start: IsoDate; end: IsoDate } {
  let m = /^(\d{4})$/.exec(period);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-H([12])$/.exec(period);
  if (m) return m[2] === "1" ? { start: `${m[1]}-01-01`, end: `${m[1]}-06-30` } : { start: `${m[1]}-07-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return { start: `${y}-${pad2(first)}-01`, end: `${y}-${pad2(first + 2)}-${pad2(lastDay(y, first + 2))}` };
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (m) return { start: m[1]!, end: m[2]! };
  throw new RangeError(`not a canonical period: ${period}`);
}

/** A range in its shortest canonical form: a whole year, half or quarter by name. */
export function canonicalRange(start: IsoDate, end: IsoDate): string {
  const [ys, ms, ds] = start.split("-").map(Number) as [number, number, number];
  const [ye, me, de] = end.split("-").map(Number) as [number, number, number];
  if (ys === ye && ds === 1 && de === lastDay(ye, me)) {
    if (ms === 1 && me === 12) return String(ys);
    if (ms === 1 && me === 6) return `${ys}-H1`;
    if (ms === 7 && me === 12) return `${ys}-H2`;
    if ((ms - 1) % 3 === 0 && me === ms + 2) return `${ys}-Q${(ms - 1) / 3 + 1}`;
  }
  return `${start}..${end}`;
}

const YEAR_MIN = 1991;
const YEAR_MAX = 2100;
const inYears = (y: number) => y >= YEAR_MIN && y <= YEAR_MAX;

/**
 * A period as officers write it, in its canonical form, or null: «2023», «2023 год»,
 * «2023-H1», «I полугодие 2023 года», «2023 жылғы I жартыжылдық», «2023-Q2», «II квартал 2023»,
 * «2023 жылғы 2-тоқсан», «2022–2023», «2022-2023 годы», «01.01.2023–30.06.2023»,
 * «2023-01-01..2023-06-30».
 */
export function parsePeriod(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");
  if (!s) return null;
  // Two dates.
  const date = String.raw`(\d{1,2}[./]\d{1,2}[./]\d{4}|\d{4}-\d{2}-\d{2})`;
  const dates = new RegExp(String.raw`^(?:с\s+)?${date}\s*(?:\.\.|–|—|-|по|до)\s*${date}(?:\s*(?:г|гг|года?|жыл)\.?)?$`).exec(s);
  if (dates) {
    const a = parseDateInput(dates[1]!);
    const b = parseDateInput(dates[2]!);
    if (!a || !b || a > b) return null;
    return canonicalRange(a, b);
  }
  // Years: «2023», «2023 год», «2022–2023 годы», «2022-2023 жылдар».
  const years = /^(\d{4})(?:\s*[-–—]\s*(\d{4}))?(?:\s*(?:г|гг|год|года|годы|годов|жыл|жылы|жылдар|жылдары|жылғы)\.?)?$/.exec(s);
  if (years) {
    const from = Number(years[1]);
    const to = years[2] ? Number(years[2]) : from;
    if (!inYears(from) || !inYears(to) || from > to) return null;
    return from === to ? String(from) : `${from}-01-01..${to}-12-31`;
  }
  let canon = /^(\d{4})\s*-?\s*([hq])([1-4])$/.exec(s);
  if (canon) return partOfYear(Number(canon[1]), canon[2] === "h" ? "H" : "Q", Number(canon[3]));
  canon = /^([hq])([1-4])\s*-?\s*(\d{4})$/.exec(s);
  if (canon) return partOfYear(Number(canon[3]), canon[1] === "h" ? "H" : "Q", Number(canon[2]));
  // Words: the year, an ordinal (Roman or Arabic) and «полугодие»/«жартыжылдық», «квартал»/«тоқсан».
  const year = /(\d{4})/.exec(s);
  const kind = /полугод|жарты\s*жыл/.test(s) ? "H" : /квартал|тоқсан/.test(s) ? "Q" : null;
  if (!year || !kind) return null;
  const rest = s.replace(year[1]!, " ");
  const ordinal = /(?:^|[\s(])(iv|iii|ii|i|[1-4])(?=[\s\-.)]|$)/.exec(rest);
  if (!ordinal) return null;
  const n = ROMAN[ordinal[1]!] ?? Number(ordinal[1]);
  return partOfYear(Number(year[1]), kind, n);
}

function partOfYear(year: number, kind: "H" | "Q", n: number): string | null {
  if (!inYears(year) || n < 1 || (kind === "H" && n > 2) || n > 4) return null;
  return `${year}-${kind}${n}`;
}

/** The period in words, as the documents write it («2023 год», «I полугодие 2023 года», «2022–2023 годы»). */
export function periodLabel(period: string, t: Translate): string {
  let m = /^(\d{4})$/.exec(period);
  if (m) return t("analysisSources.period.year", { year: m[1] });
  m = /^(\d{4})-([HQ])([1-4])$/.exec(period);
  if (m) return t(m[2] === "H" ? "analysisSources.period.half" : "analysisSources.period.quarter", { year: m[1], n: ["I", "II", "III", "IV"][Number(m[3]) - 1] });
  const { start, end } = periodRange(period);
  if (start.endsWith("-01-01") && end.endsWith("-12-31")) return t("analysisSources.period.years", { from: start.slice(0, 4), to: end.slice(0, 4) });
  return t("analysisSources.period.range", { from: formatDay(start), to: formatDay(end) });
}

// ---------------------------------------------------------------- words

/** Lower case, ё as е, quotes and end punctuation dropped, one space between words. */
export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"'“”„()]/g, " ")
    .replace(/[\s\u00a0\u202f]+/g, " ")
    .replace(/^[\s.,;:–—-]+|[\s.,;:–—-]+$/g, "")
    .trim();
}

/** The start of each word (3 letters): «физические лица» and «физическое лицо» read alike. */
function stems(text: string): string {
  return normalizeWord(text)
    .split(/[\s:–—-]+/)
    .filter(Boolean)
    .map((w) => w.slice(0, 3))
    .join(" ");
}

/** The words of the kinds and categories in both languages, with the codes, for reading input. */
export interface SourceVocabulary {
  kind(text: string): SourceFigureKind | null;
  /** The code, or null; the kind «other» takes any words as they are. */
  category(kind: SourceFigureKind, text: string): string | null;
  /** Which column a header cell names, or null. */
  column(text: string): FigureColumn | null;
}

export const FIGURE_COLUMNS = ["kind", "period", "category", "topic", "count", "source", "note"] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

class Lookup<V> {
  private readonly exact = new Map<string, V>();
  private readonly byStem = new Map<string, V | null>();
  add(word: string, value: V): void {
    this.exact.set(normalizeWord(word), value);
    const stem = stems(word);
    const known = this.byStem.get(stem);
    this.byStem.set(stem, known === undefined || known === value ? value : null);
  }
  find(text: string): V | null {
    return this.exact.get(normalizeWord(text)) ?? this.byStem.get(stems(text)) ?? null;
  }
}

/** From the translation functions of both languages (the words of the template's lists). */
export function sourceVocabulary(translators: readonly Translate[]): SourceVocabulary {
  const kinds = new Lookup<SourceFigureKind>();
  const columns = new Lookup<FigureColumn>();
  const categories = new Map(SOURCE_FIGURE_KINDS.map((k) => [k, new Lookup<string>()]));
  for (const kind of SOURCE_FIGURE_KINDS) {
    kinds.add(kind, kind);
    for (const code of SOURCE_CATEGORIES[kind]) categories.get(kind)!.add(code, code);
  }
  for (const c of FIGURE_COLUMNS) columns.add(c, c);
  // The platform's name is the same in both languages.
  for (const name of ["E-Өтініш", "Е-Өтініш", "e-otinish", "E-Otinish"]) kinds.add(name, "appeals");
  for (const t of translators) {
    for (const kind of SOURCE_FIGURE_KINDS) {
      kinds.add(t(`analysisSources.kind.${kind}`), kind);
      if (kind !== "appeals") kinds.add(t(`analysisSources.kindShort.${kind}`), kind);
      for (const code of SOURCE_CATEGORIES[kind]) categories.get(kind)!.add(categoryWord(t, kind, code), code);
    }
    for (const c of FIGURE_COLUMNS) columns.add(t(`analysisSources.column.${c}`), c);
  }
  return {
    kind: (text) => kinds.find(text),
    category: (kind, text) => {
      const code = categories.get(kind)!.find(text);
      if (code) return code;
      const own = text.trim().replace(/\s+/g, " ");
      return kind === "other" && own ? own : null;
    },
    column: (text) => columns.find(text),
  };
}

/** A category in words: the catalog's word for a code, the officer's own words otherwise. */
export function categoryWord(t: Translate, kind: SourceFigureKind, category: string): string {
  return isCategoryOf(kind, category) ? t(`analysisSources.category.${kind}.${category as "total"}`) : category;
}

// ---------------------------------------------------------------- reading input

/** «2 612», «2612», «2 612,0» → 2612; anything else (negative, fractional, words) → null. */
export function parseCount(raw: string): number | null {
  const s = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/[.,]0+$/, "");
  if (!/^\d{1,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_FIGURE_COUNT ? n : null;
}

export type FieldTexts = Record<FigureColumn, string>;

/** One figure from its texts (a table row or a typed line), or the first problem found. */
export function readFigure(fields: FieldTexts, vocab: SourceVocabulary): { ok: true; figure: SourceFigureInput } | { ok: false; code: FigureErrorCode } {
  if (!fields.kind.trim() || !fields.period.trim() || !fields.category.trim() || !fields.count.trim()) return { ok: false, code: "missing" };
  const kind = vocab.kind(fields.kind);
  if (!kind) return { ok: false, code: "bad_kind" };
  const period = parsePeriod(fields.period);
  if (!period) return { ok: false, code: "bad_period" };
  const category = vocab.category(kind, fields.category);
  if (!category) return { ok: false, code: "bad_category" };
  const count = parseCount(fields.count);
  if (count === null) return { ok: false, code: "bad_count" };
  const text = (s: string) => s.trim().replace(/\s+/g, " ");
  const topic = text(fields.topic);
  const source = text(fields.source);
  const note = text(fields.note);
  if ([category, topic, source, note].some((s) => s.length > MAX_FIGURE_TEXT)) return { ok: false, code: "too_long" };
  return { ok: true, figure: { kind, period, category, topic, count, source: source || null, note: note || null } };
}

/**
 * A figure typed in one line, fields separated by «;» (or «|», or tabs): kind; period;
 * category; topic; count; source; note. The topic may be left out when the count follows the
 * category («appeals; 2023; физические лица; 12; E-Өтініш»); source and note may be left out.
 */
export function parseFigureLine(line: string, vocab: SourceVocabulary): ReturnType<typeof readFigure> {
  const parts = line.split(/[;|\t]/).map((p) => p.trim());
  while (parts.length && parts[parts.length - 1] === "") parts.pop();
  if (parts.length < 4) return { ok: false, code: "missing" };
  if (parts.length === 4 || (parseCount(parts[3]!) !== null && parseCount(parts[4]!) === null)) parts.splice(3, 0, "");
  const [kind = "", period = "", category = "", topic = "", count = "", source = "", ...note] = parts;
  return readFigure({ kind, period, category, topic, count, source, note: note.join("; ") }, vocab);
}

export interface ParsedRows {
  rows: SourceFigureInput[];
  /** Sheet row numbers (1-based) and what is wrong with them. */
  errors: { row: number; code: FigureErrorCode | "no_header" | "too_many_rows" }[];
}

/**
 * The figures of a filled template (or any table with the same columns, in either language):
 * the header is the first row that names the kind, period, category and count columns; the
 * rows after it are figures, empty rows skipped.
 */
export function parseSourceRows(rows: string[][], vocab: SourceVocabulary): ParsedRows {
  const headerAt = rows.findIndex((r) => {
    const named = new Set(r.map((c) => (c.trim() ? vocab.column(c) : null)));
    return (["kind", "period", "category", "count"] as const).every((c) => named.has(c));
  });
  if (headerAt < 0) return { rows: [], errors: [{ row: 1, code: "no_header" }] };
  const columnAt = new Map<FigureColumn, number>();
  rows[headerAt]!.forEach((c, i) => {
    const col = c.trim() ? vocab.column(c) : null;
    if (col && !columnAt.has(col)) columnAt.set(col, i);
  });
  const out: ParsedRows = { rows: [], errors: [] };
  const body = rows.slice(headerAt + 1);
  if (body.filter((r) => r.some((c) => c.trim())).length > MAX_FIGURE_ROWS) return { rows: [], errors: [{ row: headerAt + 2 + MAX_FIGURE_ROWS, code: "too_many_rows" }] };
  body.forEach((r, i) => {
    if (!r.some((c) => c.trim())) return;
    const at = (c: FigureColumn) => (columnAt.has(c) ? (r[columnAt.get(c)!] ?? "") : "");
    const read = readFigure({ kind: at("kind"), period: at("period"), category: at("category"), topic: at("topic"), count: at("count"), source: at("source"), note: at("note") }, vocab);
    if (read.ok) out.rows.push(read.figure);
    else out.errors.push({ row: headerAt + 2 + i, code: read.code });
  });
  return out;
}

/** Two figures that say the same thing (importing a file again adds nothing). */
export function figureKey(f: SourceFigureInput): string {
  return JSON.stringify([f.kind, f.period, f.category, f.topic, f.count, f.source ?? "", f.note ?? ""]);
}

// ---------------------------------------------------------------- the summary

export interface Share {
  /** A category code (or the officer's words), or a topic. */
  key: string;
  count: number;
  /** Of the sum of its siblings (the other categories under the same whole); null when that is 0. */
  share: number | null;
}

export interface KindSummary {
  kind: SourceFigureKind;
  figures: number;
  /** The kind's whole: its «total» rows when there are any, else the sum of the breakdown. */
  total: number;
  /** The first and last day the figures cover. */
  span: { start: IsoDate; end: IsoDate };
  /** The whole per period, in order (the periods of the «total» rows, else of the breakdown), with every category's figure in it. */
  periods: { period: string; total: number; categories: { key: string; count: number }[] }[];
  categories: Share[];
  topics: Share[];
  sources: string[];
  /** A breakdown that adds up to more than its whole over the same span (seed 001: 2 882 + 719 + 11 of 2 612 appeals). */
  mismatches: { parent: string; whole: number; parts: number }[];
  /** Court cases as the defendant: how many were decided and how many of them satisfied. */
  court: { defendant: number; pending: number; decided: number; satisfied: number; partially: number; share: number | null } | null;
}

export interface SourceFigureSummary {
  kinds: KindSummary[];
}

const rangeOf = (rows: readonly SourceFigureInput[]) => rows.map((r) => periodRange(r.period));

/** The rows whose periods are not inside another row's period (2022 and 2023 beside 2022–2023 count once). */
function outermost(rows: readonly SourceFigureInput[]): SourceFigureInput[] {
  const ranges = rangeOf(rows);
  return rows.filter((_, i) => !ranges.some((o, j) => j !== i && o.start <= ranges[i]!.start && o.end >= ranges[i]!.end && (o.start !== ranges[i]!.start || o.end !== ranges[i]!.end)));
}

const sum = (rows: readonly { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);

/** A category's figure in one period: its row without a topic, else the sum of its topics. */
function inPeriod(rows: readonly SourceFigureInput[]): number {
  const plain = rows.filter((r) => r.topic === "");
  return sum(plain.length ? plain : rows);
}

/** A category's figure over everything stored: the outermost periods, each as inPeriod. */
function categoryFigure(rows: readonly SourceFigureInput[], category: string): number {
  const own = rows.filter((r) => r.category === category);
  const periods = new Set(outermost(own).map((r) => r.period));
  return [...periods].reduce((n, p) => n + inPeriod(own.filter((r) => r.period === p)), 0);
}

function spanOf(rows: readonly SourceFigureInput[]): { start: IsoDate; end: IsoDate } {
  const ranges = rangeOf(rows);
  return { start: ranges.map((r) => r.start).sort()[0]!, end: ranges.map((r) => r.end).sort().at(-1)! };
}

function childrenOf(kind: SourceFigureKind, parent: string, present: readonly string[]): string[] {
  return present.filter((c) => parentOf(kind, c) === parent);
}

function orderOf(kind: SourceFigureKind, category: string): number {
  const i = (SOURCE_CATEGORIES[kind] as readonly string[]).indexOf(category);
  return i < 0 ? 1000 : i;
}

function shares(entries: [string, number][]): Share[] {
  const whole = entries.reduce((n, [, c]) => n + c, 0);
  return entries.map(([key, count]) => ({ key, count, share: whole > 0 ? count / whole : null }));
}

function summarizeKind(kind: SourceFigureKind, rows: readonly SourceFigureInput[]): KindSummary {
  const present = [...new Set(rows.map((r) => r.category))].sort((a, b) => orderOf(kind, a) - orderOf(kind, b) || a.localeCompare(b));
  const figure = (c: string) => categoryFigure(rows, c);
  const top = childrenOf(kind, "total", present);
  const total = present.includes("total") ? figure("total") : top.reduce((n, c) => n + figure(c), 0);
  const hasWhole = present.includes("total");
  const periods = [...new Set(rows.filter((r) => (hasWhole ? r.category === "total" : parentOf(kind, r.category) === "total")).map((r) => r.period))]
    .map((period) => {
      const here = rows.filter((r) => r.period === period);
      const inHere = (c: string) => inPeriod(here.filter((r) => r.category === c));
      const cats = [...new Set(here.map((r) => r.category))].filter((c) => c !== "total").sort((a, b) => orderOf(kind, a) - orderOf(kind, b));
      const whole = hasWhole ? inHere("total") : cats.filter((c) => parentOf(kind, c) === "total").reduce((n, c) => n + inHere(c), 0);
      return { period, total: whole, categories: cats.map((key) => ({ key, count: inHere(key) })) };
    })
    .sort((a, b) => periodRange(a.period).start.localeCompare(periodRange(b.period).start) || periodRange(a.period).end.localeCompare(periodRange(b.period).end));
  // Shares among siblings: the breakdown of the whole, and the outcomes among themselves.
  const categories: Share[] = [];
  for (const parent of ["total", "defendant"]) categories.push(...shares(childrenOf(kind, parent, present).map((c) => [c, figure(c)])));
  categories.sort((a, b) => orderOf(kind, a.key) - orderOf(kind, b.key));
  // Topics from the highest level that has them.
  const withTopic = rows.filter((r) => r.topic !== "");
  const level = withTopic.some((r) => r.category === "total") ? withTopic.filter((r) => r.category === "total") : withTopic.filter((r) => parentOf(kind, r.category) === "total");
  const topicNames = [...new Set(level.map((r) => r.topic))];
  const topics = shares(topicNames.map((name) => [name, outermostSum(level.filter((r) => r.topic === name))] as [string, number])).sort((a, b) => b.count - a.count);
  const mismatches: KindSummary["mismatches"] = [];
  for (const parent of ["total", "defendant"]) {
    const kids = childrenOf(kind, parent, present);
    if (!present.includes(parent) || !kids.length) continue;
    const a = spanOf(rows.filter((r) => r.category === parent));
    const b = spanOf(rows.filter((r) => kids.includes(r.category)));
    const parts = kids.reduce((n, c) => n + figure(c), 0);
    if (a.start === b.start && a.end === b.end && parts > figure(parent)) mismatches.push({ parent, whole: figure(parent), parts });
  }
  return {
    kind,
    figures: rows.length,
    total,
    span: spanOf(rows),
    periods,
    categories,
    topics,
    sources: [...new Set(rows.map((r) => r.source).filter((s): s is string => !!s))],
    mismatches,
    court: kind === "court" ? courtFigures(rows, present) : null,
  };
}

function outermostSum(rows: readonly SourceFigureInput[]): number {
  return sum(outermost(rows));
}

/** The cases as the defendant: the «defendant» row, else the sum of its outcomes; the share satisfied of those decided. */
function courtFigures(rows: readonly SourceFigureInput[], present: readonly string[]): KindSummary["court"] {
  const outcomes = childrenOf("court", "defendant", present);
  if (!present.includes("defendant") && !outcomes.length) return null;
  const figure = (c: string) => (present.includes(c) ? categoryFigure(rows, c) : 0);
  const defendant = present.includes("defendant") ? figure("defendant") : outcomes.reduce((n, c) => n + figure(c), 0);
  const pending = figure("defendant_pending");
  const decided = Math.max(0, defendant - pending);
  const satisfied = figure("defendant_satisfied");
  return { defendant, pending, decided, satisfied, partially: figure("defendant_partially"), share: decided > 0 && outcomes.length ? satisfied / decided : null };
}

/** Per kind (in the catalog's order, only kinds with figures): totals by period, by category, by topic, shares. */
export function summarizeFigures(rows: readonly SourceFigureInput[]): SourceFigureSummary {
  return {
    kinds: SOURCE_FIGURE_KINDS.filter((k) => rows.some((r) => r.kind === k)).map((k) => summarizeKind(k, rows.filter((r) => r.kind === k))),
  };
}
