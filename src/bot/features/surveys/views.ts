// Texts and keyboards of the campaign screens (list, wizard, one campaign, results, filter):
// pure functions of the translation and the data.
import { InlineKeyboard } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import type { CampaignRecord, ResponseRate } from "../../../db/repositories/campaigns.js";
import type { DefinitionRecord } from "../../../db/repositories/survey-definitions.js";
import { formatDay } from "../../../domain/dates.js";
import type { Lang } from "../../../domain/lang.js";
import { ROLES, type Role } from "../../../domain/roles.js";
import { answerCodes, type DefinitionIssue, type Question } from "../../../domain/surveys/definition.js";
import type { SurveyResults } from "../../../domain/surveys/results.js";
import type { TFunction } from "../../../i18n.js";
import type { CampaignFlow } from "../../flow/types.js";
import {
  cancelCampaignButton,
  chartsButton,
  closeButton,
  closeConfirmButton,
  confirmCampaignButton,
  exportButton,
  filterButton,
  formatGuideButton,
  filterResultsButton,
  newCampaignButton,
  pickAudienceButton,
  pickDefinitionButton,
  pickModeButton,
  pickPeriodButton,
  resultsButton,
  toggleDepartmentButton,
  toggleRoleButton,
  uploadDefinitionButton,
  viewCampaignButton,
} from "./buttons.js";
import { percent } from "./common.js";
import type { SurveyLabels } from "../../../services/survey-labels.js";
import type { Participation } from "../../../services/surveys.js";
import { basisNote, formatNumber } from "../../../domain/surveys/report/csv.js";

export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

export function describeDefinitionIssue(t: TFunction, issue: DefinitionIssue): string {
  return `• ${issue.path}: ${t(`surveys.validation.${issue.code}`, issue.params ?? {})}`;
}

// ── list ──

export interface CampaignListItem {
  campaign: CampaignRecord;
  title: string;
  rate: ResponseRate;
}

/** Campaign buttons per row: room for "#123" on a phone. */
const CAMPAIGNS_PER_ROW = 5;

export function campaignListView(t: TFunction, items: CampaignListItem[], canManage: boolean): View {
  const campaignButtons: InlineKeyboardButton[] = [];
  const lines = [t("campaigns.listTitle"), ""];
  if (items.length === 0) lines.push(t("campaigns.none"));
  for (const { campaign: c, title, rate } of items) {
    lines.push(
      t("campaigns.line", {
        id: c.id,
        title,
        status: t(`campaigns.status.${c.status}`),
        from: formatDay(c.opensOn),
        to: formatDay(c.closesOn),
        completed: rate.completed,
        invited: rate.invited,
      }),
    );
    campaignButtons.push(InlineKeyboard.text(`#${c.id}`, viewCampaignButton.encode([c.id])));
  }
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < campaignButtons.length; i += CAMPAIGNS_PER_ROW) rows.push(campaignButtons.slice(i, i + CAMPAIGNS_PER_ROW));
  if (canManage) rows.push([InlineKeyboard.text(t("campaigns.newButton"), newCampaignButton.encode([])), InlineKeyboard.text(t("campaigns.uploadButton"), uploadDefinitionButton.encode([]))]);
  return { text: lines.join("\n"), keyboard: InlineKeyboard.from(rows) };
}

// ── wizard ──

/** Under the request for a definition file: the format guide and the templates, as files. */
export function formatGuideKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("campaigns.formatGuideButton"), formatGuideButton.encode([]));
}

export function newCampaignKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("campaigns.newButton"), newCampaignButton.encode([]));
}

export function definitionChoiceKeyboard(t: TFunction, lang: Lang, definitions: DefinitionRecord[], nonce: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const d of definitions.slice(0, 20)) keyboard.text(`${d.definition.title[lang]} (v${d.version})`.slice(0, 60), pickDefinitionButton.encode([nonce, d.id])).row();
  return keyboard.text(t("common.cancelButton"), cancelCampaignButton.encode([]));
}

