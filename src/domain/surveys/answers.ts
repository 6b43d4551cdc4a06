// Answers while a respondent fills in a survey: validation of each answer, show-if,
// navigation (next, back one step, skip optional), progress. Pure functions over the
// definition and the draft; the bot only renders and stores.
import { parseDateInput } from "../dates.js";
import { allQuestions, answerCodes, type Question, type SurveyDefinition } from "./definition.js";

export type AnswerValue =
  | { code: string; other?: string } // single, scale, yesno
  | { codes: string[]; other?: string } // multiple
  | { number: number }
  | { text: string }
  | { date: string }; // YYYY-MM-DD

export type Answers = Record<string, AnswerValue | { skipped: true }>;

export function isSkipped(a: Answers[string] | undefined): a is { skipped: true } {
  return !!a && "skipped" in a;
}

/** Codes chosen for a choice-like answer (for show-if and counters). */
export function chosenCodes(a: Answers[string] | undefined): string[] {
  if (!a || isSkipped(a)) return [];
  if ("code" in a) return [a.code];
  if ("codes" in a) return a.codes;
  return [];
}

export function isVisible(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const codes = chosenCodes(answers[q.showIf.question]);
  if (codes.length === 0) return false;
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  const eq = list(q.showIf.equals);
  const neq = list(q.showIf.notEquals);
  if (eq && !codes.some((c) => eq.includes(c))) return false;
  if (neq && codes.some((c) => neq.includes(c))) return false;
  return true;
}

/** Questions the respondent will see given the answers so far, in order. */
export function visibleQuestions(def: SurveyDefinition, answers: Answers): Question[] {
  return allQuestions(def).filter((q) => isVisible(q, answers));
}

/** Drops answers to questions that are no longer visible (after an earlier answer changed). */
export function pruneHidden(def: SurveyDefinition, answers: Answers): Answers {
  const out: Answers = {};
  // Iterate in order so that a question hidden by a pruned answer is pruned too.
  for (const q of allQuestions(def)) {
    if (answers[q.id] !== undefined && isVisible(q, out)) out[q.id] = answers[q.id]!;
  }
  return out;
}

/** First visible question without an answer, or null when everything is answered. */
export function nextUnanswered(def: SurveyDefinition, answers: Answers): Question | null {
  return visibleQuestions(def, answers).find((q) => answers[q.id] === undefined) ?? null;
}

/** The visible question before `questionId` (back one step), or null at the start. */
export function previousQuestion(def: SurveyDefinition, answers: Answers, questionId: string): Question | null {
  const visible = visibleQuestions(def, answers);
  const i = visible.findIndex((q) => q.id === questionId);
  return i > 0 ? visible[i - 1]! : null;
}

/** Whether some answer of `target` would show `q` (a show-if listing every code never does). */
function couldShow(q: Question, target: Question): boolean {
  return (answerCodes(target) ?? []).some((code) => isVisible(q, { [target.id]: { code } }));
}

/**
 * The questions that may still be asked, in order, when only the answers to the questions before
 * `fromId` are final (null: none are, as on the notice): the visible ones, and those whose show-if
 * hangs on a question not finally answered yet whose answer could show them. An upper bound that
 * only shrinks as the respondent goes on: every answer settles some "maybe" one way or the other.
 */
export function possibleQuestions(def: SurveyDefinition, answers: Answers, fromId: string | null): Question[] {
  const all = allQuestions(def);
  const from = fromId === null ? 0 : all.findIndex((q) => q.id === fromId);
  const final: Answers = {};
  all.forEach((q, i) => {
    if (i < from && answers[q.id] !== undefined) final[q.id] = answers[q.id]!;
  });
  const byId = new Map(all.map((q) => [q.id, q]));
  const status = new Map<string, "asked" | "maybe" | "not">();
  for (const q of all) {
    const target = q.showIf ? q.showIf.question : null;
    const of = target === null ? "asked" : (status.get(target) ?? "not");
    if (target === null || of === "not") status.set(q.id, of);
    else if (of === "asked" && final[target] !== undefined) status.set(q.id, isVisible(q, final) ? "asked" : "not");
    else status.set(q.id, couldShow(q, byId.get(target)!) ? "maybe" : "not");
  }
  return all.filter((q) => status.get(q.id) !== "not");
}

