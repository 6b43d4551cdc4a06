import { mkdirSync, writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { formatRate, monitoringDocx, monitoringXlsx, type MonitoringData, type MonitoringRow } from "../../../src/domain/plan/monitoring-report.js";
import { executionTotals } from "../../../src/domain/plan/execution.js";
import { createI18n, type TFunction } from "../../../src/i18n.js";

const rows: MonitoringRow[] = [
  { number: "1", measure: "Провести семинар по антикоррупционному комплаенсу для работников", responsible: ["Айтулова А.К.", "Нурсейтова Б.К."], dueOn: "2026-07-15", originalDueOn: null, status: "on_time", doneOn: "2026-07-14", evidence: { text: "Протокол семинара № 3", fileName: null, file: false } },
  { number: "2", measure: "Актуализировать карту коррупционных рисков", responsible: ["Сейткали Ж.Ө."], dueOn: "2026-08-14", originalDueOn: null, status: "late", doneOn: "2026-08-20", evidence: { text: null, fileName: "карта-рисков.xlsx", file: true } },
  { number: "3", measure: "Разместить на сайте информацию о горячей линии", responsible: ["Ұлықбекова Қ.Ғ."], dueOn: "2026-10-05", originalDueOn: "2026-09-15", status: "extended", doneOn: "2026-10-01", evidence: { text: "Ссылка на страницу сайта", fileName: null, file: false } },
  { number: "4", measure: "Проверить декларации о конфликте интересов", responsible: ["Комплаенс-служба"], dueOn: "2026-09-30", originalDueOn: null, status: "not_done", doneOn: null, evidence: null },
  { number: "5", measure: "Утвердить положение об этике", responsible: ["Айтулова А.К."], dueOn: "2026-10-20", originalDueOn: "2026-09-25", status: "extended", doneOn: null, evidence: null },
];
const data: MonitoringData = {
  period: { kind: "quarter", year: 2026, quarter: 3 },
  asOf: "2026-10-02",
  rows,
  totals: executionTotals(rows.map((r) => r.status)),
  nonExecution: rows.filter((r) => r.status === "not_done"),
};

let t: { kk: TFunction; ru: TFunction };
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk"), ru: i18n.t("ru") };
});

async function docxText(buffer: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
}

async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
  return out;
}

/** Renders to /tmp for a look with soffice when MONITORING_RENDER is set. */
function keep(name: string, buffer: Buffer): void {
  if (!process.env.MONITORING_RENDER) return;
  mkdirSync(process.env.MONITORING_RENDER, { recursive: true });
  writeFileSync(`${process.env.MONITORING_RENDER}/${name}`, buffer);
}

describe("the share done in time", () => {
  it("counts done in time and in extended time among those whose date has come", () => {
    // on_time 1 + extended 2 (one done, one open) over on_time + extended + late + not_done = 5.
    expect(data.totals).toEqual({ on_time: 1, extended: 2, late: 1, not_done: 1, pending: 0, total: 5 });
    expect(formatRate(data.totals, "ru")).toBe("60%");
    expect(formatRate(data.totals, "kk")).toBe("60%");
    expect(formatRate(executionTotals(["pending"]), "ru")).toBe("—");
  });
});

