// The shape of survey results as compliance officers see them and as every export
// (chart, XLSX, CSV, DOCX) renders them. Computed from the anonymous aggregates (or the
// attributed answers) with small groups suppressed; renderers never see raw answers.
import type { QuestionType, Text } from "./definition.js";
import type { TextList } from "./text-pool.js";

export type Lang = "kk" | "ru";

export interface OptionCount {
  /** Answer code: option code, scale point ("1".."5"), "yes"/"no", or "other". */
  code: string;
  label: Text;
  count: number;
  /** count / answered, 0..1 */
  share: number;
}

/**
 * Number answers: how many and their mean (rounded to one decimal). No minimum, maximum or
 * median: each of them is one person's answer.
 */
export interface NumberSummary {
  count: number;
  mean: number;
}

export interface QuestionResult {
  questionId: string;
  sectionTitle: Text;
  type: QuestionType;
  text: Text;
  /** Responses in which this question was answered. */
  answered: number;
  /**
   * True when the group is under the threshold (k responses; free text: textK): then
   * `options`, `numbers`, `texts` are absent and renderers print "not shown".
   */
  suppressed: boolean;
  /** single, multiple, scale, yesno: one entry per possible code, in definition order. */
  options?: OptionCount[];
  /** multiple: shares add up to more than 1. */
  multiple?: boolean;
  /** number */
  numbers?: NumberSummary;
  /**
   * text and date answers and "other (specify)" texts, in random order, already scrubbed;
   * absent when the view needs only their number (`textCount`: results loaded without texts).
   */
  texts?: string[];
  /**
   * Instead of `texts`, in the exports of large campaigns: reads the texts when the question
   * is written, in a fresh random order on every call, so that one question's texts are in
   * memory at a time — the list is valid until texts of another question are read
   * (report/csv.ts `textsOf` reads either).
   */
  loadTexts?: () => Promise<TextList>;
  /** How many texts there are (set wherever texts are shown, loaded or not). */
  textCount?: number;
}

export interface AudienceRate {
  /** e.g. a department name; "" for people without one (or for the merged row). */
  label: string;
  /** The merged row of departments with fewer than k invited ("other units"). */
  other?: true;
  invited: number;
  completed: number;
  /** completed / invited, 0..1 (0 when nobody invited) */
  rate: number;
}

export interface SurveyResults {
  campaignId: number;
  title: Text;
  mode: "anonymous" | "attributed";
  status: "draft" | "open" | "closed";
  /** Closed: the results are final (and only then are breakdowns by group shown). */
  final: boolean;
  /** YYYY-MM-DD in the organisation's time zone */
  opensOn: string;
  closesOn: string;
  generatedOn: string;
  invited: number;
  completed: number;
  responseRate: number;
  /**
   * Response rate per department of the audience (from the participation ledger), with
   * departments under k invited merged (disclosure.ts, mergeSmallAudiences).
   */
  byAudience: AudienceRate[];
  /** Present when the results are restricted to one answer of a grouping question. */
  filter?: { questionId: string; questionText: Text; code: string; label: Text };
  /**
   * Responses the figures rest on, in the (filtered) group. Anonymous totals are folded in
   * batches of at least k while the campaign is open, so this can be below `completed`.
   */
  responses: number;
  /** Responses the overall figures rest on (the same as `responses` without a filter). */
  totalResponses: number;
  threshold: { k: number; textK: number };
  questions: QuestionResult[];
}

/** Attributed interviews: one row per respondent, answers as display text in one language. */
export interface InterviewExport {
  campaignId: number;
  title: Text;
  generatedOn: string;
  questions: { questionId: string; sectionTitle: Text; text: Text; type: QuestionType }[];
  respondents: {
    fullName: string;
    department: string | null;
    position: string | null;
    /** YYYY-MM-DD */
    submittedOn: string;
    /** questionId → answer rendered for display (codes already turned into labels by the caller) */
    answers: Record<string, { kk: string; ru: string } | null>;
  }[];
}
