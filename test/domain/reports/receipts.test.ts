import { describe, expect, it } from "vitest";
import { attemptKey } from "../../../src/domain/reports/attempts.js";
import { caseNumber, formatReceipt, newReceiptCode, normalizeReceipt, RECEIPT_BITS } from "../../../src/domain/reports/receipts.js";

describe("receipt codes", () => {
  it("carry at least 80 bits and never repeat", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
    const codes = new Set(Array.from({ length: 2000 }, newReceiptCode));
    expect(codes.size).toBe(2000);
    for (const c of [...codes].slice(0, 50)) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
  });

  it("are read back forgivingly, and junk is refused", () => {
    const code = newReceiptCode();
    const canonical = code.replace(/-/g, "");
    expect(normalizeReceipt(code)).toBe(canonical);
    expect(normalizeReceipt(` ${code.toLowerCase().replace(/-/g, " ")} `)).toBe(canonical);
    expect(normalizeReceipt("OOOOO-IIIII-LLLLL-00000")).toBe("00000111111111100000");
    expect(normalizeReceipt("short")).toBeNull();
    expect(normalizeReceipt("UUUUU-UUUUU-UUUUU-UUUUU")).toBeNull();
    expect(formatReceipt(canonical)).toBe(code);
  });

  it("case numbers are short and sortable", () => {
    expect(caseNumber(2026, 42)).toBe("2026-0042");
  });
});

describe("wrong-receipt counters", () => {
  it("are keyed per account and per day, and reveal neither", () => {
    const monday = Buffer.alloc(32, 3);
    const tuesday = Buffer.alloc(32, 4);
    expect(attemptKey(monday, 123456789)).toBe(attemptKey(monday, 123456789));
    expect(attemptKey(monday, 123456789)).not.toBe(attemptKey(tuesday, 123456789));
    expect(attemptKey(monday, 123456789)).not.toBe(attemptKey(monday, 123456780));
    expect(attemptKey(monday, 123456789)).not.toContain("123456789");
  });
});
