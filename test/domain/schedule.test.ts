// The analysis schedule (src/domain/schedule.ts) on the real calendar of Kazakhstan. Every date
// is counted by hand in the comments; "wd" = working day.
import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../src/domain/calendar/work-calendar.js";
import { dayOfWeek } from "../../src/domain/calendar/days.js";
import { addOneYear, buildAnalysisSchedule, relativeDue, ruleTextKey, ScheduleError, type Milestone } from "../../src/domain/schedule.js";
import { parseDeadline, type RelativeDeadline } from "../../src/domain/plan/deadlines.js";
import { loadTranslations } from "../../src/i18n.js";

const cal = createWorkCalendar(); // with config/calendar-transfers.yaml

const dues = (ms: Milestone[]) => Object.fromEntries(ms.map((m) => [m.id, m.due]));

function scheduleError(f: () => unknown): ScheduleError {
  try {
    f();
  } catch (error) {
    if (error instanceof ScheduleError) return error;
    throw error;
  }
  throw new Error("expected a ScheduleError");
}

describe("analysis 2026-03-02 … 2026-04-30", () => {
  const ms = buildAnalysisSchedule({ start: "2026-03-02", end: "2026-04-30" }, cal);

  it("has the milestones of seed 002 in order, with stable ids and i18n keys", () => {
    expect(ms.map((m) => m.id)).toEqual([
      "announcement",
      "order",
      "discussion_announcement",
      "public_discussion",
      "report_signed",
      "action_plan",
      "publication",
      "risk_map_update",
      "quarterly_info_q1",
      "quarterly_info_q2",
      "quarterly_info_q3",
      "quarterly_info_q4",
    ]);
    expect(ms.find((m) => m.id === "order")).toEqual({ id: "order", titleKey: "schedule.milestone.order", rule: { kind: "before_start", workingDays: 5 }, due: "2026-02-23" });
    expect(ms.find((m) => m.id === "action_plan")).toMatchObject({ rule: { kind: "after_event", workingDays: 10, event: "report_signed" }, dependsOn: "report_signed" });
    expect(ms.find((m) => m.id === "publication")).toMatchObject({ rule: { kind: "after_event", workingDays: 3, event: "plan_approved" }, dependsOn: "action_plan" });
    expect(ms.find((m) => m.id === "risk_map_update")).toMatchObject({ titleKey: "schedule.milestone.risk_map_update", dependsOn: "action_plan" });
  });

  it("computes every deadline on the working-day calendar", () => {
    // Start Monday 2 March 2026. No holidays in February 2026.
    // announcement: 10th wd before 2 March, 2 March not counted:
    //   27 Feb (1), 26 (2), 25 (3), 24 (4), 23 (5), 20 (6), 19 (7), 18 (8), 17 (9), 16 (10).
    // order: 5th wd before: 27, 26, 25, 24, 23 Feb → Monday 23 February.
    // End Thursday 30 April 2026.
    // discussion_announcement: 10th wd before 30 April: 29 (1), 28 (2), 27 (3), 24 (4), 23 (5),
    //   22 (6), 21 (7), 20 (8), 17 (9), 16 (10) → Thursday 16 April.
    // public_discussion: 29, 28, 27, 24, 23 → Thursday 23 April.
    // report_signed: 10th wd after 30 April: 1 May Fri (Unity Day) off, 2–3 weekend, 4 (1), 5 (2),
    //   6 (3), 7 May Thu (Defender's Day) off, 8 (4), 9–10 weekend, 11 May Mon off (Victory Day,
    //   9 May, fell on a Saturday), 12 (5), 13 (6), 14 (7), 15 (8), 18 (9), 19 (10) → Tue 19 May.
    // action_plan: 10th wd after 19 May: 20 (1), 21 (2), 22 (3), 25 (4), 26 (5), 27 May Wed off
    //   (Kurban Ait), 28 (6), 29 (7), 1 Jun (8), 2 (9), 3 (10) → Wednesday 3 June.
    // publication and risk_map_update: 3rd wd after 3 June: 4 (1), 5 (2), 8 (3) → Monday 8 June.
    // Monitoring year after signing: (19 May 2026, 19 May 2027] contains the quarter ends
    //   30 Jun 2026, 30 Sep 2026, 31 Dec 2026, 31 Mar 2027.
    // q1 (II quarter 2026): 5 July 2026 is a Sunday → the last wd before: Friday 3 July.
    // q2 (III quarter 2026): 5 October 2026 is a Monday, a wd.
    // q3 (IV quarter 2026): 5 January 2027 is a Tuesday, a wd (1–2 Jan holidays, 2 Jan a Saturday
    //   moved to Monday 4 January).
    // q4 (I quarter 2027): 5 April 2027 is a Monday, a wd.
    expect(dues(ms)).toEqual({
      announcement: "2026-02-16",
      order: "2026-02-23",
      discussion_announcement: "2026-04-16",
      public_discussion: "2026-04-23",
      report_signed: "2026-05-19",
      action_plan: "2026-06-03",
      publication: "2026-06-08",
      risk_map_update: "2026-06-08",
      quarterly_info_q1: "2026-07-03",
      quarterly_info_q2: "2026-10-05",
      quarterly_info_q3: "2027-01-05",
      quarterly_info_q4: "2027-04-05",
    });
    // The holidays the hand count relies on.
    for (const d of ["2026-05-01", "2026-05-07", "2026-05-11", "2026-05-27"]) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(dayOfWeek("2026-07-05")).toBe(0);
  });

  it("the conventions: N working days between the deadline and the start / end, X not counted", () => {
    const d = dues(ms);
    expect(cal.workingDaysBetween(d.announcement!, "2026-03-02")).toBe(10);
    expect(cal.workingDaysBetween(d.order!, "2026-03-02")).toBe(5);
    expect(cal.workingDaysBetween(d.public_discussion!, "2026-04-30")).toBe(5);
    expect(cal.workingDaysBetween("2026-04-30", d.report_signed!)).toBe(10);
    expect(cal.workingDaysBetween(d.report_signed!, d.action_plan!)).toBe(10);
    expect(cal.workingDaysBetween(d.action_plan!, d.publication!)).toBe(3);
  });

  it("quarterly information carries the calendar quarter it reports on", () => {
    const q = ms.filter((m) => m.rule.kind === "quarterly");
    expect(q.map((m) => m.quarter)).toEqual([
      { year: 2026, quarter: 2 },
      { year: 2026, quarter: 3 },
      { year: 2026, quarter: 4 },
      { year: 2027, quarter: 1 },
    ]);
    expect(q[0]).toMatchObject({
      titleKey: "schedule.milestone.quarterly_info",
      titleParams: { quarter: "II", year: 2026 },
      rule: { kind: "quarterly", event: "report_signed", dayOfMonth: 5 },
      dependsOn: "report_signed",
    });
    expect(q[3]!.titleParams).toEqual({ quarter: "I", year: 2027 });
  });
});

