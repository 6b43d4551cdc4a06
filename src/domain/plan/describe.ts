// Plan import problems in words (kk/ru), for the bot and the command line alike.
import type { Translate } from "../../i18n-resources.js";
import { REQUIRED_PLAN_FIELDS, type PlanFileError, type PlanIssue } from "./import.js";

const quoted = (cells: string[]) => cells.map((c) => `«${c}»`).join(", ");
import { MAX_TABLE_BYTES, MAX_TABLE_ROWS } from "../tables.js";

/** A translation function fixed to one language (i18next's `t`). */

export function planIssueText(t: Translate, issue: PlanIssue): string {
  switch (issue.code) {
    case "bad_deadline":
      return t("plan.issue.bad_deadline", { row: issue.rowNumber, value: issue.value, reason: t(`plan.deadlineReason.${issue.reason}`, { detail: issue.detail ?? issue.value }) });
    case "too_long":
      return t("plan.issue.too_long", { row: issue.rowNumber, column: t(`plan.column.${issue.field}`), max: issue.max, value: issue.value });
    default:
      return t(`plan.issue.${issue.code}`, { row: issue.rowNumber });
  }
}

export function planFileErrorText(t: Translate, error: PlanFileError): string {
  return t(`plan.fileError.${error.code}`, {
    maxMb: Math.round(MAX_TABLE_BYTES / 1024 / 1024),
    maxRows: MAX_TABLE_ROWS,
    columns: error.code === "no_header" ? error.missing.map((f) => t(`plan.column.${f}`)).join(", ") : "",
    found: error.code === "no_header" ? quoted(error.found) : "",
    required: quoted(REQUIRED_PLAN_FIELDS.map((f) => t(`plan.column.${f}`))),
  });
}