export function modeChoiceKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  return new InlineKeyboard().text(t("campaigns.mode.anonymous"), pickModeButton.encode([nonce, "a"])).row().text(t("campaigns.mode.attributed"), pickModeButton.encode([nonce, "t"]));
}

export function audienceChoiceKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("campaigns.audience.all"), pickAudienceButton.encode([nonce, "all"]))
    .row()
    .text(t("campaigns.audience.departments"), pickAudienceButton.encode([nonce, "dep"]))
    .row()
    .text(t("campaigns.audience.roles"), pickAudienceButton.encode([nonce, "role"]));
}

export function departmentKeyboard(t: TFunction, nonce: string, departments: { id: number; name: string }[], selected: number[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const d of departments.slice(0, 40)) keyboard.text(`${selected.includes(d.id) ? "☑️" : "⬜"} ${d.name}`.slice(0, 60), toggleDepartmentButton.encode([nonce, d.id])).row();
  return keyboard.text(t("campaigns.doneButton"), pickAudienceButton.encode([nonce, "depok"]));
}

export function roleKeyboard(t: TFunction, nonce: string, selected: Role[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const r of ROLES) keyboard.text(`${selected.includes(r) ? "☑️" : "⬜"} ${t(`roles.${r}`)}`, toggleRoleButton.encode([nonce, r])).row();
  return keyboard.text(t("campaigns.doneButton"), pickAudienceButton.encode([nonce, "roleok"]));
}

export function periodKeyboard(t: TFunction, nonce: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const days of [7, 14, 30] as const) keyboard.text(t("campaigns.periodDays", { count: days }), pickPeriodButton.encode([nonce, days]));
  return keyboard;
}

export function campaignSummaryView(t: TFunction, draft: CampaignFlow, definition: { title: string; version: number }, audience: string): View {
  return {
    text: t("campaigns.summary", {
      title: definition.title,
      version: definition.version,
      mode: t(`campaigns.mode.${draft.mode!}`),
      audience,
      from: formatDay(draft.opensOn!),
      to: formatDay(draft.closesOn!),
    }),
    keyboard: new InlineKeyboard().text(t("campaigns.launchButton"), confirmCampaignButton.encode([draft.nonce])).text(t("common.cancelButton"), cancelCampaignButton.encode([])),
  };
}

export function viewCampaignKeyboard(t: TFunction, campaignId: number): InlineKeyboard {
  return new InlineKeyboard().text(t("campaigns.viewButton"), viewCampaignButton.encode([campaignId]));
}

// ── one campaign ──

export interface CampaignViewData {
  campaign: CampaignRecord;
  definition: { title: string; version: number };
  /** The ledger's figures, small departments merged (services/surveys.ts, campaignParticipation). */
  rate: Participation;
  audience: string;
  /** Compliance: may change the campaign. */
  canManage: boolean;
  /** The named-answers export is offered (policies.ts). */
  namedAnswers: boolean;
}

function campaignKeyboard(t: TFunction, lang: Lang, data: CampaignViewData): InlineKeyboard {
  const id = data.campaign.id;
  const keyboard = new InlineKeyboard()
    .text(t("campaigns.resultsButton"), resultsButton.encode([id]))
    .text(t("campaigns.chartsButton"), chartsButton.encode([id]))
    .text(t("campaigns.filterButton"), filterButton.encode([id]))
    .row()
    .text("XLSX kk", exportButton.encode([id, "xlsx", "kk"]))
    .text("XLSX ru", exportButton.encode([id, "xlsx", "ru"]))
    .text("CSV", exportButton.encode([id, "csv", lang]))
    .row()
    .text("DOCX kk", exportButton.encode([id, "docx", "kk"]))
    .text("DOCX ru", exportButton.encode([id, "docx", "ru"]));
  if (data.namedAnswers) keyboard.row().text(t("campaigns.answersButton"), exportButton.encode([id, "answers", lang]));
  keyboard.row().text(t("campaigns.refreshButton"), viewCampaignButton.encode([id]));
  if (data.campaign.status !== "closed" && data.canManage) keyboard.text(t("campaigns.closeButton"), closeButton.encode([id]));
  return keyboard;
}

