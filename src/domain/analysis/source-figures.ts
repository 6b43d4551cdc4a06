// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { SourceFigureKind } from "./register.js";

export interface SourceFigureSummary {
  kinds: SourceFigureKind[];
}
