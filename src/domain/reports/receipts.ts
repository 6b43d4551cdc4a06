// Receipt codes of anonymous reports (PRODUCT.md §2): shown once, at least 80 bits, stored
// only as a keyed hash. 20 characters of Crockford's base32 carry 100 bits; grouped in
// fives so they can be copied by hand, and read back forgivingly (case, spaces, dashes,
// and the letters people confuse with digits).
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
export const RECEIPT_LENGTH = 20;
export const RECEIPT_BITS = RECEIPT_LENGTH * 5;

/** A new receipt code, e.g. "7K2QM-XR9TA-4HV0C-ZB8NE". */
export function newReceiptCode(): string {
  const bytes = randomBytes(RECEIPT_LENGTH);
  // 256 is a multiple of 32, so `b % 32` is uniform.
  const chars = Array.from(bytes, (b) => ALPHABET[b % 32]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

/** The canonical form of what someone typed, or null when it cannot be a receipt. */
export function normalizeReceipt(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== RECEIPT_LENGTH || ![...s].every((c) => ALPHABET.includes(c))) return null;
  return s;
}

/** For display: groups of five. */
export function formatReceipt(canonical: string): string {
  return canonical.match(/.{1,5}/g)!.join("-");
}

/**
 * Case numbers people can say on the phone: year and a short sequence, e.g. "2026-0042".
 * Cases routed past compliance count in their own sequence with an "R" ("2026-R0003"), so
 * neither side can infer the other's cases from gaps in its own numbers.
 */
export function caseNumber(year: number, sequence: number, routed = false): string {
  return `${year}-${routed ? "R" : ""}${String(sequence).padStart(4, "0")}`;
}
