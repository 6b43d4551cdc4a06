// The summaries' figures (src/domain/summaries): the week and its first working day, the plan's
// overdue and upcoming due dates with who is late, campaigns' rates, when there is news, and
// who sees what.
import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";
import { addCalendarDays } from "../../../src/domain/calendar/days.js";
import { campaignFigures, digestWindow, firstWorkingDayOfWeek, hasNews, isFirstWorkingDayOfWeek, MAX_LISTED, planFigures, recentWindow, summarise, upcomingWindow, weekOf, type OccurrenceInput } from "../../../src/domain/summaries/figures.js";
import { summaryScopeOf } from "../../../src/domain/summaries/policies.js";

const calendar = createWorkCalendar();
const task = (title: string) => ({ title, titleKey: null, titleParams: null, number: null });
const due = (id: number, dueOn: string, assignees: string[] = [], responsibleText: string | null = null): OccurrenceInput => ({ id, dueOn, task: task(`item ${id}`), assignees, responsibleText });

describe("the week", () => {
  it("runs Monday to Sunday", () => {
    expect(weekOf("2026-03-02")).toBe("2026-03-02");
    expect(weekOf("2026-03-08")).toBe("2026-03-02");
    expect(weekOf("2026-03-09")).toBe("2026-03-09");
    expect(weekOf("2026-01-01")).toBe("2025-12-29");
  });

  it("starts on Monday when Monday is a working day", () => {
    expect(firstWorkingDayOfWeek("2026-03-04", calendar)).toBe("2026-03-02");
    expect(isFirstWorkingDayOfWeek("2026-03-02", calendar)).toBe(true);
    expect(isFirstWorkingDayOfWeek("2026-03-03", calendar)).toBe(false);
    // Weekends are never the first working day.
    expect(isFirstWorkingDayOfWeek("2026-03-07", calendar)).toBe(false);
    expect(isFirstWorkingDayOfWeek("2026-03-08", calendar)).toBe(false);
  });

  it("starts later when Monday is a holiday: Nauryz 2026 (23–25 March off) makes it Thursday", () => {
    expect(calendar.isWorkingDay("2026-03-23")).toBe(false);
    expect(firstWorkingDayOfWeek("2026-03-23", calendar)).toBe("2026-03-26");
    expect(isFirstWorkingDayOfWeek("2026-03-23", calendar)).toBe(false);
    expect(isFirstWorkingDayOfWeek("2026-03-24", calendar)).toBe(false);
    expect(isFirstWorkingDayOfWeek("2026-03-26", calendar)).toBe(true);
    expect(isFirstWorkingDayOfWeek("2026-03-27", calendar)).toBe(false);
  });

  it("starts on Tuesday 10 March 2026: Monday is the day off for 8 March, a Sunday", () => {
    expect(isFirstWorkingDayOfWeek("2026-03-09", calendar)).toBe(false);
    expect(isFirstWorkingDayOfWeek("2026-03-10", calendar)).toBe(true);
  });

  it("after the New Year days: Monday 5 January 2026", () => {
    expect(isFirstWorkingDayOfWeek("2026-01-05", calendar)).toBe(true);
  });

  it("a week with no working day has no first working day", () => {
    const allOff = { isWorkingDay: () => false };
    expect(firstWorkingDayOfWeek("2026-03-02", allOff)).toBeNull();
    expect(isFirstWorkingDayOfWeek("2026-03-02", allOff)).toBe(false);
  });

  it("a digest counts the days since the last digest's day up to yesterday, each day in exactly one digest (Nauryz and 8 March included)", () => {
    const days: string[] = [];
    for (let d = "2026-01-05"; d <= "2026-12-31"; d = addCalendarDays(d, 1)) if (isFirstWorkingDayOfWeek(d, calendar)) days.push(d);
    expect(days).toContain("2026-03-10");
    expect(days).toContain("2026-03-26");
    expect(digestWindow("2026-03-26", calendar)).toEqual({ from: "2026-03-16", to: "2026-03-25" });
    expect(digestWindow("2026-03-30", calendar)).toEqual({ from: "2026-03-26", to: "2026-03-29" });
    for (let i = 1; i < days.length; i++) expect(digestWindow(days[i]!, calendar)).toEqual({ from: days[i - 1], to: addCalendarDays(days[i]!, -1) });
  });

  it("new means the 7 days ending today; upcoming, today and the 6 days after", () => {
    expect(recentWindow("2026-03-09")).toEqual({ from: "2026-03-03", to: "2026-03-09" });
    expect(upcomingWindow("2026-03-09")).toEqual({ from: "2026-03-09", to: "2026-03-15" });
  });
});

