import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TextPoolReader } from "../../../src/domain/surveys/text-pool.js";
import { parseTotals, serializeTotals, emptyTotals } from "../../../src/domain/surveys/ballot-box.js";
import { buildResults } from "../../../src/domain/surveys/aggregate.js";

const stored = (values: unknown[]) => deflateRawSync(Buffer.from(JSON.stringify(values), "utf8"));
const all = (list: Iterable<string>) => [...list];
const read = (values: unknown[]) => new TextPoolReader().read(stored(values));

describe("text pools read on demand", async () => {
  it("reads every string as JSON.parse would: escapes, quotes, backslashes, line breaks, Kazakh letters, empty strings", async () => {
    const texts = ["Ротация кадров\nв отделе закупок", 'он сказал "нет"', "путь C:\\temp\\", "\\", '\\"', "", "қазақ тілі ӘәҒғҚқҢңӨөҰұҮүҺһІі", "tab\there", "emoji 🙂 and \u2028", "x".repeat(5000)];
    const pool = await read(texts);
    expect(pool.length).toBe(texts.length);
    expect(texts.map((_, i) => pool.at(i))).toEqual(texts);
  });

  it("matches JSON.parse on many random strings", async () => {
    const alphabet = ['"', "\\", "\n", "a", "ө", "Ж", " ", ",", "[", "]", "🙂", "\u0001"];
    let x = 7;
    const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: rnd(40) }, () => alphabet[rnd(alphabet.length)]).join(""));
    const pool = await read(texts);
    expect(texts.map((_, i) => pool.at(i))).toEqual(texts);
  });

  it("shuffles afresh on every call, losing nothing", async () => {
    const texts = Array.from({ length: 200 }, (_, i) => `мнение ${i}`);
    const pool = await read(texts);
    const a = all(pool.shuffled((m) => Math.floor(Math.random() * m)));
    const b = all(pool.shuffled((m) => Math.floor(Math.random() * m)));
    expect([...a].sort()).toEqual([...texts].sort());
    expect(a).not.toEqual(b);
    expect(pool.shuffled(() => 0).length).toBe(200);
  });

  it("reads a pool of other values (and an empty one) whole, as strings", async () => {
    const pool = await read(["a", 2, "b"]);
    expect([0, 1, 2].map((i) => pool.at(i))).toEqual(["a", "2", "b"]);
    expect((await read([])).length).toBe(0);
  });

  it("reads one pool at a time into the same memory: a pool read before the last one cannot be used", async () => {
    const reader = new TextPoolReader();
    const first = await reader.read(stored(["один", "два"]));
    expect(first.at(1)).toBe("два");
    const second = await reader.read(stored(["үш"]));
    expect(second.at(0)).toBe("үш");
    expect(() => first.at(0)).toThrow(/overwritten/);
  });

  it("gives results whose texts are read when asked, the same as loaded ones", async () => {
    const totals = emptyTotals();
    totals.responses.set("", 12);
    totals.counts.set("note||_answered", 12);
    totals.pools.set("note|", Array.from({ length: 12 }, (_, i) => `мнение ${i}\nвторая строка`));
    const def = { id: "d", version: 1, title: { kk: "t", ru: "t" }, sections: [{ id: "s", title: { kk: "s", ru: "s" }, questions: [{ id: "note", type: "text", text: { kk: "q", ru: "q" } }] }] };
    const ctx = { campaignId: 1, title: def.title, mode: "anonymous" as const, status: "closed" as const, opensOn: "2026-01-01", closesOn: "2026-01-02", generatedOn: "2026-01-03", invited: 12, completed: 12, byAudience: [], k: 5, textK: 10, labels: { yes: def.title, no: def.title, other: def.title } };
    const stored = serializeTotals(totals);
    const eager = buildResults(def as never, parseTotals(stored.header, stored.texts), ctx);
    const lazy = buildResults(def as never, parseTotals(stored.header, stored.texts, "lazy"), ctx);
    if (!eager.ok || !lazy.ok) throw new Error("no results");
    const [e, l] = [eager.results.questions[0]!, lazy.results.questions[0]!];
    expect(l.texts).toBeUndefined();
    expect(l.textCount).toBe(12);
    expect(all(await l.loadTexts!()).sort()).toEqual([...e.texts!].sort());
  });
});
