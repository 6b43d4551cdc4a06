// Survey definitions: files (YAML or JSON) validated with zod. Every text has kk and ru;
// answers are stored as codes (option codes, scale points, yes/no), never as translated
// text, so kk and ru answers aggregate together. Reference: docs/survey-format.md.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { Resources } from "../../i18n-resources.js";

export const MAX_DEFINITION_BYTES = 512 * 1024;
export const MAX_QUESTIONS = 300;
/**
 * Every grouping question multiplies the counters a submission updates (each answer is counted
 * overall and in the respondent's group of every grouping question) and the cross tables that
 * disclosure control checks: twelve of 30 options each held SQLite's write lock for minutes.
 */
export const MAX_GROUPING_QUESTIONS = 6;
/** Counters one anonymous submission may touch at most: (codes + 1) × groups, over all questions. */
export const MAX_COUNTER_CELLS = 100_000;
export const DEFAULT_TEXT_MAX = 1000;
export const TEXT_MAX_LIMIT = 4000;

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: "bad_code" });

/** A bilingual text. A missing language is reported with its exact path (…text.kk). */
const text = (max = 1000) =>
  z
    .object({
      kk: z.string({ error: "missing_translation" }).trim().min(1, { error: "missing_translation" }).max(max, { error: "too_long" }),
      ru: z.string({ error: "missing_translation" }).trim().min(1, { error: "missing_translation" }).max(max, { error: "too_long" }),
    })
    .strict();

export type Text = z.infer<ReturnType<typeof text>>;

const option = z.object({ code, label: text(200) }).strict();

const showIf = z
  .object({
    question: code,
    /** Shown when the earlier answer is (one of) these codes. */
    equals: z.union([code, z.array(code).min(1)]).optional(),
    /** Shown when the earlier answer is none of these codes. */
    notEquals: z.union([code, z.array(code).min(1)]).optional(),
  })
  .strict();

const base = {
  id: code,
  text: text(1000),
  help: text(1000).optional(),
  optional: z.boolean().default(false),
  showIf: showIf.optional(),
};

const question = z.discriminatedUnion(
  "type",
  [
    z.object({ ...base, type: z.literal("single"), options: z.array(option).min(2, { error: "too_few_options" }).max(30), other: z.boolean().default(false), group: z.boolean().default(false) }).strict(),
    z
      .object({ ...base, type: z.literal("multiple"), options: z.array(option).min(2, { error: "too_few_options" }).max(30), other: z.boolean().default(false), min: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal("scale"),
        min: z.number().int().min(0).max(10),
        max: z.number().int().min(1).max(10),
        /** Label of every point, keyed by the point ("1": {kk, ru}, …). */
        labels: z.record(z.string().regex(/^\d+$/), text(100)),
      })
      .strict(),
    z.object({ ...base, type: z.literal("number"), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(true) }).strict(),
    z.object({ ...base, type: z.literal("text"), maxLength: z.number().int().min(1).max(TEXT_MAX_LIMIT).default(DEFAULT_TEXT_MAX) }).strict(),
    z.object({ ...base, type: z.literal("date") }).strict(),
    z.object({ ...base, type: z.literal("yesno"), group: z.boolean().default(false) }).strict(),
  ],
  { error: "bad_question_type" },
);

const section = z.object({ id: code, title: text(300), description: text(2000).optional(), questions: z.array(question).min(1, { error: "empty_section" }) }).strict();

export const definitionSchema = z
  .object({
    /** Stable id across versions (a slug). */
    id: code,
    title: text(300),
    description: text(3000).optional(),
    /** Suggested mode; the campaign decides. */
    mode: z.enum(["anonymous", "attributed"], { error: "bad_mode" }).default("anonymous"),
    sections: z.array(section).min(1, { error: "no_sections" }),
  })
  .strict();

export type SurveyDefinition = z.infer<typeof definitionSchema>;
export type Section = SurveyDefinition["sections"][number];
export type Question = Section["questions"][number];
export type QuestionType = Question["type"];

/** What is wrong, as a key of surveys.validation in the locales: each has its text in kk and ru. */
export type DefinitionIssueCode = keyof Resources["surveys"]["validation"];

