// The named record-level rules of the deadlines (src/domain/plan/policies.ts).
import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";
import { checkExtensionDate, isOpenForAction, isOwnTask, isUndecided, isValidExtensionDate, mayViewOccurrence, writtenDatesOnDaysOff } from "../../../src/domain/plan/policies.js";

const occurrence = (assignees: number[], status = "open", taskStatus = "active") => ({ status, task: { status: taskStatus, assignees: assignees.map((userId) => ({ userId })) } });
const nobody = { managePlan: false, viewSummaries: false };

describe("own task", () => {
  it("a responsible person acts only on a due date of a task assigned to them", () => {
    expect(isOwnTask(7, occurrence([7, 8]))).toBe(true);
    expect(isOwnTask(9, occurrence([7, 8]))).toBe(false);
    expect(isOwnTask(7, occurrence([]))).toBe(false);
  });
});

describe("viewing a due date", () => {
  it("is for its responsible people, plan managers and overseers", () => {
    expect(mayViewOccurrence(7, occurrence([7]), nobody)).toBe(true);
    expect(mayViewOccurrence(9, occurrence([7]), nobody)).toBe(false);
    expect(mayViewOccurrence(9, occurrence([7]), { managePlan: true, viewSummaries: false })).toBe(true);
    expect(mayViewOccurrence(9, occurrence([7]), { managePlan: false, viewSummaries: true })).toBe(true);
  });
});

describe("open for action", () => {
  it("only an open due date of an active task", () => {
    expect(isOpenForAction(occurrence([7]))).toBe(true);
    expect(isOpenForAction(occurrence([7], "done"))).toBe(false);
    expect(isOpenForAction(occurrence([7], "open", "cancelled"))).toBe(false);
  });
});

describe("extension", () => {
  it("the new date is after the current due date and not in the past", () => {
    expect(isValidExtensionDate("2026-03-10", "2026-03-06", "2026-03-02")).toBe(true);
    expect(isValidExtensionDate("2026-03-06", "2026-03-06", "2026-03-02")).toBe(false);
    expect(isValidExtensionDate("2026-03-05", "2026-03-06", "2026-03-02")).toBe(false);
    // An overdue item: a later date that is already past is refused.
    expect(isValidExtensionDate("2026-03-01", "2026-02-20", "2026-03-02")).toBe(false);
    expect(isValidExtensionDate("2026-03-02", "2026-02-20", "2026-03-02")).toBe(true);
  });

  it("only a pending request is decided", () => {
    expect(isUndecided({ status: "pending" })).toBe(true);
    expect(isUndecided({ status: "approved" })).toBe(false);
    expect(isUndecided({ status: "refused" })).toBe(false);
  });
});

describe("a new due date on a day off", () => {
  const calendar = createWorkCalendar();
  it("is refused with the nearest working days around it", () => {
    // Independence Day, Wednesday 16 December 2026.
    expect(checkExtensionDate("2026-12-16", "2026-12-10", "2026-12-07", calendar)).toEqual({ ok: false, reason: "dayOff", alternatives: ["2026-12-15", "2026-12-17"] });
    // Saturday 19 December: Friday 18th or Monday 21st.
    expect(checkExtensionDate("2026-12-19", "2026-12-10", "2026-12-07", calendar)).toEqual({ ok: false, reason: "dayOff", alternatives: ["2026-12-18", "2026-12-21"] });
    // The working day before is not later than the current due date: only the one after.
    expect(checkExtensionDate("2026-12-16", "2026-12-15", "2026-12-07", calendar)).toEqual({ ok: false, reason: "dayOff", alternatives: ["2026-12-17"] });
    expect(checkExtensionDate("2026-12-17", "2026-12-10", "2026-12-07", calendar)).toEqual({ ok: true });
    expect(checkExtensionDate("2026-12-09", "2026-12-10", "2026-12-07", calendar)).toEqual({ ok: false, reason: "range" });
  });
});

describe("a plan's written due dates on days off", () => {
  it("are listed with the item's number; recurrences, events and working days are not", () => {
    const calendar = createWorkCalendar();
    const items = [
      { number: "1", deadline: { kind: "date", due: "2026-12-16" } },
      { number: "2", deadline: { kind: "date", due: "2026-12-17" } },
      { number: "3", deadline: { kind: "range", from: "2026-12-01", due: "2026-12-19" } },
      { number: "4", deadline: { kind: "event" } },
    ] as unknown as Parameters<typeof writtenDatesOnDaysOff>[0];
    expect(writtenDatesOnDaysOff(items, calendar)).toEqual([
      { number: "1", date: "2026-12-16" },
      { number: "3", date: "2026-12-19" },
    ]);
  });
});
