// Texts and keyboards of the questionnaire as the respondent sees it: the privacy notice, one
// question with its progress, "please specify", and the review. Pure functions of the
// translation (in the draft's language) and the data. Every button carries the draft's step.
import { InlineKeyboard } from "grammy";
import type { SurveyConfig } from "../../../config.js";
import type { CampaignRecord } from "../../../db/repositories/campaigns.js";
import type { DraftData } from "../../../db/repositories/survey-answers.js";
import { formatDay } from "../../../domain/dates.js";
import { OTHER_MAX_LENGTH, previousQuestion, progress, questionCount, visibleQuestions } from "../../../domain/surveys/answers.js";
import { answerCodes, type Question, type SurveyDefinition } from "../../../domain/surveys/definition.js";
import { displayAnswer } from "../../../domain/surveys/display.js";
import type { TFunction } from "../../../i18n.js";
import { answerButton, backButton, doneButton, languageButton, laterButton, skipButton, startButton, submitButton, toggleButton } from "./buttons.js";
import type { SurveyLabels } from "../../../services/survey-labels.js";
import type { View } from "./views.js";

/** What every respondent screen shows: the campaign, its definition and the draft. */
export interface Questionnaire {
  campaign: CampaignRecord;
  def: SurveyDefinition;
  draft: DraftData;
}

/** The number of questions: exact when none hangs on an answer, else the most that may be asked (the first question's total). */
function noticeCount(t: TFunction, def: SurveyDefinition, date: string): string {
  const { atMost, always } = questionCount(def);
  return atMost === always ? t("surveys.noticeDeadline", { date, count: atMost }) : t("surveys.noticeDeadlineAtMost", { date, count: atMost });
}

export function noticeView(t: TFunction, { campaign, def, draft }: Questionnaire, settings: SurveyConfig): View {
  const lang = draft.lang;
  const text = [
    `📋 ${def.title[lang]}`,
    def.description ? `\n${def.description[lang]}` : "",
    "",
    campaign.mode === "anonymous" ? t("surveys.noticeAnonymous", { k: settings.minGroup, textK: settings.minTextGroup, count: settings.draftDays }) : t("surveys.noticeAttributed"),
    "",
    noticeCount(t, def, formatDay(campaign.closesOn)),
  ].join("\n");
  const keyboard = new InlineKeyboard()
    .text(Object.keys(draft.answers).length ? t("surveys.continueButton") : t("surveys.startButton"), startButton.encode([campaign.id, draft.step]))
    .text(t("surveys.laterButton"), laterButton.encode([campaign.id, draft.step]))
    .row()
    .text(lang === "kk" ? "🌐 Русский" : "🌐 Қазақша", languageButton.encode([campaign.id, draft.step, lang === "kk" ? "ru" : "kk"]));
  return { text, keyboard };
}

function numberHint(t: TFunction, q: Extract<Question, { type: "number" }>): string {
  if (q.min !== undefined && q.max !== undefined) return t("surveys.hint.numberRange", { min: q.min, max: q.max });
  if (q.min !== undefined) return t("surveys.hint.numberMin", { min: q.min });
  return t("surveys.hint.number");
}

function typeHint(t: TFunction, q: Question, anonymous: boolean): string {
  switch (q.type) {
    case "single":
      return t("surveys.hint.single");
    case "multiple":
      return q.max !== undefined ? t("surveys.hint.multipleMax", { max: q.max }) : t("surveys.hint.multiple");
    case "scale":
      return t("surveys.hint.scale");
    case "yesno":
      return t("surveys.hint.single");
    case "number":
      return numberHint(t, q);
    case "text":
      return t(anonymous ? "surveys.hint.textAnonymous" : "surveys.hint.text", { max: q.maxLength });
    case "date":
      return t("surveys.hint.date");
  }
}

function questionText(t: TFunction, { campaign, def, draft }: Questionnaire, q: Question, labels: SurveyLabels): string {
  const lang = draft.lang;
  const { position, total } = progress(def, draft.answers, q.id);
  const section = def.sections.find((s) => s.questions.some((x) => x.id === q.id))!;
  const lines = [`📋 ${section.title[lang]} · ${position}/${total}`, "", q.text[lang]];
  if (q.help) lines.push("", `ℹ️ ${q.help[lang]}`);
  if (q.type === "scale") {
    lines.push("");
    for (let p = q.min; p <= q.max; p++) lines.push(`${p} — ${q.labels[String(p)]![lang]}`);
  }
  const current = draft.answers[q.id];
  const shown = current ? displayAnswer(q, current, lang, labels) : null;
  if (shown && q.type !== "multiple") lines.push("", t("surveys.currentAnswer", { answer: shown }));
  lines.push("", `✏️ ${typeHint(t, q, campaign.mode === "anonymous")}${q.optional ? ` ${t("surveys.optionalMark")}` : ""}`);
  return lines.join("\n");
}

