// The record-level rules of surveys (src/domain/surveys/policies.ts).
import { describe, expect, it } from "vitest";
import { maySeeNamedInterviewAnswers, namedInterviewAnswersAccess } from "../../../src/domain/surveys/policies.js";

describe("named interview answers", () => {
  it("compliance reads the named answers of an attributed interview", () => {
    expect(namedInterviewAnswersAccess("compliance", "attributed")).toBe("allowed");
    expect(maySeeNamedInterviewAnswers("compliance", "attributed")).toBe(true);
  });

  it("observers read results, never named answers", () => {
    expect(namedInterviewAnswersAccess("observer", "attributed")).toBe("notAllowed");
    expect(maySeeNamedInterviewAnswers("observer", "attributed")).toBe(false);
  });

  it("employees, officers and unknown roles never see them", () => {
    for (const role of ["employee", "officer", "someone", null, undefined]) {
      expect(namedInterviewAnswersAccess(role, "attributed")).toBe("notAllowed");
      expect(maySeeNamedInterviewAnswers(role, "attributed")).toBe(false);
    }
  });

  it("an anonymous campaign has no named answers, even for compliance", () => {
    expect(namedInterviewAnswersAccess("compliance", "anonymous")).toBe("notAttributed");
    expect(maySeeNamedInterviewAnswers("compliance", "anonymous")).toBe(false);
  });

  it("the role is asked first: an observer is refused, not told the campaign is anonymous", () => {
    expect(namedInterviewAnswersAccess("observer", "anonymous")).toBe("notAllowed");
  });
});
