import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES } from "../../../src/domain/reports/case.js";
import { caseStats, mayMissPurged, organisationTotalShown, yearPeriod, type CaseStats, type StatsCase } from "../../../src/domain/reports/stats.js";
import { renderCaseStatsXlsx } from "../../../src/domain/reports/stats-xlsx.js";
import { createI18n, type TFunction } from "../../../src/i18n.js";

const YEAR = yearPeriod(2026);
const AS_OF = "2026-03-20";

/** A compliance case received on `receivedOn`, acknowledged and decided nowhere unless given. */
function c(receivedOn: string, over: Partial<StatsCase> = {}): StatsCase {
  return {
    audience: "compliance",
    category: "bribery",
    status: "received",
    outcome: null,
    receivedOn,
    ackDueOn: "2026-01-15",
    acknowledgedOn: null,
    decisionDueOn: "2026-02-01",
    extendedOn: null,
    decidedOn: null,
    ...over,
  };
}

const CASES: StatsCase[] = [
  // Acknowledged and decided on time.
  c("2026-01-10", { status: "decided", outcome: "substantiated", acknowledgedOn: "2026-01-12", decidedOn: "2026-01-30" }),
  // Both late.
  c("2026-01-11", { category: "gifts", status: "decided", outcome: "unsubstantiated", acknowledgedOn: "2026-01-20", decidedOn: "2026-02-10" }),
  // Decided after the first due day, within the extended one: on time.
  c("2026-01-12", { category: "gifts", status: "decided", outcome: "referred", acknowledgedOn: "2026-01-15", decisionDueOn: "2026-03-10", extendedOn: "2026-01-30", decidedOn: "2026-03-05" }),
  // Acknowledged on its due day, the decision is overdue.
  c("2026-02-20", { category: "conflict", status: "review", acknowledgedOn: "2026-02-25", ackDueOn: "2026-02-25", decisionDueOn: "2026-03-13" }),
  // Unacknowledged past its day; the decision is not due yet.
  c("2026-03-12", { category: "fraud", ackDueOn: "2026-03-17", decisionDueOn: "2026-04-02" }),
  // Due today: not late yet.
  c("2026-03-17", { category: "other", ackDueOn: AS_OF, decisionDueOn: "2026-04-07" }),
  // Acknowledged late, extended, the extended day not reached.
  c("2026-02-02", { category: "procurement", status: "checking", ackDueOn: "2026-02-05", acknowledgedOn: "2026-02-09", decisionDueOn: "2026-04-10", extendedOn: "2026-02-20" }),
  // Outside the period on both sides: not counted.
  c("2025-12-31", { status: "decided", outcome: "no_action", acknowledgedOn: "2026-01-05", decidedOn: "2026-01-20" }),
  c("2027-01-01", { category: "nepotism" }),
];

describe("caseStats", () => {
  const s = caseStats(CASES, YEAR, AS_OF);

  it("counts the cases received in the period by category, status and outcome, zeros included", () => {
    expect(s.period).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(s.asOf).toBe(AS_OF);
    expect(s.audience).toBe("compliance");
    expect(s.received).toBe(7);
    expect(s.byCategory).toEqual({ bribery: 1, abuse: 0, conflict: 1, gifts: 2, nepotism: 0, procurement: 1, hidden: 0, fraud: 1, other: 1 });
    expect(Object.keys(s.byCategory)).toEqual([...REPORT_CATEGORIES]);
    expect(s.byStatus).toEqual({ received: 2, review: 1, checking: 1, decided: 3 });
    expect(s.byOutcome).toEqual({ substantiated: 1, unsubstantiated: 1, referred: 1, no_action: 0 });
  });

  it("tells deadlines met, missed, missed and still open, and not yet due; the extended day counts", () => {
    expect(s.ack).toEqual({ onTime: 3, late: 2, overdue: 1, pending: 1 });
    expect(s.decision).toEqual({ onTime: 2, late: 1, overdue: 1, pending: 3 });
    expect(s.extended).toBe(2);
    // Each clock accounts for every case received.
    for (const clock of [s.ack, s.decision]) expect(clock.onTime + clock.late + clock.overdue + clock.pending).toBe(s.received);
  });

  it("counts open cases and those late on either clock now", () => {
    expect(s.open).toBe(4);
    expect(s.openOverdue).toBe(2);
    // A day later the case due today is late too.
    const later = caseStats(CASES, YEAR, "2026-03-21");
    expect(later.ack).toMatchObject({ overdue: 2, pending: 0 });
    expect(later.openOverdue).toBe(3);
  });

  it("includes both ends of the period and nothing beyond", () => {
    const edges = [c("2026-01-01"), c("2026-12-31"), c("2025-12-31"), c("2027-01-01")];
    expect(caseStats(edges, YEAR, "2027-02-01").received).toBe(2);
    expect(caseStats(edges, { from: "2025-12-31", to: "2025-12-31" }, "2027-02-01").received).toBe(1);
    expect(caseStats(edges, { from: "2026-01-02", to: "2026-12-30" }, "2027-02-01").received).toBe(0);
  });

  it("is all zeros without cases", () => {
    const none = caseStats([], YEAR, AS_OF);
    expect(none).toMatchObject({ audience: null, received: 0, extended: 0, open: 0, openOverdue: 0, purgedAfterDays: null });
    expect(Object.values(none.byCategory)).toEqual(REPORT_CATEGORIES.map(() => 0));
    expect(Object.keys(none.byStatus)).toEqual([...REPORT_STATUSES]);
    expect(Object.keys(none.byOutcome)).toEqual([...REPORT_OUTCOMES]);
    expect(none.ack).toEqual({ onTime: 0, late: 0, overdue: 0, pending: 0 });
    expect(none.decision).toEqual({ onTime: 0, late: 0, overdue: 0, pending: 0 });
  });

  it("refuses to mix the cases of compliance and of the observer", () => {
    expect(() => caseStats([c("2026-01-10"), c("2026-01-11", { audience: "observer" })], YEAR, AS_OF)).toThrow(/two audiences/);
    // Outside the period they are not counted, so not mixed either.
    expect(caseStats([c("2026-01-10"), c("2025-01-11", { audience: "observer" })], YEAR, AS_OF).received).toBe(1);
    expect(caseStats([c("2026-01-11", { audience: "observer" })], YEAR, AS_OF).audience).toBe("observer");
  });
});

