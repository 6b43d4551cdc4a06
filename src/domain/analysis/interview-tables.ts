// The organisation tables of the internal analysis built from the unit-head interviews
// (templates/unit-head-interview.yaml, Приложение 1–5 of seed 003): one row per unit that has a
// function, the personnel indicators with the turnover, the penalties by type, the cancelled
// penalties, the staff's offences, and the legal acts with the risks found in them — one row
// per act. These are named interviews: every row stays with its unit, and no anonymity
// threshold applies; nothing of the anonymous surveys comes in here.
import type { Lang } from "../lang.js";
import type { Answers } from "../surveys/answers.js";
import type { Question, SurveyDefinition, Text } from "../surveys/definition.js";
import { formatNumber, formatPercent } from "../surveys/report/csv.js";
import type { InterviewTableId } from "./register.js";

/** One submitted interview: the unit (the respondent's department), who answered, the answers. */
export interface InterviewInput {
  unit: string;
  fullName: string;
  position: string | null;
  submittedOn: string;
  answers: Answers;
}

/** A number question of the template: its id and its text in both languages. */
export interface Indicator {
  id: string;
  text: Text;
}

/** A free-text answer shown with its question (the seed's «качественные показатели»). */
export interface Note {
  id: string;
  text: Text;
  value: string;
}

export interface FunctionRow {
  unit: string;
  /** The names of the services (permits, control functions) as the unit head wrote them. */
  names: string;
  values: Record<string, number>;
  notes: Note[];
}

/** Приложение 1–3: the units that have the function, and the sum of every number. */
export interface FunctionTable {
  indicators: Indicator[];
  rows: FunctionRow[];
  total: Record<string, number>;
}

export interface PersonnelFigures {
  values: Record<string, number>;
  /** Dismissed on every ground (voluntary, negative, other). */
  dismissed: number;
  /** dismissed / actual headcount (0..1), or null when the headcount is 0. */
  turnover: number | null;
}

export interface PersonnelRow extends PersonnelFigures {
  unit: string;
  notes: Note[];
}

/** Приложение 4: personnel management and conflict of interest. */
export interface PersonnelTable {
  indicators: Indicator[];
  rows: PersonnelRow[];
  total: PersonnelFigures;
}

/** The disciplinary penalties by type, as the Labour Code and the civil-service law list them. */
export const PENALTY_TYPES = ["remark", "reprimand", "severe_reprimand", "incompetence_warning", "dismissal"] as const;
export type PenaltyType = (typeof PENALTY_TYPES)[number];
const PENALTY_QUESTION: Record<PenaltyType, string> = {
  remark: "hr_penalty_remark",
  reprimand: "hr_penalty_reprimand",
  severe_reprimand: "hr_penalty_severe_reprimand",
  incompetence_warning: "hr_penalty_incompetence_warning",
  dismissal: "hr_penalty_dismissal",
};

export interface PenaltyFigures {
  total: number;
  byType: Record<PenaltyType, number>;
}

export interface PenaltiesTable {
  rows: (PenaltyFigures & { unit: string })[];
  total: PenaltyFigures;
}

/** A count with the unit head's words about it (cancelled penalties; offences). */
export interface CountedRow {
  unit: string;
  count: number;
  text: string;
}

export interface CountedTable {
  rows: CountedRow[];
  total: number;
}

/** Приложение 5: one act and what was found in it. */
export interface LegalActRow {
  unit: string;
  name: string;
  bylaws: string;
  issues: string;
  unregulated: string;
  measures: string;
}

export interface InterviewTables {
  respondents: { unit: string; fullName: string; position: string | null; submittedOn: string }[];
  public_services: FunctionTable;
  permits: FunctionTable;
  control: FunctionTable;
  personnel: PersonnelTable;
  penalties: PenaltiesTable;
  cancelled_penalties: CountedTable;
  offences: CountedTable;
  legal_acts: { rows: LegalActRow[] };
  /** The positions exposed to corruption risks, as each unit head named them (the report's list uses it). */
  riskyPositions: { unit: string; text: string }[];
}

/** The template's sections of Приложение 1–3: section id, the yes/no gate, the names question. */
const FUNCTION_SECTIONS = {
  public_services: { gate: "ps_has", names: "ps_names" },
  permits: { gate: "pm_has", names: "pm_names" },
  control: { gate: "ct_has", names: "ct_names" },
} as const;
type FunctionTableId = keyof typeof FUNCTION_SECTIONS;

