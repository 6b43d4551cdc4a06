// Report renderers: chart PNG, results XLSX/CSV/DOCX and the interview XLSX, in kk and ru.
import { Writable } from "node:stream";
import { GlobalFonts, loadImage } from "@napi-rs/canvas";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { InterviewExport, OptionCount, QuestionResult, SurveyResults } from "../../../src/domain/surveys/results.js";
import { CHART_FONT, CHART_WIDTH, renderQuestionChart, wrapText } from "../../../src/domain/surveys/report/chart.js";
import { exportResultsCsv, formatPercent, writeResultsCsv } from "../../../src/domain/surveys/report/csv.js";
import { renderResultsDocx } from "../../../src/domain/surveys/report/docx.js";
import { columnWidths, headerMinWidth } from "../../../src/domain/documents/official-docx.js";
import { exportInterviewXlsx, exportResultsXlsx } from "../../../src/domain/surveys/report/xlsx.js";
import { createI18n, type TFunction } from "../../../src/i18n.js";


const general = { kk: "1-бөлім. Жалпы мәліметтер", ru: "Раздел 1. Общие сведения" };
const risks = { kk: "2-бөлім. Сыбайлас жемқорлық тәуекелдерін бағалау", ru: "Раздел 2. Оценка коррупционных рисков" };

function options(answered: number, list: [code: string, kk: string, ru: string, count: number][]): OptionCount[] {
  return list.map(([code, kk, ru, count]) => ({ code, label: { kk, ru }, count, share: answered ? count / answered : 0 }));
}

const gift: QuestionResult = {
  questionId: "q_gift",
  sectionTitle: risks,
  type: "single",
  text: {
    kk: "Соңғы бір жылда сізге қызметтік міндеттеріңізді орындағаныңыз үшін сыйлық немесе қызмет ұсынылған жағдайлар болды ма?",
    ru: "Были ли за последний год случаи, когда вам предлагали подарок или услугу за выполнение служебных обязанностей?",
  },
  answered: 24,
  suppressed: false,
  options: options(24, [
    ["once", "Бір рет болды", "Один раз", 6],
    ["never", "Жоқ, ешқашан болған жоқ", "Нет, никогда", 15],
    ["often", "Иә, бірнеше рет, әсіресе мемлекеттік сатып алу рәсімдері мен келісімшарттарды келісу кезінде", "Да, неоднократно, особенно при проведении государственных закупок и согласовании договоров", 3],
    ["other", "Басқа", "Другое", 0],
  ]),
};

