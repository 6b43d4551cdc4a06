// Calendar dates and instants in the organisation's time zone (src/domain/calendar/time-zone.ts).
import { describe, expect, it } from "vitest";
import { InvalidDateError } from "../../../src/domain/calendar/days.js";
import { toIsoDate, zonedDateTime } from "../../../src/domain/calendar/time-zone.js";

describe("time zones", () => {
  it("23:30 UTC on 2026-03-20 is 2026-03-21 in Almaty", () => {
    const instant = new Date("2026-03-20T23:30:00Z");
    expect(toIsoDate(instant, "Asia/Almaty")).toBe("2026-03-21");
    expect(toIsoDate(instant)).toBe("2026-03-21");
    expect(toIsoDate(instant, "UTC")).toBe("2026-03-20");
    expect(toIsoDate(new Date("2026-03-20T18:59:59Z"), "Asia/Almaty")).toBe("2026-03-20");
    expect(toIsoDate(new Date("2026-03-20T19:00:00Z"), "Asia/Almaty")).toBe("2026-03-21");
  });

  it("zonedDateTime gives the instant of a wall-clock time (Almaty: UTC+5 since March 2024, UTC+6 before)", () => {
    expect(zonedDateTime("2026-03-21", "09:00", "Asia/Almaty").toISOString()).toBe("2026-03-21T04:00:00.000Z");
    expect(zonedDateTime("2024-01-15", "09:00", "Asia/Almaty").toISOString()).toBe("2024-01-15T03:00:00.000Z");
    expect(zonedDateTime("2026-03-21", "00:00").toISOString()).toBe("2026-03-20T19:00:00.000Z");
    expect(zonedDateTime("2026-07-01", "12:00", "Asia/Aqtobe").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(toIsoDate(zonedDateTime("2026-03-21", "23:59", "Asia/Almaty"), "Asia/Almaty")).toBe("2026-03-21");
    // Zones with DST: a repeated time takes the earlier instant, a skipped time moves forward.
    expect(zonedDateTime("2026-07-01", "12:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(zonedDateTime("2026-10-25", "02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedDateTime("2026-03-29", "02:30", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("rejects bad input", () => {
    expect(() => zonedDateTime("2026-03-21", "24:00", "Asia/Almaty")).toThrow(/HH:MM/);
    expect(() => zonedDateTime("2026-03-21", "9:00", "Asia/Almaty")).toThrow(/HH:MM/);
    expect(() => zonedDateTime("2026-03-32", "09:00", "Asia/Almaty")).toThrow(InvalidDateError);
    expect(() => toIsoDate(new Date(Number.NaN), "Asia/Almaty")).toThrow(RangeError);
    expect(() => toIsoDate(new Date(), "Mars/Olympus")).toThrow(/invalid time zone/);
  });
});
