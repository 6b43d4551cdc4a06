import { describe, expect, it } from "vitest";
import { toWindows1251 } from "../../support/windows-1251.js";
import { KK_PLAN, RU_PLAN, toCsv, toXlsx } from "../../support/plan-fixtures.js";
import { MAX_PLAN_TEXT_LENGTH, parsePlanFile, parsePlanRows, splitResponsible, type PlanItemDraft } from "../../../src/domain/plan/import.js";
import { MAX_TABLE_BYTES } from "../../../src/domain/tables.js";

const ok = (result: ReturnType<typeof parsePlanRows>): PlanItemDraft[] => {
  if (!result.ok) throw new Error(`not ok: ${JSON.stringify(result)}`);
  return result.items;
};

// ---------------------------------------------------------------------------------------------

describe("plan import: a Russian plan laid out like seed 002", () => {
  const expected = (items: PlanItemDraft[]) => {
    expect(items.map((i) => [i.rowNumber, i.number])).toEqual([
      [9, "1.1.1"],
      [12, "8.1.1"],
      [13, "8.1.1"],
    ]);
    expect(items[0]).toEqual({
      rowNumber: 9,
      number: "1.1.1",
      section: "1. Служба управления персоналом (кадровая служба) › 1.1. Общая «скрытая» коррупционная услуга",
      risk: RU_PLAN[8]![1],
      measure: RU_PLAN[8]![2],
      completionForm: "Письменное письмо",
      // The comma inside the parentheses does not split the unit from its officers.
      responsible: ["Служба управления персоналом (кадровая служба) (Нурсейтова Б.К., Айтулова А.К.)"],
      deadline: { kind: "date", due: "2022-12-07" },
      deadlineText: "7 декабря 2022 года",
      expectedResult: null,
    });
    expect(items[1]).toMatchObject({
      section: "8. Отдел по мобилизационной подготовке › 8.1. Отсутствие информации относительно того или иного конкурса в течение дня",
      responsible: ["Отдел по мобилизационной подготовке (Сарсембаев Е.А.)"],
      deadline: { kind: "date", due: "2022-12-07" },
    });
    // The continuation row keeps the number and risk of 8.1.1.
    expect(items[2]).toMatchObject({
      number: "8.1.1",
      risk: RU_PLAN[11]![1],
      measure: "Информация об исполнении рекомендаций",
      responsible: ["Отдел по мобилизационной подготовке", "комплаенс-офицер"],
      deadline: { kind: "recurring", recurrence: { every: "quarter", day: 5, offsetMonths: 1 } },
    });
  };

  it("rows", () => {
    const result = parsePlanRows(RU_PLAN);
    expected(ok(result));
    // «за 2021-2022 годы», «2022г.»: two years in the title, so none is assumed.
    expect(result.ok && result.year).toBeNull();
  });

  it("CSV", async () => {
    expected(ok(await parsePlanFile(toCsv(RU_PLAN, { quoteAll: true }), "план.csv")));
  });

  it("CSV saved by Russian Excel (Windows-1251, no BOM)", async () => {
    const utf8 = toCsv(RU_PLAN, { quoteAll: true }).subarray(3);
    const cp1251 = toWindows1251(utf8.toString("utf8"));
    expect(cp1251.length).toBeLessThan(utf8.length);
    expected(ok(await parsePlanFile(cp1251, "план.csv")));
  });

  it("XLSX with merged cells", async () => {
    expected(ok(await parsePlanFile(await toXlsx(RU_PLAN), "план.xlsx")));
  });
});