const results: SurveyResults = {
  campaignId: 7,
  title: { kk: "Сыбайлас жемқорлық тәуекелдерін ішкі талдау — 2025", ru: "Внутренний анализ коррупционных рисков — 2025" },
  mode: "anonymous",
  status: "closed",
  final: true,
  opensOn: "2025-04-01",
  closesOn: "2025-04-15",
  generatedOn: "2025-04-16",
  invited: 40,
  completed: 24,
  responseRate: 0.6,
  byAudience: [
    { label: "Бухгалтерия", invited: 12, completed: 9, rate: 0.75 },
    { label: "Отдел государственных закупок", invited: 20, completed: 11, rate: 0.55 },
    { label: "", invited: 8, completed: 4, rate: 0.5 },
    { label: "", other: true, invited: 6, completed: 2, rate: 1 / 3 },
  ],
  filter: {
    questionId: "q_role",
    questionText: { kk: "Сіздің лауазымдық санатыңыз", ru: "Ваша должностная категория" },
    code: "staff",
    label: { kk: "Қатардағы қызметкер", ru: "Рядовой работник" },
  },
  responses: 24,
  totalResponses: 24,
  threshold: { k: 5, textK: 10 },
  questions: [
    {
      questionId: "q_years",
      sectionTitle: general,
      type: "number",
      text: { kk: "Ұйымдағы жұмыс өтіліңіз (жыл)", ru: "Стаж работы в организации (лет)" },
      answered: 22,
      suppressed: false,
      numbers: { count: 22, mean: 7.4 },
    },
    gift,
    {
      questionId: "q_areas",
      sectionTitle: risks,
      type: "multiple",
      text: { kk: "Қай салаларда сыбайлас жемқорлық тәуекелі жоғары деп санайсыз?", ru: "В каких сферах, по вашему мнению, коррупционный риск наиболее высок?" },
      answered: 20,
      suppressed: false,
      multiple: true,
      options: options(20, [
        ["procurement", "Мемлекеттік сатып алу", "Государственные закупки", 16],
        ["hr", "Кадрлық шешімдер", "Кадровые решения", 9],
        ["permits", "Рұқсаттар беру", "Выдача разрешений", 4],
        ["other", "Басқа", "Другое", 2],
      ]),
      texts: ["Көлік құралдарын пайдалану", "Списание товарно-материальных ценностей"],
    },
    {
      questionId: "q_trust",
      sectionTitle: risks,
      type: "scale",
      text: { kk: "Ұйымдағы сенім телефонына қаншалықты сенесіз?", ru: "Насколько вы доверяете телефону доверия организации?" },
      answered: 24,
      suppressed: false,
      options: options(24, [
        ["1", "Мүлдем сенбеймін", "Совсем не доверяю", 2],
        ["2", "Сенбеймін", "Скорее не доверяю", 3],
        ["3", "Бейтараппын", "Нейтрально", 5],
        ["4", "Сенемін", "Скорее доверяю", 8],
        ["5", "Толық сенемін", "Полностью доверяю", 6],
      ]),
    },
    {
      questionId: "q_report",
      sectionTitle: risks,
      type: "yesno",
      text: { kk: "Сыбайлас жемқорлық фактісі туралы хабарлау тәртібін білесіз бе?", ru: "Знаете ли вы порядок сообщения о фактах коррупции?" },
      answered: 24,
      suppressed: false,
      options: options(24, [
        ["yes", "Иә", "Да", 20],
        ["no", "Жоқ", "Нет", 4],
      ]),
    },
    {
      questionId: "q_pressure",
      sectionTitle: risks,
      type: "single",
      text: { kk: "Басшылық тарапынан қысым көрдіңіз бе?", ru: "Испытывали ли вы давление со стороны руководства?" },
      answered: 3,
      suppressed: true,
    },
    {
      questionId: "q_comment",
      sectionTitle: risks,
      type: "text",
      text: { kk: "Сыбайлас жемқорлыққа қарсы іс-шараларды жақсарту бойынша ұсыныстарыңыз", ru: "Ваши предложения по совершенствованию антикоррупционных мер" },
      answered: 12,
      suppressed: false,
      texts: [
        "Сатып алу рәсімдерін толық цифрландыру қажет",
        "Проводить обучение чаще; не реже раза в квартал",
        'Ввести "горячую линию" с обратной связью',
        "=HYPERLINK(\"http://example.test\")",
        "Ротация кадров\nв отделе закупок",
        "Басшылардың мүдделер қақтығысын декларациялауы",
        "Больше прозрачности при премировании",
        "Комплаенс қызметінің тәуелсіздігін арттыру",
        "Анонимные опросы проводить ежегодно",
        "Ішкі нормативтік құжаттарды жаңарту",
        "Публиковать итоги проверок",
        "Қызметкерлерді ынталандыру",
      ],
    },
  ],
};

const interview: InterviewExport = {
  campaignId: 8,
  title: { kk: "Жаңа қызметкерлермен сұхбат", ru: "Интервью с новыми работниками" },
  generatedOn: "2025-05-02",
  questions: [
    { questionId: "q_known", sectionTitle: general, type: "yesno", text: { kk: "Әдеп кодексімен таныссыз ба?", ru: "Ознакомлены ли вы с Кодексом этики?" } },
    { questionId: "q_risk", sectionTitle: risks, type: "text", text: { kk: "Жұмысыңыздағы негізгі тәуекелдер", ru: "Основные риски в вашей работе" } },
  ],
  respondents: [
    {
      fullName: "Сәрсенбаева Әйгерім Қуанышқызы",
      department: "Бухгалтерия",
      position: "Бас бухгалтер",
      submittedOn: "2025-04-28",
      answers: { q_known: { kk: "Иә", ru: "Да" }, q_risk: { kk: "Төлемдерді келісу", ru: "Согласование платежей" } },
    },
    {
      fullName: "Иванов Сергей Петрович",
      department: null,
      position: null,
      submittedOn: "2025-04-29",
      answers: { q_known: { kk: "Жоқ", ru: "Нет" }, q_risk: null },
    },
  ],
};

