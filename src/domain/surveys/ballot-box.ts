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
import { countKey, OVERALL, poolKey, shuffle, type Contribution, type Totals } from "./aggregate.js";

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
 * How many of the `pending` ballots to fold now. While the campaign runs: none until 2k are
 * waiting, then all but k (so at least k, and k stay for the final fold). At the close: all.
 */
export function ballotsToFold(pending: number, k: number, final: boolean): number {
  if (final) return pending;
  return pending >= 2 * k ? pending - k : 0;
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

export function serializeTotals(t: Totals): string {
  const stored: StoredTotals = { v: 1, counts: [...t.counts], pools: [...t.pools], responses: [...t.responses] };
  return JSON.stringify(stored);
}

export function parseTotals(text: string): Totals {
  const s = JSON.parse(text) as StoredTotals;
  if (s.v !== 1) throw new Error("unknown totals format");
  return { counts: new Map(s.counts), pools: new Map(s.pools), responses: new Map(s.responses) };
}