/** Questions of Приложение 4 that have a table of their own (penalties, cancellations, offences, positions). */
const OWN_TABLE_QUESTIONS = new Set([
  ...Object.values(PENALTY_QUESTION),
  "hr_penalties_total",
  "hr_penalties_cancelled",
  "hr_penalties_cancelled_by",
  "hr_offences",
  "hr_offences_details",
  "hr_risky_positions",
]);
const DISMISSED = ["hr_dismissed_voluntary", "hr_dismissed_negative", "hr_dismissed_other"];
/** How many act slots Приложение 5 has (npa_1_… to npa_5_…). */
export const LEGAL_ACT_SLOTS = 5;

function numberOf(answers: Answers, id: string): number {
  const a = answers[id];
  return a && "number" in a ? a.number : 0;
}

function textOf(answers: Answers, id: string): string {
  const a = answers[id];
  return a && "text" in a ? a.text.trim() : "";
}

function isYes(answers: Answers, id: string): boolean {
  const a = answers[id];
  return !!a && "code" in a && a.code === "yes";
}

function sectionQuestions(def: SurveyDefinition, sectionId: string): readonly Question[] {
  return def.sections.find((s) => s.id === sectionId)?.questions ?? [];
}

function indicatorsOf(questions: readonly Question[], skip: (id: string) => boolean): Indicator[] {
  return questions.filter((q) => q.type === "number" && !skip(q.id)).map((q) => ({ id: q.id, text: q.text }));
}

function notesOf(questions: readonly Question[], answers: Answers, skip: (id: string) => boolean): Note[] {
  return questions.filter((q) => q.type === "text" && !skip(q.id) && textOf(answers, q.id)).map((q) => ({ id: q.id, text: q.text, value: textOf(answers, q.id) }));
}

function sum(indicators: readonly Indicator[], rows: readonly { values: Record<string, number> }[]): Record<string, number> {
  return Object.fromEntries(indicators.map((i) => [i.id, rows.reduce((n, r) => n + (r.values[i.id] ?? 0), 0)]));
}

function functionTable(def: SurveyDefinition, id: FunctionTableId, responses: readonly InterviewInput[]): FunctionTable {
  const { gate, names } = FUNCTION_SECTIONS[id];
  const questions = sectionQuestions(def, id);
  const indicators = indicatorsOf(questions, () => false);
  const rows = responses
    .filter((r) => isYes(r.answers, gate))
    .map((r) => ({
      unit: r.unit,
      names: textOf(r.answers, names),
      values: Object.fromEntries(indicators.map((i) => [i.id, numberOf(r.answers, i.id)])),
      notes: notesOf(questions, r.answers, (q) => q === names),
    }));
  return { indicators, rows, total: sum(indicators, rows) };
}

function personnelFigures(values: Record<string, number>): PersonnelFigures {
  const dismissed = DISMISSED.reduce((n, id) => n + (values[id] ?? 0), 0);
  const headcount = values.hr_headcount ?? 0;
  return { values, dismissed, turnover: headcount > 0 ? dismissed / headcount : null };
}

function personnelTable(def: SurveyDefinition, responses: readonly InterviewInput[]): PersonnelTable {
  const questions = sectionQuestions(def, "personnel");
  const skip = (id: string) => OWN_TABLE_QUESTIONS.has(id);
  const indicators = indicatorsOf(questions, skip);
  const rows = responses.map((r) => ({
    unit: r.unit,
    ...personnelFigures(Object.fromEntries(indicators.map((i) => [i.id, numberOf(r.answers, i.id)]))),
    notes: notesOf(questions, r.answers, skip),
  }));
  // The organisation's turnover is its dismissed over its headcount, from the sums: an average
  // of the units' percentages would weigh a unit of 3 like a unit of 50 (seed 003: 9 of 22, 40,9%).
  return { indicators, rows, total: personnelFigures(sum(indicators, rows)) };
}

function penaltyFigures(answers: Answers): PenaltyFigures {
  const byType = Object.fromEntries(PENALTY_TYPES.map((p) => [p, numberOf(answers, PENALTY_QUESTION[p])])) as Record<PenaltyType, number>;
  const sumOfTypes = PENALTY_TYPES.reduce((n, p) => n + byType[p], 0);
  // The unit head's own total, when given; it may hold types the form does not list.
  const total = answers.hr_penalties_total && "number" in answers.hr_penalties_total ? answers.hr_penalties_total.number : sumOfTypes;
  return { total, byType };
}