let t: Record<"kk" | "ru", TFunction>;

beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk"), ru: i18n.t("ru") };
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("chart", () => {
  it("renders a choice question as a PNG with the bundled font", async () => {
    const png = await renderQuestionChart(gift, "kk", t.kk);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(GlobalFonts.has(CHART_FONT)).toBe(true);
    const image = await loadImage(png);
    expect(image.width).toBe(CHART_WIDTH);
    expect(image.height).toBeGreaterThan(400);
    expect(image.height).toBeLessThan(1400);
  });

  it("grows with the number of bars", async () => {
    const two = await loadImage(await renderQuestionChart({ ...gift, options: gift.options!.slice(0, 2) }, "ru", t.ru));
    const four = await loadImage(await renderQuestionChart(gift, "ru", t.ru));
    expect(four.height).toBeGreaterThan(two.height);
  });

  it("renders scale, yes/no, multiple and number questions, with a custom title", async () => {
    for (const q of results.questions.filter((x) => !x.suppressed && x.type !== "text")) {
      const png = await renderQuestionChart(q, "ru", t.ru, { title: "Заголовок" });
      const image = await loadImage(png);
      expect(image.width, q.questionId).toBe(CHART_WIDTH);
    }
  });

  it("refuses suppressed and free-text questions", async () => {
    await expect(renderQuestionChart(results.questions.find((q) => q.suppressed)!, "kk", t.kk)).rejects.toThrow(/suppressed/);
    await expect(renderQuestionChart(results.questions.find((q) => q.type === "text")!, "kk", t.kk)).rejects.toThrow(/free-form/);
  });

  it("wraps long labels and cuts overlong words", () => {
    const lines = wrapText("Иә, бірнеше рет, әсіресе мемлекеттік сатып алу рәсімдері мен келісімшарттарды келісу кезінде", 300, 21);
    expect(lines.length).toBeGreaterThan(2);
    expect(wrapText("ө".repeat(200), 300, 21).length).toBeGreaterThan(1);
    expect(wrapText("a b c d e f g h i j k l m n o p", 20, 21, false, 2)).toHaveLength(2);
  });
});

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** All non-empty cells of a sheet, as [row, col, value] for searching. */
function cells(ws: ExcelJS.Worksheet): { row: number; col: number; value: ExcelJS.CellValue; numFmt: string }[] {
  const out: { row: number; col: number; value: ExcelJS.CellValue; numFmt: string }[] = [];
  ws.eachRow((row, r) => row.eachCell((cell, c) => out.push({ row: r, col: c, value: cell.value, numFmt: cell.numFmt })));
  return out;
}

function rowOf(ws: ExcelJS.Worksheet, firstCell: string): unknown[] {
  const hit = cells(ws).find((c) => c.col === 1 && c.value === firstCell);
  if (!hit) throw new Error(`no row starting with ${firstCell}`);
  return (ws.getRow(hit.row).values as unknown[]).slice(1);
}

