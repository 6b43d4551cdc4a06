// Reading and checking the evidence links of a risk (register.ts EvidenceLink), stored as JSON.
import { INTERVIEW_TABLES, SOURCE_FIGURE_KINDS, type EvidenceLink, type InterviewTableId, type SourceFigureKind } from "./register.js";
import { isBlank, parseLocalized } from "./text.js";

/** Longest text of an «other» link, each language. */
export const EVIDENCE_TEXT_MAX = 500;
/** Links a risk holds at most. */
export const MAX_EVIDENCE = 20;

/** One stored link, or null when it is not one of the known shapes. */
export function toEvidenceLink(value: unknown): EvidenceLink | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  switch (v.kind) {
    case "survey":
      return typeof v.campaignId === "number" && Number.isInteger(v.campaignId) && typeof v.questionId === "string" && v.questionId ? { kind: "survey", campaignId: v.campaignId, questionId: v.questionId } : null;
    case "interview":
      return (INTERVIEW_TABLES as readonly unknown[]).includes(v.table) ? { kind: "interview", table: v.table as InterviewTableId } : null;
    case "reports":
      return { kind: "reports" };
    case "source":
      return (SOURCE_FIGURE_KINDS as readonly unknown[]).includes(v.figureKind) ? { kind: "source", figureKind: v.figureKind as SourceFigureKind } : null;
    case "other": {
      const text = parseLocalized(JSON.stringify(v.text ?? {}));
      return isBlank(text) || (text.kk?.length ?? 0) > EVIDENCE_TEXT_MAX || (text.ru?.length ?? 0) > EVIDENCE_TEXT_MAX ? null : { kind: "other", text };
    }
    default:
      return null;
  }
}

/** The stored list; unknown entries are dropped. */
export function parseEvidence(json: string | null | undefined): EvidenceLink[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.map(toEvidenceLink).filter((l): l is EvidenceLink => l !== null) : [];
  } catch {
    return [];
  }
}

/** Whether two links name the same source (an «other» text is never a repeat). */
export function sameEvidence(a: EvidenceLink, b: EvidenceLink): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "survey":
      return b.kind === "survey" && a.campaignId === b.campaignId && a.questionId === b.questionId;
    case "interview":
      return b.kind === "interview" && a.table === b.table;
    case "reports":
      return true;
    case "source":
      return b.kind === "source" && a.figureKind === b.figureKind;
    case "other":
      return false;
  }
}
