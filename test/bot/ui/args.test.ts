// Schemas of button arguments and flow nonces (src/bot/ui/args.ts): callback data is untrusted.
import { describe, expect, it } from "vitest";
import { newNonce, nonceArg, rowId, rowIdOrNone } from "../../../src/bot/ui/args.js";

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe("rowId", () => {
  it("accepts positive integers up to PostgreSQL's integer, from callback strings too", () => {
    expect(rowId.parse("1")).toBe(1);
    expect(rowId.parse(42)).toBe(42);
    expect(rowId.parse("2147483647")).toBe(2_147_483_647);
  });

  it("rejects zero, negatives, fractions, overflow and non-numbers", () => {
    for (const bad of ["0", 0, "-1", "1.5", "2147483648", "abc", "", "NaN"]) expect(accepts(rowId, bad), String(bad)).toBe(false);
  });
});

describe("rowIdOrNone", () => {
  it("also accepts 0 for none, within the same bounds", () => {
    expect(rowIdOrNone.parse("0")).toBe(0);
    expect(rowIdOrNone.parse("2147483647")).toBe(2_147_483_647);
    for (const bad of ["-1", "2147483648", "1.5", "x"]) expect(accepts(rowIdOrNone, bad), bad).toBe(false);
  });
});

describe("nonceArg", () => {
  it("accepts 6 to 12 url-safe characters", () => {
    for (const ok of ["abcdef", "A1_-z9", "abcdefghijkl"]) expect(accepts(nonceArg, ok), ok).toBe(true);
  });

  it("rejects shorter, longer, other characters and non-strings", () => {
    for (const bad of ["abcde", "abcdefghijklm", "abc:def", "abc def", "abc+de/", "", 12345678]) expect(accepts(nonceArg, bad), String(bad)).toBe(false);
  });
});

describe("newNonce", () => {
  it("is 8 url-safe characters that nonceArg accepts", () => {
    for (let i = 0; i < 200; i++) {
      const nonce = newNonce();
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{8}$/);
      expect(nonceArg.parse(nonce)).toBe(nonce);
    }
  });

  it("is new each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
  });
});
