// Dates as people type and read them (src/domain/dates.ts).
import { describe, expect, it } from "vitest";
import { formatDay, parseDateInput, parseDayPair } from "../../src/domain/dates.js";

describe("formatDay", () => {
  it("writes a calendar date as DD.MM.YYYY", () => {
    expect(formatDay("2026-03-20")).toBe("20.03.2026");
    expect(formatDay("2026-01-01")).toBe("01.01.2026");
    expect(formatDay("2024-02-29")).toBe("29.02.2024");
  });
});

describe("parseDateInput", () => {
  it("reads DD.MM.YYYY, with one-digit day and month, and / or - as separators", () => {
    expect(parseDateInput("20.03.2026")).toBe("2026-03-20");
    expect(parseDateInput("1.3.2026")).toBe("2026-03-01");
    expect(parseDateInput("01/03/2026")).toBe("2026-03-01");
    expect(parseDateInput("1-3-2026")).toBe("2026-03-01");
  });

  it("reads YYYY-MM-DD", () => {
    expect(parseDateInput("2026-03-20")).toBe("2026-03-20");
  });

  it("ignores spaces around the date", () => {
    expect(parseDateInput("  20.03.2026\n")).toBe("2026-03-20");
  });

  it("knows leap years and month lengths", () => {
    expect(parseDateInput("29.02.2024")).toBe("2024-02-29");
    expect(parseDateInput("29.02.2026")).toBeNull();
    expect(parseDateInput("29.02.1900")).toBeNull();
    expect(parseDateInput("29.02.2000")).toBe("2000-02-29");
    expect(parseDateInput("31.04.2026")).toBeNull();
    expect(parseDateInput("31.12.2026")).toBe("2026-12-31");
    expect(parseDateInput("2026-02-30")).toBeNull();
  });

  it("rejects day or month out of range", () => {
    for (const bad of ["00.03.2026", "32.03.2026", "20.00.2026", "20.13.2026", "2026-13-01", "2026-00-10"]) expect(parseDateInput(bad), bad).toBeNull();
  });

  it("accepts the years 1900 to 2100 only", () => {
    expect(parseDateInput("01.01.1900")).toBe("1900-01-01");
    expect(parseDateInput("31.12.2100")).toBe("2100-12-31");
    expect(parseDateInput("31.12.1899")).toBeNull();
    expect(parseDateInput("01.01.2101")).toBeNull();
  });

  it("rejects other shapes", () => {
    for (const bad of ["", "   ", "tomorrow", "20.03.26", "20.03", "2026-3-1", "20260320", "20.03.2026 10:00", "2026-03-20T00:00", "20 03 2026", "20..03.2026"]) expect(parseDateInput(bad), JSON.stringify(bad)).toBeNull();
  });

  it("gives back what formatDay writes", () => {
    for (const iso of ["2026-03-20", "2024-02-29", "1900-01-01", "2100-12-31"]) expect(parseDateInput(formatDay(iso))).toBe(iso);
  });
});

describe("two days typed as a period (the campaign wizard, a new analysis, the data's period)", () => {
  it("reads a dash, an en or em dash or a space between them, in the order typed", () => {
    expect(parseDayPair("02.03.2026 – 16.03.2026")).toEqual({ from: "2026-03-02", to: "2026-03-16" });
    expect(parseDayPair(" 2.3.2026-16.03.2026 ")).toEqual({ from: "2026-03-02", to: "2026-03-16" });
    expect(parseDayPair("16.03.2026 02.03.2026")).toEqual({ from: "2026-03-16", to: "2026-03-02" });
  });
  it("refuses one day, three, or a day that is not one", () => {
    for (const text of ["02.03.2026", "01.01.2026 02.01.2026 03.01.2026", "31.02.2026 – 16.03.2026", "с 1 марта по 16 марта", ""]) expect(parseDayPair(text), text).toBeNull();
  });
});