describe("plan import: a Kazakh plan laid out like seed 004", () => {
  const expected = (items: PlanItemDraft[]) => {
    // All 17 items of seed 004, continuation rows as items of their own.
    expect(items.map((i) => [i.rowNumber, i.number, i.deadline.kind])).toEqual([
      [9, "1", "date"], [10, "1", "range"], [11, "1", "date"],
      [12, "2", "date"],
      [13, "3", "event"],
      [15, "4", "range"], [16, "4", "range"],
      [17, "5", "recurring"], [18, "5", "event"], [19, "5", "event"],
      [21, "6", "range"], [22, "6", "date"], [23, "6", "date"], [24, "6", "date"],
      [25, "7", "range"], [26, "7", "date"],
      [27, "8", "range"], [28, "8", "date"], [29, "8", "date"], [30, "8", "date"],
      [31, "9", "range"], [32, "9", "date"], [33, "9", "date"], [34, "9", "date"],
      [35, "10", "event"],
      [37, "11", "date"], [38, "11", "date"],
      [39, "12", "event"], [40, "12", "recurring"], [41, "12", "range"],
      [43, "13", "event"],
      [44, "14", "event"],
      [46, "15", "event"],
      [47, "16", "recurring"],
      [48, "17", "event"],
    ]);
    const [first, second, third] = items as [PlanItemDraft, PlanItemDraft, PlanItemDraft];
    expect(first).toEqual({
      rowNumber: 9,
      number: "1",
      section: "1. Осуществление анализа коррупционных рисков",
      risk: "Сыбайлас жемқорлық тәуекелдеріне жыл сайынғы ішкі талдау жүргізу",
      measure: "Жұмыс тобын құру",
      completionForm: null,
      responsible: ["ОҚП"],
      deadline: { kind: "date", due: "2022-04-16" },
      deadlineText: "2022 жылғы 16 сәуірге дейін",
      expectedResult: "Сыбайлас жемқорлық тәуекелдерін анықтау",
    });
    // Continuation rows: their own measure, deadline and responsible; the risk of item 1.
    expect(second).toMatchObject({ number: "1", risk: first.risk, measure: "Ішкі талдау жүргізу", deadline: { kind: "range", from: "2022-04-15", due: "2022-05-31" }, responsible: ["Жұмыс тобы"], section: first.section });
    expect(third).toMatchObject({ number: "1", deadline: { kind: "date", due: "2022-06-10" }, responsible: ["жұмыс тобының жетекшісі"] });
    const byRow = new Map(items.map((i) => [i.rowNumber, i]));
    expect(byRow.get(13)).toMatchObject({ responsible: ["комплаенс-офицер", "комиссия немесе жауапты орындаушы"], deadline: { kind: "event", text: "түсуіне қарай" } });
    expect(byRow.get(15)).toMatchObject({ section: "2. Мониторинг", deadline: { kind: "range", from: "2022-09-01", due: "2022-10-31" }, deadlineText: "қыркүйек-қазан 2022 жылғы" });
    expect(byRow.get(16)).toMatchObject({ responsible: ["«СERT International» s.r.o."], deadline: { kind: "range", from: "2022-11-01", due: "2022-11-30" } });
    expect(byRow.get(17)!.deadline).toEqual({ kind: "recurring", recurrence: { every: "quarter", day: 5, offsetMonths: 1 } });
    expect(byRow.get(35)).toMatchObject({ section: "3. Әдіснамасы", responsible: ["ОҚП", "ЖБД", "ДжЫД"], deadline: { kind: "event", text: "тұрақты" }, expectedResult: "Сыбайлас жемқорлық тәуекелдерінің алдын алу" });
    expect(byRow.get(39)).toMatchObject({ section: "4. Оқыту", responsible: ["комплаенс- офицер"] });
    expect(byRow.get(40)).toMatchObject({ responsible: ["комплаенс-офицер", "сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің өкілі"], deadline: { kind: "recurring", recurrence: { every: "month", day: 31, offsetMonths: 0 } } });
    // «4 тоқсан» takes the year of the plan's title («2022 жылға арналған … жоспары»).
    expect(byRow.get(41)!.deadline).toEqual({ kind: "range", from: "2022-10-01", due: "2022-12-31" });
    expect(byRow.get(47)).toMatchObject({
      section: "6. Есептілік",
      deadline: { kind: "recurring", recurrence: { every: "quarter", day: 25, offsetMonths: 1, periods: [1, 2, 3] }, also: [{ every: "year", day: 25, month: 2, reportsPreviousYear: true }] },
    });
  };

  it("rows", () => {
    const result = parsePlanRows(KK_PLAN);
    expected(ok(result));
    expect(result.ok && result.year).toBe(2022);
  });

  it("CSV", async () => {
    expected(ok(await parsePlanFile(toCsv(KK_PLAN, { quoteAll: true }), "жоспар.csv", "text/csv")));
  });

  it("XLSX with merged cells", async () => {
    expected(ok(await parsePlanFile(await toXlsx(KK_PLAN), "жоспар.xlsx")));
  });

  it("CSV saved with `;` and with `,`, quoted only where needed, read exactly as the XLSX", async () => {
    const xlsx = ok(await parsePlanFile(await toXlsx(KK_PLAN), "жоспар.xlsx"));
    for (const separator of [";", ","] as const) {
      const csv = ok(await parsePlanFile(toCsv(KK_PLAN, { separator }), "жоспар.csv"));
      expected(csv);
      expect(csv).toEqual(xlsx);
    }
  });

  it("an explicit year overrides the title's", () => {
    const items = ok(parsePlanRows(KK_PLAN, { year: 2023 }));
    expect(items.find((i) => i.rowNumber === 41)!.deadline).toEqual({ kind: "range", from: "2023-10-01", due: "2023-12-31" });
    // Written years are kept.
    expect(items[0]!.deadline).toEqual({ kind: "date", due: "2022-04-16" });
  });
});

