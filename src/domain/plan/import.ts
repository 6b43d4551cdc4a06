// Action-plan import: the plan of measures against the identified corruption risks, as a CSV or
// XLSX table laid out like the plans organisations already write (seed 002: № п/п, risk,
// measure, completion form, responsible, deadline; seed 004: р/б№, Жоспар, Іс-шараның атауы,
// Орындау мерзімі, Жауапты қызметкер, Күтілетін нәтиже). Headers may be Russian, Kazakh or
// English, in any order, below title rows.
//
// Table conventions taken from real plans:
// - section rows («1. Осуществление анализа коррупционных рисков», or «1.» + «Служба управления
//   персоналом») have text in the first cells only, or one text merged across the row; their
//   title is carried into the following items' `section` (nested numbers «1.» › «1.1.» nest);
// - a row with an empty № continues the item above: another measure for the same risk, so it
//   becomes its own item with the same number (and the same risk unless it names its own);
// - a row of column numbers (1, 2, 3 …) under the header and repeated header rows are skipped.
// Validation is complete before anything is returned: one bad row rejects the whole file.
import { firstRowCells, readTable, tableFormat, type TableError } from "../tables.js";
import { parseDeadline, type DeadlineUnknownReason, type KnownDeadline } from "./deadlines.js";

export type PlanField = "number" | "risk" | "measure" | "completionForm" | "responsible" | "deadline" | "expectedResult";
export const PLAN_FIELDS: readonly PlanField[] = ["number", "risk", "measure", "completionForm", "responsible", "deadline", "expectedResult"];
export const REQUIRED_PLAN_FIELDS: readonly PlanField[] = ["risk", "measure", "responsible", "deadline"];

const HEADER_ALIASES: Record<PlanField, string[]> = {
  number: ["№", "№ п/п", "п/п", "n п/п", "no п/п", "номер", "номер п/п", "р/б №", "р/б", "р/с №", "р/с", "№ р/б", "№ р/с", "реттік №", "реттік нөмірі", "no", "no.", "#", "number", "item"],
  risk: [
    "наименование риска", "наименование коррупционного риска", "выявленные риски", "выявленный риск", "выявленные коррупционные риски", "коррупционный риск", "коррупционные риски",
    "риск", "риски", "описание риска", "описание коррупционного риска", "индикатор риска", "индикатор риска / описание коррупционного риска", "план", "задача",
    "жоспар", "тәуекел", "тәуекелдер", "тәуекелдің атауы", "тәуекел атауы", "анықталған тәуекел", "анықталған тәуекелдер", "сыбайлас жемқорлық тәуекелі", "сыбайлас жемқорлық тәуекелдері",
    "risk", "risks", "identified risk", "identified risks",
  ],
  measure: [
    "мероприятие", "мероприятия", "наименование мероприятия", "наименование мероприятий", "мера", "меры", "меры по устранению", "меры по минимизации риска", "рекомендация", "рекомендации",
    "іс-шара", "іс-шаралар", "іс-шараның атауы", "іс-шаралардың атауы", "іс-шара атауы", "шара", "шаралар", "ұсыным", "ұсынымдар",
    "measure", "measures", "action", "actions", "activity",
  ],
  completionForm: ["форма завершения", "форма исполнения", "форма отчетности", "форма отчета", "форма реализации", "аяқтау нысаны", "аяқталу нысаны", "орындау нысаны", "аяқтау түрі", "completion form", "form of completion"],
  responsible: [
    "ответственные исполнители", "ответственный исполнитель", "ответственные", "ответственный", "ответственные лица", "ответственное лицо", "исполнители", "исполнитель",
    "жауапты қызметкер", "жауапты қызметкерлер", "жауапты орындаушы", "жауапты орындаушылар", "жауапты тұлға", "жауапты тұлғалар", "жауаптылар", "жауапты", "орындаушы", "орындаушылар",
    "responsible", "responsible persons", "owner", "owners",
  ],
  deadline: [
    "срок исполнения", "срок завершения", "срок выполнения", "срок реализации", "срок", "сроки", "сроки исполнения", "сроки выполнения", "сроки реализации",
    "орындау мерзімі", "орындалу мерзімі", "аяқтау мерзімі", "іске асыру мерзімі", "мерзімі", "мерзім", "deadline", "due", "due date",
  ],
  expectedResult: ["ожидаемый результат", "ожидаемые результаты", "результат", "күтілетін нәтиже", "күтілетін нәтижелер", "нәтиже", "expected result", "expected results", "result"],
};

/** Header cell → comparable text: «Индикатор риска/ описание…», «р/б№», «Срок исполнения (дд.мм.гггг)*». */
const normHeader = (s: string) =>
  s
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[*:«»"]/g, "")
    .replace(/\([^)]*\)\s*$/, "")
    .replace(/\s+/g, " ")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s*№\s*/g, "№")
    .replace(/\.$/, "")
    .trim();

const ALIAS_INDEX = new Map<string, PlanField>();
for (const field of PLAN_FIELDS) for (const alias of HEADER_ALIASES[field]) ALIAS_INDEX.set(normHeader(alias), field);

