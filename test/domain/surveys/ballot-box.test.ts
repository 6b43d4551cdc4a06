import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ballotsToFold, emptyTotals, foldInto, MAX_FOLD_BATCH, parseTotals, serializeTotals } from "../../../src/domain/surveys/ballot-box.js";
import { poolSize, type Contribution } from "../../../src/domain/surveys/aggregate.js";

const ballot = (i: number): Contribution => ({
  groups: ["", `dept=${i % 2}`],
  counts: [{ questionId: "q1", groupKey: "", code: i % 2 ? "yes" : "no" }],
  pools: [
    { questionId: "comment", groupKey: "", kind: "text", value: `Мнение ${i} `.repeat(i % 7) },
    { questionId: "age", groupKey: "", kind: "number", value: 20 + i },
  ],
});

describe("stored totals", () => {
  const totals = emptyTotals();
  foldInto(totals, Array.from({ length: 50 }, (_, i) => ballot(i)), randomInt);

  it("round-trip through the compressed format, and read the plain JSON of version 1", () => {
    const stored = serializeTotals(totals);
    expect(stored.subarray(0, 4).toString("latin1")).toBe("ADT2");
    expect(stored.toString("utf8")).not.toContain("Мнение");
    expect(parseTotals(stored)).toEqual(totals);
    const v1 = JSON.stringify({ v: 1, counts: [...totals.counts], pools: [...totals.pools], responses: [...totals.responses] });
    expect(parseTotals(v1)).toEqual(totals);
    expect(parseTotals(Buffer.from(v1))).toEqual(totals);
  });

  it("without their texts: number pools and counters are read, text pools only sized, and such totals cannot be stored", () => {
    const sized = parseTotals(serializeTotals(totals), "sizes");
    expect(sized.counts).toEqual(totals.counts);
    expect(sized.pools.get("age|")).toEqual(totals.pools.get("age|"));
    expect(sized.pools.has("comment|")).toBe(false);
    expect(poolSize(sized, "comment|")).toBe(50);
    expect(() => serializeTotals(sized)).toThrow();
  });
});

describe("ballotsToFold", () => {
  it("folds all but k of a running box, in batches of at most MAX_FOLD_BATCH, and everything at the close", () => {
    expect(ballotsToFold(9, 5, false)).toBe(0);
    expect(ballotsToFold(10, 5, false)).toBe(5);
    expect(ballotsToFold(100_000, 5, false)).toBe(MAX_FOLD_BATCH);
    expect(ballotsToFold(2_000, 5, false)).toBe(1_995);
    expect(ballotsToFold(MAX_FOLD_BATCH + 7, 5, false)).toBe(MAX_FOLD_BATCH);
    expect(ballotsToFold(100_000, 5, true)).toBe(100_000);
  });
});