export function campaignView(t: TFunction, lang: Lang, data: CampaignViewData): View {
  const { campaign, rate } = data;
  const lines = [
    t("campaigns.viewTitle", { id: campaign.id, title: data.definition.title, version: data.definition.version }),
    t("campaigns.viewMeta", {
      mode: t(`campaigns.mode.${campaign.mode}`),
      status: t(`campaigns.status.${campaign.status}`),
      from: formatDay(campaign.opensOn),
      to: formatDay(campaign.closesOn),
      audience: data.audience,
    }),
    "",
    t("campaigns.rate", { completed: rate.completed, invited: rate.invited, percent: percent(rate.invited ? rate.completed / rate.invited : 0, lang) }),
    ...(rate.notReachable ? [t("campaigns.notReachable", { count: rate.notReachable })] : []),
    ...rate.byAudience.map((d) => t("campaigns.rateLine", { name: d.other ? t("common.otherUnits") : d.label || t("common.noDepartment"), completed: d.completed, invited: d.invited, percent: percent(d.rate, lang) })),
  ];
  return { text: lines.join("\n"), keyboard: campaignKeyboard(t, lang, data) };
}

export function closeConfirmView(t: TFunction, campaignId: number): View {
  return {
    text: t("campaigns.closeConfirm", { id: campaignId }),
    keyboard: new InlineKeyboard().text(t("campaigns.closeButton"), closeConfirmButton.encode([campaignId])).text(t("common.cancelButton"), cancelCampaignButton.encode([])),
  };
}

// ── results ──

function questionLines(t: TFunction, lang: Lang, q: SurveyResults["questions"][number], i: number): string[] {
  const lines = [`${i + 1}. ${q.text[lang]}`];
  if (q.suppressed) lines.push(`   ${t("campaigns.suppressed", { answered: q.answered })}`);
  else if (q.options) for (const o of q.options) lines.push(`   ${o.label[lang]}: ${o.count} (${percent(o.share, lang)})`);
  else if (q.numbers) lines.push(`   ${t("campaigns.numbers", { count: q.numbers.count, mean: formatNumber(q.numbers.mean, lang, 1) })}`);
  const texts = q.textCount ?? q.texts?.length;
  if (!q.suppressed && texts !== undefined) lines.push(`   ${t("campaigns.texts", { count: texts })}`);
  lines.push("");
  return lines;
}

export function resultsText(t: TFunction, lang: Lang, r: SurveyResults): string {
  const lines = [t("campaigns.resultsTitle", { title: r.title[lang], responses: r.responses })];
  if (r.filter) lines.push(t("campaigns.resultsFilter", { question: r.filter.questionText[lang], answer: r.filter.label[lang] }));
  lines.push(basisNote(t, r), t("campaigns.thresholdNote", { k: r.threshold.k, textK: r.threshold.textK }), "");
  r.questions.forEach((q, i) => lines.push(...questionLines(t, lang, q, i)));
  return lines.join("\n");
}

/** One button per answer of each grouping question; the button carries the question's and the answer's positions. */
export function groupChoiceKeyboard(lang: Lang, campaignId: number, groups: Question[], all: Question[], labels: SurveyLabels): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const g of groups) {
    answerCodes(g)!.forEach((code, ci) => {
      const label = g.type === "single" ? (g.options.find((o) => o.code === code)?.label[lang] ?? code) : code === "yes" ? labels.yes[lang] : labels.no[lang];
      keyboard.text(`${g.text[lang].slice(0, 20)}: ${label}`.slice(0, 60), filterResultsButton.encode([campaignId, all.indexOf(g), ci])).row();
    });
  }
  return keyboard;
}
