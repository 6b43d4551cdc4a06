// Record-level rules of anonymous reports (src/domain/reports/policies.ts): a case is visible
// and actionable only to its own audience — compliance for ordinary cases, observers for the
// cases routed past compliance — and is assigned only to an active person of that audience.
import { describe, expect, it } from "vitest";
import { caseVisibleTo, escalationRolesOf, handledAudience, handlerRoleOf, mayBeAssigned, REPORTER_VISIBLE, visibleToReporter } from "../../../src/domain/reports/policies.js";

const ordinary = { audience: "compliance" };
const routed = { audience: "observer" };

describe("handledAudience", () => {
  it("compliance handles the ordinary cases, observers the routed ones, nobody else any", () => {
    expect(handledAudience("compliance")).toBe("compliance");
    expect(handledAudience("observer")).toBe("observer");
    for (const role of ["employee", "officer", "", null, undefined]) expect(handledAudience(role)).toBeNull();
  });
});

describe("caseVisibleTo", () => {
  it("shows an ordinary case to compliance only", () => {
    expect(caseVisibleTo("compliance", ordinary)).toBe(true);
    expect(caseVisibleTo("observer", ordinary)).toBe(false);
  });

  it("shows a routed case to observers only: compliance never sees a case about compliance or top management", () => {
    expect(caseVisibleTo("observer", routed)).toBe(true);
    expect(caseVisibleTo("compliance", routed)).toBe(false);
  });

  it("shows no case to employees, officers, strangers, and no unknown case to anyone", () => {
    for (const role of ["employee", "officer", null, undefined]) {
      expect(caseVisibleTo(role, ordinary)).toBe(false);
      expect(caseVisibleTo(role, routed)).toBe(false);
    }
    expect(caseVisibleTo("compliance", null)).toBe(false);
    expect(caseVisibleTo("observer", undefined)).toBe(false);
  });

  it("an unknown audience on the record matches nobody", () => {
    expect(caseVisibleTo("compliance", { audience: "management" })).toBe(false);
    expect(caseVisibleTo("observer", { audience: "" })).toBe(false);
  });
});

describe("mayBeAssigned", () => {
  it("only an active person of the case's audience", () => {
    expect(mayBeAssigned({ active: true, role: "compliance" }, ordinary)).toBe(true);
    expect(mayBeAssigned({ active: true, role: "observer" }, routed)).toBe(true);
    expect(mayBeAssigned({ active: false, role: "compliance" }, ordinary)).toBe(false);
    expect(mayBeAssigned({ active: true, role: "observer" }, ordinary)).toBe(false);
    expect(mayBeAssigned({ active: true, role: "compliance" }, routed)).toBe(false);
    expect(mayBeAssigned({ active: true, role: "employee" }, ordinary)).toBe(false);
    expect(mayBeAssigned(null, ordinary)).toBe(false);
  });
});

describe("who is told", () => {
  it("alerts go to the handlers of the audience", () => {
    expect(handlerRoleOf("compliance")).toBe("compliance");
    expect(handlerRoleOf("observer")).toBe("observer");
  });

  it("an overdue ordinary case goes to compliance and the heads; a routed one to the observers only", () => {
    expect(escalationRolesOf("compliance")).toEqual(["compliance", "observer"]);
    expect(escalationRolesOf("observer")).toEqual(["observer"]);
  });
});

describe("what the reporter sees of the case file", () => {
  it("their additions, files, replies, statuses and the extension; never internal notes or assignments", () => {
    for (const kind of ["reporter", "file", "reply", "status", "extension"] as const) expect(visibleToReporter(kind)).toBe(true);
    expect(visibleToReporter("note")).toBe(false);
    expect(visibleToReporter("assign")).toBe(false);
    expect(REPORTER_VISIBLE).not.toContain("note");
  });
});
