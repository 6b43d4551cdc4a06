// The organisation tables from the unit-head interviews: the units that have a function and the
// sum of every number; seed 003's turnover «9 (40,9%)» and the organisation's from the sums;
// penalties by type; cancelled penalties and offences with their texts; one row per legal act,
// the chained act slots of Приложение 5; an interview of the template's first version.
import { describe, expect, it } from "vitest";
import { buildInterviewTables, formatFigure, formatTurnover } from "../../../src/domain/analysis/interview-tables.js";
import { formatPercent } from "../../../src/domain/surveys/report/csv.js";
import { pruneHidden, visibleQuestions, type Answers } from "../../../src/domain/surveys/answers.js";
import { centreAnswers, controlAnswers, interviewResponses, interviewTemplate, SEED_ACT_1, SEED_ACT_2, servicesAnswers } from "../../support/interview-fixture.js";

const def = interviewTemplate();
const tables = buildInterviewTables(def, interviewResponses);

describe("the template's act slots (Приложение 5)", () => {
  it("the fixture answers only questions the template shows", () => {
    for (const answers of [centreAnswers, servicesAnswers, controlAnswers]) expect(pruneHidden(def, answers)).toEqual(answers);
  });

  it("asks the next act only after a «yes», and nothing of a hidden slot", () => {
    const ids = (answers: Answers) => visibleQuestions(def, answers).map((q) => q.id).filter((id) => /^npa_\d/.test(id));
    expect(ids({ npa_1_has: { code: "no" } })).toEqual(["npa_1_has"]);
    expect(ids({ npa_1_has: { code: "yes" } })).toEqual(["npa_1_has", "npa_1_name", "npa_1_bylaws", "npa_1_issues", "npa_1_unregulated", "npa_1_measures", "npa_2_has"]);
    // Act 2 is hidden with npa_1_has = no: a «yes» left from before is dropped with all of act 2.
    expect(pruneHidden(def, { npa_1_has: { code: "no" }, npa_2_has: { code: "yes" }, npa_2_name: { text: "x" } })).toEqual({ npa_1_has: { code: "no" } });
    const five = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`npa_${n}_has`, { code: "yes" }]));
    expect(ids(five).filter((id) => id.endsWith("_has"))).toEqual(["npa_1_has", "npa_2_has", "npa_3_has", "npa_4_has", "npa_5_has"]);
  });

  it("asks who cancelled penalties and about offences only after a «yes»", () => {
    const shown = (answers: Answers) => visibleQuestions(def, answers).map((q) => q.id);
    expect(shown({ hr_penalties_cancelled_any: { code: "no" }, hr_offences_any: { code: "no" } })).not.toEqual(expect.arrayContaining(["hr_penalties_cancelled"]));
    expect(shown({ hr_penalties_cancelled_any: { code: "yes" }, hr_offences_any: { code: "yes" } })).toEqual(expect.arrayContaining(["hr_penalties_cancelled", "hr_penalties_cancelled_by", "hr_offences", "hr_offences_details"]));
  });
});

