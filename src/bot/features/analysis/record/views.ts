// Texts and keyboards of the analysis's record: the card (seed 000 §1: the basis, the object,
// the direction, the periods, the working group, the sources, the campaigns and the schedule),
// the hub's status line, and the lists the officer toggles.
import { InlineKeyboard } from "grammy";
import { ANALYSIS_DIRECTIONS, INFORMATION_SOURCES } from "../../../../domain/analysis/catalog.js";
import { pickText } from "../../../../domain/analysis/text.js";
import { otherLang, recordTextsLacking, type RecordTextField } from "../../../../domain/analysis/translations.js";
import { formatDay } from "../../../../domain/dates.js";
import type { Lang } from "../../../../domain/lang.js";
import { translateStored, type TFunction } from "../../../../i18n.js";
import type { AnalysisRecord, CampaignChoice } from "../../../../services/analysis-record.js";
import { escapeHtml } from "../../../ui/html.js";
import { hubButton } from "../buttons.js";
import {
  recordAskButton,
  recordCampaignsButton,
  recordCampaignToggleButton,
  recordCardButton,
  recordDirectionButton,
  recordDirectionsButton,
  recordGroupButton,
  recordMemberAddButton,
  recordMemberHeadButton,
  recordMemberRemoveButton,
  recordSourcesButton,
  recordSourceToggleButton,
  recordTextLangButton,
  recordUnitsButton,
  recordUnitToggleButton,
} from "./buttons.js";

export const UNITS_PER_PAGE = 8;
const BUTTON_TEXT = 48;

const short = (text: string, max = BUTTON_TEXT) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mark = (on: boolean) => (on ? "✅" : "▫️");

/** The hub's line: the order (or that it is missing) and the working group's size. */
export function recordStatusLine(t: TFunction, record: AnalysisRecord): string {
  const order = record.orderNumber && record.orderDate ? t("analysisRecord.status.order", { number: record.orderNumber, date: formatDay(record.orderDate) }) : t("analysisRecord.status.noOrder");
  const group = record.members.length ? t("analysisRecord.status.group", { count: record.members.length }) : t("analysisRecord.status.noGroup");
  return `📋 ${order} · ${group}`;
}

function campaignLabel(t: TFunction, lang: Lang, c: CampaignChoice): string {
  const title = pickText(c.title, lang);
  const dates = t("analysisRecord.card.campaign", { id: c.id, opens: formatDay(c.opensOn), closes: formatDay(c.closesOn) });
  return title ? `${title}, ${dates}` : dates;
}

function campaignList(t: TFunction, lang: Lang, ids: number[], campaigns: CampaignChoice[]): string {
  const labels = ids.map((id) => campaigns.find((c) => c.id === id)).flatMap((c) => (c ? [campaignLabel(t, lang, c)] : []));
  return labels.length ? escapeHtml(labels.join("; ")) : t("analysisRecord.card.none");
}

function groupLines(t: TFunction, record: AnalysisRecord): string[] {
  if (!record.members.length) return [`${t("analysisRecord.card.group")} ${t("analysisRecord.card.none")}`];
  return [
    t("analysisRecord.card.group"),
    ...record.members.map((m) => {
      const about = [m.position, m.department].filter(Boolean).join(", ");
      return `• ${escapeHtml(m.fullName)}${about ? ` — ${escapeHtml(about)}` : ""}${m.role === "head" ? ` (${t("analysisRecord.card.head")})` : ""}`;
    }),
  ];
}

function scheduleLines(t: TFunction, record: AnalysisRecord): string[] {
  if (!record.milestones.length) return [];
  const icon = (status: string) => (status === "done" ? "✅" : status === "cancelled" ? "✖️" : "⏳");
  const word = (status: string) => t(status === "done" ? "analysisRecord.card.done" : status === "cancelled" ? "analysisRecord.card.cancelled" : "analysisRecord.card.open");
  return ["", t("analysisRecord.card.schedule"), ...record.milestones.map((m) => `${icon(m.status)} ${formatDay(m.dueOn)} — ${escapeHtml(translateStored(t, m.titleKey, m.titleParams))} (${word(m.status)})`)];
}

