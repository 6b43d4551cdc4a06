// PLACEHOLDER (h15-rep) — replaced by the owner's module at merge
import type { Db } from "../db/client.js";
import type { SourceFigureSummary } from "../domain/analysis/source-figures.js";

export async function sourceFiguresOf(_db: Db, _analysisId: number): Promise<SourceFigureSummary> {
  return { kinds: [] };
}
