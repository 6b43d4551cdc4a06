// The other sources' figures through the service: an import stores each figure once (the same
// file twice adds nothing), a typed figure is added, a figure is deleted only from its own
// analysis, and each change leaves an audit entry.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addSourceFigure, deleteSourceFigure, figuresOf, importSourceFigures, knownFigures, sourceFiguresOf } from "../../src/services/source-figures.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { fig, SEED_001 } from "../support/source-figures-fixture.js";

let db: TestDatabase;
let officerId: number;
let analysisId: number;
let otherId: number;
beforeEach(async () => {
  db = await createTestDatabase();
  officerId = (await db.prisma.user.create({ data: { fullName: "Ким Анна", phone: "77010000001", role: "compliance", telegramId: 11n } })).id;
  analysisId = (await db.prisma.analysis.create({ data: { startOn: "2024-03-01", endOn: "2024-04-30" } })).id;
  otherId = (await db.prisma.analysis.create({ data: { startOn: "2023-03-01", endOn: "2023-04-30" } })).id;
});
afterEach(() => db.destroy());

describe("source figures", () => {
  it("imports seed 001's figures once: the same file again adds nothing", async () => {
    expect(await importSourceFigures(db.prisma, analysisId, SEED_001, officerId)).toEqual({ added: SEED_001.length, skipped: 0 });
    expect(await knownFigures(db.prisma, analysisId, SEED_001)).toBe(SEED_001.length);
    expect(await importSourceFigures(db.prisma, analysisId, SEED_001, officerId)).toEqual({ added: 0, skipped: SEED_001.length });
    expect(await db.prisma.sourceFigure.count()).toBe(SEED_001.length);
    const summary = await sourceFiguresOf(db.prisma, analysisId);
    expect(summary.kinds.map((k) => [k.kind, k.total])).toEqual([["appeals", 2612], ["court", 118], ["penalties", 4197]]);
    expect((await sourceFiguresOf(db.prisma, otherId)).kinds).toEqual([]);
    expect(await db.prisma.auditLog.count({ where: { action: "analysis.sources_imported" } })).toBe(2);
  });

  it("a row repeated in one file is stored once; a typed duplicate is refused", async () => {
    const row = fig("media", "2023", "negative", 3, "посредничество");
    expect(await importSourceFigures(db.prisma, analysisId, [row, row], officerId)).toEqual({ added: 1, skipped: 1 });
    expect(await addSourceFigure(db.prisma, analysisId, row, officerId)).toBe(false);
    expect(await addSourceFigure(db.prisma, analysisId, { ...row, count: 4 }, officerId)).toBe(true);
    expect(await db.prisma.sourceFigure.count({ where: { analysisId } })).toBe(2);
  });

  it("deletes a figure only from its own analysis", async () => {
    await importSourceFigures(db.prisma, otherId, [fig("court", "2023", "total", 5)], officerId);
    const [foreign] = await figuresOf(db.prisma, otherId);
    expect(await deleteSourceFigure(db.prisma, analysisId, foreign!.id, officerId)).toBe(false);
    expect(await db.prisma.sourceFigure.count()).toBe(1);
    expect(await deleteSourceFigure(db.prisma, otherId, foreign!.id, officerId)).toBe(true);
    expect(await deleteSourceFigure(db.prisma, otherId, foreign!.id, officerId)).toBe(false);
    expect(await db.prisma.sourceFigure.count()).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "analysis.source_deleted" } })).toBe(1);
  });

  it("refuses an import into an analysis that does not exist", async () => {
    await expect(importSourceFigures(db.prisma, 999_999, SEED_001, officerId)).rejects.toThrow();
    expect(await db.prisma.sourceFigure.count()).toBe(0);
  });
});
