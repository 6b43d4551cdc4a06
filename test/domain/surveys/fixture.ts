import { validateDefinition, type SurveyDefinition } from "../../../src/domain/surveys/definition.js";

const T = (ru: string, kk = `${ru} (қаз)`) => ({ kk, ru });

/** A small definition with every question type, a grouping question and show-if. */
export function sampleDefinition(): SurveyDefinition {
  const r = validateDefinition({
    id: "sample",
    title: T("Опрос"),
    mode: "anonymous",
    sections: [
      {
        id: "about",
        title: T("О вас"),
        questions: [
          { id: "unit", type: "single", group: true, text: T("Подразделение"), options: [{ code: "adm", label: T("Администрация") }, { code: "prod", label: T("Производство") }] },
          { id: "met", type: "yesno", text: T("Сталкивались ли вы с коррупцией?") },
          { id: "how", type: "multiple", text: T("Как именно?"), showIf: { question: "met", equals: "yes" }, other: true, options: [{ code: "gift", label: T("Подарок") }, { code: "cash", label: T("Деньги") }] },
          { id: "trust", type: "scale", min: 1, max: 3, text: T("Доверие"), labels: { "1": T("Низкое"), "2": T("Среднее"), "3": T("Высокое") } },
          { id: "years", type: "number", min: 0, max: 60, text: T("Стаж") },
          { id: "when", type: "date", optional: true, text: T("Когда") },
          { id: "note", type: "text", optional: true, maxLength: 200, text: T("Комментарий") },
        ],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
}
