// What one anonymous submission adds to the totals, and how totals become results.
// A submission never becomes a row: it becomes +1 on counters per (question, code, group)
// and values appended to per-question pools that are reshuffled on every write.
import { allQuestions, answerCodes, type Question, type SurveyDefinition, type Text } from "./definition.js";
import { chosenCodes, isSkipped, isVisible, type Answers } from "./answers.js";
import { numberSummary, planDisclosure, type DisclosureCounts } from "./disclosure.js";
import type { OptionCount, QuestionResult, SurveyResults } from "./results.js";
import type { PackedStrings } from "./text-pool.js";

/** Counter code that counts respondents who answered the question at all. */
export const ANSWERED = "_answered";
export const OVERALL = "";

export interface Contribution {
  /** Groups this response belongs to: "" and one per grouping question answered. */
  groups: string[];
  counts: { questionId: string; groupKey: string; code: string }[];
  pools: { questionId: string; groupKey: string; kind: "text" | "number"; value: string | number }[];
}

export function groupKey(questionId: string, code: string): string {
  return `${questionId}=${code}`;
}

export function groupingQuestions(def: SurveyDefinition): Question[] {
  return allQuestions(def).filter((q) => (q.type === "single" || q.type === "yesno") && q.group);
}

/**
 * Turns final answers into counter increments and pool entries. `scrub` cleans free text
 * (phones, e-mails, ИИН/БИН). Free text and dates go to the overall pool only: texts per
 * small group would identify people; numbers are kept per group for breakdowns.
 */
export function contribution(def: SurveyDefinition, answers: Answers, scrub: (s: string) => string): Contribution {
  const groups = [OVERALL];
  for (const g of groupingQuestions(def)) {
    const [code] = chosenCodes(answers[g.id]);
    if (code && isVisible(g, answers)) groups.push(groupKey(g.id, code));
  }
  const out: Contribution = { groups, counts: [], pools: [] };
  for (const q of allQuestions(def)) {
    const a = answers[q.id];
    if (!a || isSkipped(a) || !isVisible(q, answers)) continue;
    for (const g of groups) out.counts.push({ questionId: q.id, groupKey: g, code: ANSWERED });
    const codes = chosenCodes(a);
    for (const code of codes) for (const g of groups) out.counts.push({ questionId: q.id, groupKey: g, code });
    if ("other" in a && a.other) out.pools.push({ questionId: `${q.id}.other`, groupKey: OVERALL, kind: "text", value: scrub(a.other) });
    if ("number" in a) for (const g of groups) out.pools.push({ questionId: q.id, groupKey: g, kind: "number", value: a.number });
    if ("text" in a) out.pools.push({ questionId: q.id, groupKey: OVERALL, kind: "text", value: scrub(a.text) });
    if ("date" in a) out.pools.push({ questionId: q.id, groupKey: OVERALL, kind: "text", value: a.date });
  }
  return out;
}

