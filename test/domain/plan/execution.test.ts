import { describe, expect, it } from "vitest";
import { belongsTo, executionRate, executionStatus, executionTotals, periodRange, previousQuarter, reportDueOn, type OccurrenceFacts } from "../../../src/domain/plan/execution.js";

const open = (dueOn: string, originalDueOn: string | null = null): OccurrenceFacts => ({ dueOn, originalDueOn, status: "open", doneOn: null });
const done = (dueOn: string, doneOn: string, originalDueOn: string | null = null): OccurrenceFacts => ({ dueOn, originalDueOn, status: "done", doneOn });

describe("execution status", () => {
  it("tells on time, extended, late, not done and pending apart", () => {
    const asOf = "2026-10-05";
    expect(executionStatus(done("2026-09-10", "2026-09-10"), asOf)).toBe("on_time");
    expect(executionStatus(done("2026-09-10", "2026-09-01"), asOf)).toBe("on_time");
    expect(executionStatus(done("2026-09-10", "2026-09-11"), asOf)).toBe("late");
    // Moved from 10.09 to 30.09 by an approved extension, done on 25.09.
    expect(executionStatus(done("2026-09-30", "2026-09-25", "2026-09-10"), asOf)).toBe("extended");
    // Moved, but done after the new date too.
    expect(executionStatus(done("2026-09-30", "2026-10-01", "2026-09-10"), asOf)).toBe("late");
    // Moved, and done by the first date after all.
    expect(executionStatus(done("2026-09-30", "2026-09-05", "2026-09-10"), asOf)).toBe("on_time");
    expect(executionStatus(open("2026-09-30"), asOf)).toBe("not_done");
    expect(executionStatus(open("2026-10-05"), asOf)).toBe("pending");
    expect(executionStatus(open("2026-10-20", "2026-09-20"), asOf)).toBe("extended");
    expect(executionStatus(open("2026-10-01", "2026-09-20"), asOf)).toBe("not_done");
    expect(executionStatus({ dueOn: "2026-09-01", originalDueOn: null, status: "cancelled", doneOn: null }, asOf)).toBeNull();
  });

  it("counts totals and the rate over the due dates that have come", () => {
    const t = executionTotals(["on_time", "on_time", "extended", "late", "not_done", "pending", null]);
    expect(t).toEqual({ on_time: 2, extended: 1, late: 1, not_done: 1, pending: 1, total: 6 });
    expect(executionRate(t)).toBe(3 / 5);
    expect(executionRate(executionTotals(["pending"]))).toBeNull();
  });
});

describe("reporting periods", () => {
  it("quarters and years", () => {
    expect(periodRange({ kind: "quarter", year: 2026, quarter: 1 })).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(periodRange({ kind: "quarter", year: 2024, quarter: 4 })).toEqual({ from: "2024-10-01", to: "2024-12-31" });
    expect(periodRange({ kind: "year", year: 2026 })).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(previousQuarter("2027-01-05")).toEqual({ kind: "quarter", year: 2026, quarter: 4 });
    expect(previousQuarter("2026-07-01")).toEqual({ kind: "quarter", year: 2026, quarter: 2 });
  });

  it("a due date stays in the period it was first due in", () => {
    const q3 = { kind: "quarter", year: 2026, quarter: 3 } as const;
    expect(belongsTo({ dueOn: "2026-10-15", originalDueOn: "2026-09-20" }, q3)).toBe(true);
    expect(belongsTo({ dueOn: "2026-10-15", originalDueOn: null }, q3)).toBe(false);
  });

  it("the reports' due dates follow seeds 002 and 004", () => {
    expect(reportDueOn("monitoring", { kind: "quarter", year: 2026, quarter: 3 })).toBe("2026-10-05");
    expect(reportDueOn("monitoring", { kind: "quarter", year: 2026, quarter: 4 })).toBe("2027-01-05");
    expect(reportDueOn("board", { kind: "quarter", year: 2026, quarter: 1 })).toBe("2026-04-25");
    expect(reportDueOn("board", { kind: "year", year: 2026 })).toBe("2027-02-25");
  });
});