describe("plan import: bad rows", () => {
  const header = ["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"];

  it("reports every bad row with its number and reason, and returns no items", () => {
    const result = parsePlanRows([
      ["План мероприятий на 2022 год"],
      header,
      ["1.", "Риск 1", "Мера 1", "Приказ", "Отдел кадров", "7 декабря 2022 года"],
      ["2.", "Риск 2", "", "Приказ", "Отдел кадров", "7 декабря 2022 года"],
      ["3.", "Риск 3", "Мера 3", "Приказ", "", ""],
      ["4.", "Риск 4", "Мера 4", "Письмо", "Юрист", "31.02.2022"],
      ["", "", "Мера 4.2", "Письмо", "Юрист", "Письменное письмо"],
      ["5.", "", "Мера 5", "", "Юрист", "до 7 декабря"],
      ["6.", "Риск 6", "М".repeat(MAX_PLAN_TEXT_LENGTH + 1), "", "Юрист", "постоянно"],
      ["2. Раздел", "", "", "", "", ""],
      ["", "", "Мера без пункта", "", "Юрист", "постоянно"],
      ["7.", "Риск 7", "Мера 7", "", "Юрист", "ежеквартально к 5 числу"],
    ]);
    expect(result).toEqual({
      ok: false,
      validRows: 2,
      issues: [
        { rowNumber: 4, code: "missing_measure" },
        { rowNumber: 5, code: "missing_responsible" },
        { rowNumber: 5, code: "missing_deadline" },
        { rowNumber: 6, code: "bad_deadline", value: "31.02.2022", reason: "invalid_date", detail: "31.02.2022" },
        { rowNumber: 7, code: "bad_deadline", value: "Письменное письмо", reason: "unrecognized" },
        { rowNumber: 8, code: "missing_risk" },
        { rowNumber: 9, code: "too_long", field: "measure", value: `${"М".repeat(60)}…`, max: MAX_PLAN_TEXT_LENGTH },
        { rowNumber: 11, code: "missing_number" },
      ],
    });
  });

  it("a date without a year is refused when the plan names no single year", () => {
    const result = parsePlanRows([header, ["1.", "Риск", "Мера", "", "Юрист", "до 7 декабря"]]);
    expect(result).toEqual({ ok: false, validRows: 0, issues: [{ rowNumber: 2, code: "bad_deadline", value: "до 7 декабря", reason: "no_year", detail: "7 декабря" }] });
    expect(ok(parsePlanRows([header, ["1.", "Риск", "Мера", "", "Юрист", "до 7 декабря"]], { year: 2022 }))[0]!.deadline).toEqual({ kind: "date", due: "2022-12-07" });
  });

  it("one bad row in a long plan rejects the whole file", () => {
    const rows = [header, ...Array.from({ length: 200 }, (_, i) => [`${i + 1}.`, `Риск ${i + 1}`, `Мера ${i + 1}`, "", "Юрист", i === 150 ? "30.02.2022" : "7 декабря 2022 года"])];
    const result = parsePlanRows(rows);
    expect(result).toMatchObject({ ok: false, validRows: 199, issues: [{ rowNumber: 152, code: "bad_deadline", reason: "invalid_date" }] });
    expect("items" in result).toBe(false);
  });

  it("a responsible name that is too long", () => {
    const result = parsePlanRows([header, ["1.", "Риск", "Мера", "", `Юрист, ${"Ю".repeat(301)}`, "постоянно"]]);
    expect(result).toMatchObject({ ok: false, issues: [{ rowNumber: 2, code: "too_long", field: "responsible", max: 300 }] });
  });
});

