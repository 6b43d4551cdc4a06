import { describe, expect, it } from "vitest";
import { parseDefinitionFile } from "../../../src/domain/surveys/definition.js";

const base = `
id: s
title: { kk: Сауалнама, ru: Опрос }
sections:
  - id: a
    title: { kk: Бөлім, ru: Раздел }
    questions:
`;

describe("survey definitions", () => {
  it("parses YAML and JSON and fills defaults", () => {
    const yaml = parseDefinitionFile(base + `      - { id: q, type: yesno, text: { kk: Иә ма?, ru: Да? } }\n`, "s.yaml");
    expect(yaml.ok && yaml.definition.mode).toBe("anonymous");
    expect(yaml.ok && yaml.definition.sections[0]!.questions[0]).toMatchObject({ optional: false, group: false });
    const json = parseDefinitionFile(JSON.stringify({ id: "s", title: { kk: "С", ru: "О" }, sections: [{ id: "a", title: { kk: "Б", ru: "Р" }, questions: [{ id: "n", type: "number", text: { kk: "Сан", ru: "Число" } }] }] }), "s.json");
    expect(json.ok).toBe(true);
  });

  it("names the exact path of a missing translation", () => {
    const r = parseDefinitionFile(base + `      - { id: q, type: yesno, text: { ru: Да? } }\n`, "s.yaml");
    expect(r).toEqual({ ok: false, issues: [{ path: "sections[0].questions[0].text.kk", code: "missing_translation" }] });
  });

  it("reports structural mistakes with their paths", () => {
    const r = parseDefinitionFile(
      base +
        `      - { id: q, type: single, text: { kk: А, ru: А }, options: [ { code: a, label: { kk: a, ru: a } } ] }
      - { id: Bad Id, type: yesno, text: { kk: Б, ru: Б } }
      - { id: z, type: poll, text: { kk: В, ru: В } }
      - { id: w, type: yesno, text: { kk: Г, ru: Г }, colour: red }
`,
      "s.yaml",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: "sections[0].questions[0].options", code: "too_few_options" },
        { path: "sections[0].questions[1].id", code: "bad_code" },
        { path: "sections[0].questions[2].type", code: "bad_question_type" },
        expect.objectContaining({ path: "sections[0].questions[3]", code: "unknown_field", params: { fields: "colour" } }),
      ]),
    );
  });

  it("checks rules across fields: ids, scale labels, show-if", () => {
    const r = parseDefinitionFile(
      base +
        `      - { id: q, type: yesno, text: { kk: А, ru: А } }
      - { id: q, type: yesno, text: { kk: А, ru: А } }
      - { id: s, type: scale, min: 1, max: 3, text: { kk: Б, ru: Б }, labels: { "1": { kk: a, ru: a }, "3": { kk: c, ru: c }, "7": { kk: x, ru: x } } }
      - { id: f, type: text, text: { kk: В, ru: В }, showIf: { question: later, equals: yes } }
      - { id: g, type: text, text: { kk: Г, ru: Г }, showIf: { question: q, equals: maybe } }
      - { id: h, type: text, text: { kk: Д, ru: Д }, showIf: { question: f, equals: yes } }
      - { id: later, type: yesno, text: { kk: Е, ru: Е } }
`,
      "s.yaml",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      "sections[0].questions[1].id duplicate_id",
      "sections[0].questions[2].labels.2 missing_scale_label",
      "sections[0].questions[2].labels.7 label_out_of_range",
      "sections[0].questions[3].showIf.question show_if_unknown",
      "sections[0].questions[4].showIf.equals show_if_unknown_code",
      "sections[0].questions[5].showIf.question show_if_not_choice",
    ]);
  });

  it("tells a wrong type from a missing field, and names extra language keys", () => {
    const r = parseDefinitionFile(base + `      - { id: q, type: number, integer: "yes", text: { kk: А, ru: А, en: A } }\n      - { id: w, type: yesno, text: Просто строка }\n      - { id: z, type: yesno }\n`, "s.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual(
      expect.arrayContaining([
        { path: "sections[0].questions[0].integer", code: "wrong_type", params: { expected: "boolean" } },
        { path: "sections[0].questions[0].text", code: "unknown_field", params: { fields: "en" } },
        { path: "sections[0].questions[1].text", code: "wrong_type", params: { expected: "object" } },
        { path: "sections[0].questions[2].text", code: "required" },
      ]),
    );
  });

  it("refuses 'other' on a grouping question", () => {
    const r = parseDefinitionFile(base + `      - { id: g, type: single, group: true, other: true, text: { kk: А, ru: А }, options: [ { code: a, label: { kk: a, ru: a } }, { code: b, label: { kk: b, ru: b } } ] }\n`, "s.yaml");
    expect(r).toEqual({ ok: false, issues: [{ path: "sections[0].questions[0].other", code: "group_with_other" }] });
  });

  it("explains unreadable and oversized files", () => {
    expect(parseDefinitionFile("id: [unclosed", "s.yaml")).toMatchObject({ ok: false, issues: [{ path: "(file)", code: "syntax_error" }] });
    expect(parseDefinitionFile("{ not json", "s.json")).toMatchObject({ ok: false, issues: [{ code: "syntax_error" }] });
    expect(parseDefinitionFile("x".repeat(600 * 1024), "s.yaml")).toMatchObject({ ok: false, issues: [{ code: "file_too_large" }] });
  });
});

describe("definition complexity", () => {
  const option = (i: number) => ({ code: `o${i}`, label: { kk: `Нұсқа ${i}`, ru: `Вариант ${i}` } });
  const grouping = (id: string, options: number) => ({ id, type: "single", group: true, text: { kk: id, ru: id }, options: Array.from({ length: options }, (_, i) => option(i)) });
  const definition = (questions: object[]) => JSON.stringify({ id: "heavy", title: { kk: "Ауыр", ru: "Тяжёлая" }, mode: "anonymous", sections: [{ id: "s", title: { kk: "Б", ru: "Р" }, questions }] });
  const plain = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `q${i}`, type: "yesno", text: { kk: `С${i}`, ru: `В${i}` } }));

  it("refuses the definition that held the launch for minutes: twelve grouping questions of 30 options", () => {
    const result = parseDefinitionFile(definition([...Array.from({ length: 12 }, (_, i) => grouping(`g${i}`, 30)), ...plain(10)]), "heavy.json");
    expect(result).toMatchObject({ ok: false, issues: [{ path: "sections", code: "too_many_groupings", params: { count: 12, maximum: 6 } }] });
  });

  it("refuses grouping that multiplies the counters of every answer past the limit, and says how many", () => {
    const result = parseDefinitionFile(definition([...Array.from({ length: 6 }, (_, i) => grouping(`g${i}`, 30)), ...plain(280)]), "heavy.json");
    expect(result).toMatchObject({ ok: false, issues: [{ code: "too_complex", params: { groups: 180, maximum: 100_000 } }] });
  });

  it("takes a questionnaire the size of the seeds' with a few breakdowns", () => {
    const result = parseDefinitionFile(definition([grouping("unit", 12), grouping("position", 5), grouping("tenure", 4), ...plain(80)]), "normal.json");
    expect(result.ok).toBe(true);
  });
});