describe("monitoring DOCX", () => {
  it("titles the quarter, lists every row with its status and gives the totals (ru)", async () => {
    const buffer = await monitoringDocx(data, "ru", t.ru);
    keep("monitoring-ru.docx", buffer);
    const text = await docxText(buffer);
    expect(text[0]).toBe("Информация об исполнении Плана мероприятий по устранению причин и условий, способствующих совершению коррупционных правонарушений, за III квартал 2026 года");
    expect(text[1]).toBe("(по состоянию на 02.10.2026)");
    const joined = text.join("\n");
    for (const s of ["исполнено в срок", "исполнено с нарушением срока", "исполнено в продлённый срок", "не исполнено", "срок продлён, не наступил", "05.10.2026 (продлён с 15.09.2026)", "файл: карта-рисков.xlsx", "Протокол семинара № 3", "Айтулова А.К., Нурсейтова Б.К."]) expect(joined).toContain(s);
    const after = (label: string) => text[text.indexOf(label) + 1];
    expect(after("Мероприятий со сроком в квартале, всего")).toBe("5");
    expect(after("Исполнено в срок")).toBe("1");
    expect(after("Срок продлён (исполнено в продлённый срок или продлённый срок не наступил)")).toBe("2");
    expect(after("Исполнено с нарушением срока")).toBe("1");
    expect(after("Не исполнено")).toBe("1");
    expect(after("Срок не наступил")).toBe("0");
    expect(after("Доля исполненных в срок (в том числе в продлённый) среди мероприятий, срок которых наступил")).toBe("60%");
    // The non-execution list: item 4 only.
    const list = text.slice(text.indexOf("Факты неисполнения рекомендаций для принятия мер реагирования Председателем Правления"));
    expect(list.join("\n")).toContain("Проверить декларации о конфликте интересов");
    expect(list.join("\n")).not.toContain("Актуализировать карту");
  });

  it("says the same in Kazakh", async () => {
    const buffer = await monitoringDocx(data, "kk", t.kk);
    keep("monitoring-kk.docx", buffer);
    const text = await docxText(buffer);
    expect(text[0]).toBe("Сыбайлас жемқорлық құқық бұзушылықтар жасауға ықпал ететін себептер мен жағдайларды жою жөніндегі іс-шаралар жоспарының 2026 жылғы III тоқсанда орындалуы туралы ақпарат");
    expect(text[1]).toBe("(02.10.2026 жағдай бойынша)");
    const joined = text.join("\n");
    for (const s of ["мерзімінде орындалды", "мерзімі бұзылып орындалды", "ұзартылған мерзімде орындалды", "орындалмады", "05.10.2026 (ұзартылды, бастапқы мерзімі: 15.09.2026)"]) expect(joined).toContain(s);
    const after = (label: string) => text[text.indexOf(label) + 1];
    expect(after("Тоқсанда мерзімі бар іс-шаралар, барлығы")).toBe("5");
    expect(after("Мерзімінде орындалды")).toBe("1");
    expect(after("Мерзімі бұзылып орындалды")).toBe("1");
    expect(after("Орындалмады")).toBe("1");
    expect(after("Мерзімі келген іс-шаралардың ішінде мерзімінде (ұзартылған мерзімде де) орындалғандардың үлесі")).toBe("60%");
    expect(joined).toContain("Басқарма Төрағасына ден қою шараларын қабылдау үшін ұсынымдарды орындамау фактілері");
  });

  it("says there is no non-execution when every date was met", async () => {
    const clean = { ...data, rows: rows.slice(0, 1), totals: executionTotals(["on_time"]), nonExecution: [] };
    const text = await docxText(await monitoringDocx(clean, "ru", t.ru));
    expect(text).toContain("Фактов неисполнения нет.");
  });
});

describe("monitoring XLSX", () => {
  it("has the same rows and totals on one sheet, A4 landscape (ru)", async () => {
    const buffer = await monitoringXlsx(data, "ru", t.ru);
    keep("monitoring-ru.xlsx", buffer);
    const sheet = await sheetRows(buffer);
    expect(sheet[0]![0]).toContain("за III квартал 2026 года");
    const header = sheet.findIndex((r) => r[0] === "№ п/п");
    expect(sheet[header]).toEqual(["№ п/п", "Наименование мероприятия", "Ответственные", "Срок исполнения", "Отметка об исполнении", "Результат исполнения", "Дата исполнения"]);
    expect(sheet[header + 3]).toEqual(["3", "Разместить на сайте информацию о горячей линии", "Ұлықбекова Қ.Ғ.", "05.10.2026 (продлён с 15.09.2026)", "исполнено в продлённый срок", "Ссылка на страницу сайта", "01.10.2026"]);
    const figure = (label: string) => sheet.find((r) => r[0] === label)?.at(-1);
    expect(figure("Мероприятий со сроком в квартале, всего")).toBe("5");
    expect(figure("Исполнено в срок")).toBe("1");
    expect(figure("Не исполнено")).toBe("1");
    expect(Number(figure("Доля исполненных в срок (в том числе в продлённый) среди мероприятий, срок которых наступил"))).toBeCloseTo(0.6);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1 });
  });

  it("has the same figures in Kazakh", async () => {
    const buffer = await monitoringXlsx(data, "kk", t.kk);
    keep("monitoring-kk.xlsx", buffer);
    const sheet = await sheetRows(buffer);
    const figure = (label: string) => sheet.find((r) => r[0] === label)?.at(-1);
    expect(figure("Тоқсанда мерзімі бар іс-шаралар, барлығы")).toBe("5");
    expect(figure("Мерзімі бұзылып орындалды")).toBe("1");
    expect(figure("Мерзімі келген жоқ")).toBe("0");
    expect(sheet.some((r) => r.includes("мерзімі ұзартылды, әлі келген жоқ"))).toBe(true);
  });
});
