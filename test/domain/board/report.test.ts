import { describe, expect, it } from "vitest";
import { defaultBoardPeriod, endedBoardPeriods, parsePeriodKey } from "../../../src/domain/board/report.js";
import { periodKey, reportDueDay } from "../../../src/domain/plan/execution.js";
import { DEFAULT_REMINDER_POLICY, reminderDaysLeft } from "../../../src/domain/reminders.js";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";

const calendar = createWorkCalendar();

describe("board report periods (seed 004 item 16)", () => {
  it("are Q1–Q3 and the year (Q4 goes with the year), latest ended first", () => {
    expect(endedBoardPeriods("2027-01-20", 4).map(periodKey)).toEqual(["2026", "2026-Q3", "2026-Q2", "2026-Q1"]);
    expect(endedBoardPeriods("2026-10-01", 2).map(periodKey)).toEqual(["2026-Q3", "2026-Q2"]);
    expect(endedBoardPeriods("2026-09-30", 1).map(periodKey)).toEqual(["2026-Q2"]);
  });

  it("default to the one whose report is due next or just became due", () => {
    expect(periodKey(defaultBoardPeriod("2026-10-10"))).toBe("2026-Q3"); // due 23.10
    expect(periodKey(defaultBoardPeriod("2026-11-10"))).toBe("2026-Q3"); // just became due; Q4 has no report of its own
    expect(periodKey(defaultBoardPeriod("2027-02-01"))).toBe("2026"); // due 25.02.2027
    expect(periodKey(defaultBoardPeriod("2027-04-02"))).toBe("2027-Q1");
  });

  it("keys read back, and nothing else does", () => {
    expect(parsePeriodKey("2026-Q3")).toEqual({ kind: "quarter", year: 2026, quarter: 3 });
    expect(parsePeriodKey("2026")).toEqual({ kind: "year", year: 2026 });
    for (const bad of ["2026-Q4", "2026-Q0", "26", "2026-q1", "2026-Q1x"]) expect(parsePeriodKey(bad)).toBeNull();
  });

  it("are due on the 25th, or the working day before when it is a day off", () => {
    expect(reportDueDay("board", { kind: "quarter", year: 2026, quarter: 3 }, calendar)).toBe("2026-10-23"); // 25.10.2026: Sunday (and Republic Day)
    expect(reportDueDay("board", { kind: "quarter", year: 2026, quarter: 1 }, calendar)).toBe("2026-04-24"); // Saturday
    expect(reportDueDay("board", { kind: "quarter", year: 2026, quarter: 2 }, calendar)).toBe("2026-07-24"); // Saturday
    expect(reportDueDay("board", { kind: "year", year: 2026 }, calendar)).toBe("2027-02-25"); // the second month after the year
  });

  it("remind 5, 2 and 1 working days before and on the day, on working days only", () => {
    const days: string[] = [];
    for (let d = 12; d <= 26; d++) {
      const today = `2026-10-${d}`;
      const left = reminderDaysLeft("2026-10-23", today, calendar, { ...DEFAULT_REMINDER_POLICY, offsets: [5, 2, 1] });
      if (left !== null) days.push(`${today}:${left}`);
    }
    expect(days).toEqual(["2026-10-16:5", "2026-10-21:2", "2026-10-22:1", "2026-10-23:0"]);
  });
});
