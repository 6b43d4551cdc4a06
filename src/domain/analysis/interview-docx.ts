// The interview tables in the official layout (documents/official-docx.ts), for the analytic
// report and for the officer's own DOCX of all tables. Приложение 1–4 put the indicators in rows
// and the units side by side (a column per indicator would not fit even a landscape page), the
// units' problems and examples as paragraphs after the table; the rest are a row per unit or act.
// Widths are weights of a landscape page (LANDSCAPE_CONTENT_WIDTH).
import type { Paragraph, Table } from "docx";
import { heading, LANDSCAPE_CONTENT_WIDTH, officialDocx, para, table } from "../documents/official-docx.js";
import { formatDate } from "../surveys/report/csv.js";
import type { Lang } from "../lang.js";
import type { Translate } from "../../i18n-resources.js";
import { formatFigure, formatTurnover, hasRespondentNames, PENALTY_TYPES, type FunctionTable, type Indicator, type InterviewTables, type Note } from "./interview-tables.js";
import { INTERVIEW_TABLES, type InterviewTableId } from "./register.js";

type Block = Paragraph | Table;
const dash = (text: string) => text || "—";

/** At most this many units side by side in one table; more go on to a next table of the same rows. */
const UNITS_PER_TABLE = 3;

interface GridRow {
  label: string;
  values: string[];
  total: string;
}

/**
 * Rows of indicators against units, the total in the last column: seed 003's figures of each
 * unit side by side. A wide organisation's units are taken three at a time (the total with the
 * last three), so the table stays readable on a landscape page however many units answered.
 */
function grid(t: Translate, units: readonly string[], rows: readonly GridRow[], width: number): Table[] {
  const out: Table[] = [];
  for (let from = 0; from < units.length; from += UNITS_PER_TABLE) {
    const to = Math.min(units.length, from + UNITS_PER_TABLE);
    const last = to === units.length;
    const header = [t("analysisInterviews.col.indicator"), ...units.slice(from, to), ...(last ? [t("analysisInterviews.doc.total")] : [])];
    const body = rows.map((r) => [r.label, ...r.values.slice(from, to), ...(last ? [r.total] : [])]);
    out.push(table(header, body, [4, ...header.slice(1).map(() => 1.6)], { total: width }));
  }
  return out;
}

function numberRows(indicators: readonly Indicator[], rows: readonly { values: Record<string, number> }[], total: Record<string, number>, lang: Lang): GridRow[] {
  return indicators.map((i) => ({ label: i.text[lang], values: rows.map((r) => formatFigure(r.values[i.id] ?? 0, lang)), total: formatFigure(total[i.id] ?? 0, lang) }));
}

/** The units' problems and examples (the seed's «качественные показатели»), a paragraph each. */
function notesBlocks(t: Translate, rows: readonly { unit: string; notes: readonly Note[] }[], lang: Lang): Block[] {
  const withNotes = rows.filter((r) => r.notes.length);
  if (!withNotes.length) return [];
  return [
    para(t("analysisInterviews.col.qualitative"), { bold: true, before: 120, keepNext: true }),
    ...withNotes.flatMap((r) => r.notes.map((n) => para(`${r.unit}. ${n.text[lang]}: ${n.value}`))),
  ];
}

function functionBlocks(data: FunctionTable, t: Translate, lang: Lang, width: number): Block[] {
  const names: GridRow = { label: t("analysisInterviews.col.names"), values: data.rows.map((r) => dash(r.names)), total: "" };
  return [...grid(t, data.rows.map((r) => r.unit), [names, ...numberRows(data.indicators, data.rows, data.total, lang)], width), ...notesBlocks(t, data.rows, lang)];
}

function personnelBlocks(tables: InterviewTables, t: Translate, lang: Lang, width: number): Block[] {
  const data = tables.personnel;
  const rows = numberRows(data.indicators, data.rows, data.total.values, lang);
  // The turnover right after the dismissals it is counted from.
  const at = data.indicators.findIndex((i) => i.id === "hr_dismissed_other") + 1;
  rows.splice(at, 0, { label: t("analysisInterviews.col.turnover"), values: data.rows.map((r) => formatTurnover(r, lang)), total: formatTurnover(data.total, lang) });
  return [...grid(t, data.rows.map((r) => r.unit), rows, width), ...notesBlocks(t, data.rows, lang)];
}

function penaltiesBlocks(tables: InterviewTables, t: Translate, lang: Lang, width: number): Block[] {
  const data = tables.penalties;
  if (width < LANDSCAPE_CONTENT_WIDTH) {
    // A portrait page cannot hold eight columns without breaking their headers mid-word: the
    // types become rows and the units columns, as in Приложение 4.
    const rows: GridRow[] = [
      { label: t("analysisInterviews.col.penaltiesTotal"), values: data.rows.map((r) => formatFigure(r.total, lang)), total: formatFigure(data.total.total, lang) },
      ...PENALTY_TYPES.map((p) => ({ label: t(`analysisInterviews.col.penalty.${p}`), values: data.rows.map((r) => formatFigure(r.byType[p], lang)), total: formatFigure(data.total.byType[p], lang) })),
    ];
    return grid(t, data.rows.map((r) => r.unit), rows, width);
  }
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t("analysisInterviews.col.penaltiesTotal"), ...PENALTY_TYPES.map((p) => t(`analysisInterviews.col.penalty.${p}`))];
  const figures = (f: typeof data.total) => [formatFigure(f.total, lang), ...PENALTY_TYPES.map((p) => formatFigure(f.byType[p], lang))];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, ...figures(r)]);
  rows.push(["", t("analysisInterviews.doc.total"), ...figures(data.total)]);
  return [table(header, rows, [0.5, 3, 1.3, 1.3, 1.3, 1.3, 2.4, 1.5], { total: width, rightAligned: (c) => c !== 1, boldRows: new Set([rows.length - 1]) })];
}