/** The codes ticked so far in a multiple-choice question: the selection in progress, else the saved answer. */
export function selectionOf(draft: DraftData, questionId: string): string[] {
  const current = draft.answers[questionId];
  return draft.selection ?? (current && "codes" in current ? current.codes : []);
}

function optionButtons(keyboard: InlineKeyboard, t: TFunction, { campaign, draft }: Questionnaire, q: Question, labels: SurveyLabels): void {
  const lang = draft.lang;
  const [cid, s] = [campaign.id, draft.step];
  if (q.type === "single" || q.type === "yesno" || q.type === "scale") {
    answerCodes(q)!.forEach((code, i) => {
      const label = q.type === "scale" ? code : q.type === "yesno" ? (code === "yes" ? labels.yes[lang] : labels.no[lang]) : code === "other" ? `${labels.other[lang]}…` : q.options[i]!.label[lang];
      keyboard.text(label, answerButton.encode([cid, s, i]));
      if (q.type !== "scale" && q.type !== "yesno") keyboard.row();
    });
    if (q.type === "scale" || q.type === "yesno") keyboard.row();
  } else if (q.type === "multiple") {
    const selected = new Set(selectionOf(draft, q.id));
    answerCodes(q)!.forEach((code, i) => {
      const label = code === "other" ? `${labels.other[lang]}…` : q.options[i]!.label[lang];
      keyboard.text(`${selected.has(code) ? "☑️" : "⬜"} ${label}`, toggleButton.encode([cid, s, i])).row();
    });
    keyboard.text(t("surveys.doneButton"), doneButton.encode([cid, s])).row();
  }
}

export function questionView(t: TFunction, qn: Questionnaire, q: Question, labels: SurveyLabels): View {
  const { campaign, def, draft } = qn;
  const lang = draft.lang;
  const [cid, s] = [campaign.id, draft.step];
  const keyboard = new InlineKeyboard();
  optionButtons(keyboard, t, qn, q, labels);
  if (previousQuestion(def, draft.answers, q.id)) keyboard.text(t("surveys.backButton"), backButton.encode([cid, s]));
  if (q.optional) keyboard.text(t("surveys.skipButton"), skipButton.encode([cid, s]));
  keyboard.row().text(t("surveys.pauseButton"), laterButton.encode([cid, s])).text(lang === "kk" ? "🌐 RU" : "🌐 ҚАЗ", languageButton.encode([cid, s, lang === "kk" ? "ru" : "kk"]));
  return { text: questionText(t, qn, q, labels), keyboard };
}

export function askOtherView(t: TFunction, { campaign, draft }: Questionnaire): View {
  return {
    text: t("surveys.askOther", { max: OTHER_MAX_LENGTH }),
    keyboard: new InlineKeyboard().text(t("surveys.backButton"), backButton.encode([campaign.id, draft.step])).text(t("surveys.pauseButton"), laterButton.encode([campaign.id, draft.step])),
  };
}

export function reviewView(t: TFunction, { campaign, def, draft }: Questionnaire, labels: SurveyLabels): View {
  const lang = draft.lang;
  const lines = [t("surveys.reviewTitle"), ""];
  visibleQuestions(def, draft.answers).forEach((q, i) => {
    lines.push(`${i + 1}. ${q.text[lang]}`, `   → ${displayAnswer(q, draft.answers[q.id], lang, labels) ?? "—"}`);
  });
  lines.push("", campaign.mode === "anonymous" ? t("surveys.reviewAnonymous") : t("surveys.reviewAttributed"));
  const keyboard = new InlineKeyboard()
    .text(t("surveys.submitButton"), submitButton.encode([campaign.id, draft.step]))
    .row()
    .text(t("surveys.backButton"), backButton.encode([campaign.id, draft.step]))
    .text(t("surveys.pauseButton"), laterButton.encode([campaign.id, draft.step]));
  return { text: lines.join("\n"), keyboard };
}
