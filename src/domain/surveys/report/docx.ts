// The "survey results" section of the analytic report (аналитическая справка / талдамалық
// анықтама), as a DOCX to paste into it: formal prose per question, tables of the answer
// distribution, Times New Roman 14 pt (12 pt in tables), justified paragraphs with a
// 1.25 cm first-line indent, A4 with the usual margins of official documents
// (documents/official-docx.ts).
import type { Paragraph, Table } from "docx";
import { clean, officialDocx, para, table } from "../../documents/official-docx.js";
import type { Lang, QuestionResult, SurveyResults } from "../results.js";
import type { TextList } from "../text-pool.js";
import { audienceLabel, formatDate, formatNumber, formatPercent, optionLabel, pick, scaleMean, sharesExceedWhole, textsOf, thresholdFor } from "./csv.js";
import type { Translate } from "../../../i18n-resources.js";

/** Free-text answers quoted per question at most. */
export const MAX_QUOTED_TEXTS = 10;

/** Sentence end: the parts, then "(число ответивших — 24)." */
function withAnswered(sentence: string, q: QuestionResult, lang: Lang, t: Translate): string {
  return `${sentence} (${t("surveyReport.docx.answeredCount", { count: formatNumber(q.answered, lang) })}).`;
}

function quoted(texts: TextList): Paragraph[] {
  const out: Paragraph[] = [];
  for (const text of texts) {
    if (out.length === MAX_QUOTED_TEXTS) break;
    out.push(para(`– «${clean(text)}»`));
  }
  return out;
}

/** A question's paragraphs; `texts` are its free texts (read by the caller). */
function questionBlock(q: QuestionResult, texts: TextList, r: SurveyResults, lang: Lang, t: Translate): (Paragraph | Table)[] {
  const question = clean(pick(q.text, lang));
  if (q.suppressed) return [para(t("surveyReport.docx.suppressed", { question, k: thresholdFor(q, r) }), { after: 120 })];

  const out: (Paragraph | Table)[] = [];
  const noAnswers = () => [para(t("surveyReport.docx.noAnswers", { question }), { after: 120 })];

  if (q.options && q.type !== "scale") {
    const chosen = q.options.filter((o) => o.count > 0).sort((a, b) => b.share - a.share);
    const [first, ...rest] = chosen;
    if (!first) return noAnswers();
    const answer = (o: typeof first) => clean(optionLabel(q, o, lang));
    const multiple = q.multiple || q.type === "multiple";
    const lead = multiple
      ? t("surveyReport.docx.multipleLead", { question, share: formatPercent(first.share, lang), answer: answer(first) })
      : t("surveyReport.docx.lead", { question, share: formatPercent(first.share, lang), answer: answer(first) });
    const sentence = [lead, ...rest.map((o) => t("surveyReport.docx.next", { share: formatPercent(o.share, lang), answer: answer(o) }))].join(", ");
    out.push(para(withAnswered(sentence, q, lang, t), { after: 120, keepNext: true }));
  } else if (q.options && q.type === "scale") {
    const mean = scaleMean(q.options);
    if (mean === null) return noAnswers();
    const points = q.options.map((o) => Number(o.code)).filter(Number.isFinite);
    const sentence = t("surveyReport.docx.scale", { question, min: Math.min(...points), max: Math.max(...points), mean: formatNumber(mean, lang, 1) });
    out.push(para(withAnswered(sentence, q, lang, t), { after: 120, keepNext: true }));
  }
  if (q.options) {
    out.push(
      table(
        [t("surveyReport.docx.table.answer"), t("surveyReport.docx.table.count"), t("surveyReport.docx.table.share")],
        q.options.map((o) => [optionLabel(q, o, lang), formatNumber(o.count, lang), formatNumber(o.share * 100, lang, 1)]),
        [60, 20, 20],
      ),
    );
    if (sharesExceedWhole(q)) out.push(para(t("surveyReport.docx.multipleNote"), { italic: true, indent: false, before: 60 }));
    if (texts.length > 0) out.push(para(t("surveyReport.docx.otherTexts"), { before: 120 }), ...quoted(texts));
    out.push(para("", { after: 120 }));
    return out;
  }

  if (q.numbers) {
    const n = q.numbers;
    const sentence = t("surveyReport.docx.number", { question, mean: formatNumber(n.mean, lang, 1) });
    return [para(withAnswered(sentence, q, lang, t), { after: 120 })];
  }

  if (texts.length === 0) return noAnswers();
  out.push(para(t("surveyReport.docx.text", { question, count: formatNumber(texts.length, lang) })));
  out.push(para(texts.length > MAX_QUOTED_TEXTS ? t("surveyReport.docx.textsSome", { shown: MAX_QUOTED_TEXTS }) : t("surveyReport.docx.textsAll")));
  out.push(...quoted(texts));
  out.push(para("", { after: 120 }));
  return out;
}