describe("periods", () => {
  it("a calendar year", () => {
    expect(yearPeriod(2026)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("warns once closed cases of the period may be purged", () => {
    const policy = { retentionDays: 1095 };
    expect(mayMissPurged(yearPeriod(2026), "2026-12-31", policy)).toBe(false);
    // A case received and decided on 01.01.2026 is purgeable 1095 days later (2028 is a leap year).
    expect(mayMissPurged(yearPeriod(2026), "2028-12-30", policy)).toBe(false);
    expect(mayMissPurged(yearPeriod(2026), "2028-12-31", policy)).toBe(true);
  });
});

// ── XLSX ──

let t: Record<"kk" | "ru", TFunction>;

beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk"), ru: i18n.t("ru") };
});

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets;
}

/** The cells of the rows whose first cell is `label`, from column 1 (several tables share labels such as the total). */
function rowsOf(ws: ExcelJS.Worksheet, label: string): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) out.push([1, 2, 3].map((i) => row.getCell(i).value));
  });
  return out;
}

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out;
};

describe("renderCaseStatsXlsx", () => {
  const stats: CaseStats = { ...caseStats(CASES, YEAR, AS_OF), purgedAfterDays: null };

  it("one sheet with the title, period, audience and a table per block (ru)", async () => {
    const sheets = await readXlsx(await renderCaseStatsXlsx(stats, "ru", t.ru));
    expect(sheets.map((w) => w.name)).toEqual(["Статистика сообщений"]);
    const ws = sheets[0]!;
    expect(ws.getCell("A1").value).toBe("Статистика сообщений о коррупции за период 01.01.2026 – 31.12.2026");
    expect(rowsOf(ws, "Рассматривает")[0]!.slice(0, 2)).toEqual(["Рассматривает", "Комплаенс-служба"]);
    expect(rowsOf(ws, "Период")[0]!.slice(0, 2)).toEqual(["Период", "01.01.2026 – 31.12.2026"]);
    expect(rowsOf(ws, "Дата формирования")[0]!.slice(0, 2)).toEqual(["Дата формирования", "20.03.2026"]);
    expect(texts(ws).some((x) => x.includes("сведения об авторах сообщений в статистику не включаются"))).toBe(true);
    expect(texts(ws).some((x) => x.includes("могла быть уже удалена"))).toBe(false);

    expect(rowsOf(ws, "Поступило сообщений")).toEqual([["Поступило сообщений", 7, null]]);
    expect(rowsOf(ws, "Принято решений")).toEqual([["Принято решений", 3, null]]);
    expect(rowsOf(ws, "Продлевался срок принятия решения")).toEqual([["Продлевался срок принятия решения", 2, null]]);
    expect(rowsOf(ws, "Решение ещё не принято")).toEqual([["Решение ещё не принято", 4, null]]);
    expect(rowsOf(ws, "из них с нарушением срока")).toEqual([["из них с нарушением срока", 2, null]]);

    // Every category, zeros included, with its share of the cases received.
    expect(rowsOf(ws, "Подарки")).toEqual([["Подарки", 2, 2 / 7]]);
    expect(rowsOf(ws, "Мошенничество")).toEqual([["Мошенничество", 1, 1 / 7]]);
    expect(rowsOf(ws, "Другое")).toEqual([["Другое", 1, 1 / 7]]);
    expect(rowsOf(ws, "Конфликт интересов")).toEqual([["Конфликт интересов", 1, 1 / 7]]);
    expect(rowsOf(ws, "Злоупотребление должностными полномочиями")).toEqual([["Злоупотребление должностными полномочиями", 0, 0]]);
    expect(rowsOf(ws, "Получено")).toEqual([["Получено", 2, 2 / 7]]);
    expect(rowsOf(ws, "Принято решение")).toEqual([["Принято решение", 3, 3 / 7]]);
    // Outcomes share the decided cases.
    expect(rowsOf(ws, "Факты подтвердились")).toEqual([["Факты подтвердились", 1, 1 / 3]]);
    expect(rowsOf(ws, "Оснований для принятия мер нет")).toEqual([["Оснований для принятия мер нет", 0, 0]]);
    expect(rowsOf(ws, "Подтверждено в срок")).toEqual([["Подтверждено в срок", 3, 3 / 7]]);
    expect(rowsOf(ws, "Не подтверждено, срок истёк")).toEqual([["Не подтверждено, срок истёк", 1, 1 / 7]]);
    expect(rowsOf(ws, "Решение принято в срок")).toEqual([["Решение принято в срок", 2, 2 / 7]]);
    expect(rowsOf(ws, "Решение не принято, срок не истёк")).toEqual([["Решение не принято, срок не истёк", 3, 3 / 7]]);
    // Totals: categories, statuses, outcomes, acknowledgement, decision.
    expect(rowsOf(ws, "Итого")).toEqual([["Итого", 7, 1], ["Итого", 7, 1], ["Итого", 3, 1], ["Итого", 7, 1], ["Итого", 7, 1]]);
    expect(texts(ws)).toEqual(expect.arrayContaining(["По категориям", "По статусам", "Итоги рассмотрения (по принятым решениям)", "Подтверждение получения", "Принятие решения (с учётом продления срока)"]));

    let percent = "";
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Подарки") percent = row.getCell(3).numFmt;
    });
    expect(percent).toBe("0.0%");
  });

  it("in Kazakh, for the observer, with the note on purged cases", async () => {
    const ws = (await readXlsx(await renderCaseStatsXlsx({ ...caseStats([], YEAR, AS_OF), audience: "observer", purgedAfterDays: 1095 }, "kk", t.kk)))[0]!;
    expect(ws.name).toBe("Хабарламалар статистикасы");
    expect(ws.getCell("A1").value).toBe("01.01.2026 – 31.12.2026 кезеңіндегі сыбайлас жемқорлық туралы хабарламалар статистикасы");
    expect(rowsOf(ws, "Қарайтын")[0]!.slice(0, 2)).toEqual(["Қарайтын", "Басшылық (комплаенс қызметін айналып өтіп)"]);
    expect(rowsOf(ws, "Келіп түскен хабарламалар")).toEqual([["Келіп түскен хабарламалар", 0, null]]);
    // Zeros without a share: there is no whole to divide.
    expect(rowsOf(ws, "Парақорлық")).toEqual([["Парақорлық", 0, null]]);
    expect(rowsOf(ws, "Фактілер расталды")).toEqual([["Фактілер расталды", 0, null]]);
    expect(rowsOf(ws, "Мерзімінде расталды")).toEqual([["Мерзімінде расталды", 0, null]]);
    expect(rowsOf(ws, "Шешім мерзімінде қабылданды")).toEqual([["Шешім мерзімінде қабылданды", 0, null]]);
    expect(rowsOf(ws, "Барлығы")).toHaveLength(5);
    expect(texts(ws).some((x) => x.includes("1095 күн өткен соң жойылады"))).toBe(true);
    // Nothing Russian slipped into the Kazakh file.
    expect(texts(ws).filter((x) => /Сообщени|Итого|Категория|Поступило/.test(x))).toEqual([]);
  });
});

describe("the organisation's total", () => {
  it("is shown for a finished period only: a running one could tick up the day a routed report is filed", () => {
    const year = yearPeriod(2025);
    expect(organisationTotalShown(year, "2025-06-30")).toBe(false);
    expect(organisationTotalShown(year, "2025-12-31")).toBe(false);
    expect(organisationTotalShown(year, "2026-01-01")).toBe(true);
  });
});
