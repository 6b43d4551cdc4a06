// The one slot for multi-step input: what this chat is in the middle of. A union keyed by
// `kind`; each feature owns its members (and their handlers, registered with the dispatcher
// in flow/dispatcher.ts). Only one flow is active at a time: starting one ends the previous.
//
// Anonymous report drafts and cases are NOT here: they live in their own timestamp-free store
// (features/reports/reporter-state.ts) so that no session row is written when a report is
// filed; the dispatcher knows them as an "external" flow.
import type { Lang } from "../../domain/lang.js";

/** The roster file the officer was asked to send next (after /import). */
export interface RosterUploadFlow {
  kind: "rosterUpload";
  since: number;
}

/** The survey definition file the officer was asked to send next (after /survey_upload). */
export interface SurveyUploadFlow {
  kind: "surveyUpload";
  since: number;
}

/** The action plan file the officer was asked to send next (after /plan_import). */
export interface PlanUploadFlow {
  kind: "planUpload";
  since: number;
  /** `/plan_import YYYY`: the year of dates written without one. */
  year?: number;
}

/** A validated roster file waiting for the officer's confirmation. */
export interface RosterConfirmFlow {
  kind: "rosterConfirm";
  fileId: string;
  fileName: string;
  mimeType?: string;
  nonce: string;
}

/** The next text message is a search for the person to invite. */
export interface InviteSearchFlow {
  kind: "inviteSearch";
}

/** A validated action plan waiting for the officer's confirmation. */
export interface PlanConfirmFlow {
  kind: "planConfirm";
  fileId: string;
  fileName: string;
  mimeType?: string;
  nonce: string;
  year?: number;
}

/** A plan item typed in the bot, step by step. */
export interface PlanItemFlow {
  kind: "planItem";
  nonce: string;
  step: "measure" | "deadline" | "responsible" | "confirm";
  measure?: string;
  deadlineText?: string;
  responsible?: string[];
}

/** An analysis being created: waiting for its period, then for confirmation. */
export interface AnalysisFlow {
  kind: "analysis";
  nonce: string;
  awaitingPeriod: boolean;
  start?: string;
  end?: string;
}

/** A text for the analysis's record: the order, the organisation, the object, the period the data covers, or a search for a working-group member (its result buttons carry the nonce). */
export interface AnalysisRecordInputFlow {
  kind: "analysisRecordInput";
  analysisId: number;
  field: "order" | "organisation" | "objectText" | "covered" | "member";
  nonce: string;
  /** The language the organisation or the object is written in (the officer's, or the other one chosen). */
  lang?: Lang;
}

/** A section's text of the analytic report draft, in one language (features/analysis/report). */
export interface AnalyticReportTextFlow {
  kind: "analyticReportText";
  nonce: string;
  analysisId: number;
  /** A key of REPORT_TEXT_KEYS (domain/analysis/report/model.ts). */
  section: string;
  lang: Lang;
}

/** A responsible person's answer in progress: evidence, or the reason and date of an extension. */
export interface TaskInputFlow {
  kind: "taskInput";
  input: "done" | "reason" | "date";
  occurrenceId: number;
  reason?: string;
}

/** The next text is a search for the person to assign to this task. */
export interface AssignSearchFlow {
  kind: "assignSearch";
  taskId: number;
}

export type CampaignAudience = { kind: "all" } | { kind: "departments"; ids: number[] } | { kind: "roles"; roles: ("employee" | "officer" | "compliance" | "observer")[] };

/** A campaign being set up by a compliance officer. */
export interface CampaignFlow {
  kind: "campaign";
  nonce: string;
  definitionId?: number;
  mode?: "anonymous" | "attributed";
  audience?: CampaignAudience;
  opensOn?: string;
  closesOn?: string;
  /** Waiting for the dates typed as text. */
  awaitingDates?: boolean;
}

/** The questionnaire this chat is answering (typed answers go there). */
export interface SurveyFlow {
  kind: "survey";
  campaignId: number;
}

/** A case handler's next text: a reply to the reporter, an internal note, or an extension (date, then reason). */
export interface CaseInputFlow {
  kind: "caseInput";
  input: "reply" | "note" | "extendDate" | "extendReason";
  reportId: number;
  nonce: string;
  since: number;
  date?: string;
}

/** Registration through a department link: waiting for the person's full name. */
export interface RegistrationNameFlow {
  kind: "registrationName";
  inviteId: number;
  since: number;
  /** The language at /start: the questions are asked, and the person registered, in it. */
  lang: Lang;
}

/** The other sources' figures of an analysis: the filled template asked for, checked and waiting for confirmation, or one figure typed as a line. */
export interface SourceUploadFlow {
  kind: "sourceUpload";
  analysisId: number;
  since: number;
}

export interface SourceConfirmFlow {
  kind: "sourceConfirm";
  analysisId: number;
  fileId: string;
  fileName: string;
  mimeType?: string;
  nonce: string;
}

export interface SourceLineFlow {
  kind: "sourceLine";
  analysisId: number;
}

/**
 * The risk register (features/analysis/risks): the new-risk wizard (direction → area → factor →
 * name → description → functions → positions → likelihood → impact → confirm), one field of a
 * risk being changed (`riskId` and `field`), or the text of an evidence, a recommendation, a
 * plan item's deadline and responsible, a plan item's number. `step` says what comes next.
 */
export interface RiskFlow {
  kind: "risk";
  nonce: string;
  analysisId: number;
  step:
    | "field"
    | "direction"
    | "area"
    | "factor"
    | "factorText"
    | "title"
    | "description"
    | "functions"
    | "positions"
    | "likelihood"
    | "impact"
    | "confirm"
    | "evidence"
    | "evidenceText"
    | "recommendation"
    | "recommendationEdit"
    | "deadline"
    | "responsible"
    | "itemNumber"
    | "deleteRisk"
    | "deleteRecommendation"
    | "otherField"
    | "otherText";
  /** The risk changed (absent while a new one is written). */
  riskId?: number;
  /** Changing one field of `riskId`: after it (and the steps it needs) the risk is saved. */
  field?: "direction" | "factor" | "title" | "description" | "functions" | "positions" | "likelihood" | "impact";
  recommendationId?: number;
  /** A text given in the other language (features/analysis/risks/other-lang.ts): which one, and the language. */
  textField?: "title" | "factor" | "description" | "functions" | "positions" | "recommendation";
  textLang?: Lang;
  /** The risk being written or changed, as JSON-able fields. */
  draft?: {
    direction?: "legal_acts" | "organisational";
    area?: string;
    factorCode?: string | null;
    factor?: { kk?: string; ru?: string };
    title?: { kk?: string; ru?: string };
    description?: { kk?: string; ru?: string };
    functions?: { kk?: string; ru?: string };
    positions?: { kk?: string; ru?: string }[];
    likelihood?: number;
    impact?: number;
  };
  deadlineText?: string;
}

export type Flow =
  | RiskFlow
  | RosterUploadFlow
  | SurveyUploadFlow
  | PlanUploadFlow
  | RosterConfirmFlow
  | InviteSearchFlow
  | PlanConfirmFlow
  | PlanItemFlow
  | AnalysisFlow
  | AnalysisRecordInputFlow
  | AnalyticReportTextFlow
  | TaskInputFlow
  | AssignSearchFlow
  | CampaignFlow
  | SurveyFlow
  | CaseInputFlow
  | RegistrationNameFlow
  | SourceUploadFlow
  | SourceConfirmFlow
  | SourceLineFlow;

export type FlowKind = Flow["kind"];
export type FlowOf<K extends FlowKind> = Extract<Flow, { kind: K }>;