describe("a period ending just before Nauryz", () => {
  it("2026-01-12 … 2026-03-20: deadlines across New Year, Christmas, 8 March and Nauryz", () => {
    const ms = buildAnalysisSchedule({ start: "2026-01-12", end: "2026-03-20" }, cal);
    // Start Monday 12 January 2026.
    // announcement: 9 Jan (1), 8 (2), 7 Jan Wed off (Orthodox Christmas), 6 (3), 5 (4), 3–4
    //   weekend, 1–2 Jan off (New Year), 31 Dec 2025 (5), 30 (6), 29 (7), 26 (8), 25 (9), 24 (10).
    // order: 9, 8, 6, 5 Jan, 31 Dec → Wednesday 31 December 2025.
    // End Friday 20 March 2026; 21–25 March are Nauryz days off (21 Sat, 22 Sun, 23 Mon, and 24,
    //   25 for the weekend days), 15–16 March are working days in 2026, 9 March is off (8 March
    //   was a Sunday).
    // discussion_announcement: 19 (1), 18 (2), 17 (3), 16 (4), 13 (5), 12 (6), 11 (7), 10 (8),
    //   9 off, 6 (9), 5 (10) → Thursday 5 March.
    // public_discussion: 19, 18, 17, 16, 13 → Friday 13 March.
    // report_signed: 21–25 off, 26 (1), 27 (2), 30 (3), 31 (4), 1 Apr (5), 2 (6), 3 (7), 6 (8),
    //   7 (9), 8 (10) → Wednesday 8 April.
    // action_plan: 9 (1), 10 (2), 13 (3), 14 (4), 15 (5), 16 (6), 17 (7), 20 (8), 21 (9), 22 (10).
    // publication: 23 (1), 24 (2), 27 (3) → Monday 27 April.
    // Monitoring (8 Apr 2026, 8 Apr 2027]: quarters II–IV 2026 and I 2027 → 5 Jul 2026 Sunday →
    //   3 July; 5 Oct 2026; 5 Jan 2027; 5 Apr 2027.
    expect(dues(ms)).toEqual({
      announcement: "2025-12-24",
      order: "2025-12-31",
      discussion_announcement: "2026-03-05",
      public_discussion: "2026-03-13",
      report_signed: "2026-04-08",
      action_plan: "2026-04-22",
      publication: "2026-04-27",
      risk_map_update: "2026-04-27",
      quarterly_info_q1: "2026-07-03",
      quarterly_info_q2: "2026-10-05",
      quarterly_info_q3: "2027-01-05",
      quarterly_info_q4: "2027-04-05",
    });
  });

  it("a start or end on a day off counts the same way", () => {
    // End Saturday 21 March 2026 (Nauryz): 10th wd after → 26, 27, 30, 31, 1, 2, 3, 6, 7, 8 April.
    // 5th wd before 21 March: 20, 19, 18, 17, 16 → Monday 16 March.
    const ms = buildAnalysisSchedule({ start: "2026-03-21", end: "2026-03-21" }, cal);
    expect(dues(ms)).toMatchObject({ report_signed: "2026-04-08", public_discussion: "2026-03-16", order: "2026-03-16" });
  });
});