function countedBlocks(tables: InterviewTables, id: "cancelled_penalties" | "offences", t: Translate, lang: Lang, width: number): Block[] {
  const data = tables[id];
  const [count, text] = id === "offences" ? (["offencesCount", "offencesText"] as const) : (["cancelledCount", "cancelledBy"] as const);
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t(`analysisInterviews.col.${count}`), t(`analysisInterviews.col.${text}`)];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, formatFigure(r.count, lang), dash(r.text)]);
  rows.push(["", t("analysisInterviews.doc.total"), formatFigure(data.total, lang), ""]);
  return [table(header, rows, [0.5, 3, 1.6, 9], { total: width, rightAligned: (c) => c === 0 || c === 2, boldRows: new Set([rows.length - 1]) })];
}

function legalActsBlocks(tables: InterviewTables, t: Translate, width: number): Block[] {
  const cols = ["actBylaws", "actIssues", "actUnregulated", "actMeasures"] as const;
  const field = { actBylaws: "bylaws", actIssues: "issues", actUnregulated: "unregulated", actMeasures: "measures" } as const;
  if (width < LANDSCAPE_CONTENT_WIDTH) {
    // On a portrait page each act is a small table of its own (its number and name on top, the
    // unit and Приложение 5's columns as rows): six columns would break every header mid-word.
    return tables.legal_acts.rows.map((r, i) =>
      table(
        [String(i + 1), dash(r.name)],
        [[t("analysisInterviews.col.unit"), r.unit], ...cols.map((c) => [t(`analysisInterviews.col.${c}`), dash(r[field[c]])])],
        [3, 7],
        { total: width, rightAligned: () => false },
      ),
    );
  }
  // The unit under the act's name: a column of its own would leave the names too narrow to read.
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.actName"), ...cols.map((c) => t(`analysisInterviews.col.${c}`))];
  const rows = tables.legal_acts.rows.map((r, i) => [String(i + 1), `${dash(r.name)}\n(${r.unit})`, dash(r.bylaws), dash(r.issues), dash(r.unregulated), dash(r.measures)]);
  return [table(header, rows, [0.5, 4.6, 2.2, 2.4, 2.6, 2.6], { total: width, rightAligned: (c) => c === 0 })];
}

/**
 * One table of the interviews as the analytic report shows it: a heading line and the table, or
 * the heading and «Сведения не представлены» when no unit gave anything for it. `width` is the
 * page's content width: a landscape section's by default, CONTENT_WIDTH for a portrait one.
 */
export function interviewTableBlocks(tables: InterviewTables, id: InterviewTableId, t: Translate, lang: Lang, width: number = LANDSCAPE_CONTENT_WIDTH): Block[] {
  const head = heading(t(`analysisInterviews.table.${id}`), { before: 240 });
  if (!tables[id].rows.length) {
    // Heads who answered and named nothing here are a finding («не выявлено»), not missing data.
    if (!tables.respondents.length) return [head, para(t("analysisInterviews.doc.none"))];
    const functions = id === "public_services" || id === "permits" || id === "control";
    return [head, para(t(functions ? "analysisInterviews.doc.noFunction" : "analysisInterviews.doc.noneFound"))];
  }
  switch (id) {
    case "public_services":
    case "permits":
    case "control":
      return [head, ...functionBlocks(tables[id], t, lang, width)];
    case "personnel":
      return [head, ...personnelBlocks(tables, t, lang, width)];
    case "penalties":
      return [head, ...penaltiesBlocks(tables, t, lang, width)];
    case "cancelled_penalties":
    case "offences":
      return [head, ...countedBlocks(tables, id, t, lang, width)];
    case "legal_acts":
      return [head, ...legalActsBlocks(tables, t, width)];
  }
}

/** Who answered: unit, name, position, date — or unit and date when the names were left out. */
function respondentsBlocks(tables: InterviewTables, t: Translate): Block[] {
  const head = heading(t("analysisInterviews.doc.respondentsHeading"), { before: 240 });
  if (!tables.respondents.length) return [head, para(t("analysisInterviews.doc.none"))];
  const named = hasRespondentNames(tables);
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), ...(named ? [t("analysisInterviews.col.fullName"), t("analysisInterviews.col.position")] : []), t("analysisInterviews.col.submittedOn")];
  const rows = tables.respondents.map((r, i) => [String(i + 1), r.unit, ...(named ? [r.fullName, r.position ?? "—"] : []), formatDate(r.submittedOn)]);
  const weights = named ? [0.5, 3, 3, 3, 1.5] : [0.5, 6, 1.5];
  return [head, table(header, rows, weights, { total: LANDSCAPE_CONTENT_WIDTH, rightAligned: (c) => c === 0 || c === header.length - 1 })];
}

/** Every table in one landscape document, with the unit heads who answered at the end. */
export async function renderInterviewTablesDocx(tables: InterviewTables, t: Translate, lang: Lang): Promise<Buffer> {
  const title = t("analysisInterviews.doc.title");
  const children: Block[] = [
    heading(title, { before: 0 }),
    para(t("analysisInterviews.doc.basis"), { center: true, after: 120 }),
    ...INTERVIEW_TABLES.flatMap((id) => interviewTableBlocks(tables, id, t, lang)),
    ...respondentsBlocks(tables, t),
  ];
  return officialDocx(title, [{ children, landscape: true }]);
}
