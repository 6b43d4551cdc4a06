// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Paragraph, Table } from "docx";
import type { Translate } from "../../i18n-resources.js";
import type { Lang } from "../lang.js";
import type { SourceFigureKind } from "./register.js";
import type { SourceFigureSummary } from "./source-figures.js";

export function sourceFigureBlocks(_summary: SourceFigureSummary, _kind: SourceFigureKind, _t: Translate, _lang: Lang): (Paragraph | Table)[] {
  return [];
}
