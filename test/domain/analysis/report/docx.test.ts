import { beforeAll, describe, expect, it } from "vitest";
import { analyticReportDocx, positionsListDocx } from "../../../../src/domain/analysis/report/docx.js";
import { reportGaps } from "../../../../src/domain/analysis/report/model.js";
import type { Lang } from "../../../../src/domain/lang.js";
import { createI18n, type TFunction } from "../../../../src/i18n.js";
import type { Translate } from "../../../../src/i18n-resources.js";
import { fullReportModel } from "../../../support/analytic-report-model.js";
import { strFromU8, unzipSync } from "fflate";
import { buildInterviewTables } from "../../../../src/domain/analysis/interview-tables.js";
import { CONTENT_WIDTH } from "../../../../src/domain/documents/official-docx.js";
import { docxText } from "../../../support/board-documents.js";
import { interviewResponses, interviewTemplate } from "../../../support/interview-fixture.js";

let t: Record<Lang, Translate>;
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as TFunction as Translate, ru: i18n.t("ru") as TFunction as Translate };
});

describe("the analytic report draft (DOCX)", () => {
  it("holds every section of seed 002 in order, with the figures as given (ru)", async () => {
    const text = docxText(await analyticReportDocx(fullReportModel(), t.ru, "ru"));
    const order = ["ПРОЕКТ", "Аналитическая справка по итогам внутреннего анализа коррупционных рисков (объект анализа: Служба сервисного обслуживания потребителей)", "1. Вводная часть", "приказ № 218-н/қ от 27.03.2026", "с 01.04.2026 по 31.05.2026", "с 01.01.2025 по 31.12.2025", "Ахметова Айгерим Нурлановна, Комплаенс-офицер", "— Иванов Пётр Сергеевич", "Анализ проведён в соответствии", "2. Информационно-аналитическая часть", "Обращения изучены за весь период", "«Опрос о коррупционных рисках»", "Приглашено — 23; ответили — 17", "не показывается: ответивших меньше порога анонимности (5)", "Сообщения о коррупции", "Поступило всего\n4", "включая сообщения, которые рассматривают наблюдатели", "3. Описательная часть", "3.1. Управление персоналом", "Кадровые процессы изучены", "Коррупционный риск № 1", "в бизнес-процессе: Приём родственников на работу", "Коррупциогенные функции: Отбор кандидатов", "Начальник отдела кадров; Контролёр", "Сообщения о коррупции: поступило 4", "вероятность — 4, последствия — 5, уровень риска — критический", "1) Ввести конкурсную комиссию (пункт плана мероприятий 1.1.1 «Положение о конкурсной комиссии», срок — 30.09.2026, ответственные — Отдел кадров).", "2) Провести обучение (в план мероприятий не включена).", "Коррупционные факторы в нормативных правовых актах", "3.2. Широта дискреционных полномочий", "в нормативном правовом акте: Пункт 12 Правил закупок", "Карта коррупционных рисков", "4. Перечень должностей", "Должность, подверженная коррупционному риску", "Начальник отдела кадров", "№ 2. Пункт 12 Правил закупок", "Контролёр\n(названа в интервью: Служба сервисного обслуживания)", "изменён после утверждения", "5. Заключение", "выявлено два коррупционных риска", "Адресаты справки", "Председателю Правления", "Руководитель рабочей группы", "Ахметова Айгерим Нурлановна _______________", "Серікбаев Данияр _______________"];
    let at = 0;
    for (const piece of order) {
      const found = text.indexOf(piece, at);
      expect(found, piece).toBeGreaterThanOrEqual(0);
      at = found;
    }
    expect(text).toContain("Показатели по подразделениям не приводятся");
    expect(text).toContain("76,5");
    expect(text).not.toContain("Сталкивались ли вы с конфликтом интересов?\n17\nНет\n—");
  });

  it("is all Kazakh in Kazakh: no Russian label, the officer's Kazakh texts", async () => {
    const text = docxText(await analyticReportDocx(fullReportModel(), t.kk, "kk"));
    for (const piece of ["ЖОБА", "Сыбайлас жемқорлық тәуекелдеріне ішкі талдау қорытындылары бойынша талдамалық анықтама (талдау объектісі: Тұтынушыларға сервистік қызмет көрсету қызметі)", "1. Кіріспе бөлім", "27.03.2026 № 218-н/қ бұйрық", "2. Ақпараттық-талдамалық бөлім", "Шақырылғаны — 23; жауап бергені — 17", "3. Сипаттамалық бөлім", "ықтималдығы — 4, салдары — 5, тәуекел деңгейі — аса жоғары", "Кадр бөлімінің бастығы", "5. Қорытынды", "екі сыбайлас жемқорлық тәуекелі", "Басқарма төрағасына"]) expect(text, piece).toContain(piece);
    // Only the data may be Russian (a position the officer wrote in Russian only, the units' names, the people's positions).
    const labels = ["Вводная", "Описательная", "Перечень", "Заключение", "Рекомендации", "вероятность", "Должность", "Коррупционный", "приказ", "Члены", "Руководитель", "ПРОЕКТ", "Поступило", "Приглашено", "не показывается"];
    for (const label of labels) expect(text, label).not.toContain(label);
  });

  it("drops «draft» once signed and writes the default conclusion when the officer wrote none", async () => {
    const base = fullReportModel();
    const model = fullReportModel({ record: { ...base.record, reportSignedOn: "2026-06-01" }, texts: {} });
    for (const lang of ["ru", "kk"] as const) {
      const text = docxText(await analyticReportDocx(model, t[lang], lang));
      expect(text).not.toContain(lang === "ru" ? "ПРОЕКТ" : "ЖОБА");
      expect(text).toContain(lang === "ru" ? "Определение коррупционных рисков не является свидетельством о существовании фактов коррупции" : "Сыбайлас жемқорлық тәуекелдерін анықтау сыбайлас жемқорлық фактілерінің бар екендігі туралы куәлік болып табылмайды");
    }
  });

  it("says what is missing rather than inventing it", async () => {
    const base = fullReportModel();
    const model = fullReportModel({ record: { ...base.record, orderNumber: null, orderDate: null, members: [], direction: null }, risks: [], positions: [], positionsApproval: null });
    const text = docxText(await analyticReportDocx(model, t.ru, "ru"));
    expect(text).toContain("реквизиты приказа не указаны");
    expect(text).toContain("Коррупционные риски в реестр рисков не внесены.");
    expect(text).toContain("Перечень не утверждён.");
    expect(text).not.toContain("Карта коррупционных рисков");
    expect(reportGaps(model)).toEqual(["order", "direction", "head", "members", "risks", "positionsApproval"]);
    expect(reportGaps(fullReportModel({ positionsApproval: { on: "2026-05-20", changed: false } }))).toEqual([]);
  });

  it("fits every table, the interview tables too, in the portrait page's width", async () => {
    const interviews = buildInterviewTables(interviewTemplate(), interviewResponses);
    for (const lang of ["ru", "kk"] as const) {
      const xml = strFromU8(unzipSync(new Uint8Array(await analyticReportDocx(fullReportModel({ interviews }), t[lang], lang)))["word/document.xml"]!);
      const widths = [...xml.matchAll(/<w:tblW w:type="dxa" w:w="(\d+)"\/>|<w:tblW w:w="(\d+)" w:type="dxa"\/>/g)].map((m) => Number(m[1] ?? m[2]));
      expect(widths.length).toBeGreaterThan(8);
      for (const w of widths) expect(w).toBeLessThanOrEqual(CONTENT_WIDTH);
    }
  });

  it("renders the positions list on its own, approved without «draft»", async () => {
    const approved = fullReportModel({ positionsApproval: { on: "2026-05-20", changed: false } });
    const ru = docxText(await positionsListDocx(approved, t.ru, "ru"));
    expect(ru).toContain("Перечень должностей, подверженных коррупционным рискам (объект анализа: Служба сервисного обслуживания потребителей)");
    expect(ru).toContain("Перечень утверждён 20.05.2026.");
    expect(ru).not.toContain("ПРОЕКТ");
    const kk = docxText(await positionsListDocx(fullReportModel(), t.kk, "kk"));
    expect(kk).toContain("ЖОБА");
    expect(kk).toContain("Сыбайлас жемқорлық тәуекеліне ұшырайтын лауазым");
  });
});