describe("the chain from the actual signing and approval dates", () => {
  const period = { start: "2026-03-02", end: "2026-04-30" };

  it("an earlier signing moves the action plan, publication and monitoring", () => {
    const ms = buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-05-15" });
    // report_signed keeps its deadline (19 May). Signed Friday 15 May:
    // action_plan: 18 (1), 19 (2), 20 (3), 21 (4), 22 (5), 25 (6), 26 (7), 27 off (Kurban Ait),
    //   28 (8), 29 (9), 1 June (10) → Monday 1 June.
    // publication: 2 (1), 3 (2), 4 (3) June → Thursday 4 June.
    expect(dues(ms)).toMatchObject({ report_signed: "2026-05-19", action_plan: "2026-06-01", publication: "2026-06-04", risk_map_update: "2026-06-04" });
  });

  it("the actual approval date moves publication and the risk-map update only", () => {
    const ms = buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-05-15", planApprovedOn: "2026-06-05" });
    // Approved Friday 5 June: 8 (1), 9 (2), 10 (3) June.
    expect(dues(ms)).toMatchObject({ action_plan: "2026-06-01", publication: "2026-06-10", risk_map_update: "2026-06-10" });
    // Approval given without the signing date: the planned signing stays for the plan deadline.
    // Approved Friday 3 July: 4–5 weekend, 6 July Monday off (Capital Day), 7 (1), 8 (2), 9 (3)
    // → Thursday 9 July.
    const late = buildAnalysisSchedule(period, cal, { planApprovedOn: "2026-07-03" });
    expect(dues(late)).toMatchObject({ action_plan: "2026-06-03", publication: "2026-07-09", risk_map_update: "2026-07-09" });
    expect(cal.isWorkingDay("2026-07-06")).toBe(false);
  });

  it("signing on the last day of a quarter: that quarter is not reported, the next four are", () => {
    // Signed Tuesday 30 June 2026: monitoring (30 Jun 2026, 30 Jun 2027]: III, IV 2026, I, II 2027.
    const ms = buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-06-30" });
    const q = ms.filter((m) => m.rule.kind === "quarterly");
    expect(q.map((m) => [m.id, m.quarter, m.due])).toEqual([
      ["quarterly_info_q1", { year: 2026, quarter: 3 }, "2026-10-05"], // Monday
      ["quarterly_info_q2", { year: 2026, quarter: 4 }, "2027-01-05"], // Tuesday
      ["quarterly_info_q3", { year: 2027, quarter: 1 }, "2027-04-05"], // Monday
      ["quarterly_info_q4", { year: 2027, quarter: 2 }, "2027-07-05"], // Monday (6 July, Capital Day, is after)
    ]);
    // Signed 1 July 2026: the same four quarters (III 2026 … II 2027).
    const next = buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-07-01" }).filter((m) => m.rule.kind === "quarterly");
    expect(next.map((m) => m.quarter)).toEqual(q.map((m) => m.quarter));
  });
});

