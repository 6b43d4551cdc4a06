// The other sources' figures of an analysis (SourceFigure): one function per query.
import type { SourceFigureInput } from "../../domain/analysis/source-figures.js";
import type { Db, DbOrTx } from "../client.js";

const FIELDS = { id: true, kind: true, period: true, category: true, topic: true, count: true, source: true, note: true } as const;

/** An analysis's figures, oldest first. */
export function listSourceFigures(db: DbOrTx, analysisId: number) {
  return db.sourceFigure.findMany({ where: { analysisId }, select: FIELDS, orderBy: { id: "asc" } });
}

export function countSourceFigures(db: Db, analysisId: number): Promise<number> {
  return db.sourceFigure.count({ where: { analysisId } });
}

/** One figure, with the analysis it belongs to. */
export function sourceFigureById(db: DbOrTx, id: number) {
  return db.sourceFigure.findUnique({ where: { id }, select: { ...FIELDS, analysisId: true } });
}

export async function createSourceFigures(db: DbOrTx, analysisId: number, rows: readonly SourceFigureInput[], createdById: number | null): Promise<void> {
  if (!rows.length) return;
  await db.sourceFigure.createMany({ data: rows.map((r) => ({ analysisId, kind: r.kind, period: r.period, category: r.category, topic: r.topic, count: r.count, source: r.source, note: r.note, createdById })) });
}

/** Deletes the figure only when it belongs to the analysis; how many rows went (0 or 1). */
export async function deleteSourceFigureOf(db: DbOrTx, analysisId: number, id: number): Promise<number> {
  return (await db.sourceFigure.deleteMany({ where: { id, analysisId } })).count;
}