describe("results XLSX", () => {
  it("has localized sheets, counts, percents, notes (ru)", async () => {
    const wb = await readXlsx(await exportResultsXlsx(results, "ru", t.ru));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Сводка", "Вопросы"]);
    const summary = wb.getWorksheet("Сводка")!;
    expect(rowOf(summary, "Приглашено")).toEqual(["Приглашено", 40]);
    const rate = cells(summary).find((c) => c.value === 0.6)!;
    expect(rate.numFmt).toBe("0.0%");
    expect(rowOf(summary, "Период проведения")).toEqual(["Период проведения", "01.04.2025 – 15.04.2025"]);
    expect(rowOf(summary, "Отбор респондентов")[1]).toBe("вопрос «Ваша должностная категория», ответ «Рядовой работник»");
    expect(rowOf(summary, "Подразделение не указано")).toEqual(["Подразделение не указано", 8, 4, 0.5]);
    expect(rowOf(summary, "Другие подразделения")).toEqual(["Другие подразделения", 6, 2, 1 / 3]);
    expect(rowOf(summary, "Ответов учтено в итогах")).toEqual(["Ответов учтено в итогах", 24]);
    expect(cells(summary).some((c) => c.value === "Итоги окончательные: учтено ответов — 24.")).toBe(true);
    expect(cells(summary).some((c) => String(c.value).includes("менее 5 респондентов"))).toBe(true);

    const questions = wb.getWorksheet("Вопросы")!;
    // The option's text and its number in the questionnaire; no English code ("never").
    const never = (questions.getRow(cells(questions).find((c) => c.value === "Нет, никогда")!.row).values as unknown[]).slice(1);
    expect(never).toEqual([2, "Нет, никогда", 15, 0.625]);
    expect(cells(questions).find((c) => c.value === 0.625)!.numFmt).toBe("0.0%");
    expect((questions.getRow(cells(questions).find((c) => c.value === "5 — Полностью доверяю")!.row).values as unknown[]).slice(1)).toEqual([5, "5 — Полностью доверяю", 6, 0.25]);
    const all = cells(questions).map((c) => c.value);
    expect(all).toContain("6. Испытывали ли вы давление со стороны руководства?");
    expect(all).toContain("данные не приводятся: менее 5 ответов");
    expect(all).toContain("Среднее значение");
    expect(all).toContain(7.4);
    for (const gone of ["Медиана", "Минимальное значение", "Максимальное значение"]) expect(all).not.toContain(gone);
    // A long answer label gets the height of its lines (it used to run over the next row).
    const often = cells(questions).find((c) => String(c.value).startsWith("Да, неоднократно"))!.row;
    expect(questions.getRow(often).height).toBeGreaterThanOrEqual(30);
    expect(all).toContain("Публиковать итоги проверок");
    expect(all).toContain('=HYPERLINK("http://example.test")'); // a string, not a formula
    expect(all).toContain("Списание товарно-материальных ценностей");
    expect(all).toContain("Иной вариант ответа (указан респондентами)");
    // the suppressed question does not reveal how many answered
    const suppressedRow = cells(questions).find((c) => c.value === "6. Испытывали ли вы давление со стороны руководства?")!.row;
    expect(questions.getRow(suppressedRow + 3).getCell(2).value).toBe("данные не приводятся: менее 5 ответов");
    expect(questions.getRow(suppressedRow + 4).values).toEqual([]);
  });

  it("writes texts as inline strings that keep their line breaks, and reads texts asked for on demand", async () => {
    const comment = results.questions.find((q) => q.questionId === "q_comment")!;
    const onDemand: SurveyResults = { ...results, questions: results.questions.map((q) => (q === comment ? { ...q, texts: undefined, textCount: 12, loadTexts: async () => comment.texts! } : q)) };
    const file = await exportResultsXlsx(onDemand, "ru", t.ru);
    const zip = await JSZip.loadAsync(file);
    expect(zip.file("xl/sharedStrings.xml")).toBeNull();
    const sheet = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(sheet).toContain('t="inlineStr"><is><t xml:space="preserve">Ротация кадров\nв отделе закупок</t></is>');
    expect(sheet).toContain("=HYPERLINK(&quot;http://example.test&quot;)");
    const all = cells((await readXlsx(file)).getWorksheet("Вопросы")!).map((c) => c.value);
    expect(all).toContain("Ротация кадров\nв отделе закупок");
    expect(all).toContain("Сатып алу рәсімдерін толық цифрландыру қажет");
  });

  it("streams the CSV as exportResultsCsv writes it", async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) });
    await writeResultsCsv(results, "ru", t.ru, sink);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(exportResultsCsv(results, "ru", t.ru));
  });

  it("is in Kazakh when asked (kk)", async () => {
    const wb = await readXlsx(await exportResultsXlsx(results, "kk", t.kk));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Жиынтық", "Сұрақтар"]);
    const questions = wb.getWorksheet("Сұрақтар")!;
    expect((questions.getRow(cells(questions).find((c) => c.value === "Жоқ, ешқашан болған жоқ")!.row).values as unknown[]).slice(1)).toEqual([2, "Жоқ, ешқашан болған жоқ", 15, 0.625]);
    const all = cells(questions).map((c) => c.value);
    expect(all).toContain("деректер келтірілмейді: 5 жауаптан аз");
    expect(all).toContain("Орташа мән");
    expect(all).not.toContain("Медианалық мән");
    expect(rowOf(wb.getWorksheet("Жиынтық")!, "Шақырылғандар")).toEqual(["Шақырылғандар", 40]);
    expect(rowOf(wb.getWorksheet("Жиынтық")!, "Басқа бөлімшелер")).toEqual(["Басқа бөлімшелер", 6, 2, 1 / 3]);
  });
});