export interface PlanItemDraft {
  rowNumber: number;
  number: string;
  section: string | null;
  risk: string;
  measure: string;
  completionForm: string | null;
  /** positions, units or names as written («комплаенс-офицер», «ОҚП») */
  responsible: string[];
  deadline: KnownDeadline;
  /** the deadline as written */
  deadlineText: string;
  expectedResult: string | null;
}

export type PlanIssue =
  | { rowNumber: number; code: "missing_number" | "missing_risk" | "missing_measure" | "missing_deadline" | "missing_responsible" }
  | { rowNumber: number; code: "bad_deadline"; value: string; reason: DeadlineUnknownReason; detail?: string }
  | { rowNumber: number; code: "too_long"; field: PlanField; value: string; max: number };

export type PlanFileError = TableError | { code: "no_header"; missing: PlanField[]; found: string[] } | { code: "no_rows" };

export type PlanParseResult =
  | { ok: true; items: PlanItemDraft[]; /** the year of dates written without one, or null */ year: number | null }
  | { ok: false; fileError: PlanFileError }
  | { ok: false; issues: PlanIssue[]; validRows: number };

export interface PlanParseOptions {
  /** the year of dates written without one; by default the only year named in the title rows */
  year?: number;
}

/** The years a plan's `--year` (CLI) or `/plan_import YYYY` (bot) may name. */
export const MIN_PLAN_YEAR = 1990;
export const MAX_PLAN_YEAR = 2100;

/** A year typed for a plan: four digits within MIN_PLAN_YEAR–MAX_PLAN_YEAR, else null. */
export function parsePlanYear(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= MIN_PLAN_YEAR && year <= MAX_PLAN_YEAR ? year : null;
}

export const MAX_PLAN_TEXT_LENGTH = 2000;
export const MAX_RESPONSIBLE_LENGTH = 300;
export const MAX_DEADLINE_LENGTH = 500;
const HEADER_SEARCH_ROWS = 15;

type Columns = Partial<Record<PlanField, number>>;

function headerColumns(row: string[]): Columns {
  const columns: Columns = {};
  row.forEach((cell, col) => {
    const field = ALIAS_INDEX.get(normHeader(cell));
    if (field && columns[field] === undefined) columns[field] = col;
  });
  return columns;
}

/** The header row, or what is missing and the row that came nearest (the first filled one when none named a column): to say what was found. */
function findHeader(rows: string[][]): { index: number; columns: Columns } | { missing: PlanField[]; found: string[] } {
  let best: PlanField[] = [...REQUIRED_PLAN_FIELDS];
  let nearest: string[] | null = null;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const columns = headerColumns(rows[i]!);
    const missing = REQUIRED_PLAN_FIELDS.filter((f) => columns[f] === undefined);
    if (missing.length === 0) return { index: i, columns };
    if (missing.length < best.length) {
      best = missing;
      nearest = rows[i]!;
    }
  }
  return { missing: best, found: firstRowCells(nearest ? [nearest] : rows.slice(0, HEADER_SEARCH_ROWS)) };
}

/** «1 2 3 4 5 6» under the header, as official forms number their columns. */
function isColumnNumberRow(row: string[]): boolean {
  const cells = row.filter((c) => c.trim() !== "");
  return cells.length >= 2 && cells.every((c, i) => c.trim().replace(/\.$/, "") === String(i + 1));
}

const clean = (s: string) => s.replace(/\s+/g, " ").trim();