export interface DefinitionIssue {
  /** Exact location: sections[1].questions[3].text.kk */
  path: string;
  code: DefinitionIssueCode;
  params?: Record<string, string | number>;
}

export type DefinitionResult = { ok: true; definition: SurveyDefinition } | { ok: false; issues: DefinitionIssue[] };

function pathToString(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "") || "(root)";
}

const MESSAGE_CODES: readonly DefinitionIssueCode[] = ["missing_translation", "too_long", "bad_code", "too_few_options", "empty_section", "no_sections", "bad_mode", "bad_question_type"];

function zodIssueCode(issue: z.core.$ZodIssue): { code: DefinitionIssueCode; params?: Record<string, string | number> } {
  const known = MESSAGE_CODES.find((c) => c === issue.message);
  if (known) return { code: known };
  switch (issue.code) {
    case "unrecognized_keys":
      return { code: "unknown_field", params: { fields: issue.keys.join(", ") } };
    case "invalid_type":
      return issue.input === undefined ? { code: "required" } : { code: "wrong_type", params: { expected: String(issue.expected) } };
    case "too_small":
      return { code: "too_small", params: { minimum: Number(issue.minimum) } };
    case "too_big":
      return { code: "too_big", params: { maximum: Number(issue.maximum) } };
    case "invalid_value":
      return { code: "bad_value", params: { allowed: issue.values.map(String).join(", ") } };
    case "invalid_union":
      return { code: "bad_question_type" };
    default:
      return { code: "invalid" };
  }
}

/** Rules across fields that zod's shape cannot say. */
function semanticIssues(def: SurveyDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const seenSections = new Set<string>();
  const seen = new Map<string, Question>();
  let count = 0;
  def.sections.forEach((s, si) => {
    if (seenSections.has(s.id)) issues.push({ path: `sections[${si}].id`, code: "duplicate_id", params: { id: s.id } });
    seenSections.add(s.id);
    s.questions.forEach((q, qi) => {
      const at = `sections[${si}].questions[${qi}]`;
      count++;
      if (seen.has(q.id)) issues.push({ path: `${at}.id`, code: "duplicate_id", params: { id: q.id } });
      if ("options" in q) {
        const codes = new Set<string>();
        q.options.forEach((o, oi) => {
          if (codes.has(o.code)) issues.push({ path: `${at}.options[${oi}].code`, code: "duplicate_option", params: { code: o.code } });
          if (o.code === "other" && q.other) issues.push({ path: `${at}.options[${oi}].code`, code: "reserved_code", params: { code: "other" } });
          codes.add(o.code);
        });
      }
      if (q.type === "single" && q.group && q.other) {
        // A free-text "other" unit would name a group of one: refused for grouping questions.
        issues.push({ path: `${at}.other`, code: "group_with_other" });
      }
      if (q.type === "multiple") {
        const total = q.options.length + (q.other ? 1 : 0);
        if (q.min !== undefined && q.min > total) issues.push({ path: `${at}.min`, code: "too_big", params: { maximum: total } });
        if (q.max !== undefined && q.max > total) issues.push({ path: `${at}.max`, code: "too_big", params: { maximum: total } });
        if (q.min !== undefined && q.max !== undefined && q.min > q.max) issues.push({ path: `${at}.min`, code: "min_over_max" });
      }
      if (q.type === "scale") {
        if (q.min >= q.max) issues.push({ path: `${at}.min`, code: "min_over_max" });
        for (let p = q.min; p <= q.max; p++) if (!q.labels[String(p)]) issues.push({ path: `${at}.labels.${p}`, code: "missing_scale_label", params: { point: p } });
        for (const key of Object.keys(q.labels)) {
          const p = Number(key);
          if (p < q.min || p > q.max) issues.push({ path: `${at}.labels.${key}`, code: "label_out_of_range" });
        }
      }
      if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max) issues.push({ path: `${at}.min`, code: "min_over_max" });
      if (q.showIf) {
        const target = seen.get(q.showIf.question);
        if (!target) issues.push({ path: `${at}.showIf.question`, code: "show_if_unknown", params: { id: q.showIf.question } });
        else {
          const allowed = answerCodes(target);
          if (!allowed) issues.push({ path: `${at}.showIf.question`, code: "show_if_not_choice", params: { id: q.showIf.question } });
          else {
            for (const key of ["equals", "notEquals"] as const) {
              const v = q.showIf[key];
              for (const c of v === undefined ? [] : Array.isArray(v) ? v : [v]) {
                if (!allowed.includes(c)) issues.push({ path: `${at}.showIf.${key}`, code: "show_if_unknown_code", params: { code: c } });
              }
            }
          }
          if (q.showIf.equals === undefined && q.showIf.notEquals === undefined) issues.push({ path: `${at}.showIf`, code: "show_if_empty" });
        }
      }
      seen.set(q.id, q);
    });
  });
  if (count > MAX_QUESTIONS) issues.push({ path: "sections", code: "too_many_questions", params: { maximum: MAX_QUESTIONS } });
  issues.push(...complexityIssues(def));
  return issues;
}