/** How many questions the respondent may be asked at most (the notice), and how many are asked whatever the answers. */
export function questionCount(def: SurveyDefinition): { atMost: number; always: number } {
  return { atMost: possibleQuestions(def, {}, null).length, always: allQuestions(def).filter((q) => !q.showIf).length };
}

/**
 * "position/total" of a question: its place among the questions that may still be asked given the
 * answers before it (possibleQuestions). Going on, the position grows by one and the total never
 * grows (it starts at the notice's "at most" and drops when an answer rules questions out), so the
 * progress never jumps back or past its end; the last question asked shows n/n unless a follow-up
 * of its own was still possible. `null`: the review (every visible question answered).
 */
export function progress(def: SurveyDefinition, answers: Answers, questionId: string | null): { position: number; total: number } {
  if (questionId === null) {
    const n = visibleQuestions(def, answers).length;
    return { position: n, total: n };
  }
  const possible = possibleQuestions(def, answers, questionId);
  const i = possible.findIndex((q) => q.id === questionId);
  return { position: i < 0 ? possible.length : i + 1, total: possible.length };
}

export type AnswerError =
  | { code: "not_a_number" | "not_an_integer" | "not_a_date" | "empty" | "invalid_choice" | "not_text" }
  | { code: "below_min" | "above_max"; limit: number }
  | { code: "too_long"; limit: number }
  | { code: "too_few" | "too_many"; limit: number };

export type Checked = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

/** Numbers as people type them: "1 200", "1200,5", "−3". */
export function parseNumberInput(raw: string): number | null {
  const s = raw.trim().replace(/[\s\u00a0]/g, "").replace(",", ".").replace(/^[−–]/, "-");
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Validates a typed answer (number, text, date, or the text of "other"). */
export function checkTypedAnswer(q: Question, raw: string): Checked {
  const input = raw.trim();
  if (!input) return { ok: false, error: { code: "empty" } };
  switch (q.type) {
    case "number": {
      const n = parseNumberInput(input);
      if (n === null) return { ok: false, error: { code: "not_a_number" } };
      if (q.integer && !Number.isInteger(n)) return { ok: false, error: { code: "not_an_integer" } };
      if (q.min !== undefined && n < q.min) return { ok: false, error: { code: "below_min", limit: q.min } };
      if (q.max !== undefined && n > q.max) return { ok: false, error: { code: "above_max", limit: q.max } };
      return { ok: true, value: { number: n } };
    }
    case "text":
      if (input.length > q.maxLength) return { ok: false, error: { code: "too_long", limit: q.maxLength } };
      return { ok: true, value: { text: input } };
    case "date": {
      const d = parseDateInput(input);
      return d ? { ok: true, value: { date: d } } : { ok: false, error: { code: "not_a_date" } };
    }
    default:
      return { ok: false, error: { code: "not_text" } };
  }
}

export const OTHER_MAX_LENGTH = 300;

/** Validates a choice (single, scale, yesno) by code. */
export function checkChoice(q: Question, code: string): Checked {
  const codes = answerCodes(q);
  if (!codes || q.type === "multiple" || !codes.includes(code)) return { ok: false, error: { code: "invalid_choice" } };
  return { ok: true, value: { code } };
}

/** Validates the final selection of a multiple-choice question. */
export function checkSelection(q: Question, codes: string[]): Checked {
  if (q.type !== "multiple") return { ok: false, error: { code: "invalid_choice" } };
  const allowed = answerCodes(q)!;
  const unique = [...new Set(codes)];
  if (unique.some((c) => !allowed.includes(c))) return { ok: false, error: { code: "invalid_choice" } };
  const min = q.min ?? (q.optional ? 0 : 1);
  if (unique.length < Math.max(min, 1)) return { ok: false, error: { code: "too_few", limit: Math.max(min, 1) } };
  if (q.max !== undefined && unique.length > q.max) return { ok: false, error: { code: "too_many", limit: q.max } };
  // Keep definition order so drafts and reviews are stable.
  return { ok: true, value: { codes: allowed.filter((c) => unique.includes(c)) } };
}

/** True when the answer includes "other" and still needs its text. */
export function needsOtherText(a: AnswerValue): boolean {
  return ("code" in a && a.code === "other" && !a.other) || ("codes" in a && a.codes.includes("other") && !a.other);
}
