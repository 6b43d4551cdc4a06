// Calendar dates (src/domain/calendar/days.ts): YYYY-MM-DD dates, day numbers, weekdays and
// the years the calendar covers.
import { describe, expect, it } from "vitest";
import { addCalendarDays, checkYear, civilFromDays, dayNumber, dayOfWeek, daysFromCivil, InvalidDateError, isIsoDate, isoFromDayNumber, isWeekendDay, MAX_YEAR, MIN_YEAR, tryDayNumber } from "../../../src/domain/calendar/days.js";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";

const cal = createWorkCalendar(); // with config/calendar-transfers.yaml

describe("calendar dates", () => {
  it("rejects invalid dates and counts", () => {
    for (const bad of ["2026-02-29", "2026-13-01", "2026-3-1", "20260301", " 2026-03-01", "2026-03-01T00:00"]) {
      expect(isIsoDate(bad)).toBe(false);
      expect(() => cal.isWorkingDay(bad)).toThrow(InvalidDateError);
      expect(() => cal.addWorkingDays(bad, 1)).toThrow(/invalid date/);
    }
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(() => cal.addWorkingDays("2026-03-20", 1.5)).toThrow(RangeError);
    expect(() => cal.daysOff(1999)).toThrow(/covers 2002–2076/);
  });
});

describe("day numbers", () => {
  it("count days since 1970-01-01, and go back to the same date", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("1969-12-31")).toBe(-1);
    expect(dayNumber("2026-03-20")).toBe(Date.UTC(2026, 2, 20) / 86_400_000);
    expect(daysFromCivil(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    for (let n = dayNumber("1999-12-25"); n <= dayNumber("2101-01-05"); n += 17) {
      const [y, m, d] = civilFromDays(n);
      expect(daysFromCivil(y, m, d)).toBe(n);
      expect(isoFromDayNumber(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
    }
  });

  it("tryDayNumber gives null for anything but a real YYYY-MM-DD date", () => {
    expect(tryDayNumber("2024-02-29")).toBe(dayNumber("2024-02-29"));
    for (const bad of ["2025-02-29", "2026-04-31", "2026-00-10", "2026-01-00", "2026-1-10", "10.01.2026", "", null, undefined, 20260110, new Date()]) {
      expect(tryDayNumber(bad), String(bad)).toBeNull();
    }
    expect(() => dayNumber("2026-04-31")).toThrow(InvalidDateError);
    expect(() => dayNumber("2026-04-31")).toThrow('invalid date "2026-04-31": expected a date YYYY-MM-DD');
  });
});

describe("weekdays and calendar days", () => {
  it("dayOfWeek: 0 = Sunday … 6 = Saturday", () => {
    expect(dayOfWeek("1970-01-01")).toBe(4);
    expect(dayOfWeek("2026-03-20")).toBe(5);
    expect(dayOfWeek("2026-03-21")).toBe(6);
    expect(dayOfWeek("2026-03-22")).toBe(0);
    expect(dayOfWeek("1969-12-28")).toBe(0);
    expect(isWeekendDay(dayNumber("2026-03-21"))).toBe(true);
    expect(isWeekendDay(dayNumber("2026-03-22"))).toBe(true);
    expect(isWeekendDay(dayNumber("2026-03-23"))).toBe(false);
  });

  it("addCalendarDays goes across months, leap days and years, both ways", () => {
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCalendarDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addCalendarDays("2026-03-20", 0)).toBe("2026-03-20");
    expect(addCalendarDays("2026-03-20", 366)).toBe("2027-03-21");
    expect(() => addCalendarDays("2026-03-20", 0.5)).toThrow(RangeError);
    expect(() => addCalendarDays("2026-02-30", 1)).toThrow(InvalidDateError);
  });
});

describe("years covered", () => {
  it("checkYear accepts MIN_YEAR to MAX_YEAR only", () => {
    expect([MIN_YEAR, MAX_YEAR]).toEqual([2002, 2076]);
    expect(() => checkYear(2002)).not.toThrow();
    expect(() => checkYear(2076)).not.toThrow();
    expect(() => checkYear(2001)).toThrow("the working-day calendar covers 2002–2076, not 2001");
    expect(() => checkYear(2077)).toThrow(RangeError);
    expect(() => checkYear(2026.5)).toThrow(RangeError);
  });
});