describe("interview XLSX", () => {
  it("lists respondents by row and answers by question", async () => {
    for (const [lang, names, yes] of [
      ["ru", ["По респондентам", "По вопросам"], "Да"],
      ["kk", ["Респонденттер бойынша", "Сұрақтар бойынша"], "Иә"],
    ] as const) {
      const wb = await readXlsx(await exportInterviewXlsx(interview, lang, t[lang]));
      expect(wb.worksheets.map((w) => w.name)).toEqual(names);
      const byRespondent = wb.getWorksheet(names[0])!;
      const header = (byRespondent.getRow(1).values as unknown[]).slice(1);
      expect(header).toHaveLength(6);
      expect(header[4]).toBe(interview.questions[0]!.text[lang]);
      const first = (byRespondent.getRow(2).values as unknown[]).slice(1);
      expect(first[0]).toBe("Сәрсенбаева Әйгерім Қуанышқызы");
      expect(first[3]).toEqual(new Date(Date.UTC(2025, 3, 28)));
      expect(first[4]).toBe(yes);
      expect(byRespondent.getRow(3).getCell(6).value ?? "").toBe("");
      expect(byRespondent.rowCount).toBe(3);

      const byQuestion = cells(wb.getWorksheet(names[1])!).map((c) => c.value);
      expect(byQuestion).toContain(`2. ${interview.questions[1]!.text[lang]}`);
      expect(byQuestion).toContain(interview.respondents[0]!.answers.q_risk![lang]);
      expect(byQuestion.filter((v) => v === "Иванов Сергей Петрович")).toHaveLength(1); // no row for his missing answer
    }
  });
});