/** Splits «ОҚП, ЖБД, ДжЫД», «комплаенс-офицер / баспасөз хатшысы» or lines, but not inside (…) or «…». */
export function splitResponsible(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if (ch === "«") quote++;
    else if (ch === "»" && quote > 0) quote--;
    if (depth === 0 && quote === 0 && /[,;/\n\r]/.test(ch)) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const p = clean(part).replace(/^[-–—•·]\s*/, "");
    const key = p.toLocaleLowerCase("ru");
    if (p && !seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

/** The one year named in the rows above the header («2022 жылға арналған … жоспары»), if only one. */
function titleYear(rows: string[][]): number | null {
  const years = new Set<number>();
  for (const row of rows) for (const cell of row) for (const m of cell.matchAll(/(?<!\d)(?:19|20)\d{2}(?!\d)/g)) years.add(Number(m[0]));
  return years.size === 1 ? [...years][0]! : null;
}

const SECTION_NUMBER_RE = /^(\d+(?:\.\d+)*)\.?(?:\s|$)/;

export function parsePlanRows(rows: string[][], options: PlanParseOptions = {}): PlanParseResult {
  const header = findHeader(rows);
  if (!("index" in header)) return { ok: false, fileError: { code: "no_header", missing: header.missing, found: header.found } };
  const col = header.columns;
  const year = options.year ?? titleYear(rows.slice(0, header.index));
  const context = year === null ? {} : { year };
  const raw = (row: string[], field: PlanField) => (col[field] === undefined ? "" : (row[col[field]!] ?? "").trim());
  const get = (row: string[], field: PlanField) => clean(raw(row, field));

  const dataRows: number[] = [];
  for (let i = header.index + 1; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.every((c) => c.trim() === "")) continue;
    if (isColumnNumberRow(row)) continue;
    if (REQUIRED_PLAN_FIELDS.every((f) => headerColumns(row)[f] !== undefined)) continue; // header repeated on each page
    dataRows.push(i);
  }
  // Without a № column, or with no number anywhere, every row is its own item, numbered in order.
  const numbered = col.number !== undefined && dataRows.some((i) => get(rows[i]!, "number") !== "" && !isSection(rows[i]!));

  function isSection(row: string[]): boolean {
    const m = get(row, "measure");
    const d = get(row, "deadline");
    if (!m && !d && !get(row, "responsible") && !get(row, "completionForm")) return true;
    // A title merged across the row: XLSX readers repeat it in every merged cell.
    const texts = row.map(clean).filter((c, j) => c !== "" && j !== col.number);
    return texts.length >= 2 && new Set(texts).size === 1 && m === d;
  }

  const issues: PlanIssue[] = [];
  const items: PlanItemDraft[] = [];
  let sections: { number: string | null; title: string }[] = [];
  let previous: { number: string; risk: string } | null = null;
  let auto = 0;
  let valid = 0;

  for (const i of dataRows) {
    const row = rows[i]!;
    const rowNumber = i + 1;
    if (isSection(row)) {
      const title = [...new Set(row.map(clean).filter(Boolean))].join(" ");
      const number = SECTION_NUMBER_RE.exec(title)?.[1] ?? null;
      // «1.1.» nests under «1.»; «2.» or an unnumbered title starts again.
      const parent = number ? sections.findLastIndex((s) => s.number !== null && number.startsWith(`${s.number}.`)) : -1;
      sections = [...sections.slice(0, parent + 1), { number, title }];
      previous = null;
      continue;
    }
    const bad = (issue: PlanIssue) => issues.push(issue);
    const before = issues.length;

    let number = get(row, "number").replace(/\.$/, "");
    let risk = get(row, "risk");
    if (!numbered) number = String(++auto);
    else if (!number) {
      if (previous) {
        number = previous.number;
        risk ||= previous.risk;
      } else bad({ rowNumber, code: "missing_number" });
    }
    // A continuation row without an item above is reported once, as missing_number.
    if (!risk && number) bad({ rowNumber, code: "missing_risk" });
    const measure = get(row, "measure");
    if (!measure) bad({ rowNumber, code: "missing_measure" });
    const completionForm = get(row, "completionForm") || null;
    const expectedResult = get(row, "expectedResult") || null;
    const responsible = splitResponsible(raw(row, "responsible"));
    if (responsible.length === 0) bad({ rowNumber, code: "missing_responsible" });
    const deadlineText = get(row, "deadline");
    let deadline: KnownDeadline | null = null;
    if (!deadlineText) bad({ rowNumber, code: "missing_deadline" });
    else if (deadlineText.length > MAX_DEADLINE_LENGTH) bad({ rowNumber, code: "too_long", field: "deadline", value: short(deadlineText), max: MAX_DEADLINE_LENGTH });
    else {
      const parsed = parseDeadline(raw(row, "deadline"), context);
      if (parsed.kind === "unknown") bad({ rowNumber, code: "bad_deadline", value: deadlineText, reason: parsed.reason, ...(parsed.detail !== undefined ? { detail: parsed.detail } : {}) });
      else deadline = parsed;
    }
    for (const [field, value] of [["risk", risk], ["measure", measure], ["completionForm", completionForm], ["expectedResult", expectedResult]] as const) {
      if (value && value.length > MAX_PLAN_TEXT_LENGTH) bad({ rowNumber, code: "too_long", field, value: short(value), max: MAX_PLAN_TEXT_LENGTH });
    }
    const longName = responsible.find((r) => r.length > MAX_RESPONSIBLE_LENGTH);
    if (longName) bad({ rowNumber, code: "too_long", field: "responsible", value: short(longName), max: MAX_RESPONSIBLE_LENGTH });

    if (number) previous = { number, risk };
    if (issues.length > before) continue;
    valid++;
    items.push({
      rowNumber,
      number,
      section: sections.length ? sections.map((s) => s.title).join(" › ") : null,
      risk,
      measure,
      completionForm,
      responsible,
      deadline: deadline!,
      deadlineText,
      expectedResult,
    });
  }
  if (issues.length) return { ok: false, issues, validRows: valid };
  if (items.length === 0) return { ok: false, fileError: { code: "no_rows" } };
  return { ok: true, items, year };
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

export async function parsePlanFile(content: Buffer, fileName: string | undefined, mimeType?: string, options: PlanParseOptions = {}): Promise<PlanParseResult> {
  const format = tableFormat(fileName, mimeType);
  if (!format) return { ok: false, fileError: { code: "unsupported_format" } };
  const table = await readTable(content, format);
  if (!table.ok) return { ok: false, fileError: table.error };
  return parsePlanRows(table.rows, options);
}
