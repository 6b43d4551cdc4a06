// The sealed ballot box of anonymous campaigns (PRODUCT.md "Anonymity model").
//
// A submission does not touch the totals: it drops one sealed ballot (its contribution,
// encrypted, padded to a size class, under a random id, with no time) into the box, in the
// transaction that marks the person's participation. The box is folded into the totals only
// in batches of at least k ballots, and k ballots are always kept back until the close, so
// that the final fold is a batch of at least k as well:
//  - a copy of the database without the key sees ballots and totals only as ciphertext of
//    fixed size classes; the transaction that marks a person's participation writes nothing
//    readable (PostgreSQL's xmin, old row versions and WAL, SQLite's WAL, give nothing);
//  - two consecutive states of the totals (even read with the key, from old row versions)
//    differ by a batch of at least k ballots, and so do two results views over time;
//  - at the close, groups under k are dropped from the totals (they can never be shown), and
//    a campaign answered by fewer than k people keeps only that number: its ballots are
//    destroyed unread.
// Pure functions: the repository (db/repositories/survey-answers.ts) stores and locks.
import { randomBytes } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { countKey, OVERALL, poolKey, shuffle, type Contribution, type Totals } from "./aggregate.js";
import { TextPoolReader } from "./text-pool.js";

/** Ballots are padded to a power of two of at least this many bytes before encryption. */
export const MIN_BALLOT_BYTES = 4096;

/**
 * JSON followed by spaces up to its size class (a power of two of at least 4 KiB), so the
 * length of a ciphertext — of a ballot, or of a draft in old row versions and WAL frames —
 * does not tell how long someone's free-text answer was. JSON.parse ignores the spaces.
 */
export function padToSizeClass(json: string): string {
  const bytes = Buffer.byteLength(json, "utf8");
  let size = MIN_BALLOT_BYTES;
  while (size < bytes) size *= 2;
  return json + " ".repeat(size - bytes);
}

/** The padded plaintext of a sealed ballot. */
export function sealBallot(c: Contribution): string {
  return padToSizeClass(JSON.stringify({ v: 1, c }));
}

export function openBallot(plaintext: string): Contribution {
  const parsed = JSON.parse(plaintext) as { v: number; c: Contribution };
  if (parsed.v !== 1 || !parsed.c || !Array.isArray(parsed.c.groups)) throw new Error("not a sealed ballot");
  return parsed.c;
}

/**
 * Ballots one fold of a running campaign takes at most: a fold is one transaction that reads
 * its ballots and rewrites the totals, and a box that filled while the dispatcher was down
 * (100k ballots) is folded in several, the next one right after.
 */
export const MAX_FOLD_BATCH = 5_000;

/**
 * How many of the `pending` ballots to fold now. While the campaign runs: none until 2k are
 * waiting, then all but k (so at least k, and k stay for the final fold), at most
 * MAX_FOLD_BATCH (never under k: that is at least k). At the close: all.
 */
export function ballotsToFold(pending: number, k: number, final: boolean): number {
  if (final) return pending;
  return pending >= 2 * k ? Math.min(pending - k, Math.max(k, MAX_FOLD_BATCH)) : 0;
}

export function emptyTotals(): Totals {
  return { counts: new Map(), pools: new Map(), responses: new Map() };
}

/** Adds contributions to the totals (in place) and reshuffles the pools they touched. */
export function foldInto(totals: Totals, ballots: Contribution[], randomInt: (maxExclusive: number) => number): void {
  const touched = new Set<string>();
  for (const c of ballots) {
    for (const g of c.groups) totals.responses.set(g, (totals.responses.get(g) ?? 0) + 1);
    for (const x of c.counts) {
      const key = countKey(x.questionId, x.groupKey, x.code);
      totals.counts.set(key, (totals.counts.get(key) ?? 0) + 1);
    }
    for (const p of c.pools) {
      const key = poolKey(p.questionId, p.groupKey);
      const pool = totals.pools.get(key) ?? [];
      pool.push(p.value);
      totals.pools.set(key, pool);
      touched.add(key);
    }
  }
  // The stored order says nothing about who came when.
  for (const key of touched) totals.pools.set(key, shuffle(totals.pools.get(key)!, randomInt));
}