/** Fisher–Yates with crypto-quality randomness supplied by the caller. */
export function shuffle<T>(items: T[], randomInt: (maxExclusive: number) => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export interface Totals {
  /** `${questionId}|${groupKey}|${code}` → count */
  counts: Map<string, number>;
  /** `${questionId}|${groupKey}` → values */
  pools: Map<string, (string | number)[]>;
  /** groupKey → responses */
  responses: Map<string, number>;
  /**
   * Set when the totals were loaded without their free texts (ballot-box.ts parseTotals):
   * the sizes of the text pools, which are then absent from `pools`.
   */
  textSizes?: Map<string, number>;
  /** With `textSizes`, when loaded "lazy": one text pool, read on demand (valid until the next read). */
  textPool?: (key: string) => Promise<PackedStrings>;
}

/** A pool's size, loaded or not. */
export function poolSize(totals: Totals, key: string): number {
  return totals.pools.get(key)?.length ?? totals.textSizes?.get(key) ?? 0;
}

/**
 * The free texts of a pool for a result: `texts` in a fresh random order; or, for totals
 * loaded "lazy", `loadTexts`, which reads the pool and shuffles it afresh on every call (the
 * texts of one question at a time: a read reuses the memory of the previous one);
 * nothing when the texts were not loaded (their number only).
 */
function poolTexts(totals: Totals, key: string, randomInt: (maxExclusive: number) => number): Pick<QuestionResult, "texts" | "loadTexts"> {
  const pool = totals.pools.get(key);
  if (pool) return { texts: shuffledCopy(pool, randomInt) };
  if (!totals.textSizes?.has(key)) return { texts: [] };
  const read = totals.textPool;
  return read ? { loadTexts: async () => (await read(key)).shuffled(randomInt) } : {};
}

/** The values as strings in a random order (one copy). */
function shuffledCopy(pool: readonly (string | number)[], randomInt: (maxExclusive: number) => number): string[] {
  const a = new Array<string>(pool.length);
  for (let i = 0; i < pool.length; i++) {
    // Inside-out Fisher–Yates: copies and shuffles in one pass.
    const j = randomInt(i + 1);
    if (j !== i) a[i] = a[j]!;
    a[j] = String(pool[i]);
  }
  return a;
}

export const countKey = (q: string, g: string, c: string) => `${q}|${g}|${c}`;
export const poolKey = (q: string, g: string) => `${q}|${g}`;

export interface ResultsContext {
  campaignId: number;
  title: Text;
  mode: "anonymous" | "attributed";
  status: SurveyResults["status"];
  opensOn: string;
  closesOn: string;
  generatedOn: string;
  invited: number;
  completed: number;
  byAudience: SurveyResults["byAudience"];
  k: number;
  textK: number;
  labels: StandardLabels;
}

/** The policy's view of the totals. */
export function disclosureCounts(totals: Totals): DisclosureCounts {
  return {
    responses: (g) => totals.responses.get(g) ?? 0,
    answered: (q, g) => totals.counts.get(countKey(q, g, ANSWERED)) ?? 0,
    chose: (q, g, c) => totals.counts.get(countKey(q, g, c)) ?? 0,
  };
}

export type FilterError = "unknown_group_question" | "unknown_group_code" | "group_too_small" | "breakdown_withheld" | "not_final";

/**
 * Builds results under the disclosure policy (disclosure.ts): the overall results show a
 * question when it rests on at least k answers (textK for free text); a group filter is
 * allowed only on a closed campaign, for a group the policy shows, and shows a question
 * only in the groups the policy allows for it. The plan is the same for every view, so the
 * figures of all views together isolate no fewer than k people.
 */
export function buildResults(
  def: SurveyDefinition,
  totals: Totals,
  ctx: ResultsContext,
  filter?: { questionId: string; code: string },
  randomInt: (maxExclusive: number) => number = (m) => Math.floor(Math.random() * m),
): { ok: true; results: SurveyResults } | { ok: false; error: FilterError } {
  const { k, textK } = ctx;
  const final = ctx.status === "closed";
  const plan = planDisclosure(def, disclosureCounts(totals), { k, final });
  let g = OVERALL;
  let filterInfo: SurveyResults["filter"];
  let cells: Map<string, Set<string>> | undefined;
  if (filter) {
    const gq = groupingQuestions(def).find((q) => q.id === filter.questionId);
    if (!gq) return { ok: false, error: "unknown_group_question" };
    const codes = answerCodes(gq)!;
    if (!codes.includes(filter.code)) return { ok: false, error: "unknown_group_code" };
    const breakdown = plan.breakdowns.find((b) => b.questionId === gq.id)!;
    if (breakdown.refused === "not_final") return { ok: false, error: "not_final" };
    if (!breakdown.shownCodes.includes(filter.code)) {
      const small = (totals.responses.get(groupKey(gq.id, filter.code)) ?? 0) < k;
      return { ok: false, error: breakdown.refused && !small ? "breakdown_withheld" : "group_too_small" };
    }
    g = groupKey(gq.id, filter.code);
    cells = breakdown.cells;
    const label = optionLabel(gq, filter.code, ctx.labels);
    filterInfo = { questionId: gq.id, questionText: gq.text, code: filter.code, label };
  }
  const responses = totals.responses.get(g) ?? 0;
  const questions: QuestionResult[] = [];
  for (const section of def.sections) {
    for (const q of section.questions) {
      const answered = totals.counts.get(countKey(q.id, g, ANSWERED)) ?? 0;
      const base: QuestionResult = { questionId: q.id, sectionTitle: section.title, type: q.type, text: q.text, answered, suppressed: false };
      const isText = q.type === "text" || q.type === "date";
      const suppressed = filter ? !cells!.get(q.id)?.has(filter.code) : answered < (isText ? textK : k);
      if (suppressed) {
        questions.push({ ...base, suppressed: true });
        continue;
      }
      const codes = answerCodes(q);
      if (codes) {
        const options: OptionCount[] = codes.map((code) => {
          const count = totals.counts.get(countKey(q.id, g, code)) ?? 0;
          return { code, label: optionLabel(q, code, ctx.labels), count, share: answered ? count / answered : 0 };
        });
        const result: QuestionResult = { ...base, options, ...(q.type === "multiple" ? { multiple: true } : {}) };
        const otherKey = poolKey(`${q.id}.other`, OVERALL);
        if ("other" in q && q.other && g === OVERALL && poolSize(totals, otherKey) >= textK) {
          result.textCount = poolSize(totals, otherKey);
          Object.assign(result, poolTexts(totals, otherKey, randomInt));
        }
        questions.push(result);
      } else if (q.type === "number") {
        const values = (totals.pools.get(poolKey(q.id, g)) ?? []).map(Number);
        questions.push(values.length >= k ? { ...base, numbers: numberSummary(values) } : { ...base, suppressed: true });
      } else {
        const key = poolKey(q.id, OVERALL);
        questions.push({ ...base, textCount: poolSize(totals, key), ...poolTexts(totals, key, randomInt) });
      }
    }
  }
  return {
    ok: true,
    results: {
      campaignId: ctx.campaignId,
      title: ctx.title,
      mode: ctx.mode,
      status: ctx.status,
      final,
      opensOn: ctx.opensOn,
      closesOn: ctx.closesOn,
      generatedOn: ctx.generatedOn,
      invited: ctx.invited,
      completed: ctx.completed,
      responseRate: ctx.invited ? ctx.completed / ctx.invited : 0,
      byAudience: ctx.byAudience,
      ...(filterInfo ? { filter: filterInfo } : {}),
      responses,
      totalResponses: totals.responses.get(OVERALL) ?? 0,
      threshold: { k, textK },
      questions,
    },
  };
}

/** Labels of codes that the definition does not spell out (from locales/, via the caller). */
export interface StandardLabels {
  yes: Text;
  no: Text;
  other: Text;
}

export function optionLabel(q: Question, code: string, labels: StandardLabels): Text {
  if (q.type === "yesno") return code === "yes" ? labels.yes : labels.no;
  if (q.type === "scale") return q.labels[code] ?? { kk: code, ru: code };
  if (q.type === "single" || q.type === "multiple") {
    if (code === "other") return labels.other;
    return q.options.find((o) => o.code === code)?.label ?? { kk: code, ru: code };
  }
  return { kk: code, ru: code };
}