/** What a definition costs each submission and each results view, bounded before it is saved. */
function complexityIssues(def: SurveyDefinition): DefinitionIssue[] {
  const questions = def.sections.flatMap((s) => s.questions);
  const grouping = questions.filter((q) => (q.type === "single" || q.type === "yesno") && q.group);
  if (grouping.length > MAX_GROUPING_QUESTIONS) return [{ path: "sections", code: "too_many_groupings", params: { count: grouping.length, maximum: MAX_GROUPING_QUESTIONS } }];
  const groups = 1 + grouping.reduce((n, q) => n + (answerCodes(q)?.length ?? 0), 0);
  const cells = questions.reduce((n, q) => n + ((answerCodes(q)?.length ?? 0) + 1) * groups, 0);
  if (cells > MAX_COUNTER_CELLS) return [{ path: "sections", code: "too_complex", params: { groups: groups - 1, cells, maximum: MAX_COUNTER_CELLS } }];
  return [];
}

/** Codes a choice-like question can be answered with; null for free-form types. */
export function answerCodes(q: Question): string[] | null {
  switch (q.type) {
    case "single":
    case "multiple":
      return [...q.options.map((o) => o.code), ...(q.other ? ["other"] : [])];
    case "scale":
      return Array.from({ length: q.max - q.min + 1 }, (_, i) => String(q.min + i));
    case "yesno":
      return ["yes", "no"];
    default:
      return null;
  }
}

export function validateDefinition(input: unknown): DefinitionResult {
  // reportInput: tells "missing" (required) from "present but of the wrong type".
  const parsed = definitionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: pathToString(i.path), ...zodIssueCode(i) })) };
  }
  const issues = semanticIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, definition: parsed.data };
}

/** Parses a YAML or JSON file (by name, else by content) and validates it. */
export function parseDefinitionFile(content: Buffer | string, fileName = ""): DefinitionResult {
  const raw = typeof content === "string" ? content : content.toString("utf8");
  if (Buffer.byteLength(raw) > MAX_DEFINITION_BYTES) return { ok: false, issues: [{ path: "(file)", code: "file_too_large", params: { maxKb: MAX_DEFINITION_BYTES / 1024 } }] };
  let data: unknown;
  try {
    data = /\.json$/i.test(fileName) || (!/\.ya?ml$/i.test(fileName) && raw.trimStart().startsWith("{")) ? JSON.parse(raw) : parseYaml(raw, { maxAliasCount: 100 });
  } catch (error) {
    const e = error as Error & { linePos?: { line: number; col: number }[] };
    return { ok: false, issues: [{ path: "(file)", code: "syntax_error", params: { detail: (e.message ?? "").split("\n")[0]!.slice(0, 200) } }] };
  }
  return validateDefinition(data);
}

/** Definitions are not changed once parsed; every screen of a questionnaire walks its questions. */
const flattened = new WeakMap<SurveyDefinition, readonly Question[]>();

/** The questions of every section in order (one shared array per definition: do not change it). */
export function allQuestions(def: SurveyDefinition): readonly Question[] {
  let questions = flattened.get(def);
  if (!questions) flattened.set(def, (questions = Object.freeze(def.sections.flatMap((s) => s.questions))));
  return questions;
}
