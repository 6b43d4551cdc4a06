import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deflateRawSync } from "node:zlib";
import { ballotsToFold, emptyTotals, foldInto, isSplitTotals, MAX_FOLD_BATCH, parseTotals, serializeTotals } from "../../../src/domain/surveys/ballot-box.js";
import { poolSize, type Contribution, type Totals } from "../../../src/domain/surveys/aggregate.js";

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

  it("round-trip through the compressed format (header and texts apart), and read versions 2 and 1 (one ciphertext)", () => {
    const stored = serializeTotals(totals);
    expect(stored.header.subarray(0, 4).toString("latin1")).toBe("ADT3");
    expect(stored.texts.subarray(0, 4).toString("latin1")).toBe("ADX3");
    for (const part of [stored.header, stored.texts]) expect(part.toString("utf8")).not.toContain("Мнение");
    expect(isSplitTotals(stored.header)).toBe(true);
    expect(parseTotals(stored.header, stored.texts)).toEqual(totals);
    expect(parseTotals(v2(totals))).toEqual(totals);
    expect(isSplitTotals(v2(totals))).toBe(false);
    const v1 = JSON.stringify({ v: 1, counts: [...totals.counts], pools: [...totals.pools], responses: [...totals.responses] });
    expect(parseTotals(v1)).toEqual(totals);
    expect(parseTotals(Buffer.from(v1))).toEqual(totals);
  });

  it("without their texts: number pools and counters are read, text pools only sized, and such totals cannot be stored", () => {
    for (const sized of [parseTotals(serializeTotals(totals).header, "sizes"), parseTotals(v2(totals), "sizes")]) {
      expect(sized.counts).toEqual(totals.counts);
      expect(sized.pools.get("age|")).toEqual(totals.pools.get("age|"));
      expect(sized.pools.has("comment|")).toBe(false);
      expect(poolSize(sized, "comment|")).toBe(50);
      expect(() => serializeTotals(sized)).toThrow();
    }
  });

  it("refuses texts that were not written with their header (another fold's, or none)", () => {
    const a = serializeTotals(totals);
    const b = serializeTotals(totals);
    expect(() => parseTotals(a.header, b.texts)).toThrow(/do not belong/);
    expect(() => parseTotals(a.header, null)).toThrow(/do not belong/);
    expect(parseTotals(b.header, b.texts)).toEqual(totals);
  });
});

/** Totals as version 2 stored them: "ADT2", the header segment, a segment per text pool. */
function v2(t: Totals): Buffer {
  const segment = (json: unknown) => {
    const body = deflateRawSync(Buffer.from(JSON.stringify(json)));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return [length, body];
  };
  const texts = [...t.pools].filter(([, v]) => v.some((x) => typeof x === "string"));
  const numbers = [...t.pools].filter(([, v]) => v.every((x) => typeof x === "number"));
  const header = { v: 2, counts: [...t.counts], responses: [...t.responses], numbers, texts: texts.map(([key, v]) => [key, v.length]) };
  return Buffer.concat([Buffer.from("ADT2"), ...segment(header), ...texts.flatMap(([, v]) => segment(v))]);
}

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
