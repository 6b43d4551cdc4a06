// Texts and keyboards of the other sources' section: the figures by kind in the report's
// words, the officer's buttons, the upload preview, a figure in one line.
import { InlineKeyboard } from "grammy";
import { categoryWord, periodLabel, sourceVocabulary, type FigureErrorCode, type KindSummary, type SourceFigureInput, type SourceFigureRow, type SourceFigureSummary, type SourceVocabulary } from "../../../../domain/analysis/source-figures.js";
import { sourceFigureText } from "../../../../domain/analysis/source-figures-docx.js";
import type { Lang } from "../../../../domain/lang.js";
import { formatNumber } from "../../../../domain/surveys/report/csv.js";
import type { Translate } from "../../../../i18n-resources.js";
import type { I18n, TFunction } from "../../../../i18n.js";
import { escapeHtml } from "../../../ui/html.js";
import { MAX_ISSUES_SHOWN } from "../../../ui/issues.js";
import { hubButton } from "../buttons.js";
import { sourcesAddButton, sourcesCancelButton, sourcesConfirmButton, sourcesDeleteAskButton, sourcesDeleteButton, sourcesListButton, sourcesTemplateButton, sourcesUploadButton } from "./buttons.js";

/** The figures are listed for deletion at most this many at a time. */
export const LIST_LIMIT = 30;

const asTranslate = (t: TFunction) => t as unknown as Translate;

/** The words of both languages: a Kazakh officer may fill in a Russian template and the other way round. */
export function vocabularyOf(i18n: I18n): SourceVocabulary {
  return sourceVocabulary([asTranslate(i18n.t("kk")), asTranslate(i18n.t("ru"))]);
}

function kindBlock(t: TFunction, lang: Lang, k: KindSummary): string {
  const tr = asTranslate(t);
  const lines = [`<b>${escapeHtml(t(`analysisSources.kind.${k.kind}`))}</b>`, escapeHtml(sourceFigureText(k, tr, lang))];
  for (const m of k.mismatches) lines.push(escapeHtml(t("analysisSources.screen.mismatch", { kind: t(`analysisSources.kind.${k.kind}`), parts: formatNumber(m.parts, lang, 0), whole: formatNumber(m.whole, lang, 0) })));
  return lines.join("\n");
}

export function sourcesScreenView(t: TFunction, lang: Lang, summary: SourceFigureSummary, analysisId: number, canEdit: boolean): { text: string; keyboard: InlineKeyboard } {
  const head = `<b>${escapeHtml(t("analysisSources.screen.title"))}</b>`;
  const body = summary.kinds.length ? summary.kinds.map((k) => kindBlock(t, lang, k)).join("\n\n") : escapeHtml(t("analysisSources.screen.empty"));
  const kb = new InlineKeyboard();
  if (canEdit) {
    kb.text(t("analysisSources.screen.templateButton"), sourcesTemplateButton.encode([analysisId])).text(t("analysisSources.screen.uploadButton"), sourcesUploadButton.encode([analysisId])).row();
    kb.text(t("analysisSources.screen.addButton"), sourcesAddButton.encode([analysisId]));
    if (summary.kinds.length) kb.text(t("analysisSources.screen.listButton"), sourcesListButton.encode([analysisId]));
    kb.row();
  }
  kb.text(t("analysisSources.screen.backButton"), hubButton.encode([analysisId]));
  return { text: `${head}\n\n${body}`, keyboard: kb };
}

/** One figure in a line: kind, period, category / topic: count (source). */
export function figureLine(t: TFunction, f: SourceFigureInput): string {
  const tr = asTranslate(t);
  const topic = f.topic ? ` / ${f.topic}` : "";
  const source = f.source ? ` (${f.source})` : "";
  return `${t(`analysisSources.kind.${f.kind}`)}, ${periodLabel(f.period, tr)}, ${categoryWord(tr, f.kind, f.category)}${topic}: ${f.count}${source}`;
}

export function figureListView(t: TFunction, figures: SourceFigureRow[], analysisId: number): { text: string; keyboard: InlineKeyboard } {
  const shown = figures.slice(0, LIST_LIMIT);
  const lines = [escapeHtml(t("analysisSources.list.title", { count: figures.length })), "", ...shown.map((f, i) => `${i + 1}. ${escapeHtml(figureLine(t, f))}`)];
  if (figures.length > shown.length) lines.push("", escapeHtml(t("analysisSources.list.more", { shown: shown.length })));
  const kb = new InlineKeyboard();
  shown.forEach((f, i) => {
    kb.text(String(i + 1), sourcesDeleteAskButton.encode([analysisId, f.id]));
    if (i % 6 === 5) kb.row();
  });
  kb.row().text(t("analysisSources.screen.backButton"), hubButton.encode([analysisId]));
  return { text: lines.join("\n"), keyboard: kb };
}

export function deleteAskView(t: TFunction, figure: SourceFigureRow, analysisId: number): { text: string; keyboard: InlineKeyboard } {
  return {
    text: escapeHtml(t("analysisSources.list.deleteAsk", { line: figureLine(t, figure) })),
    keyboard: new InlineKeyboard().text(t("analysisSources.list.deleteButton"), sourcesDeleteButton.encode([analysisId, figure.id])).text(t("analysisSources.upload.cancelButton"), sourcesListButton.encode([analysisId])),
  };
}

export function errorText(t: TFunction, code: FigureErrorCode | "too_many_rows"): string {
  return t(`analysisSources.error.${code}`);
}

export function cancelKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("analysisSources.upload.cancelButton"), sourcesCancelButton.encode([]));
}

export interface UploadPreview {
  rows: SourceFigureInput[];
  known: number;
  errors: { row: number; code: FigureErrorCode | "too_many_rows" | "no_header" }[];
}

export function uploadPreviewView(t: TFunction, p: UploadPreview, nonce: string): { text: string; keyboard: InlineKeyboard } {
  const lines = [t("analysisSources.upload.preview", { rows: p.rows.length, known: p.known, errors: p.errors.length })];
  const kinds = new Map<string, number>();
  for (const r of p.rows) kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
  for (const [kind, count] of kinds) lines.push(`• ${t(`analysisSources.kind.${kind as SourceFigureInput["kind"]}`)}: ${count}`);
  if (p.errors.length) {
    lines.push("", t("analysisSources.upload.errorsHead"));
    for (const e of p.errors.slice(0, MAX_ISSUES_SHOWN)) lines.push(`• ${t("analysisSources.upload.rowError", { row: e.row, problem: e.code === "no_header" ? t("analysisSources.upload.fileError.no_header") : errorText(t, e.code) })}`);
    if (p.errors.length > MAX_ISSUES_SHOWN) lines.push(t("common.moreIssues", { count: p.errors.length - MAX_ISSUES_SHOWN }));
  }
  const keyboard = new InlineKeyboard().text(t("analysisSources.upload.confirmButton"), sourcesConfirmButton.encode([nonce])).text(t("analysisSources.upload.cancelButton"), sourcesCancelButton.encode([]));
  return { text: escapeHtml(lines.join("\n")), keyboard };
}