/**
 * The totals kept after the close: groups under k are dropped (no view may show them, so
 * nobody with the key should find them either); fewer than k responses in all keep only
 * their number.
 */
export function finalTotals(totals: Totals, k: number): Totals {
  const overall = totals.responses.get(OVERALL) ?? 0;
  if (overall < k) return { counts: new Map(), pools: new Map(), responses: new Map(overall ? [[OVERALL, overall]] : []) };
  const small = new Set([...totals.responses].filter(([g, n]) => g !== OVERALL && n < k).map(([g]) => g));
  if (!small.size) return totals;
  const groupOf = (key: string, index: number) => key.split("|")[index]!;
  return {
    counts: new Map([...totals.counts].filter(([key]) => !small.has(groupOf(key, 1)))),
    pools: new Map([...totals.pools].filter(([key]) => !small.has(groupOf(key, 1)))),
    responses: new Map([...totals.responses].filter(([g]) => !small.has(g))),
  };
}

interface StoredTotals {
  v: 1;
  counts: [string, number][];
  pools: [string, (string | number)[]][];
  responses: [string, number][];
}

/**
 * The stored totals, version 2 (one ciphertext, the SurveyTotals row's `data` of earlier
 * versions): "ADT2", then length-prefixed deflated segments — first the header (counters,
 * group sizes, number pools, and the name and size of each text pool), then one segment per
 * text pool. Still read; converted to version 3 at start (convertLegacyTotals).
 */
interface StoredHeaderV2 {
  v: 2;
  counts: [string, number][];
  responses: [string, number][];
  numbers: [string, number[]][];
  texts: [string, number][];
}

/**
 * Version 3: the same header and text segments as two ciphertexts, `data` ("ADT3" + the
 * header) and `texts` ("ADX3" + seal + one segment per text pool). The results screen and the
 * charts need the header alone: the texts of 100k responses are tens of MiB of ciphertext,
 * and reading them from PostgreSQL was most of the time of such a view. Both are rewritten
 * together by every fold; the random seal, in both, ties a `texts` to its header, so texts of
 * another state (or campaign) swapped into the row are refused rather than shown.
 */
interface StoredHeaderV3 extends Omit<StoredHeaderV2, "v"> {
  v: 3;
  seal: string;
}

/** The two plaintexts of stored totals (version 3). */
export interface SerializedTotals {
  header: Buffer;
  texts: Buffer;
}

const MAGIC_V2 = Buffer.from("ADT2");
const MAGIC_HEADER = Buffer.from("ADT3");
const MAGIC_TEXTS = Buffer.from("ADX3");
const SEAL_BYTES = 16;
const EMPTY_POOL = deflateRawSync("[]");
const isNumberPool = (values: readonly (string | number)[]) => values.every((v) => typeof v === "number");

function segment(json: unknown): Buffer[] {
  const body = deflateRawSync(Buffer.from(JSON.stringify(json), "utf8"), { level: 1 });
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return [length, body];
}

/** Reads the length-prefixed deflated segments of `bytes` one by one, from `at` (still deflated). */
function segments(bytes: Buffer, at: number): () => Buffer {
  return () => {
    if (at + 4 > bytes.length) throw new Error("stored totals are truncated");
    const length = bytes.readUInt32BE(at);
    const body = bytes.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    return body;
  };
}

const inflate = (body: Buffer): unknown => JSON.parse(inflateRawSync(body).toString("utf8"));

/**
 * The text pools into `totals`: "all" inflated now; "lazy" left deflated, `textPool` inflating
 * one when asked (each read reuses the previous one's memory: an export of 100k responses holds
 * one pool's texts at a time, not all of them). Lazy totals, like "sizes", have `textSizes` and
 * can be shown but not folded into or stored.
 */
