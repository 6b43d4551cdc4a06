// A full analytic report model built by hand: every section present, with figures that the
// renderer tests look for exactly (the survey's 17 of 23, the risk's likelihood 4 and impact 5).
import { buildInterviewTables } from "../../src/domain/analysis/interview-tables.js";
import { interviewTemplate } from "./interview-fixture.js";
import { createCanvas } from "@napi-rs/canvas";
import type { AnalyticReportModel } from "../../src/domain/analysis/report/model.js";

function png(width: number, height: number): Uint8Array {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#f4c430";
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#c0392b";
  ctx.fillRect(width / 2, 0, width / 2, height / 2);
  return canvas.encodeSync("png");
}

export function fullReportModel(over: Partial<AnalyticReportModel> = {}): AnalyticReportModel {
  const map = png(400, 300);
  return {
    record: {
      id: 1,
      startOn: "2026-04-01",
      endOn: "2026-05-31",
      reportSignedOn: null,
      planApprovedOn: null,
      orderNumber: "218-н/қ",
      orderDate: "2026-03-27",
      organisation: { ru: "АО «Тепловые сети»", kk: "«Жылу желілері» АҚ" },
      objectText: { ru: "Служба сервисного обслуживания потребителей", kk: "Тұтынушыларға сервистік қызмет көрсету қызметі" },
      units: [{ id: 3, name: "Служба сервисного обслуживания" }],
      direction: "both",
      coveredFrom: "2025-01-01",
      coveredTo: "2025-12-31",
      sources: ["legal_acts", "appeals", "surveys", "court_cases"],
      members: [
        { userId: 1, fullName: "Ахметова Айгерим Нурлановна", position: "Комплаенс-офицер", department: "Комплаенс-служба", role: "head" },
        { userId: 2, fullName: "Иванов Пётр Сергеевич", position: "Главный юрисконсульт", department: "Юридический отдел", role: "member" },
        { userId: 3, fullName: "Серікбаев Данияр", position: null, department: null, role: "member" },
      ],
      surveyCampaignIds: [7],
      milestones: [
        { id: "publication", dueOn: "2026-06-15", status: "active" },
        { id: "risk_map_update", dueOn: "2026-06-15", status: "active" },
      ],
    },
    texts: {
      intro: { ru: "Анализ проведён в соответствии с Типовыми правилами.", kk: "Талдау Үлгілік қағидаларға сәйкес жүргізілді." },
      appeals: { ru: "Обращения изучены за весь период." },
      personnel: { ru: "Кадровые процессы изучены по личным делам.", kk: "Кадрлық процестер жеке істер бойынша зерделенді." },
      conclusion: { ru: "По итогам анализа выявлено два коррупционных риска.", kk: "Талдау қорытындысы бойынша екі сыбайлас жемқорлық тәуекелі анықталды." },
      addressees: { ru: "Председателю Правления.", kk: "Басқарма төрағасына." },
    },
    interviews: { ...buildInterviewTables(interviewTemplate(), []), riskyPositions: [{ unit: "Служба сервисного обслуживания", text: "Контролёр" }] },
    surveys: {
      k: 5,
      campaigns: [
        {
          title: { ru: "Опрос о коррупционных рисках", kk: "Сыбайлас жемқорлық тәуекелдері туралы сауалнама" },
          mode: "anonymous",
          opensOn: "2026-04-06",
          closesOn: "2026-04-17",
          invited: 23,
          completed: 17,
          rate: 17 / 23,
          questions: [
            { text: { ru: "Сталкивались ли вы с конфликтом интересов?", kk: "Мүдделер қақтығысына тап болдыңыз ба?" }, shown: true, answered: 17, leading: { label: { ru: "Нет", kk: "Жоқ" }, share: 13 / 17 } },
            { text: { ru: "В каком подразделении?", kk: "Қай бөлімшеде?" }, shown: false, answered: 0, leading: null },
          ],
        },
      ],
    },
    reports: {
      from: "2025-01-01",
      to: "2025-12-31",
      stats: { received: 4, byStatus: { received: 1, review: 1, checking: 0, decided: 2 }, byOutcome: { substantiated: 1, unsubstantiated: 1, referred: 0, no_action: 0 }, open: 2, openOverdue: 1, organisationTotal: 6 },
    },
    figures: { kinds: [] },
    risks: [
      {
        id: 11,
        number: 1,
        direction: "organisational",
        area: "personnel",
        factorCode: null,
        factor: { ru: "Субъективный подход при приёме на работу", kk: "Жұмысқа қабылдаудағы субъективті тәсіл" },
        title: { ru: "Приём родственников на работу", kk: "Туыстарды жұмысқа қабылдау" },
        description: { ru: "Кандидатов отбирает один руководитель без комиссии.", kk: "Үміткерлерді комиссиясыз бір басшы іріктейді." },
        functions: { ru: "Отбор кандидатов", kk: "Үміткерлерді іріктеу" },
        positions: [{ ru: "Начальник отдела кадров", kk: "Кадр бөлімінің бастығы" }, { ru: "Контролёр" }],
        likelihood: 4,
        impact: 5,
        evidence: [{ kind: "reports" }],
        recommendations: [
          {
            id: 21,
            number: 1,
            text: { ru: "Ввести конкурсную комиссию", kk: "Конкурстық комиссия енгізу" },
            planItems: [{ taskId: 31, number: "1.1.1", title: "Положение о конкурсной комиссии", dueOn: "2026-09-30", responsibleText: "Отдел кадров" }],
          },
          { id: 22, number: 2, text: { ru: "Провести обучение", kk: "Оқыту өткізу" }, planItems: [] },
        ],
        level: "critical",
        evidenceText: { ru: ["Сообщения о коррупции: поступило 4"], kk: ["Сыбайлас жемқорлық туралы хабарламалар: 4"] },
      },
      {
        id: 12,
        number: 2,
        direction: "legal_acts",
        area: "discretion",
        factorCode: "discretion",
        factor: {},
        title: { ru: "Пункт 12 Правил закупок: право выбора поставщика", kk: "Сатып алу қағидаларының 12-тармағы: жеткізушіні таңдау құқығы" },
        description: { ru: "Срок рассмотрения не установлен.", kk: "Қарау мерзімі белгіленбеген." },
        functions: { ru: "Выбор поставщика", kk: "Жеткізушіні таңдау" },
        positions: [{ ru: "начальник отдела кадров" }],
        likelihood: 2,
        impact: 3,
        evidence: [],
        recommendations: [],
        level: "medium",
        evidenceText: { ru: [], kk: [] },
      },
    ],
    positions: [
      { position: { ru: "Начальник отдела кадров", kk: "Кадр бөлімінің бастығы" }, units: [], powers: [{ ru: "Отбор кандидатов", kk: "Үміткерлерді іріктеу" }, { ru: "Выбор поставщика", kk: "Жеткізушіні таңдау" }], risks: [{ number: 1, title: { ru: "Приём родственников на работу", kk: "Туыстарды жұмысқа қабылдау" } }, { number: 2, title: { ru: "Пункт 12 Правил закупок: право выбора поставщика", kk: "Сатып алу қағидаларының 12-тармағы: жеткізушіні таңдау құқығы" } }] },
      { position: { ru: "Контролёр" }, units: ["Служба сервисного обслуживания"], powers: [{ ru: "Отбор кандидатов", kk: "Үміткерлерді іріктеу" }], risks: [{ number: 1, title: { ru: "Приём родственников на работу", kk: "Туыстарды жұмысқа қабылдау" } }] },
    ],
    positionsApproval: { on: "2026-05-20", changed: true },
    riskMap: { ru: map, kk: map },
    publicationDueOn: null,
    riskMapUpdateDueOn: null,
    generatedOn: "2026-05-25",
    ...over,
  };
}