/** The card's text (HTML). */
export function recordCardText(t: TFunction, lang: Lang, record: AnalysisRecord, campaigns: CampaignChoice[]): string {
  const notSet = t("analysisRecord.card.notSet");
  const objectText = pickText(record.objectText, lang);
  const lines = [
    `<b>${t("analysisRecord.card.title")}</b>`,
    "",
    record.orderNumber && record.orderDate ? t("analysisRecord.card.basis", { number: escapeHtml(record.orderNumber), date: formatDay(record.orderDate) }) : t("analysisRecord.card.noBasis"),
    t("analysisRecord.card.organisation", { text: escapeHtml(pickText(record.organisation, lang)) || notSet }),
    t("analysisRecord.card.object", { text: objectText ? escapeHtml(objectText) : notSet }),
    t("analysisRecord.card.units", { list: record.units.length ? escapeHtml(record.units.map((u) => u.name).join("; ")) : notSet }),
    t("analysisRecord.card.direction", { text: record.direction ? t(`analysis.direction.${record.direction}`) : notSet }),
    t("analysisRecord.card.period", { start: formatDay(record.startOn), end: formatDay(record.endOn) }),
    record.coveredFrom && record.coveredTo ? t("analysisRecord.card.covered", { from: formatDay(record.coveredFrom), to: formatDay(record.coveredTo) }) : t("analysisRecord.card.noCovered"),
    "",
    ...groupLines(t, record),
    "",
    record.sources.length ? t("analysisRecord.card.sources") : `${t("analysisRecord.card.sources")} ${t("analysisRecord.card.none")}`,
    ...record.sources.map((s) => `• ${t(`analysis.source.${s}`)}`),
    "",
    t("analysisRecord.card.interviews", { list: campaignList(t, lang, record.interviewCampaignIds, campaigns) }),
    t("analysisRecord.card.surveys", { list: campaignList(t, lang, record.surveyCampaignIds, campaigns) }),
    ...scheduleLines(t, record),
  ];
  const lacking = recordTextsLacking(record, otherLang(lang));
  if (lacking.length) lines.push("", t("analysisRecord.lang.lacking", { list: lacking.map((f) => t(`analysisRecord.lang.field.${f}`)).join(", ") }));
  return lines.join("\n");
}

/** The prompt for the organisation or the object in `lang`: its text now in each language, and the other language's button. */
export function localizedAskView(t: TFunction, field: RecordTextField, record: AnalysisRecord, lang: Lang, nonce: string): { text: string; keyboard: InlineKeyboard } {
  const lines = [t(`analysisRecord.ask.${field}`)];
  for (const l of ["ru", "kk"] as const) if (record[field][l]) lines.push(t("analysisRecord.lang.current", { lang: t(`analysisRecord.lang.name.${l}`), text: record[field][l] }));
  lines.push("", t("analysisRecord.lang.writeIn", { lang: t(`analysisRecord.lang.name.${lang}`) }));
  const keyboard = new InlineKeyboard().text(t("analysisRecord.lang.switch", { lang: t(`analysisRecord.lang.name.${otherLang(lang)}`) }), recordTextLangButton.encode([nonce]));
  return { text: lines.join("\n"), keyboard };
}

/** The card's buttons: the edits for compliance, the way back to the hub for everyone. */
export function recordCardKeyboard(t: TFunction, analysisId: number, canEdit: boolean): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (canEdit) {
    kb.text(t("analysisRecord.button.order"), recordAskButton.encode(["order", analysisId])).text(t("analysisRecord.button.organisation"), recordAskButton.encode(["organisation", analysisId])).row();
    kb.text(t("analysisRecord.button.object"), recordAskButton.encode(["objectText", analysisId])).text(t("analysisRecord.button.units"), recordUnitsButton.encode([analysisId, 0])).row();
    kb.text(t("analysisRecord.button.direction"), recordDirectionsButton.encode([analysisId])).text(t("analysisRecord.button.covered"), recordAskButton.encode(["covered", analysisId])).row();
    kb.text(t("analysisRecord.button.group"), recordGroupButton.encode([analysisId])).text(t("analysisRecord.button.sources"), recordSourcesButton.encode([analysisId])).row();
    kb.text(t("analysisRecord.button.campaigns"), recordCampaignsButton.encode([analysisId])).row();
  }
  return kb.text(t("analysisRecord.button.hub"), hubButton.encode([analysisId]));
}

