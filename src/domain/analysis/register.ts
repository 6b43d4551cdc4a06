// The risk register as the documents and screens read it (the shapes; the rules that fill
// and change it are in risks.ts, the stored rows in the Risk and RiskRecommendation tables).
import type { IsoDate } from "../calendar/days.js";
import type { RiskArea, RiskDirection } from "./catalog.js";
import type { LocalizedText } from "./text.js";

/**
 * What a risk rests on. Each link names a source the analysis holds, never a respondent or a
 * reporter: a survey question only when its results clear the disclosure threshold, the
 * interview tables by table, the anonymous reports by their counts, another source's figures
 * by kind, or the officer's own words for anything else (an audit act, a letter).
 */
export type EvidenceLink =
  | { kind: "survey"; campaignId: number; questionId: string }
  | { kind: "interview"; table: InterviewTableId }
  | { kind: "reports" }
  | { kind: "source"; figureKind: SourceFigureKind }
  | { kind: "other"; text: LocalizedText };

/** The organisation tables built from the unit-head interviews (Приложение 1–5 of seed 003). */
export const INTERVIEW_TABLES = ["public_services", "permits", "control", "personnel", "penalties", "cancelled_penalties", "offences", "legal_acts"] as const;
export type InterviewTableId = (typeof INTERVIEW_TABLES)[number];

/** The other sources' figures (seed 001): appeals through E-Otinish, court cases, disciplinary penalties, media items, other. */
export const SOURCE_FIGURE_KINDS = ["appeals", "court", "penalties", "media", "other"] as const;
export type SourceFigureKind = (typeof SOURCE_FIGURE_KINDS)[number];

export interface PlanItemRef {
  taskId: number;
  /** The plan's own number («1.1.1»), when it has one. */
  number: string | null;
  title: string;
  /** The first open due date, else the last one; null when none. */
  dueOn: IsoDate | null;
  responsibleText: string | null;
}

export interface RecommendationEntry {
  id: number;
  number: number;
  text: LocalizedText;
  planItems: PlanItemRef[];
}

/** What the officer writes of a risk (the wizard's draft): where it lies, its texts and scores. */
export interface RiskFields {
  direction: RiskDirection;
  area: RiskArea;
  /** A catalog factor's code (seed 002's lists), or null for the officer's own words in `factor`. */
  factorCode: string | null;
  /** The catalog factor's words are taken from the locales; own words are stored as written. */
  factor: LocalizedText;
  title: LocalizedText;
  description: LocalizedText;
  functions: LocalizedText;
  positions: LocalizedText[];
  likelihood: number;
  impact: number;
}

export interface RiskEntry extends RiskFields {
  id: number;
  number: number;
  evidence: EvidenceLink[];
  recommendations: RecommendationEntry[];
}