describe("results CSV", () => {
  const RU = ["Раздел", "Вопрос", "Тип вопроса", "Ответили", "Ответ или показатель", "Количество", "Доля", "Значение", "Код вопроса", "Код ответа"];
  const KK = ["Бөлім", "Сұрақ", "Сұрақ түрі", "Жауап бергендер", "Жауап немесе көрсеткіш", "Саны", "Үлесі", "Мәні", "Сұрақ коды", "Жауап коды"];

  it("parses back into one row per answer code, headed and labelled in Russian, the codes in the last two columns (ru)", () => {
    const csv = exportResultsCsv(results, "ru", t.ru);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("\r\n");
    const rows = parse(csv, { delimiter: ";", bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(RU);
    expect(rows[0]).toMatchObject({ "Код вопроса": "_responses", Ответили: "24", "Код ответа": "final", "Ответ или показатель": "Итоги окончательные: учтено ответов — 24." });
    expect(rows.find((r) => r["Код вопроса"] === "q_gift" && r["Код ответа"] === "never")).toEqual({
      Раздел: "Раздел 2. Оценка коррупционных рисков",
      Вопрос: gift.text.ru,
      "Тип вопроса": "Один вариант ответа",
      Ответили: "24",
      "Ответ или показатель": "Нет, никогда",
      Количество: "15",
      Доля: "0,625",
      Значение: "",
      "Код вопроса": "q_gift",
      "Код ответа": "never",
    });
    expect(rows.filter((r) => r["Код вопроса"] === "q_gift")).toHaveLength(4);
    expect(rows.filter((r) => r["Код вопроса"] === "q_pressure")).toEqual([
      expect.objectContaining({ "Код ответа": "suppressed", "Ответ или показатель": "данные не приводятся: менее 5 ответов", Ответили: "", Количество: "", Доля: "" }),
    ]);
    expect(rows.filter((r) => r["Код вопроса"] === "q_years").map((r) => [r["Код ответа"], r["Ответ или показатель"], r.Значение])).toEqual([
      ["count", "Количество ответов", "22"],
      ["mean", "Среднее значение", "7,4"],
    ]);
    const texts = rows.filter((r) => r["Код вопроса"] === "q_comment").map((r) => r["Ответ или показатель"]);
    expect(texts).toHaveLength(12);
    expect(texts).toContain("Проводить обучение чаще; не реже раза в квартал");
    expect(texts).toContain('Ввести "горячую линию" с обратной связью');
    expect(texts).toContain("Ротация кадров\nв отделе закупок");
    expect(texts).toContain("'=HYPERLINK(\"http://example.test\")"); // defused for Excel
    expect(rows.filter((r) => r["Код вопроса"] === "q_areas" && r["Код ответа"] === "text").map((r) => r["Ответ или показатель"])).toEqual(results.questions[2]!.texts);
    expect(rows.find((r) => r["Код ответа"] === "5")!["Ответ или показатель"]).toBe("5 — Полностью доверяю");
  });

  it("is in Kazakh when asked, with no English word outside the code columns (kk)", () => {
    const rows = parse(exportResultsCsv(results, "kk", t.kk), { delimiter: ";", bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(KK);
    const label = (code: string) => rows.find((r) => r["Жауап коды"] === code)!["Жауап немесе көрсеткіш"];
    expect(label("never")).toBe("Жоқ, ешқашан болған жоқ");
    expect(label("suppressed")).toBe("деректер келтірілмейді: 5 жауаптан аз");
    expect(label("mean")).toBe("Орташа мән");
    expect(rows.find((r) => r["Жауап коды"] === "never")!["Сұрақ түрі"]).toBe("Бір жауап нұсқасы");
    expect(rows.some((r) => ["median", "min", "max"].includes(r["Жауап коды"]!))).toBe(false);
    // Officers' columns: words of the fixture's own texts only, never a code such as "single" or "never".
    const free = new Set(results.questions.flatMap((q) => [...(q.texts ?? [])]));
    for (const r of rows) {
      for (const [column, value] of Object.entries(r)) {
        if (column === "Сұрақ коды" || column === "Жауап коды" || free.has(value) || free.has(value.replace(/^'/, ""))) continue;
        expect(value, column).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
  });
});

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file("word/document.xml")?.async("string");
  if (!xml) throw new Error("no word/document.xml");
  return xml;
}

/** The text of every paragraph, runs joined. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

describe("results DOCX", () => {
  it("writes the section in Russian", async () => {
    const buffer = await renderResultsDocx(results, "ru", t.ru);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const xml = await documentXml(buffer);
    const text = paragraphs(xml).map(unescape);
    expect(text[0]).toBe("Результаты опроса сотрудников");
    expect(xml).toContain("Times New Roman");
    expect(text).toContain("В период с 01.04.2025 по 15.04.2025 проведён опрос сотрудников по анкете «Внутренний анализ коррупционных рисков — 2025».");
    expect(text).toContain(`Количество сотрудников, приглашённых к участию, — 40, количество заполнивших анкету — 24, уровень участия — 60%.`);
    expect(text).toContain(
      `На вопрос «${gift.text.ru}» 62,5% респондентов ответили «Нет, никогда», 25% — «Один раз», 12,5% — «Да, неоднократно, особенно при проведении государственных закупок и согласовании договоров» (число ответивших — 24).`,
    );
    expect(xml.includes(`62,5%`)).toBe(true);
    expect(text).toContain("По вопросу «Испытывали ли вы давление со стороны руководства?» данные не приводятся: менее 5 ответов.");
    expect(text).toContain("Средняя оценка по вопросу «Насколько вы доверяете телефону доверия организации?» по шкале от 1 до 5 составила 3,5 (число ответивших — 24).");
    expect(text).toContain("По вопросу «Стаж работы в организации (лет)» среднее значение составило 7,4 (число ответивших — 22).");
    expect(text).toContain("Опрос завершён, результаты окончательные (количество учтённых ответов — 24).");
    expect(text).toContain("Другие подразделения");
    expect(text).toContain("Количество ответов в свободной форме на вопрос «Ваши предложения по совершенствованию антикоррупционных мер» — 12.");
    expect(text).toContain("Ниже приводятся 10 из них (орфография и пунктуация респондентов сохранены):");
    expect(text.filter((p) => p.startsWith("– «")).length).toBe(10 + 2); // 10 comments + 2 "other" texts
    expect(text).toContain("– «Ротация кадров в отделе закупок»");
    expect(text).toContain("Результаты приводятся по группе респондентов, ответивших на вопрос «Ваша должностная категория» — «Рядовой работник» (количество респондентов в группе — 24).");
    expect(text).toContain(`Респонденты могли выбрать несколько вариантов ответа, поэтому сумма долей превышает 100%.`);
    expect(text).toContain("Подразделение не указано");
    // distribution table cells
    expect(text).toContain("Нет, никогда");
    expect(text).toContain("62,5");
    expect(text).toContain("Раздел 2. Оценка коррупционных рисков");
  });

  it("writes the section in Kazakh", async () => {
    const xml = await documentXml(await renderResultsDocx({ ...results, status: "open", final: false, totalResponses: 20, mode: "attributed", filter: undefined }, "kk", t.kk));
    const text = paragraphs(xml).map(unescape);
    expect(text[0]).toBe("Қызметкерлерге жүргізілген сауалнама нәтижелері");
    expect(xml.includes(`62,5%`)).toBe(true);
    expect(text).toContain(
      `«${gift.text.kk}» деген сұраққа респонденттердің жауаптары келесідей бөлінді: «Жоқ, ешқашан болған жоқ» — 62,5%, «Бір рет болды» — 25%, «Иә, бірнеше рет, әсіресе мемлекеттік сатып алу рәсімдері мен келісімшарттарды келісу кезінде» — 12,5% (жауап бергендер саны — 24).`,
    );
    expect(text).toContain("«Басшылық тарапынан қысым көрдіңіз бе?» деген сұрақ бойынша деректер келтірілмейді: 5 жауаптан аз.");
    expect(text).toContain(
      "Сауалнама әлі аяқталған жоқ, деректер 16.04.2025 жағдай бойынша келтірілген (ескерілген жауаптар саны — 20). Аралық қорытынды кемінде 5 жаңа жауап түскеннен кейін ғана жаңартылады, респонденттер топтары бойынша нәтижелер сауалнама аяқталғаннан кейін келтіріледі.",
    );
    expect(text).toContain("«Ұйымдағы жұмыс өтіліңіз (жыл)» деген сұрақ бойынша орташа мән — 7,4 (жауап бергендер саны — 22).");
    expect(text.some((p) => p.startsWith("Сауалнама атаулы сұхбат нысанында"))).toBe(true);
    expect(text.some((p) => p.startsWith("Нәтижелер «"))).toBe(false);
  });

  it("survives control characters and a survey without answers", async () => {
    const empty: SurveyResults = {
      ...results,
      completed: 0,
      responseRate: 0,
      byAudience: [],
      questions: [
        { ...gift, answered: 0, options: gift.options!.map((o) => ({ ...o, count: 0, share: 0 })) },
        { ...results.questions[6]!, texts: ["bad\u0001char"] },
      ],
    };
    const text = paragraphs(await documentXml(await renderResultsDocx(empty, "ru", t.ru)));
    expect(text).toContain(`На вопрос «${gift.text.ru}» ответы не поступили.`);
    expect(text).toContain("– «badchar»");
  });
});

describe("the note that shares add up to more than 100 %", () => {
  const areas = results.questions.find((q) => q.questionId === "q_areas")!;
  // A multi-select question where every respondent happened to pick one option: 100 % exactly.
  const onePickEach: QuestionResult = {
    ...areas,
    questionId: "q_one_each",
    texts: [],
    options: options(20, [
      ["procurement", "Мемлекеттік сатып алу", "Государственные закупки", 12],
      ["hr", "Кадрлық шешімдер", "Кадровые решения", 5],
      ["permits", "Рұқсаттар беру", "Выдача разрешений", 3],
      ["other", "Басқа", "Другое", 0],
    ]),
  };
  const only = (q: QuestionResult): SurveyResults => ({ ...results, byAudience: [], questions: [q] });
  const NOTE = { ru: `Респонденты могли выбрать несколько вариантов ответа, поэтому сумма долей превышает 100%.`, kk: `Респонденттер бірнеше жауап нұсқасын таңдай алатындықтан, үлестердің сомасы 100%-дан асады.` };

  for (const lang of ["ru", "kk"] as const) {
    it(`stands under a multi-select question whose shares exceed 100 %, and nowhere else (DOCX, ${lang})`, async () => {
      const docx = async (q: QuestionResult) => paragraphs(await documentXml(await renderResultsDocx(only(q), lang, t[lang]))).map(unescape);
      expect(await docx(areas)).toContain(NOTE[lang]);
      expect(await docx(onePickEach)).not.toContain(NOTE[lang]);
      expect(await docx(gift)).not.toContain(NOTE[lang]);
    });

    it(`stands under a multi-select question whose shares exceed 100 %, and nowhere else (XLSX, ${lang})`, async () => {
      const xlsx = async (q: QuestionResult) => cells((await readXlsx(await exportResultsXlsx(only(q), lang, t[lang]))).worksheets[1]!).map((c) => c.value);
      expect(await xlsx(areas)).toContain(NOTE[lang]);
      expect(await xlsx(onePickEach)).not.toContain(NOTE[lang]);
      expect(await xlsx(gift)).not.toContain(NOTE[lang]);
    });
  }
});

describe("what officers read: their language, and nothing cut mid-word", () => {
  for (const lang of ["ru", "kk"] as const) {
    it(`the XLSX shows the option's text, never its code, and its labels do not run into their values (${lang})`, async () => {
      const wb = await readXlsx(await exportResultsXlsx(results, lang, t[lang]));
      const questions = wb.worksheets[1]!;
      const codes = new Set(results.questions.flatMap((q) => (q.options ?? []).map((o) => o.code)).filter((c) => /[a-z]/.test(c)));
      for (const c of cells(questions)) expect(codes.has(String(c.value)), `${c.row}:${c.col}`).toBe(false);
      // The labels of column A ("Жауап бергендер", "Тип вопроса") fit in it, with room before the value.
      const labels = new Set(cells(questions).filter((c) => c.col === 1 && typeof c.value === "string" && !/^\d+\. /.test(c.value)).map((c) => String(c.value)));
      expect(labels).toContain(t[lang]("surveyReport.xlsx.answered"));
      for (const label of labels) expect(questions.getColumn(1).width!, label).toBeGreaterThanOrEqual(label.length + 3);
    });

    it(`the DOCX tables are wide enough for every header word (${lang})`, async () => {
      const xml = await documentXml(await renderResultsDocx(results, lang, t[lang]));
      const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
      expect(tables.length).toBeGreaterThanOrEqual(2);
      for (const table of tables) {
        const header = /<w:tr>[\s\S]*?<\/w:tr>/.exec(table)![0];
        for (const cell of header.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
          const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/.exec(cell[0])?.[1] ?? /<w:tcW w:w="(\d+)"/.exec(cell[0])?.[1]);
          const text = unescape([...cell[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
          const longest = Math.max(...text.split(/\s+/).map((w) => [...w].length));
          // A bold 12 pt letter is at most about 198 twips wide in the fonts that render Kazakh
          // (DejaVu Serif, where LibreOffice has no Times New Roman); the cell margins take 160.
          expect(width, text).toBeGreaterThanOrEqual(longest * 198 + 160);
        }
      }
    });
  }

  it("columns share the page and none is narrower than its header's longest word", () => {
    const widths = columnWidths(["Бөлімше", "Шақырылғаны", "Сауалнаманы толтырғаны", "Қатысу деңгейі, %"], [46, 18, 18, 18]);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(11906 - 1701 - 850, -1);
    expect(widths[1]).toBeGreaterThanOrEqual(headerMinWidth("Шақырылғаны"));
    expect(widths[2]).toBeGreaterThanOrEqual(headerMinWidth("Сауалнаманы"));
  });
});

describe("formatting", () => {
  it("writes percentages as the seeds do, with no space (one way in every document)", () => {
    expect(formatPercent(0.625, "ru")).toBe(`62,5%`);
    expect(formatPercent(0.25, "kk")).toBe(`25%`);
    expect(formatPercent(2 / 3, "ru")).toBe(`66,7%`);
  });
});