describe("buildInterviewTables", () => {
  it("lists the respondents by unit", () => {
    expect(tables.respondents.map((r) => r.unit)).toEqual(["Отдел государственных услуг", "Отдел контроля", "Центр поддержки семьи и детства"]);
    expect(tables.respondents[1]).toEqual({ unit: "Отдел контроля", fullName: "Иванов Пётр Сергеевич", position: null, submittedOn: "2026-03-04" });
  });

  it("public services: the two units that provide them, every number, and the sum", () => {
    const ps = tables.public_services;
    expect(ps.rows.map((r) => [r.unit, r.names])).toEqual([
      ["Отдел государственных услуг", "Выдача справок; постановка на учёт"],
      ["Отдел контроля", "Согласование проектов"],
    ]);
    expect(ps.indicators.map((i) => i.id)).toEqual(["ps_provided", "ps_via_gk", "ps_refused", "ps_late", "ps_complaints_employee", "ps_complaints_quality", "ps_complaints_terms", "ps_complaints_other", "ps_extra_documents"]);
    expect(ps.total).toMatchObject({ ps_provided: 1234, ps_via_gk: 800, ps_refused: 16, ps_late: 2, ps_complaints_employee: 1, ps_complaints_quality: 1, ps_complaints_terms: 2 });
    expect(ps.rows[0]!.notes.map((n) => [n.id, n.value])).toEqual([["ps_complaints_essence", "Нарушение сроков выдачи справок"]]);
    expect(tables.permits.rows).toEqual([]);
    expect(tables.permits.total.pm_issued).toBe(0);
    expect(tables.control.rows.map((r) => [r.unit, r.values.ct_total, r.values.ct_violations_found])).toEqual([["Отдел контроля", 12, 4]]);
  });

  it("personnel: seed 003's unit has 9 dismissed of 22 — «9 (40,9%)»; the organisation's turnover is from the sums", () => {
    const centre = tables.personnel.rows.find((r) => r.unit === "Центр поддержки семьи и детства")!;
    expect(centre.values).toMatchObject({ hr_staff_positions: 26.5, hr_headcount: 22, hr_vacancies: 0.5, hr_hired: 2, hr_rotation: 6 });
    expect(centre.dismissed).toBe(9);
    expect(formatTurnover(centre, "ru")).toBe("9 (40,9%)");
    expect(formatTurnover(centre, "kk")).toBe("9 (40,9%)");
    expect(formatFigure(centre.values.hr_staff_positions!, "ru")).toBe("26,5");
    const total = tables.personnel.total;
    expect(total.values).toMatchObject({ hr_staff_positions: 41.5, hr_headcount: 36, hr_vacancies: 1.5 });
    expect(total.dismissed).toBe(11);
    // 11 of 36 (30,6%), not the mean of 40,9%, 22,2% and 0% (21,0%).
    expect(formatTurnover(total, "ru")).toBe("11 (30,6%)");
    // The penalties, cancellations, offences and positions have tables of their own.
    expect(tables.personnel.indicators.map((i) => i.id)).not.toEqual(expect.arrayContaining(["hr_penalty_remark"]));
    expect(tables.personnel.indicators.map((i) => i.id)).not.toContain("hr_offences");
    expect(centre.notes.map((n) => n.id)).toEqual(["hr_discipline_facts"]);
  });

  it("a unit with no staff has no turnover share", () => {
    const t = buildInterviewTables(def, [{ unit: "Пустой", fullName: "А", position: null, submittedOn: "2026-03-02", answers: { hr_headcount: { number: 0 } } }]);
    expect(t.personnel.rows[0]!.turnover).toBeNull();
    expect(formatTurnover(t.personnel.rows[0]!, "ru")).toBe("0");
  });

  it("penalties by type per unit and in total", () => {
    expect(tables.penalties.rows.map((r) => [r.unit, r.total, r.byType])).toEqual([
      ["Отдел государственных услуг", 2, { remark: 0, reprimand: 1, severe_reprimand: 1, incompetence_warning: 0, dismissal: 0 }],
      ["Отдел контроля", 1, { remark: 0, reprimand: 0, severe_reprimand: 0, incompetence_warning: 1, dismissal: 0 }],
      ["Центр поддержки семьи и детства", 3, { remark: 3, reprimand: 0, severe_reprimand: 0, incompetence_warning: 0, dismissal: 0 }],
    ]);
    expect(tables.penalties.total).toEqual({ total: 6, byType: { remark: 3, reprimand: 1, severe_reprimand: 1, incompetence_warning: 1, dismissal: 0 } });
  });

  it("cancelled penalties and offences: the units that had any, with their words", () => {
    expect(tables.cancelled_penalties).toEqual({ rows: [{ unit: "Отдел государственных услуг", count: 1, text: "Приказом директора от 10.03.2026 по жалобе сотрудника: нарушен срок наложения" }], total: 1 });
    expect(tables.offences).toEqual({ rows: [{ unit: "Отдел государственных услуг", count: 1, text: "Административное правонарушение; объявлен выговор" }], total: 1 });
  });

  it("legal acts: one row per act, two from seed 003's unit", () => {
    expect(tables.legal_acts.rows.map((r) => [r.unit, r.name])).toEqual([
      ["Отдел контроля", "Правила проведения проверок подрядчиков"],
      ["Центр поддержки семьи и детства", SEED_ACT_1],
      ["Центр поддержки семьи и детства", SEED_ACT_2],
    ]);
    expect(tables.legal_acts.rows[1]).toMatchObject({ bylaws: "", issues: "", measures: "Поданы предложения в Комитет по охране прав детей" });
    expect(tables.legal_acts.rows[2]).toMatchObject({ issues: "Вид организации не указан в номенклатуре", unregulated: "" });
  });

  it("an interview of the template's first version: its acts in one text make one row", () => {
    const old = buildInterviewTables(def, [{ unit: "Бухгалтерия", fullName: "Б", position: null, submittedOn: "2025-03-02", answers: { npa_list: { text: "Закон о бухгалтерском учёте" }, npa_measures: { text: "Письмо в министерство" }, hr_penalties_cancelled: { number: 2 } } }]);
    expect(old.legal_acts.rows).toEqual([{ unit: "Бухгалтерия", name: "Закон о бухгалтерском учёте", bylaws: "", issues: "", unregulated: "", measures: "Письмо в министерство" }]);
    expect(old.cancelled_penalties.total).toBe(2);
  });

  it("the positions exposed to risks, by unit", () => {
    expect(tables.riskyPositions).toEqual([
      { unit: "Отдел государственных услуг", text: "Главный специалист по приёму документов" },
      { unit: "Центр поддержки семьи и детства", text: "Заместитель директора; юрист" },
    ]);
  });

  it("formats numbers the Russian and Kazakh way", () => {
    expect(formatFigure(1234, "ru")).toBe("1\u00a0234");
    expect(formatFigure(1234, "kk")).toBe("1\u00a0234");
    expect(formatPercent(0.409090909, "kk")).toBe("40,9%");
  });
});
