// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Paragraph, Table } from "docx";
import type { Translate } from "../../i18n-resources.js";
import type { Lang } from "../lang.js";
import type { InterviewTables } from "./interview-tables.js";
import type { InterviewTableId } from "./register.js";

export function interviewTableBlocks(_tables: InterviewTables, _table: InterviewTableId, _t: Translate, _lang: Lang): (Paragraph | Table)[] {
  return [];
}