describe("the plan", () => {
  const today = "2026-03-09"; // Monday

  it("splits overdue from upcoming, names who is late and counts working days late", () => {
    const f = planFigures(
      {
        open: [due(3, "2026-03-15", ["Сейтова Айгерим"]), due(1, "2026-03-05", ["Ким Анна", "Ахметов Ерлан"]), due(2, "2026-03-09", [], "Юридическая служба"), due(4, "2026-03-16"), due(5, "2026-02-27")],
        done: 4,
        later: 6,
      },
      today,
      calendar,
    );
    // Working days late: 27 Feb → 2, 3, 4, 5, 6 March; 5 March → 6 March (the 9th is the day
    // off for 8 March, a Sunday). Names sorted; none matched: the plan's text, or nothing.
    expect(f.overdue.map((l) => [l.occurrenceId, l.who, l.days])).toEqual([
      [5, "", 5],
      [1, "Ахметов Ерлан, Ким Анна", 1],
    ]);
    expect(f.overdueTotal).toBe(2);
    // Due today and on Sunday the 15th are upcoming; the 16th is later.
    expect(f.upcoming.map((l) => [l.occurrenceId, l.who])).toEqual([
      [2, "Юридическая служба"],
      [3, "Сейтова Айгерим"],
    ]);
    expect(f.upcomingTotal).toBe(2);
    expect(f.byStatus).toEqual({ done: 4, overdue: 2, upcoming: 2, later: 7 });
  });

  it("lists at most MAX_LISTED lines per section and keeps the totals", () => {
    const open = Array.from({ length: MAX_LISTED + 3 }, (_, i) => due(i + 1, "2026-03-02"));
    const f = planFigures({ open, done: 0, later: 0 }, today, calendar);
    expect(f.overdue).toHaveLength(MAX_LISTED);
    expect(f.overdueTotal).toBe(MAX_LISTED + 3);
  });
});

describe("campaigns", () => {
  it("rate is completed over invited, none while nobody was reached, soonest closing first", () => {
    const f = campaignFigures([
      { id: 2, title: { kk: "Б", ru: "Б" }, closesOn: "2026-03-20", invited: 0, completed: 0 },
      { id: 1, title: { kk: "А", ru: "А" }, closesOn: "2026-03-12", invited: 40, completed: 10 },
    ]);
    expect(f.map((c) => [c.id, c.rate])).toEqual([
      [1, 0.25],
      [2, null],
    ]);
  });
});

describe("news", () => {
  const empty = { reports: { audience: "compliance" as const, recent: 0, overdue: 0, from: "2026-02-24", to: "2026-03-02" }, campaigns: [], plan: { open: [], done: 5, later: 3 } };

  it("nothing new: zero reports, no campaign, nothing overdue or upcoming (done and later ones are not news)", () => {
    expect(hasNews(summarise(empty, "2026-03-09", calendar))).toBe(false);
    expect(hasNews(summarise({ reports: null, campaigns: null, plan: null }, "2026-03-09", calendar))).toBe(false);
  });

  it("any new or overdue report, running campaign or overdue or upcoming due date is news", () => {
    expect(hasNews(summarise({ ...empty, reports: { audience: "compliance", recent: 1, overdue: 0, from: "2026-02-24", to: "2026-03-02" } }, "2026-03-09", calendar))).toBe(true);
    expect(hasNews(summarise({ ...empty, reports: { audience: "observer", recent: 0, overdue: 1, from: "2026-02-24", to: "2026-03-02" } }, "2026-03-09", calendar))).toBe(true);
    expect(hasNews(summarise({ ...empty, campaigns: [{ id: 1, title: { kk: "А", ru: "А" }, closesOn: "2026-03-12", invited: 0, completed: 0 }] }, "2026-03-09", calendar))).toBe(true);
    expect(hasNews(summarise({ ...empty, plan: { open: [due(1, "2026-03-12")], done: 0, later: 0 } }, "2026-03-09", calendar))).toBe(true);
    expect(hasNews(summarise({ ...empty, plan: { open: [due(1, "2026-03-02")], done: 0, later: 0 } }, "2026-03-09", calendar))).toBe(true);
  });
});

describe("who sees what", () => {
  it("compliance: the compliance audience; observers: theirs; both the plan and campaigns; others nothing", () => {
    expect(summaryScopeOf("compliance")).toEqual({ audience: "compliance", plan: true, campaigns: true });
    expect(summaryScopeOf("observer")).toEqual({ audience: "observer", plan: true, campaigns: true });
    expect(summaryScopeOf("officer")).toBeNull();
    expect(summaryScopeOf("employee")).toBeNull();
    expect(summaryScopeOf(null)).toBeNull();
  });
});