function sectionKey(q: QuestionResult): string {
  return `${q.sectionTitle.kk}\u0000${q.sectionTitle.ru}`;
}

/** The DOCX body: heading, participation and anonymity paragraphs, then every question. */
export async function renderResultsDocx(results: SurveyResults, lang: Lang, t: Translate): Promise<Buffer> {
  const r = results;
  const body: (Paragraph | Table)[] = [para(t("surveyReport.docx.heading"), { bold: true, center: true, after: 240 })];

  body.push(para(t("surveyReport.docx.period", { from: formatDate(r.opensOn), to: formatDate(r.closesOn), title: clean(pick(r.title, lang)) })));
  body.push(
    para(
      t("surveyReport.docx.participation", {
        invited: formatNumber(r.invited, lang),
        completed: formatNumber(r.completed, lang),
        rate: formatPercent(r.responseRate, lang),
      }),
    ),
  );
  body.push(para(r.final ? t("surveyReport.docx.final", { responses: formatNumber(r.totalResponses, lang) }) : t("surveyReport.docx.interim", { date: formatDate(r.generatedOn), responses: formatNumber(r.totalResponses, lang), k: r.threshold.k })));
  body.push(para(r.mode === "anonymous" ? t("surveyReport.docx.anonymous") : t("surveyReport.docx.attributed")));
  body.push(para(t("surveyReport.docx.threshold", { k: r.threshold.k, textK: r.threshold.textK })));
  if (r.filter) {
    body.push(
      para(
        t("surveyReport.docx.filter", {
          question: clean(pick(r.filter.questionText, lang)),
          answer: clean(pick(r.filter.label, lang)),
          responses: formatNumber(r.responses, lang),
        }),
      ),
    );
  }
  if (r.byAudience.length > 1) {
    body.push(para(t("surveyReport.docx.audience"), { before: 120, after: 120, keepNext: true }));
    body.push(
      table(
        [t("surveyReport.docx.table.department"), t("surveyReport.docx.table.invited"), t("surveyReport.docx.table.completed"), t("surveyReport.docx.table.rate")],
        r.byAudience.map((a) => [audienceLabel(t, a), formatNumber(a.invited, lang), formatNumber(a.completed, lang), formatNumber(a.rate * 100, lang, 1)]),
        [46, 18, 18, 18],
      ),
    );
  }
  body.push(para("", { after: 120 }));

  let section: string | null = null;
  for (const q of r.questions) {
    if (sectionKey(q) !== section) {
      section = sectionKey(q);
      body.push(para(pick(q.sectionTitle, lang), { bold: true, before: 120, after: 120, keepNext: true }));
    }
    // One question's texts at a time (results computed with `textsOnDemand`).
    body.push(...questionBlock(q, q.suppressed ? [] : await textsOf(q), r, lang, t));
  }

  return officialDocx(t("surveyReport.docx.heading"), [{ children: body }]);
}