describe("quarterly information by the 5th", () => {
  it("a 5th on a weekend moves back to the last working day before it", () => {
    // Analysis of 2025, report signed Tuesday 10 June 2025: monitoring (10 Jun 2025, 10 Jun 2026]
    // → quarters II, III, IV 2025 and I 2026.
    const ms = buildAnalysisSchedule({ start: "2025-04-01", end: "2025-05-30" }, cal, { reportSignedOn: "2025-06-10" });
    // 5 July 2025 is a Saturday → Friday 4 July.
    // 5 October 2025 is a Sunday → Friday 3 October.
    // 5 January 2026 is a Monday → kept (1–2 January are holidays, but they are before).
    // 5 April 2026 is a Sunday → Friday 3 April.
    expect(ms.filter((m) => m.rule.kind === "quarterly").map((m) => m.due)).toEqual(["2025-07-04", "2025-10-03", "2026-01-05", "2026-04-03"]);
    expect([dayOfWeek("2025-07-05"), dayOfWeek("2025-10-05"), dayOfWeek("2026-04-05")]).toEqual([6, 0, 0]);
  });

  it("a working Sunday from the transfer order is kept: 5 January 2025", () => {
    // Signed Thursday 20 June 2024: quarters II, III, IV 2024 and I 2025.
    // 5 July 2024 Friday; 5 October 2024 Saturday → Friday 4 October; 5 January 2025 is a Sunday
    // worked instead of Friday 3 January (transfer order of 21 November 2024) → kept; 5 April 2025
    // Saturday → Friday 4 April.
    const ms = buildAnalysisSchedule({ start: "2024-04-01", end: "2024-05-31" }, cal, { reportSignedOn: "2024-06-20" });
    expect(ms.filter((m) => m.rule.kind === "quarterly").map((m) => m.due)).toEqual(["2024-07-05", "2024-10-04", "2025-01-05", "2025-04-04"]);
  });

  it("a day off before the 5th is skipped too", () => {
    // With 3 April 2026 (Friday) a day off, the deadline for 5 April (Sunday) is Thursday 2 April.
    const withTransfer = createWorkCalendar({ transfers: { 2026: { daysOff: ["2026-04-03"], workingDays: [] } } });
    const ms = buildAnalysisSchedule({ start: "2025-04-01", end: "2025-05-30" }, withTransfer, { reportSignedOn: "2025-06-10" });
    expect(ms.find((m) => m.id === "quarterly_info_q4")!.due).toBe("2026-04-02");
  });

  it("a signing on 29 February: the monitoring year ends on 28 February", () => {
    expect(addOneYear("2028-02-29")).toBe("2029-02-28");
    expect(addOneYear("2026-05-19")).toBe("2027-05-19");
    // (29 Feb 2028, 28 Feb 2029]: quarters I–IV 2028.
    const ms = buildAnalysisSchedule({ start: "2028-01-10", end: "2028-02-15" }, cal, { reportSignedOn: "2028-02-29" });
    expect(ms.filter((m) => m.rule.kind === "quarterly").map((m) => m.quarter)).toEqual([1, 2, 3, 4].map((quarter) => ({ year: 2028, quarter })));
  });
});

