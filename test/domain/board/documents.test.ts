import { beforeAll, describe, expect, it } from "vitest";
import { renderBoardDocx } from "../../../src/domain/board/docx.js";
import type { BoardReportData } from "../../../src/domain/board/report.js";
import { renderBoardXlsx } from "../../../src/domain/board/xlsx.js";
import type { Lang } from "../../../src/domain/lang.js";
import { createI18n, type TFunction } from "../../../src/i18n.js";
import type { Translate } from "../../../src/i18n-resources.js";
import { docxText, rowOf, xlsxRows } from "../../support/board-documents.js";

let t: Record<Lang, Translate>;
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as TFunction as Translate, ru: i18n.t("ru") as TFunction as Translate };
});

export function sampleData(over: Partial<BoardReportData> = {}): BoardReportData {
  return {
    periodKey: "2026-Q3",
    period: { kind: "quarter", year: 2026, quarter: 3 },
    from: "2026-07-01",
    to: "2026-09-30",
    asOf: "2026-10-12",
    dueOn: "2026-10-23",
    plan: {
      totals: { on_time: 3, extended: 1, late: 1, not_done: 2, pending: 0, total: 7 },
      rate: 4 / 7,
      overdue: [
        { number: "5", measure: "Проверка аффилированности поставщиков", responsible: ["Ахметов Ерлан Серикович"], dueOn: "2026-08-14" },
        { number: "9", measure: "Обучение по антикоррупционному законодательству", responsible: [], dueOn: "2026-09-25" },
      ],
    },
    campaigns: [
      {
        title: { kk: "Сыбайлас жемқорлық тәуекелдері", ru: "Коррупционные риски" },
        mode: "anonymous",
        opensOn: "2026-07-06",
        closesOn: "2026-07-17",
        invited: 12,
        completed: 9,
        rate: 0.75,
        questions: [
          { text: { kk: "Сыйлық ұсынылды ма?", ru: "Вам предлагали подарки?" }, shown: true, answered: 9, leading: { label: { kk: "Жоқ", ru: "Нет" }, share: 7 / 9 } },
          { text: { kk: "Қай бөлімшеде жұмыс істейсіз?", ru: "В каком подразделении вы работаете?" }, shown: false, answered: 0, leading: null },
        ],
      },
    ],
    k: 5,
    reports: {
      received: 2,
      byStatus: { received: 0, review: 1, checking: 0, decided: 1 },
      byOutcome: { substantiated: 1, unsubstantiated: 0, referred: 0, no_action: 0 },
      open: 1,
      openOverdue: 0,
      organisationTotal: 3,
    },
    ...over,
  };
}