function penaltiesTable(responses: readonly InterviewInput[]): PenaltiesTable {
  const rows = responses.map((r) => ({ unit: r.unit, ...penaltyFigures(r.answers) }));
  const byType = Object.fromEntries(PENALTY_TYPES.map((p) => [p, rows.reduce((n, r) => n + r.byType[p], 0)])) as Record<PenaltyType, number>;
  return { rows, total: { total: rows.reduce((n, r) => n + r.total, 0), byType } };
}

function countedTable(responses: readonly InterviewInput[], countId: string, textId: string): CountedTable {
  const rows = responses.map((r) => ({ unit: r.unit, count: numberOf(r.answers, countId), text: textOf(r.answers, textId) })).filter((r) => r.count > 0 || r.text);
  return { rows, total: rows.reduce((n, r) => n + r.count, 0) };
}

function legalActs(r: InterviewInput): LegalActRow[] {
  const out: LegalActRow[] = [];
  for (let n = 1; n <= LEGAL_ACT_SLOTS && isYes(r.answers, `npa_${n}_has`); n++) {
    const field = (name: string) => textOf(r.answers, `npa_${n}_${name}`);
    out.push({ unit: r.unit, name: field("name"), bylaws: field("bylaws"), issues: field("issues"), unregulated: field("unregulated"), measures: field("measures") });
  }
  // An interview of the template's first version: the acts in one text, one row for all.
  const old = { name: textOf(r.answers, "npa_list"), unregulated: textOf(r.answers, "npa_unregulated"), measures: textOf(r.answers, "npa_measures") };
  if (!out.length && (old.name || old.unregulated || old.measures)) out.push({ unit: r.unit, bylaws: "", issues: "", ...old });
  return out;
}

/** The tables of the interviews `responses` answered on `def` (the unit-head interview template). */
export function buildInterviewTables(def: SurveyDefinition, responses: readonly InterviewInput[]): InterviewTables {
  const sorted = [...responses].sort((a, b) => a.unit.localeCompare(b.unit, "ru") || a.fullName.localeCompare(b.fullName, "ru"));
  return {
    respondents: sorted.map((r) => ({ unit: r.unit, fullName: r.fullName, position: r.position, submittedOn: r.submittedOn })),
    public_services: functionTable(def, "public_services", sorted),
    permits: functionTable(def, "permits", sorted),
    control: functionTable(def, "control", sorted),
    personnel: personnelTable(def, sorted),
    penalties: penaltiesTable(sorted),
    cancelled_penalties: countedTable(sorted, "hr_penalties_cancelled", "hr_penalties_cancelled_by"),
    offences: countedTable(sorted, "hr_offences", "hr_offences_details"),
    legal_acts: { rows: sorted.flatMap(legalActs) },
    riskyPositions: sorted.map((r) => ({ unit: r.unit, text: textOf(r.answers, "hr_risky_positions") })).filter((r) => r.text),
  };
}

/**
 * The tables without who answered (names and positions blanked), for those who may not read
 * named interview answers (observers, domain/surveys/policies.ts): the units' figures stay.
 */
export function withoutRespondentNames(tables: InterviewTables): InterviewTables {
  return { ...tables, respondents: tables.respondents.map((r) => ({ ...r, fullName: "", position: null })) };
}

/** Whether the respondents' names are in the tables (not blanked by withoutRespondentNames). */
export function hasRespondentNames(tables: InterviewTables): boolean {
  return tables.respondents.some((r) => r.fullName !== "");
}

/** How many rows a table has (the units, acts or cases in it; the total row not counted). */
export function tableRowCount(tables: InterviewTables, table: InterviewTableId): number {
  return tables[table].rows.length;
}

/** A count or measure the Russian and Kazakh way: 1 234, 26,5. */
export function formatFigure(value: number, lang: Lang): string {
  return formatNumber(value, lang, 2);
}

/** The turnover as seed 003 writes it: «9 (40,9%)»; the count alone when the headcount is 0. */
export function formatTurnover(figures: PersonnelFigures, lang: Lang): string {
  const count = formatFigure(figures.dismissed, lang);
  return figures.turnover === null ? count : `${count} (${formatPercent(figures.turnover, lang)})`;
}
