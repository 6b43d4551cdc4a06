import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { dueDayOff, parseOffsets, remindersForDay } from "../../src/domain/reminders.js";

const calendar = createWorkCalendar();

describe("which reminder a day brings", () => {
  // Due Friday 13 March 2026. Working days before it: Thu 12 (1), Wed 11 (2), Tue 10 (3),
  // Mon 9 is a day off (8 March fell on a Sunday), Fri 6 (4), Thu 5 (5).
  it.each([
    ["2026-03-05", "before:5", false],
    ["2026-03-06", null, false],
    ["2026-03-09", null, false], // day off
    ["2026-03-10", null, false],
    ["2026-03-11", "before:2", false],
    ["2026-03-12", "before:1", false],
    ["2026-03-13", "due", false],
    ["2026-03-14", null, false], // Saturday
    ["2026-03-16", "overdue", true], // one working day overdue: compliance is told
    ["2026-03-17", "overdue", true],
  ] as const)("%s → %s", (today, assignee, escalate) => {
    expect(remindersForDay("2026-03-13", today, calendar)).toEqual({ assignee, escalate });
  });

  it("a due date on a day off: its last working day before it is the last day, not the due day", () => {
    // Sunday 22 March 2026 (Nauryz week): the last working day before is Friday 20 March.
    expect(remindersForDay("2026-03-22", "2026-03-20", calendar).assignee).toBe("lastDay");
    // Independence Day, Wednesday 16 December 2026: Tuesday 15th is the last day (it said "today").
    expect(remindersForDay("2026-12-16", "2026-12-15", calendar).assignee).toBe("lastDay");
    expect(remindersForDay("2026-12-16", "2026-12-14", calendar).assignee).toBe("before:1");
    expect(remindersForDay("2026-12-16", "2026-12-17", calendar)).toEqual({ assignee: "overdue", escalate: true });
  });

  it("names the day off of a due date and its last working day before", () => {
    expect(dueDayOff("2026-12-16", calendar)).toEqual({ name: { kk: "Тәуелсіздік күні", ru: "День Независимости" }, lastWorkingDay: "2026-12-15" });
    expect(dueDayOff("2026-12-19", calendar)).toEqual({ name: null, lastWorkingDay: "2026-12-18" });
    expect(dueDayOff("2026-12-15", calendar)).toBeNull();
  });

  it("honours other offsets and escalation thresholds", () => {
    const policy = { offsets: [3], time: "10:00", escalateAfter: 2 };
    expect(remindersForDay("2026-03-13", "2026-03-10", calendar, policy).assignee).toBe("before:3");
    expect(remindersForDay("2026-03-13", "2026-03-16", calendar, policy)).toEqual({ assignee: "overdue", escalate: false });
    expect(remindersForDay("2026-03-13", "2026-03-17", calendar, policy)).toEqual({ assignee: "overdue", escalate: true });
  });

  it("parses the offsets setting", () => {
    expect(parseOffsets("5, 2,1")).toEqual([5, 2, 1]);
    expect(parseOffsets("1,10")).toEqual([10, 1]);
    expect(parseOffsets("")).toBeNull();
    expect(parseOffsets("5,x")).toBeNull();
    expect(parseOffsets("0")).toBeNull();
  });
});