describe("the board report's DOCX", () => {
  it("gives the title, the plan's totals and overdue items, the surveys and the report counts in Russian", async () => {
    const text = docxText(await renderBoardDocx(sampleData(), "ru", t.ru, null));
    expect(text).toContain("ПРОЕКТ");
    expect(text).toContain("Совету директоров");
    expect(text).toContain("Отчёт о деятельности комплаенс-службы по противодействию коррупции за III квартал 2026 года");
    expect(text).toContain("Отчётный период: 01.07.2026 – 30.09.2026. Данные на 12.10.2026. Срок представления — 23.10.2026.");
    expect(text).toContain("приходящиеся на отчётный период, — 7; из них наступили — 7; исполнено в срок (в том числе в продлённый срок) — 4, это 57,1% от наступивших");
    expect(text).toMatch(/Исполнено в срок\n3\n/);
    expect(text).toMatch(/Не исполнено\n2\n/);
    expect(text).toMatch(/Итого\n7\n/);
    expect(text).toMatch(/5\nПроверка аффилированности поставщиков\nАхметов Ерлан Серикович\n14\.08\.2026/);
    expect(text).toContain("«Коррупционные риски» (анонимный опрос, 06.07.2026 – 17.07.2026)\nПриглашено — 12; ответили — 9; доля ответивших — 75%.");
    expect(text).toMatch(/Вам предлагали подарки\?\n9\nНет\n77,8%/);
    expect(text).toMatch(/В каком подразделении вы работаете\?\n—\nне показывается: ответивших меньше порога анонимности \(5\)/);
    expect(text).toContain("Поступило сообщений о коррупции, рассматриваемых комплаенс-службой, — 2.");
    expect(text).toMatch(/— Факты подтвердились\n1\n/);
    expect(text).toContain("Всего по организации за отчётный период поступило сообщений о коррупции — 3");
    expect(text).toContain("минуя комплаенс-службу");
    expect(text).toContain("Проект, не утверждён.");
  });

  it("gives the same figures in Kazakh, and the approval once approved", async () => {
    const text = docxText(await renderBoardDocx(sampleData(), "kk", t.kk, { by: "Иванова Анна", on: "2026-10-20" }));
    expect(text).not.toContain("ЖОБА");
    expect(text).toContain("Директорлар кеңесіне");
    expect(text).toContain("2026 жылғы III тоқсандағы сыбайлас жемқорлыққа қарсы қызмет туралы есеп");
    expect(text).toContain("мерзімі келгені — 7; мерзімінде (ұзартылған мерзімді қоса алғанда) орындалғаны — 4");
    expect(text).toMatch(/Орындалмады\n2\n/);
    expect(text).toContain("«Сыбайлас жемқорлық тәуекелдері» — анонимді сауалнама, 06.07.2026 – 17.07.2026\nШақырылғаны — 12; жауап бергені — 9; жауап бергендер үлесі — 75%.");
    expect(text).toMatch(/Сыйлық ұсынылды ма\?\n9\nЖоқ\n77,8%/);
    expect(text).toContain("көрсетілмейді");
    expect(text).toContain("хабарламалар саны — 2.");
    expect(text).toContain("жалпы саны — 3");
    expect(text).toContain("Бекітілген күні — 20.10.2026, бекіткен: Иванова Анна");
  });

  it("says why the organisation's total is left out while the period runs, and what an empty period holds", async () => {
    const data = sampleData({
      reports: { ...sampleData().reports, organisationTotal: null },
      campaigns: [],
      plan: { totals: { on_time: 0, extended: 0, late: 0, not_done: 0, pending: 0, total: 0 }, rate: null, overdue: [] },
    });
    const text = docxText(await renderBoardDocx(data, "ru", t.ru, null));
    expect(text).toContain("Общее число сообщений по организации не приводится: отчётный период ещё не завершён");
    expect(text).not.toContain("Всего по организации");
    expect(text).toContain("сроки исполнения пунктов плана мероприятий не приходятся");
    expect(text).toContain("опросы сотрудников не проводились");
  });
});

describe("the board report's XLSX", () => {
  it("holds the figures as numbers on three sheets, in both languages", async () => {
    for (const lang of ["ru", "kk"] as const) {
      const sheets = await xlsxRows(await renderBoardXlsx(sampleData(), lang, t[lang], null));
      expect([...sheets.keys()]).toEqual([t[lang]("board.doc.sheetPlan"), t[lang]("board.doc.sheetSurveys"), t[lang]("board.doc.sheetReports")]);
      const plan = sheets.get(t[lang]("board.doc.sheetPlan"));
      expect(rowOf(plan, t[lang]("planExecution.totals.on_time"))?.[2]).toBe(3);
      expect(rowOf(plan, t[lang]("planExecution.totals.not_done"))?.[2]).toBe(2);
      expect(rowOf(plan, t[lang]("board.doc.total"))?.[2]).toBe(7);
      expect(rowOf(plan, "5")?.slice(1)).toEqual(["Проверка аффилированности поставщиков", "Ахметов Ерлан Серикович", "14.08.2026"]);
      const surveys = sheets.get(t[lang]("board.doc.sheetSurveys"));
      const title = lang === "kk" ? "Сыбайлас жемқорлық тәуекелдері" : "Коррупционные риски";
      expect(rowOf(surveys, title)?.slice(2)).toEqual([12, 9, 0.75]);
      const q = rowOf(surveys, lang === "kk" ? "Сыйлық ұсынылды ма?" : "Вам предлагали подарки?");
      expect(q?.slice(1)).toEqual([lang === "kk" ? "Жоқ" : "Нет", 9, 7 / 9]);
      const hidden = rowOf(surveys, lang === "kk" ? "Қай бөлімшеде жұмыс істейсіз?" : "В каком подразделении вы работаете?");
      expect(hidden?.[1]).toBe(t[lang]("board.doc.suppressed", { k: 5 }));
      const reports = sheets.get(t[lang]("board.doc.sheetReports"));
      expect(rowOf(reports, t[lang]("board.doc.rowReceived"))?.[1]).toBe(2);
      expect(rowOf(reports, t[lang]("board.doc.statusRow", { status: t[lang]("reportTerms.status.decided") }))?.[1]).toBe(1);
      expect(reports?.some((r) => r[0] === t[lang]("board.doc.reportsOrganisation", { n: 3 }))).toBe(true);
    }
  });
});
