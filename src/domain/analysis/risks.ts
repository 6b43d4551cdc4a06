// The rules of the risk register (issue 15): the factor lists of seed 002 by area, the check
// of a risk before it is stored, its level from likelihood × impact and its number. The words
// of the factors are in locales/*/risks.json (risks.factor.<code>); areas seed 002 gives no
// list for take the officer's own words.
import type { Lang } from "../lang.js";
import { isAreaOf, RISK_DIRECTIONS, RISK_SCORE_MAX, RISK_SCORE_MIN, type RiskArea } from "./catalog.js";
import { isBlank, type LocalizedText } from "./text.js";
import type { RiskFields } from "./register.js";

/**
 * Seed 002's factor lists: «Управление персоналом» and «Заключение договоров с физическими и
 * юридическими лицами» (organisational), the indicators of «Правовой пробел» and «Широта
 * дискреционных полномочий» (legal acts). Codes are stored; the order is the seed's.
 */
export const RISK_FACTORS: Partial<Record<RiskArea, readonly string[]>> = {
  personnel: ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "p11", "p12", "p13", "p14", "p15"],
  contracts: ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10"],
  legal_gap: ["g1", "g2", "g3", "g4", "g5"],
  discretion: ["d1", "d2", "d3"],
};

/** The catalog factors of an area (empty: the officer writes the factor). */
export function factorsOf(area: RiskArea): readonly string[] {
  return RISK_FACTORS[area] ?? [];
}

export function isFactorOf(area: RiskArea, code: string): boolean {
  return factorsOf(area).includes(code);
}

/**
 * Seed 002's «Примерный перечень коррупциогенных функций» (the zone of state control,
 * supervision and audit): each function with its typical situation, words under
 * risks.function.<code> and risks.functionFactor.<code>. Offered as a hint when the
 * officer writes a risk's corruption-prone functions.
 */
export const CORRUPTION_PRONE_FUNCTIONS = ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8"] as const;

/** Risk levels by score = likelihood × impact (the documents' legend states the same scale). */
export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The lowest score of each level: low 1–4, medium 5–9, high 10–16, critical 20–25. */
export const LEVEL_FROM: Record<RiskLevel, number> = { low: 1, medium: 5, high: 10, critical: 20 };
export const LEVEL_TO: Record<RiskLevel, number> = { low: 4, medium: 9, high: 16, critical: 25 };

export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

export function riskLevel(likelihood: number, impact: number): RiskLevel {
  const score = riskScore(likelihood, impact);
  if (score >= LEVEL_FROM.critical) return "critical";
  if (score >= LEVEL_FROM.high) return "high";
  if (score >= LEVEL_FROM.medium) return "medium";
  return "low";
}

export function isScore(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= RISK_SCORE_MIN && value <= RISK_SCORE_MAX;
}

/** Length limits of the officer's texts (characters, each language). */
export const RISK_TEXT_MAX = { title: 300, factor: 1000, description: 3000, functions: 2000, position: 300, recommendation: 2000 } as const;
export const MAX_POSITIONS = 30;
/** Recommendations of one risk: each is a button on the risk's card, and a message's keyboard holds 100 at most. */
export const MAX_RECOMMENDATIONS = 30;

export type RiskDraft = RiskFields;

export type RiskProblem =
  | "direction"
  | "area"
  | "factor"
  | "factor_missing"
  | "title_missing"
  | "title_long"
  | "description_missing"
  | "description_long"
  | "factor_long"
  | "functions_long"
  | "positions_many"
  | "position_long"
  | "likelihood"
  | "impact";

const tooLong = (text: LocalizedText, max: number) => (text.kk?.length ?? 0) > max || (text.ru?.length ?? 0) > max;

/** What is wrong with a risk, or an empty list. */
export function validateRisk(d: RiskDraft): RiskProblem[] {
  const problems: RiskProblem[] = [];
  if (!(RISK_DIRECTIONS as readonly string[]).includes(d.direction)) problems.push("direction");
  else if (!isAreaOf(d.direction, d.area)) problems.push("area");
  if (d.factorCode !== null && !(isAreaOf(d.direction, d.area) && isFactorOf(d.area, d.factorCode))) problems.push("factor");
  if (d.factorCode === null && isBlank(d.factor)) problems.push("factor_missing");
  if (tooLong(d.factor, RISK_TEXT_MAX.factor)) problems.push("factor_long");
  if (isBlank(d.title)) problems.push("title_missing");
  else if (tooLong(d.title, RISK_TEXT_MAX.title)) problems.push("title_long");
  if (isBlank(d.description)) problems.push("description_missing");
  else if (tooLong(d.description, RISK_TEXT_MAX.description)) problems.push("description_long");
  if (tooLong(d.functions, RISK_TEXT_MAX.functions)) problems.push("functions_long");
  if (d.positions.length > MAX_POSITIONS) problems.push("positions_many");
  if (d.positions.some((p) => tooLong(p, RISK_TEXT_MAX.position))) problems.push("position_long");
  if (!isScore(d.likelihood)) problems.push("likelihood");
  if (!isScore(d.impact)) problems.push("impact");
  return problems;
}

/** Positions typed one a line: trimmed, blank lines and repeats dropped. */
export function parsePositions(text: string, lang: Lang): LocalizedText[] {
  const seen = new Set<string>();
  const out: LocalizedText[] = [];
  for (const line of text.split("\n")) {
    const name = line.replace(/^[\s•\-–—*\d.)]+/, "").trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push({ [lang]: name });
  }
  return out;
}

/** The number a new risk or recommendation gets: one after the highest. */
export function nextNumber(numbers: readonly number[]): number {
  return numbers.reduce((max, n) => Math.max(max, n), 0) + 1;
}