function readTextPools(totals: Totals, pools: [string, number][], next: () => Buffer, mode: "all" | "lazy"): Totals {
  if (mode === "all") {
    for (const [key] of pools) totals.pools.set(key, inflate(next()) as string[]);
    return totals;
  }
  totals.textSizes = new Map(pools);
  const deflated = new Map(pools.map(([key]) => [key, next()]));
  const reader = new TextPoolReader();
  totals.textPool = (key) => reader.read(deflated.get(key) ?? EMPTY_POOL);
  return totals;
}

export function serializeTotals(t: Totals, randomSeal: Buffer = randomBytes(SEAL_BYTES)): SerializedTotals {
  if (t.textSizes) throw new Error("totals loaded without their texts cannot be stored");
  const texts = [...t.pools].filter(([, v]) => !isNumberPool(v));
  const header: StoredHeaderV3 = {
    v: 3,
    counts: [...t.counts],
    responses: [...t.responses],
    numbers: [...t.pools].filter(([, v]) => isNumberPool(v)) as [string, number[]][],
    texts: texts.map(([key, values]) => [key, values.length]),
    seal: randomSeal.toString("hex"),
  };
  return {
    header: Buffer.concat([MAGIC_HEADER, ...segment(header)]),
    texts: Buffer.concat([MAGIC_TEXTS, randomSeal, ...texts.flatMap(([, values]) => segment(values))]),
  };
}

/** Whether decrypted `data` is of version 3 (its texts are in a ciphertext of their own). */
export function isSplitTotals(header: Buffer): boolean {
  return header.subarray(0, 4).equals(MAGIC_HEADER);
}

/**
 * The totals from their decrypted bytes: `data` of version 3 with its `texts` (or "sizes"),
 * or the one ciphertext of version 2 or 1 (the plain JSON), whose texts are inside it.
 * "sizes" leaves the text pools unread: `textSizes` then holds their sizes, and such totals
 * can be shown but not folded into or stored. `mode: "lazy"` reads the texts when asked
 * (readTextPools; version 1 has its pools loaded anyway).
 */
export function parseTotals(data: Buffer | string, texts: Buffer | "sizes" | null = null, mode: "all" | "lazy" = "all"): Totals {
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  if (bytes.subarray(0, 4).equals(MAGIC_V2)) return parseTotalsV2(bytes, texts === "sizes" ? "sizes" : mode);
  if (!isSplitTotals(bytes)) return parseTotalsV1(bytes.toString("utf8"));
  const header = inflate(segments(bytes, 4)()) as StoredHeaderV3;
  if (header.v !== 3) throw new Error("unknown totals format");
  const totals: Totals = { counts: new Map(header.counts), pools: new Map(header.numbers), responses: new Map(header.responses) };
  if (texts === "sizes") {
    totals.textSizes = new Map(header.texts);
    return totals;
  }
  if (!texts || !texts.subarray(0, 4).equals(MAGIC_TEXTS) || texts.subarray(4, 4 + SEAL_BYTES).toString("hex") !== header.seal) throw new Error("the texts of the stored totals do not belong to their header");
  return readTextPools(totals, header.texts, segments(texts, 4 + SEAL_BYTES), mode);
}

function parseTotalsV2(bytes: Buffer, mode: "all" | "sizes" | "lazy"): Totals {
  const next = segments(bytes, 4);
  const header = inflate(next()) as StoredHeaderV2;
  if (header.v !== 2) throw new Error("unknown totals format");
  const totals: Totals = { counts: new Map(header.counts), pools: new Map(header.numbers), responses: new Map(header.responses) };
  if (mode !== "sizes") return readTextPools(totals, header.texts, next, mode);
  totals.textSizes = new Map(header.texts);
  return totals;
}

function parseTotalsV1(text: string): Totals {
  const s = JSON.parse(text) as StoredTotals;
  if (s.v !== 1) throw new Error("unknown totals format");
  return { counts: new Map(s.counts), pools: new Map(s.pools), responses: new Map(s.responses) };
}