describe("plan import: headers and file errors", () => {
  it("English headers in any order, without a № column: items are numbered in order", () => {
    const items = ok(
      parsePlanRows([
        ["Deadline", "Risk", "Measure", "Responsible", "Expected result"],
        ["07.12.2022", "Conflict of interest", "Declare interests", "HR; compliance officer", "Declarations"],
        ["ежемесячно", "Gifts", "Gift register", "Compliance", ""],
      ]),
    );
    expect(items.map((i) => [i.number, i.risk, i.responsible, i.deadline.kind, i.expectedResult])).toEqual([
      ["1", "Conflict of interest", ["HR", "compliance officer"], "date", "Declarations"],
      ["2", "Gifts", ["Compliance"], "recurring", null],
    ]);
  });

  it("header variants: «Наименование риска / Выявленные риски», «Срок исполнения (дд.мм.гггг)», a repeated header", () => {
    const items = ok(
      parsePlanRows([
        ["№", "Выявленные риски", "Мероприятие", "Ответственный исполнитель", "Срок исполнения (дд.мм.гггг)*", "Ожидаемый результат"],
        ["1", "Риск", "Мера", "Юрист", "01.07.2022", "Результат"],
        ["№", "Выявленные риски", "Мероприятие", "Ответственный исполнитель", "Срок исполнения (дд.мм.гггг)*", "Ожидаемый результат"],
        ["2", "Риск 2", "Мера 2", "Юрист", "не позднее 10 июня 2022 года", ""],
      ]),
    );
    expect(items.map((i) => [i.rowNumber, i.number, i.deadline])).toEqual([
      [2, "1", { kind: "date", due: "2022-07-01" }],
      [4, "2", { kind: "date", due: "2022-06-10" }],
    ]);
  });

  it("no header: names the missing required columns", () => {
    expect(parsePlanRows([["№", "Мероприятие", "Срок"], ["1", "Мера", "01.07.2022"]])).toEqual({ ok: false, fileError: { code: "no_header", missing: ["risk", "responsible"], found: ["№", "Мероприятие", "Срок"] } });
    expect(parsePlanRows([["ФИО", "Телефон"]])).toEqual({ ok: false, fileError: { code: "no_header", missing: ["risk", "measure", "responsible", "deadline"], found: ["ФИО", "Телефон"] } });
    // The header is looked for in the first 15 rows only.
    const late = [...Array.from({ length: 15 }, () => ["титул"]), ["Риск", "Мероприятие", "Ответственные", "Срок"], ["Р", "М", "О", "01.07.2022"]];
    expect(parsePlanRows(late)).toMatchObject({ ok: false, fileError: { code: "no_header" } });
    expect(ok(parsePlanRows(late.slice(1)))).toHaveLength(1);
  });

  it("no rows: headers and sections only", () => {
    expect(parsePlanRows([["р/б№", "Жоспар", "Іс-шараның атауы", "Орындау мерзімі", "Жауапты қызметкер"], ["1. Мониторинг"], ["", "", "", "", ""]])).toEqual({ ok: false, fileError: { code: "no_rows" } });
  });

  it("file errors from the table reader", async () => {
    expect(await parsePlanFile(Buffer.from("x"), "plan.docx")).toEqual({ ok: false, fileError: { code: "unsupported_format" } });
    expect(await parsePlanFile(Buffer.from(";;\n;;\n"), "plan.csv")).toEqual({ ok: false, fileError: { code: "empty" } });
    expect(await parsePlanFile(Buffer.alloc(MAX_TABLE_BYTES + 1), "plan.csv")).toEqual({ ok: false, fileError: { code: "too_large" } });
    expect(await parsePlanFile(Buffer.from("not a zip"), "plan.xlsx")).toMatchObject({ ok: false, fileError: { code: "unreadable" } });
  });
});

describe("splitResponsible", () => {
  it.each<[string, string[]]>([
    ["ОҚП, ЖБД, ДжЫД", ["ОҚП", "ЖБД", "ДжЫД"]],
    ["комплаенс-офицер / баспасөз хатшысы", ["комплаенс-офицер", "баспасөз хатшысы"]],
    ["Корпоративтік хатшы / комплаенс-офицер", ["Корпоративтік хатшы", "комплаенс-офицер"]],
    ["Отдел кадров;\nюрист\n- бухгалтер", ["Отдел кадров", "юрист", "бухгалтер"]],
    ["Служба управления персоналом (кадровая служба) (Нурсейтова Б.К., Айтулова А.К.)", ["Служба управления персоналом (кадровая служба) (Нурсейтова Б.К., Айтулова А.К.)"]],
    ["Қызметкерлердің 20% (оның ішінде комплаенс-офицер)", ["Қызметкерлердің 20% (оның ішінде комплаенс-офицер)"]],
    ["ТОО «Аудит, консалтинг»", ["ТОО «Аудит, консалтинг»"]],
    ["юрист, Юрист, ,", ["юрист"]],
    ["  ", []],
  ])("%j", (text, expected) => {
    expect(splitResponsible(text)).toEqual(expected);
  });
});