describe("invalid input", () => {
  it("a date that is not YYYY-MM-DD or does not exist: bad_date", () => {
    for (const [period, field] of [
      [{ start: "2026-02-30", end: "2026-04-30" }, "start"],
      [{ start: "2026-03-02", end: "30.04.2026" }, "end"],
      [{ start: "", end: "2026-04-30" }, "start"],
    ] as const) {
      const e = scheduleError(() => buildAnalysisSchedule(period, cal));
      expect(e.code).toBe("bad_date");
      expect(e.field).toBe(field);
      expect(e.message).toContain("invalid date");
    }
    const e = scheduleError(() => buildAnalysisSchedule({ start: "2026-03-02", end: "2026-04-30" }, cal, { reportSignedOn: "2026-13-01" }));
    expect([e.code, e.field]).toEqual(["bad_date", "reportSignedOn"]);
    expect(scheduleError(() => buildAnalysisSchedule({ start: "2026-03-02", end: "2026-04-30" }, cal, { planApprovedOn: "tomorrow" })).field).toBe("planApprovedOn");
  });

  it("end before start: end_before_start; start = end is allowed", () => {
    const e = scheduleError(() => buildAnalysisSchedule({ start: "2026-04-30", end: "2026-03-02" }, cal));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("ScheduleError");
    expect(e.code).toBe("end_before_start");
    expect(buildAnalysisSchedule({ start: "2026-04-30", end: "2026-04-30" }, cal)).toHaveLength(12);
  });

  it("outside the calendar's years, or deadlines falling outside: out_of_range", () => {
    expect(scheduleError(() => buildAnalysisSchedule({ start: "2001-03-01", end: "2001-04-30" }, cal)).code).toBe("out_of_range");
    expect(scheduleError(() => buildAnalysisSchedule({ start: "2076-03-01", end: "2077-04-30" }, cal))).toMatchObject({ code: "out_of_range", field: "end" });
    // The announcement would be in December 2001.
    const early = scheduleError(() => buildAnalysisSchedule({ start: "2002-01-10", end: "2002-03-01" }, cal));
    expect(early.code).toBe("out_of_range");
    expect(early.message).toContain("2002–2076");
    // Monitoring would reach 2077.
    expect(scheduleError(() => buildAnalysisSchedule({ start: "2076-03-02", end: "2076-04-30" }, cal)).code).toBe("out_of_range");
  });

  it("events out of order: event_out_of_order", () => {
    const period = { start: "2026-03-02", end: "2026-04-30" };
    expect(scheduleError(() => buildAnalysisSchedule(period, cal, { reportSignedOn: "2025-05-15" }))).toMatchObject({ code: "event_out_of_order", field: "reportSignedOn" });
    expect(scheduleError(() => buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-05-15", planApprovedOn: "2026-05-14" }))).toMatchObject({ code: "event_out_of_order", field: "planApprovedOn" });
    // Signing the same day the plan is approved is fine.
    expect(dues(buildAnalysisSchedule(period, cal, { reportSignedOn: "2026-05-15", planApprovedOn: "2026-05-15" })).publication).toBe("2026-05-20");
  });
});

describe("texts", () => {
  it("every title and rule key exists in kk and ru", () => {
    const translations = loadTranslations();
    const lookup = (lang: "kk" | "ru", key: string): unknown => key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), translations[lang]);
    const ms = buildAnalysisSchedule({ start: "2026-03-02", end: "2026-04-30" }, cal);
    const keys = new Set(ms.flatMap((m) => [m.titleKey, ruleTextKey(m.rule).key]));
    expect(keys.size).toBe(15);
    // A rule with a count of working days is an i18next plural: key_one … key_other.
    const text = (lang: "kk" | "ru", key: string) => lookup(lang, key) ?? lookup(lang, `${key}_other`);
    for (const key of keys) for (const lang of ["kk", "ru"] as const) expect(typeof text(lang, key), `${lang}:${key}`).toBe("string");
  });

  it("rule keys and values", () => {
    expect(ruleTextKey({ kind: "before_start", workingDays: 10 })).toEqual({ key: "schedule.rule.before_start", params: { count: 10 } });
    expect(ruleTextKey({ kind: "after_event", workingDays: 3, event: "plan_approved" })).toEqual({ key: "schedule.rule.after_plan_approved", params: { count: 3 } });
    expect(ruleTextKey({ kind: "quarterly", event: "report_signed", dayOfMonth: 5 })).toEqual({ key: "schedule.rule.quarterly", params: { day: 5 } });
  });
});

describe("plan items written relative to the analysis fall on the milestones' days", () => {
  const period = { start: "2026-03-02", end: "2026-04-30" };
  const relative = (text: string) => parseDeadline(text) as RelativeDeadline;
  it.each<[string, string]>([
    ["За 10 рабочих дней до начала ВАКР", "announcement"],
    ["За 5 рабочих дней до начала ВАКР", "order"],
    ["Не позднее 10 рабочих дней до завершения ВАКР", "discussion_announcement"],
    ["Не позднее 5 рабочих дней до завершения ВАКР", "public_discussion"],
    ["Не позднее 10 рабочих дней со дня завершения ВАКР", "report_signed"],
    ["Не позднее 10 рабочих дней со дня подписания аналитической справки", "action_plan"],
    ["В течение 3 рабочих дней со дня утверждения плана", "publication"],
    ["іс-шаралар жоспары бекітілген күннен бастап 3 жұмыс күні ішінде", "risk_map_update"],
  ])("%s → %s", (text, milestone) => {
    for (const options of [{}, { reportSignedOn: "2026-05-12" }, { reportSignedOn: "2026-05-12", planApprovedOn: "2026-05-20" }]) {
      expect(relativeDue(relative(text), period, cal, options)).toEqual({ due: dues(buildAnalysisSchedule(period, cal, options))[milestone] });
    }
  });

  it("«в течение одного года со дня подписания аналитической справки»: from the signing to a year after it", () => {
    const text = "В течение одного года со дня подписания аналитической справки";
    expect(relativeDue(relative(text), period, cal)).toEqual({ from: "2026-05-19", due: "2027-05-19" });
    expect(relativeDue(relative(text), period, cal, { reportSignedOn: "2026-05-12" })).toEqual({ from: "2026-05-12", due: "2027-05-12" });
  });
});
