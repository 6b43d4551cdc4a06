// The other sources' figures of an analysis: the summary the screens and the analytic report
// read, importing a filled template (one transaction; a row already stored is skipped, so the
// same file twice adds nothing), adding one figure and deleting one — each with its audit entry.
import { figureKey, isSourceFigureKind, summarizeFigures, type SourceFigureInput, type SourceFigureRow, type SourceFigureSummary } from "../domain/analysis/source-figures.js";
import { inTransaction, type Db } from "../db/client.js";
import { audit } from "../db/repositories/audit.js";
import { analysisById } from "../db/repositories/plan.js";
import { createSourceFigures, deleteSourceFigureOf, listSourceFigures } from "../db/repositories/source-figures.js";

export class AnalysisNotFoundError extends Error {}

/** The stored figures, typed (a row whose kind is not in the catalog any more is left out). */
export async function figuresOf(db: Db, analysisId: number): Promise<SourceFigureRow[]> {
  const rows = await listSourceFigures(db, analysisId);
  return rows.flatMap((r) => (isSourceFigureKind(r.kind) ? [{ ...r, kind: r.kind }] : []));
}

export async function sourceFiguresOf(db: Db, analysisId: number): Promise<SourceFigureSummary> {
  return summarizeFigures(await figuresOf(db, analysisId));
}

export interface ImportResult {
  added: number;
  /** Rows already stored, or repeated in the file. */
  skipped: number;
}

/** How many of these rows are stored already (for the preview). */
export async function knownFigures(db: Db, analysisId: number, rows: readonly SourceFigureInput[]): Promise<number> {
  const stored = new Set((await figuresOf(db, analysisId)).map(figureKey));
  return rows.filter((r) => stored.has(figureKey(r))).length;
}

export async function importSourceFigures(db: Db, analysisId: number, rows: readonly SourceFigureInput[], actorId: number): Promise<ImportResult> {
  if (!(await analysisById(db, analysisId))) throw new AnalysisNotFoundError();
  return inTransaction(db, async (tx) => {
    const seen = new Set((await listSourceFigures(tx, analysisId)).map((r) => figureKey({ ...r, kind: r.kind as SourceFigureInput["kind"] })));
    const fresh: SourceFigureInput[] = [];
    for (const r of rows) {
      const key = figureKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
      fresh.push(r);
    }
    await createSourceFigures(tx, analysisId, fresh, actorId);
    const result = { added: fresh.length, skipped: rows.length - fresh.length };
    await audit(tx, { actorUserId: actorId, action: "analysis.sources_imported", subject: `analysis:${analysisId}`, details: { ...result } });
    return result;
  });
}

/** One typed figure; false when the same figure is stored already. */
export async function addSourceFigure(db: Db, analysisId: number, figure: SourceFigureInput, actorId: number): Promise<boolean> {
  const { added } = await importSourceFigures(db, analysisId, [figure], actorId);
  return added === 1;
}

/** Deletes a figure of this analysis; false when there is no such figure in it (a stale or forged button). */
export async function deleteSourceFigure(db: Db, analysisId: number, figureId: number, actorId: number): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const deleted = await deleteSourceFigureOf(tx, analysisId, figureId);
    if (deleted) await audit(tx, { actorUserId: actorId, action: "analysis.source_deleted", subject: `analysis:${analysisId}`, details: { figureId } });
    return deleted > 0;
  });
}
