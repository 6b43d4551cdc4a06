// The fixed lists of the internal analysis of corruption risks, as seed 002 (the methodology's
// slides and the analytic report's structure) gives them. Codes are stored; the words are in
// locales/*/analysis.json under the same codes (analysis.direction.<code>, analysis.legalFactor.<code>,
// analysis.area.<code>, analysis.source.<code>), so both languages use one term per concept.

/** What the analysis looks at (seed 000 §1.4; seed 002: «ВАКР осуществляется по следующим направлениям»). */
export const ANALYSIS_DIRECTIONS = ["legal_acts", "organisational", "both"] as const;
export type AnalysisDirection = (typeof ANALYSIS_DIRECTIONS)[number];

/** Where a risk lies: in a legal act or in the organisational-management activity. */
export const RISK_DIRECTIONS = ["legal_acts", "organisational"] as const;
export type RiskDirection = (typeof RISK_DIRECTIONS)[number];

/** Corruption factors in legal acts (seed 002, «Коррупционные факторы в нормативных правовых актах»). */
export const LEGAL_FACTORS = [
  "legal_gap",
  "collision",
  "vagueness",
  "discretion",
  "right_not_duty",
  "excessive_requirements",
  "admin_barriers",
  "ill_defined_functions",
] as const;
export type LegalFactor = (typeof LEGAL_FACTORS)[number];

/**
 * Areas of the organisational-management activity (seed 002, «Коррупционные факторы в
 * организационно-управленческой деятельности»), in the order of the report's descriptive part.
 */
export const ORGANISATIONAL_AREAS = [
  "personnel",
  "conflict_of_interest",
  "public_services",
  "permits",
  "control",
  "budget",
  "taxes",
  "contracts",
  "information_systems",
  "anticorruption",
  "transparency",
  "other",
] as const;
export type OrganisationalArea = (typeof ORGANISATIONAL_AREAS)[number];

export type RiskArea = LegalFactor | OrganisationalArea;

export function areasOf(direction: RiskDirection): readonly RiskArea[] {
  return direction === "legal_acts" ? LEGAL_FACTORS : ORGANISATIONAL_AREAS;
}

export function isAreaOf(direction: RiskDirection, area: string): area is RiskArea {
  return (areasOf(direction) as readonly string[]).includes(area);
}

/**
 * The information sources of the analysis (seed 002, «Источники информации для проведения
 * ВАКР»), court practice separately as seed 001 uses it.
 */
export const INFORMATION_SOURCES = [
  "legal_acts",
  "statistics",
  "state_systems",
  "inspections",
  "internal_audit",
  "monitoring",
  "media",
  "appeals",
  "offences",
  "court_cases",
  "previous_analysis",
  "surveys",
  "other",
] as const;
export type InformationSource = (typeof INFORMATION_SOURCES)[number];

export function isInformationSource(code: string): code is InformationSource {
  return (INFORMATION_SOURCES as readonly string[]).includes(code);
}

/** Likelihood and impact are each scored 1 (lowest) to 5 (highest). */
export const RISK_SCORE_MIN = 1;
export const RISK_SCORE_MAX = 5;
