// `adal plan import` run in-process through a commander program, with the real locale files.
import { runCommands } from "../support/commander.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planFileErrorText, planIssueText, registerPlanCommands } from "../../src/cli/plan.js";
import { PLAN_FIELDS, type PlanIssue } from "../../src/domain/plan/import.js";
import { createI18n } from "../../src/i18n.js";

const dir = mkdtempSync(join(tmpdir(), "adal-plan-"));
const i18n = await createI18n();
const texts = { kk: i18n.t("kk"), ru: i18n.t("ru") };

function file(name: string, rows: string[][]): string {
  const path = join(dir, name);
  writeFileSync(path, "\uFEFF" + rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(";")).join("\r\n"));
  return path;
}

async function run(args: string[], importer?: Parameters<typeof registerPlanCommands>[2]) {
  return runCommands((program) => registerPlanCommands(program, async () => texts, importer), args);
}

const RU_HEADER = ["№ п/п", "Наименование риска", "Мероприятие", "Форма завершения", "Ответственные исполнители", "Срок исполнения"];
const KK_HEADER = ["р/б№", "Жоспар", "Іс-шараның атауы", "Орындау мерзімі", "Жауапты қызметкер", "Күтілетін нәтиже"];

const good = file("good.csv", [
  ["2022 жылға арналған іс-шаралар жоспары"],
  KK_HEADER,
  ["1. Осуществление анализа коррупционных рисков"],
  ["1.", "Ішкі талдау", "Жұмыс тобын құру", "2022 жылғы 16 сәуірге дейін", "ОҚП", "Тәуекелдерді анықтау"],
  ["", "", "Ішкі талдау жүргізу", "2022 жылғы 15 сәуірден 31 мамырға дейін", "Жұмыс тобы", ""],
  ["2.", "Мониторинг", "Ұсынымдардың орындалуын бақылау", "тоқсан сайын есепті кезеңнен кейінгі айдың 5-күніне дейін", "комплаенс-офицер / ОҚП", ""],
  ["", "", "Сабақтар", "4 тоқсан", "комплаенс-офицер", ""],
]);

const bad = file("bad.csv", [
  RU_HEADER,
  ["1.", "Риск", "Мера", "Приказ", "Отдел кадров", "7 декабря 2022 года"],
  ["2.", "Риск 2", "", "Приказ", "Отдел кадров", "31.02.2022"],
  ["3.", "Риск 3", "Мера 3", "", "", "до 7 декабря"],
]);

