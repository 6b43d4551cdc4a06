// The working-day calendar (src/domain/calendar/work-calendar.ts): which days are worked and
// the arithmetic on working days.
import { describe, expect, it } from "vitest";
import { addCalendarDays } from "../../../src/domain/calendar/days.js";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";

const cal = createWorkCalendar(); // with config/calendar-transfers.yaml

const off = (d: string) => expect(cal.isWorkingDay(d), `${d} should be a day off`).toBe(false);
const work = (d: string) => expect(cal.isWorkingDay(d), `${d} should be a working day`).toBe(true);

describe("working days", () => {
  it("weekends are days off, ordinary weekdays are working days", () => {
    work("2026-03-18");
    off("2026-03-28");
    off("2026-03-29");
    expect(cal.holidayName("2026-03-28", "ru")).toBeNull();
    expect(cal.holidayName("2026-03-18", "ru")).toBeNull();
  });
});

describe("working-day arithmetic", () => {
  it("anonymous-report deadlines: 3 and 15 working days across Nauryz", () => {
    expect(cal.addWorkingDays("2026-03-20", 3)).toBe("2026-03-30");
    expect(cal.addWorkingDays("2026-03-20", 15)).toBe("2026-04-15");
    expect(cal.addWorkingDays("2026-03-20", 1)).toBe("2026-03-26");
    expect(cal.nextWorkingDay("2026-03-20")).toBe("2026-03-26");
    expect(cal.previousWorkingDay("2026-03-26")).toBe("2026-03-20");
    expect(cal.addWorkingDays("2026-03-20", -3)).toBe("2026-03-17");
    expect(cal.addWorkingDays("2026-03-26", -1)).toBe("2026-03-20");
    expect(cal.workingDaysBetween("2026-03-20", "2026-04-15")).toBe(15);
  });

  it("across year ends", () => {
    expect(cal.addWorkingDays("2025-12-30", 3)).toBe("2026-01-06");
    expect(cal.addWorkingDays("2025-12-30", 4)).toBe("2026-01-08"); // 7 January is off
    expect(cal.addWorkingDays("2026-01-05", -1)).toBe("2025-12-31");
    // 1–3 January 2025 off, Sunday 5 January worked.
    expect(cal.addWorkingDays("2024-12-31", 1)).toBe("2025-01-05");
    expect(cal.addWorkingDays("2025-01-06", -2)).toBe("2024-12-31");
    expect(cal.workingDaysBetween("2024-12-27", "2025-01-10")).toBe(7); // 30, 31 Dec; 5, 6, 8, 9, 10 Jan
    expect(cal.workingDaysBetween("2023-12-29", "2027-01-04")).toBe(
      cal.workingDaysBetween("2023-12-29", "2024-12-31") + cal.workingDaysBetween("2024-12-31", "2026-12-31") + cal.workingDaysBetween("2026-12-31", "2027-01-04"),
    );
  });

  it("n = 0 gives the day itself or the next working day", () => {
    expect(cal.addWorkingDays("2026-03-18", 0)).toBe("2026-03-18");
    expect(cal.addWorkingDays("2026-03-21", 0)).toBe("2026-03-26");
    expect(cal.addWorkingDays("2024-05-04", 0)).toBe("2024-05-04"); // a working Saturday
  });

  it("workingDaysBetween counts (from, to], directionally, negative backwards", () => {
    expect(cal.workingDaysBetween("2026-03-18", "2026-03-18")).toBe(0);
    expect(cal.workingDaysBetween("2026-03-18", "2026-03-19")).toBe(1);
    expect(cal.workingDaysBetween("2026-03-20", "2026-03-27")).toBe(2); // 26, 27
    expect(cal.workingDaysBetween("2026-03-27", "2026-03-20")).toBe(-2); // 20, 26 (from back to to)
    expect(cal.workingDaysBetween("2026-03-21", "2026-03-25")).toBe(0);
    expect(cal.workingDaysBetween("2026-03-28", "2026-03-21")).toBe(-2); // Thu 26, Fri 27
  });

  it("workingDaysBetween(d, addWorkingDays(d, n)) === n for random dates and n in [-30, 30]", () => {
    let seed = 20260320;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = 0; i < 5000; i++) {
      const d = addCalendarDays("2023-06-01", Math.floor(random() * 365 * 5));
      const n = Math.floor(random() * 61) - 30;
      const r = cal.addWorkingDays(d, n);
      if (n !== 0 || cal.isWorkingDay(d)) expect(cal.workingDaysBetween(d, r), `${d} ${n} → ${r}`).toBe(n);
      else expect(r).toBe(cal.nextWorkingDay(d));
      expect(cal.isWorkingDay(r)).toBe(true);
      if (n > 0) expect(r > d).toBe(true);
      if (n < 0) expect(r < d).toBe(true);
    }
  });
});