const backToCard = (t: TFunction, kb: InlineKeyboard, analysisId: number) => kb.row().text(t("analysisRecord.button.card"), recordCardButton.encode([analysisId]));

/** One page of the department list, the record's units marked. */
export function unitsKeyboard(t: TFunction, record: AnalysisRecord, departments: { id: number; name: string }[], page: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  const selected = new Set(record.units.map((u) => u.id));
  for (const d of departments.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE)) kb.text(`${mark(selected.has(d.id))} ${short(d.name)}`, recordUnitToggleButton.encode([record.id, d.id, page])).row();
  const pages = Math.ceil(departments.length / UNITS_PER_PAGE);
  if (page > 0) kb.text(t("analysisRecord.button.prev"), recordUnitsButton.encode([record.id, page - 1]));
  if (page + 1 < pages) kb.text(t("analysisRecord.button.next"), recordUnitsButton.encode([record.id, page + 1]));
  return backToCard(t, kb, record.id);
}

export function directionsKeyboard(t: TFunction, record: AnalysisRecord): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const d of ANALYSIS_DIRECTIONS) kb.text(`${mark(record.direction === d)} ${short(t(`analysis.direction.${d}`))}`, recordDirectionButton.encode([record.id, d])).row();
  return backToCard(t, kb, record.id);
}

/** The sources in full (numbered, the used ones marked) and a button per number. */
export function sourcesView(t: TFunction, record: AnalysisRecord): { text: string; keyboard: InlineKeyboard } {
  const used = new Set<string>(record.sources);
  const lines = INFORMATION_SOURCES.map((s, i) => `${mark(used.has(s))} ${i + 1}. ${t(`analysis.source.${s}`)}`);
  const kb = new InlineKeyboard();
  INFORMATION_SOURCES.forEach((s, i) => {
    kb.text(`${mark(used.has(s))} ${i + 1}. ${short(t(`analysis.source.${s}`), 28)}`, recordSourceToggleButton.encode([record.id, s])).row();
  });
  return { text: [t("analysisRecord.choose.sources"), "", ...lines].join("\n"), keyboard: backToCard(t, kb, record.id) };
}

export function campaignsKeyboard(t: TFunction, lang: Lang, record: AnalysisRecord, campaigns: CampaignChoice[]): InlineKeyboard {
  const linked = new Set([...record.interviewCampaignIds, ...record.surveyCampaignIds]);
  const kb = new InlineKeyboard();
  for (const c of campaigns) kb.text(`${mark(linked.has(c.id))} ${c.mode === "attributed" ? "👤" : "🔒"} ${short(campaignLabel(t, lang, c))}`, recordCampaignToggleButton.encode([record.id, c.id])).row();
  return backToCard(t, kb, record.id);
}

/** The working group: each member with their buttons (remove; make the head), and «add». */
export function groupView(t: TFunction, record: AnalysisRecord): { text: string; keyboard: InlineKeyboard } {
  const kb = new InlineKeyboard();
  for (const m of record.members) {
    kb.text(t("analysisRecord.button.remove", { name: short(m.fullName, 28) }), recordMemberRemoveButton.encode([record.id, m.userId]));
    if (m.role !== "head") kb.text(t("analysisRecord.button.makeHead", { name: short(m.fullName, 24) }), recordMemberHeadButton.encode([record.id, m.userId]));
    kb.row();
  }
  kb.text(t("analysisRecord.button.addMember"), recordAskButton.encode(["member", record.id]));
  const text = [t("analysisRecord.choose.group"), "", ...(record.members.length ? groupLines(t, record).slice(1) : [t("analysisRecord.choose.emptyGroup")])].join("\n");
  return { text, keyboard: backToCard(t, kb, record.id) };
}

/** People found by a search, each a button that adds them (tied to the search by its nonce). */
export function candidatesKeyboard(analysisId: number, nonce: string, found: { id: number; fullName: string; department: { name: string } | null }[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const p of found) kb.text(short(p.department ? `${p.fullName} (${p.department.name})` : p.fullName), recordMemberAddButton.encode([analysisId, p.id, nonce])).row();
  return kb;
}