describe("adal plan import", () => {
  it("--dry-run prints the items as JSON and a summary", async () => {
    const r = await run(["plan", "import", good, "--dry-run"]);
    expect(r.exitCode).toBe(0);
    const items = JSON.parse(r.out);
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      rowNumber: 4,
      number: "1",
      section: "1. Осуществление анализа коррупционных рисков",
      risk: "Ішкі талдау",
      measure: "Жұмыс тобын құру",
      completionForm: null,
      responsible: ["ОҚП"],
      deadline: { kind: "date", due: "2022-04-16" },
      deadlineText: "2022 жылғы 16 сәуірге дейін",
      expectedResult: "Тәуекелдерді анықтау",
    });
    expect(items[1]).toMatchObject({ number: "1", risk: "Ішкі талдау", deadline: { kind: "range", from: "2022-04-15", due: "2022-05-31" } });
    expect(items[2]).toMatchObject({ responsible: ["комплаенс-офицер", "ОҚП"], deadline: { kind: "recurring", recurrence: { every: "quarter", day: 5, offsetMonths: 1 } } });
    expect(items[3].deadline).toEqual({ kind: "range", from: "2022-10-01", due: "2022-12-31" });
    expect(r.err).toBe(`${good}: План проверен: мероприятий — 4.\n`);
    expect((await run(["plan", "import", good, "--dry-run", "--lang", "kk"])).err).toBe(`${good}: Жоспар тексерілді: іс-шаралар саны — 4.\n`);
  });

  it("--year sets the year of deadlines written without one", async () => {
    const r = await run(["plan", "import", good, "--dry-run", "--year", "2023"]);
    expect(JSON.parse(r.out)[3].deadline).toEqual({ kind: "range", from: "2023-10-01", due: "2023-12-31" });
  });

  it("bad rows: every row with its number and reason on stderr, exit code 1, nothing on stdout", async () => {
    const r = await run(["plan", "import", bad, "--dry-run"]);
    expect(r.exitCode).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([
      `${bad}: строка 3: не указано мероприятие [missing_measure]`,
      `${bad}: строка 3: срок «31.02.2022» — такой даты не существует (31.02.2022) [bad_deadline]`,
      `${bad}: строка 4: не указаны ответственные исполнители [missing_responsible]`,
      `${bad}: строка 4: срок «до 7 декабря» — не указан год (7 декабря); допишите год к дате [bad_deadline]`,
      `error: ${bad}: План не загружен: ошибок — 4. Исправьте их и проверьте файл снова.`,
    ]);
  });

  it("bad rows in Kazakh", async () => {
    const r = await run(["plan", "import", bad, "--dry-run", "--lang", "kk"]);
    expect(r.exitCode).toBe(1);
    expect(r.err).toContain("3-жол: іс-шара көрсетілмеген [missing_measure]");
    expect(r.err).toContain("3-жол: «31.02.2022» мерзімі — мұндай күн жоқ (31.02.2022) [bad_deadline]");
    expect(r.err).toContain("4-жол: жауапты орындаушылар көрсетілмеген [missing_responsible]");
    expect(r.err).toContain("Жоспар жүктелмеді: қателер саны — 4.");
  });

  it("file errors exit with code 2", async () => {
    const noHeader = file("no-header.csv", [["№", "Мероприятие", "Срок"], ["1", "Мера", "01.07.2022"]]);
    const r = await run(["plan", "import", noHeader, "--dry-run"]);
    expect(r).toEqual({
      out: "",
      err: `error: ${noHeader}: В первых 15 строках не найдена строка заголовков плана. Не хватает столбцов: Наименование риска, Ответственные исполнители. Больше всего на заголовки похожа строка: «№», «Мероприятие», «Срок». Назовите столбцы как в форме плана — как минимум «Наименование риска», «Мероприятие», «Ответственные исполнители», «Срок исполнения» — и загрузите файл ещё раз. Если названия выше искажены, сохраните файл как «CSV UTF-8» или XLSX.\n`,
      exitCode: 2,
    });
    const kk = await run(["plan", "import", noHeader, "--dry-run", "--lang", "kk"]);
    expect(kk.err).toContain("Мына бағандар жетіспейді: Тәуекелдің атауы, Жауапты орындаушылар.");
    const docx = join(dir, "plan.docx");
    writeFileSync(docx, "x");
    expect(await run(["plan", "import", docx, "--dry-run"])).toMatchObject({ exitCode: 2, err: `error: ${docx}: Нужен файл CSV или XLSX.\n` });
    const empty = file("empty.csv", [[""]]);
    expect(await run(["plan", "import", empty, "--dry-run"])).toMatchObject({ exitCode: 2, err: `error: ${empty}: Файл пустой.\n` });
    const sectionsOnly = file("sections.csv", [RU_HEADER, ["1.", "Служба управления персоналом"]]);
    expect(await run(["plan", "import", sectionsOnly, "--dry-run"])).toMatchObject({ exitCode: 2, err: `error: ${sectionsOnly}: В плане есть заголовки, но нет ни одного мероприятия.\n` });
    const missing = join(dir, "missing.csv");
    const r2 = await run(["plan", "import", missing, "--dry-run"]);
    expect(r2.exitCode).toBe(2);
    expect(r2.err).toMatch(/^error: .*missing\.csv: ENOENT/);
  });

  it("without --dry-run: stores through the importer (all rows at once), or refuses where there is none", async () => {
    expect(await run(["plan", "import", good])).toEqual({ out: "", err: "error: importing into the database is not available here; use --dry-run\n", exitCode: 2 });
    const received: number[] = [];
    const r = await run(["plan", "import", good], async (items) => {
      received.push(items.length);
      return { tasks: items.length };
    });
    expect(received).toEqual([4]);
    expect(JSON.parse(r.out)).toEqual({ tasks: 4 });
    // A file with bad rows never reaches the importer.
    await run(["plan", "import", bad], async () => {
      throw new Error("must not be called");
    });
  });

  it("refuses a bad --year or --lang", async () => {
    expect(await run(["plan", "import", good, "--dry-run", "--year", "22"])).toMatchObject({ exitCode: 2, err: expect.stringContaining("--year: invalid year") });
    expect((await run(["plan", "import", good, "--dry-run", "--lang", "en"])).exitCode).not.toBe(0);
  });
});

describe("plan texts", () => {
  it("every issue, deadline reason, file error and column has a text in kk and ru", () => {
    const issues: PlanIssue[] = [
      ...(["missing_number", "missing_risk", "missing_measure", "missing_deadline", "missing_responsible"] as const).map((code) => ({ rowNumber: 7, code })),
      ...(["empty", "invalid_date", "no_year", "ambiguous", "reversed_range", "unrecognized"] as const).map((reason) => ({ rowNumber: 7, code: "bad_deadline" as const, value: "X", reason, detail: "D" })),
      ...PLAN_FIELDS.map((field) => ({ rowNumber: 7, code: "too_long" as const, field, value: "V", max: 10 })),
    ];
    for (const t of [texts.kk, texts.ru]) {
      for (const issue of issues) {
        const text = planIssueText(t, issue);
        expect(text).toMatch(/7/);
        expect(text).not.toMatch(/plan\.|\{\{/);
      }
      for (const code of ["too_large", "unsupported_format", "unreadable", "too_many_rows", "empty", "no_rows"] as const) {
        expect(planFileErrorText(t, { code })).not.toMatch(/plan\.|\{\{/);
      }
      expect(planFileErrorText(t, { code: "no_header", missing: [...PLAN_FIELDS], found: ["ФИО"] })).not.toMatch(/plan\.|\{\{/);
      // What stood where the header was expected is named, and what to write there.
      expect(planFileErrorText(t, { code: "no_header", missing: ["risk"], found: ["ФИО", "Телефон"] })).toContain("«ФИО», «Телефон»");
      expect(planFileErrorText(t, { code: "no_header", missing: ["risk"], found: [] })).toContain(`«${t("plan.column.risk")}»`);
      expect(t("plan.checked", { count: 1 })).not.toMatch(/plan\./);
      expect(t("plan.rejected", { count: 1 })).not.toMatch(/plan\./);
    }
  });
});
