// Texts and keyboards of the risk register: pure functions of `t` and data.
import { InlineKeyboard } from "grammy";
import { areasOf, type RiskArea, type RiskDirection } from "../../../../domain/analysis/catalog.js";
import type { RiskEntry } from "../../../../domain/analysis/register.js";
import { factorsOf, riskLevel, riskScore, CORRUPTION_PRONE_FUNCTIONS } from "../../../../domain/analysis/risks.js";
import { pickText } from "../../../../domain/analysis/text.js";
import { otherLang, riskTextsLacking } from "../../../../domain/analysis/translations.js";
import { formatDay } from "../../../../domain/dates.js";
import type { Lang } from "../../../../domain/lang.js";
import type { TFunction, TranslationKey } from "../../../../i18n.js";
import { hubButton } from "../buttons.js";
import * as b from "./buttons.js";

/** Risks on one page of the register. */
export const PAGE_SIZE = 20;
const LINE_TITLE_MAX = 120;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const areaLabel = (t: TFunction, direction: RiskDirection, area: string) => t((direction === "legal_acts" ? `analysis.legalFactor.${area}` : `analysis.area.${area}`) as TranslationKey);

/** The words of a catalog factor (codes from domain/analysis/risks.ts, checked by its test). */
export const factorKey = (code: string) => `risks.factor.${code}` as TranslationKey;

export function factorText(t: TFunction, risk: Pick<RiskEntry, "factorCode" | "factor">, lang: Lang): string {
  return risk.factorCode ? t(factorKey(risk.factorCode)) : pickText(risk.factor, lang);
}

/** The register's page: number, level, title per line; a button per risk; paging, map, new. */
export function listView(t: TFunction, d: { analysisId: number; risks: RiskEntry[]; page: number; lang: Lang; canEdit: boolean }): { text: string; keyboard: InlineKeyboard } {
  const pages = Math.max(1, Math.ceil(d.risks.length / PAGE_SIZE));
  const page = Math.min(d.page, pages - 1);
  const shown = d.risks.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const lines = [t("risks.list.title", { count: d.risks.length })];
  if (!d.risks.length) lines.push(t("risks.list.empty"));
  for (const r of shown) lines.push(`${r.number}. ${t(`risks.level.${riskLevel(r.likelihood, r.impact)}`)} — ${cut(pickText(r.title, d.lang), LINE_TITLE_MAX)}`);
  if (pages > 1) lines.push("", t("risks.list.page", { page: page + 1, pages }));
  const keyboard = new InlineKeyboard();
  shown.forEach((r, i) => {
    keyboard.text(`№ ${r.number}`, b.openButton.encode([d.analysisId, r.id]));
    if (i % 5 === 4) keyboard.row();
  });
  keyboard.row();
  if (page > 0) keyboard.text(t("risks.button.prev"), b.listButton.encode([d.analysisId, page - 1]));
  if (page < pages - 1) keyboard.text(t("risks.button.next"), b.listButton.encode([d.analysisId, page + 1]));
  keyboard.row();
  if (d.risks.length) keyboard.text(t("risks.button.map"), b.mapButton.encode([d.analysisId]));
  if (d.canEdit) keyboard.text(t("risks.button.add"), b.newButton.encode([d.analysisId]));
  keyboard.row().text(t("risks.button.hub"), hubButton.encode([d.analysisId]));
  return { text: lines.join("\n"), keyboard };
}

/** The risk's texts with no version in `lang`, in words («наименование, рекомендация 1.2»); "" when none. */
export function lackingList(t: TFunction, risk: RiskEntry, lang: Lang): string {
  const lacking = riskTextsLacking(risk, lang);
  return [...lacking.fields.map((f) => t(`risks.other.name.${f}`)), ...lacking.recommendations.map((n) => t("risks.other.name.recommendation", { risk: risk.number, number: n }))].join(", ");
}

/** A risk with all its fields, its evidence (already in words) and its recommendations with their plan items. */
export function cardView(t: TFunction, d: { analysisId: number; risk: RiskEntry; evidence: string[]; lang: Lang; canEdit: boolean }): { text: string; keyboard: InlineKeyboard } {
  const r = d.risk;
  const none = t("risks.card.none");
  const level = riskLevel(r.likelihood, r.impact);
  const lines = [
    t("risks.card.title", { number: r.number, title: pickText(r.title, d.lang) }),
    t("risks.card.direction", { value: t(`analysis.direction.${r.direction}`) }),
    t("risks.card.area", { value: areaLabel(t, r.direction, r.area) }),
    t("risks.card.factor", { value: factorText(t, r, d.lang) || none }),
    t("risks.card.description", { value: pickText(r.description, d.lang) || none }),
    t("risks.card.functions", { value: pickText(r.functions, d.lang) || none }),
    t("risks.card.positions"),
    ...(r.positions.length ? r.positions.map((p) => `• ${pickText(p, d.lang)}`) : [`• ${none}`]),
    t("risks.card.score", { likelihood: r.likelihood, impact: r.impact, level: t(`risks.level.${level}`), score: riskScore(r.likelihood, r.impact) }),
    t("risks.card.evidence"),
    ...(d.evidence.length ? d.evidence.map((e) => `• ${e}`) : [`• ${none}`]),
    t("risks.card.recommendations"),
  ];
  if (!r.recommendations.length) lines.push(`• ${none}`);
  for (const rec of r.recommendations) {
    lines.push(`${r.number}.${rec.number}. ${pickText(rec.text, d.lang)}`);
    for (const item of rec.planItems) lines.push(t("risks.card.planItem", { number: item.number ?? "—", title: item.title, due: item.dueOn ? formatDay(item.dueOn) : t("risks.card.noDue") }));
  }
  const lacking = lackingList(t, r, otherLang(d.lang));
  if (lacking) lines.push("", t("risks.other.lacking", { list: lacking }));
  const keyboard = new InlineKeyboard();
  if (d.canEdit) {
    keyboard.text(t("risks.button.edit"), b.editButton.encode([d.analysisId, r.id])).text(t("risks.button.evidence"), b.evidenceButton.encode([d.analysisId, r.id])).row();
    keyboard.text(t("risks.other.button"), b.otherTextButton.encode([d.analysisId, r.id])).row();
    keyboard.text(t("risks.button.recommend"), b.recommendButton.encode([d.analysisId, r.id])).row();
    r.recommendations.forEach((rec, i) => {
      keyboard.text(t("risks.button.recommendation", { risk: r.number, number: rec.number }), b.recommendationButton.encode([d.analysisId, r.id, rec.id]));
      if (i % 2 === 1) keyboard.row();
    });
    keyboard.row().text(t("risks.button.delete"), b.deleteButton.encode([d.analysisId, r.id])).row();
  }
  keyboard.text(t("risks.button.back"), b.listButton.encode([d.analysisId, 0]));
  return { text: lines.join("\n"), keyboard };
}

