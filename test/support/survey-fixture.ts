// A small questionnaire for the respondent, upload and CLI tests: typed answers first
// (number, date), then choices with "other (specify)", then an optional free text.
import { validateDefinition, type SurveyDefinition } from "../../src/domain/surveys/definition.js";

const T = (ru: string, kk: string) => ({ kk, ru });

export const FLOW_DEFINITION_INPUT = {
  id: "flow-test",
  title: T("Проверочный опрос", "Тексерме сауалнама"),
  mode: "anonymous",
  sections: [
    {
      id: "facts",
      title: T("Факты", "Деректер"),
      questions: [
        { id: "years", type: "number", min: 0, max: 60, text: T("Сколько лет вы работаете?", "Қанша жыл жұмыс істейсіз?") },
        { id: "since", type: "date", text: T("С какой даты в должности?", "Лауазымда қай күннен бастап?") },
      ],
    },
    {
      id: "views",
      title: T("Мнения", "Пікірлер"),
      questions: [
        {
          id: "channel",
          type: "single",
          other: true,
          text: T("Куда вы сообщили бы о нарушении?", "Бұзушылық туралы қайда хабарлар едіңіз?"),
          options: [
            { code: "boss", label: T("Руководителю", "Басшыға") },
            { code: "hotline", label: T("На горячую линию", "Сенім телефонына") },
          ],
        },
        {
          id: "risks",
          type: "multiple",
          other: true,
          max: 2,
          text: T("Где риски выше всего?", "Тәуекел қай жерде жоғары?"),
          options: [
            { code: "buy", label: T("Закупки", "Сатып алу") },
            { code: "hire", label: T("Найм", "Жалдау") },
            { code: "audit", label: T("Проверки", "Тексерулер") },
          ],
        },
        { id: "comment", type: "text", optional: true, maxLength: 50, text: T("Ваш комментарий", "Пікіріңіз") },
      ],
    },
  ],
};

export function flowDefinition(): SurveyDefinition {
  const r = validateDefinition(structuredClone(FLOW_DEFINITION_INPUT));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
}
