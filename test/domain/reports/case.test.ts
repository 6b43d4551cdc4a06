import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "../../../src/domain/calendar/work-calendar.js";
import {
  canMoveTo,
  checkAttachment,
  checkExtension,
  checkText,
  DEFAULT_REPORT_POLICY,
  initialDeadlines,
  isCategory,
  isOutcome,
  isStatus,
  overdue,
  purgeableFrom,
  REPORT_LIMITS,
  REPORT_STATUSES,
  type CaseClock,
} from "../../../src/domain/reports/case.js";

const calendar = createWorkCalendar();
const policy = DEFAULT_REPORT_POLICY;

describe("checkText", () => {
  it("trims and refuses empty answers", () => {
    expect(checkText("  взятка \n")).toEqual({ ok: true, text: "взятка" });
    expect(checkText("")).toEqual({ ok: false, problem: "empty", max: REPORT_LIMITS.maxTextChars });
    expect(checkText(" \n\t ")).toMatchObject({ ok: false, problem: "empty" });
  });

  it("counts the limit in characters, Kazakh letters and emoji included", () => {
    const max = REPORT_LIMITS.maxTextChars;
    expect(checkText("ә".repeat(max))).toEqual({ ok: true, text: "ә".repeat(max) });
    expect(checkText("ә".repeat(max + 1))).toEqual({ ok: false, problem: "tooLong", max });
    // An emoji is one character although it takes two UTF-16 units.
    expect(checkText("😀".repeat(max))).toMatchObject({ ok: true });
    expect(checkText("😀".repeat(max + 1))).toMatchObject({ ok: false, problem: "tooLong" });
    // Surrounding whitespace does not count.
    expect(checkText(`   ${"қ".repeat(max)}   `)).toMatchObject({ ok: true, text: "қ".repeat(max) });
  });

  it("takes a custom limit for short answers", () => {
    const max = REPORT_LIMITS.maxShortChars;
    expect(checkText("Ғ".repeat(max), max)).toMatchObject({ ok: true });
    expect(checkText("Ғ".repeat(max + 1), max)).toEqual({ ok: false, problem: "tooLong", max });
    expect(checkText("", max)).toEqual({ ok: false, problem: "empty", max });
  });
});

describe("checkAttachment", () => {
  it("accepts photos, documents and voice, and nothing else", () => {
    for (const kind of ["photo", "document", "voice"]) expect(checkAttachment(0, { kind })).toBeNull();
    for (const kind of ["video", "sticker", "audio", "video_note", ""]) expect(checkAttachment(0, { kind })).toBe("unsupported");
  });

  it("allows ten files and refuses the eleventh", () => {
    expect(REPORT_LIMITS.maxAttachments).toBe(10);
    expect(checkAttachment(9, { kind: "photo" })).toBeNull();
    expect(checkAttachment(10, { kind: "photo" })).toBe("tooMany");
    expect(checkAttachment(25, { kind: "document", size: 1 })).toBe("tooMany");
  });

  it("refuses files over 20 MB (what a bot can download)", () => {
    const limit = 20 * 1024 * 1024;
    expect(REPORT_LIMITS.maxAttachmentBytes).toBe(limit);
    expect(checkAttachment(0, { kind: "document", size: limit })).toBeNull();
    expect(checkAttachment(0, { kind: "document", size: limit + 1 })).toBe("tooLarge");
    expect(checkAttachment(0, { kind: "voice" })).toBeNull(); // size unknown
  });
});

describe("status workflow", () => {
  it("moves forward only, skipping allowed", () => {
    expect(canMoveTo("received", "review")).toBe(true);
    expect(canMoveTo("received", "checking")).toBe(true);
    expect(canMoveTo("received", "decided")).toBe(true);
    expect(canMoveTo("review", "checking")).toBe(true);
    expect(canMoveTo("checking", "decided")).toBe(true);
    expect(canMoveTo("review", "received")).toBe(false);
    expect(canMoveTo("checking", "review")).toBe(false);
    for (const s of REPORT_STATUSES) expect(canMoveTo(s, s)).toBe(false);
  });

  it("a decision is final", () => {
    for (const s of REPORT_STATUSES) expect(canMoveTo("decided", s)).toBe(false);
  });

  it("type guards", () => {
    expect(isStatus("review")).toBe(true);
    expect(isStatus("closed")).toBe(false);
    expect(isStatus(1)).toBe(false);
    expect(isOutcome("no_action")).toBe(true);
    expect(isOutcome("decided")).toBe(false);
    expect(isCategory("bribery")).toBe(true);
    expect(isCategory("Bribery")).toBe(false);
    expect(isCategory(undefined)).toBe(false);
  });
});