/** One recommendation's actions: a new plan item, an existing one linked, its text, removal; each item unlinked. */
export function recommendationView(t: TFunction, d: { analysisId: number; risk: RiskEntry; recommendationId: number; lang: Lang }): { text: string; keyboard: InlineKeyboard } | null {
  const rec = d.risk.recommendations.find((x) => x.id === d.recommendationId);
  if (!rec) return null;
  const ids = [d.analysisId, d.risk.id, rec.id] as const;
  const lines = [`${d.risk.number}.${rec.number}. ${pickText(rec.text, d.lang)}`];
  for (const item of rec.planItems) lines.push(t("risks.card.planItem", { number: item.number ?? "—", title: item.title, due: item.dueOn ? formatDay(item.dueOn) : t("risks.card.noDue") }));
  const keyboard = new InlineKeyboard()
    .text(t("risks.button.createItem"), b.createItemButton.encode([...ids]))
    .text(t("risks.button.linkItem"), b.linkItemButton.encode([...ids]))
    .row()
    .text(t("risks.button.editRecommendation"), b.recommendationEditButton.encode([...ids]))
    .text(t("risks.button.deleteRecommendation"), b.recommendationDeleteButton.encode([...ids]))
    .row();
  for (const item of rec.planItems) keyboard.text(t("risks.button.unlink", { number: item.number ?? "—" }), b.unlinkItemButton.encode([...ids, item.taskId])).row();
  keyboard.text(t("risks.button.back"), b.openButton.encode([d.analysisId, d.risk.id]));
  return { text: lines.join("\n"), keyboard };
}

export function directionKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("analysis.direction.legal_acts"), b.directionButton.encode([nonce, "legal_acts"]))
    .row()
    .text(t("analysis.direction.organisational"), b.directionButton.encode([nonce, "organisational"]));
}

/** The areas of a direction, numbered in the text and on the buttons (long names do not fit a button). */
export function areaView(t: TFunction, direction: RiskDirection, nonce: string): { text: string; keyboard: InlineKeyboard } {
  const areas = areasOf(direction);
  const keyboard = new InlineKeyboard();
  areas.forEach((_, i) => {
    keyboard.text(String(i + 1), b.areaButton.encode([nonce, i]));
    if (i % 4 === 3) keyboard.row();
  });
  return { text: [t("risks.ask.area"), ...areas.map((a, i) => `${i + 1}. ${areaLabel(t, direction, a)}`)].join("\n"), keyboard };
}

/** The catalog factors of an area, numbered, and «own words» (index 0). */
export function factorView(t: TFunction, area: RiskArea, nonce: string): { text: string; keyboard: InlineKeyboard } {
  const codes = factorsOf(area);
  const keyboard = new InlineKeyboard();
  codes.forEach((_, i) => {
    keyboard.text(String(i + 1), b.factorButton.encode([nonce, i + 1]));
    if (i % 5 === 4) keyboard.row();
  });
  keyboard.row().text(t("risks.button.ownFactor"), b.factorButton.encode([nonce, 0]));
  return { text: [t("risks.ask.factor"), ...codes.map((c, i) => `${i + 1}. ${t(factorKey(c))}`)].join("\n"), keyboard };
}

export function scoreKeyboard(nonce: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let s = 1; s <= 5; s++) keyboard.text(String(s), b.scoreButton.encode([nonce, s]));
  return keyboard;
}

/** The functions prompt with seed 002's example list as a hint. */
export function functionsPrompt(t: TFunction, max: number): string {
  return [t("risks.ask.functions", { max }), "", t("risks.ask.functionsHint", { zone: t("risks.function.zone") }), ...CORRUPTION_PRONE_FUNCTIONS.map((f) => `• ${t(`risks.function.${f}`)} — ${t(`risks.functionFactor.${f}`)}`)].join("\n");
}

export function editFieldsKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  (["direction", "factor", "title", "description", "functions", "positions", "likelihood", "impact"] as const).forEach((field, i) => {
    keyboard.text(t(`risks.field.${field}`), b.editFieldButton.encode([nonce, field]));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}
