import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone } from "../../src/domain/phone.js";

describe("normalizePhone", () => {
  it.each([
    ["+7 701 123 45 67", "77011234567"],
    ["8 (701) 123-45-67", "77011234567"],
    ["87011234567", "77011234567"],
    ["7011234567", "77011234567"],
    ["77011234567", "77011234567"],
    ["+998 90 123 45 67", "998901234567"],
  ])("%s → %s", (input, expected) => expect(normalizePhone(input)).toBe(expected));

  it.each(["", "12345", "abc", "+7 701 123 45 67 ext 5", "1".repeat(16)])("rejects %j", (input) => expect(normalizePhone(input)).toBeNull());

  it("formats Kazakhstan numbers for display", () => expect(formatPhone("77011234567")).toBe("+7 701 123 45 67"));
});