describe("deadline clocks in working days", () => {
  it("3 and 15 working days in an ordinary week", () => {
    // Monday 2 March 2026; 9 March is the substitute day off for 8 March (a Sunday).
    expect(initialDeadlines(calendar, "2026-03-02", policy)).toEqual({ ackDueOn: "2026-03-05", decisionDueOn: "2026-03-27" });
  });

  it("skip Nauryz (21–23 March and the substitutes of 2026)", () => {
    // Thursday 19 March 2026: Fri 20 (1); 21–22 weekend; 23 Nauryz, 24–25 substitutes;
    // Thu 26 (2), Fri 27 (3).
    const d = initialDeadlines(calendar, "2026-03-19", policy);
    expect(d.ackDueOn).toBe("2026-03-27");
    // 20, 26, 27, 30, 31, 1–3 Apr, 6–10 Apr, 13, 14 → the 15th working day is 14 April.
    expect(d.decisionDueOn).toBe("2026-04-14");
    expect(calendar.workingDaysBetween("2026-03-19", d.ackDueOn)).toBe(3);
    expect(calendar.workingDaysBetween("2026-03-19", d.decisionDueOn)).toBe(15);
  });

  it("skip Independence Day (16 December) and the New Year", () => {
    // Monday 15 December 2025: 16 Dec holiday; 17, 18, 19 → ack on Friday 19 December.
    const d = initialDeadlines(calendar, "2025-12-15", policy);
    expect(d.ackDueOn).toBe("2025-12-19");
    // 17–19, 22–26, 29–31 (11), 1–2 Jan holidays, 5, 6 (13), 7 Jan holiday, 8, 9 (15).
    expect(d.decisionDueOn).toBe("2026-01-09");
  });

  it("a report received on a weekend or holiday counts from the next working day", () => {
    // Saturday 21 March 2026 (Nauryz): the first working day after is Thursday 26 March.
    expect(initialDeadlines(calendar, "2026-03-21", policy).ackDueOn).toBe("2026-03-30");
    expect(initialDeadlines(calendar, "2026-12-16", { ...policy, ackDays: 1 }).ackDueOn).toBe("2026-12-17");
  });
});

const clock = (over: Partial<CaseClock> = {}): CaseClock => ({ status: "review", ackDueOn: "2026-03-05", decisionDueOn: "2026-03-27", extendedOn: null, ...over });

describe("checkExtension", () => {
  it("allows one later date within the maximum", () => {
    expect(checkExtension(calendar, clock(), "2026-03-30", policy)).toBeNull();
    // 15 working days after 27 March 2026 (no holidays in between) = 17 April.
    expect(calendar.addWorkingDays("2026-03-27", 15)).toBe("2026-04-17");
    expect(checkExtension(calendar, clock(), "2026-04-17", policy)).toBeNull();
    expect(checkExtension(calendar, clock(), "2026-04-20", policy)).toBe("tooLong");
  });

  it("counts the maximum in working days, across holidays", () => {
    // From 19 March 2026 over Nauryz: 15 working days later is 14 April (26 calendar days).
    const c = clock({ decisionDueOn: "2026-03-19" });
    expect(checkExtension(calendar, c, "2026-04-14", policy)).toBeNull();
    expect(checkExtension(calendar, c, "2026-04-15", policy)).toBe("tooLong");
  });

  it("refuses decided cases, a second extension and dates not later", () => {
    expect(checkExtension(calendar, clock({ status: "decided" }), "2026-03-30", policy)).toBe("decided");
    expect(checkExtension(calendar, clock({ extendedOn: "2026-03-10" }), "2026-03-30", policy)).toBe("alreadyExtended");
    expect(checkExtension(calendar, clock(), "2026-03-27", policy)).toBe("notLater");
    expect(checkExtension(calendar, clock(), "2026-03-20", policy)).toBe("notLater");
    // A decided case is "decided" even if it was extended before.
    expect(checkExtension(calendar, clock({ status: "decided", extendedOn: "2026-03-10" }), "2026-03-30", policy)).toBe("decided");
  });
});

describe("overdue", () => {
  it("acknowledgement is late only while the case is still received", () => {
    const c = clock({ status: "received" });
    expect(overdue(c, "2026-03-05")).toEqual({ ack: false, decision: false });
    expect(overdue(c, "2026-03-06")).toEqual({ ack: true, decision: false });
    expect(overdue({ ...c, status: "review" }, "2026-03-06")).toEqual({ ack: false, decision: false });
    expect(overdue({ ...c, status: "checking" }, "2026-03-06").ack).toBe(false);
  });

  it("a received case that was already answered is acknowledged", () => {
    expect(overdue(clock({ status: "received", acknowledgedOn: "2026-03-04" }), "2026-03-06").ack).toBe(false);
    expect(overdue(clock({ status: "received", acknowledgedOn: null }), "2026-03-06").ack).toBe(true);
  });

  it("the decision is late while undecided after its day", () => {
    expect(overdue(clock(), "2026-03-27").decision).toBe(false);
    expect(overdue(clock(), "2026-03-28").decision).toBe(true);
    expect(overdue(clock({ status: "received" }), "2026-03-28")).toEqual({ ack: true, decision: true });
    expect(overdue(clock({ status: "decided" }), "2026-04-30")).toEqual({ ack: false, decision: false });
  });
});

describe("purgeableFrom", () => {
  it("adds the retention in calendar days", () => {
    expect(purgeableFrom("2026-03-02", policy)).toBe("2029-03-01"); // 1095 days, 2028 is a leap year
    expect(purgeableFrom("2026-12-31", { ...policy, retentionDays: 1 })).toBe("2027-01-01");
    expect(purgeableFrom("2028-02-28", { ...policy, retentionDays: 1 })).toBe("2028-02-29");
    expect(purgeableFrom("2026-03-02", { ...policy, retentionDays: 0 })).toBe("2026-03-02");
  });
});
