// The analytic report draft as DOCX, in seed 002's order and the seeds' layout
// (documents/official-docx.ts): «ПРОЕКТ» until the report is signed, the title, 1. the
// introductory part (the order, object, direction, periods, working group), 2. the
// informational-analytic part source by source, 3. the descriptive part area by area with each
// risk and its recommendations, the risk map, 4. the list of positions exposed to corruption
// risks, 5. the conclusion, the addressees and the working group's signatures. Every figure is
// the model's; every text the officer's or the locale's.
import { AlignmentType, ImageRun, Paragraph, type Table } from "docx";
import type { Translate } from "../../../i18n-resources.js";
import { formatDay } from "../../dates.js";
import { CONTENT_WIDTH, heading, officialDocx, para, table } from "../../documents/official-docx.js";
import type { Lang } from "../../lang.js";
import { reportRows } from "../../board/texts.js";
import { formatPercent } from "../../surveys/report/csv.js";
import { LEGAL_FACTORS, ORGANISATIONAL_AREAS, type RiskArea } from "../catalog.js";
import { interviewTableBlocks } from "../interview-docx.js";
import type { PositionRow } from "../positions.js";
import { INTERVIEW_TABLES, type PlanItemRef } from "../register.js";
import { sourceFigureBlocks } from "../source-figures-docx.js";
import { pickText, type LocalizedText } from "../text.js";
import { FIGURE_SOURCE, reportSources, type AnalyticReportModel, type ReportRecord, type ReportRisk, type ReportTextKey } from "./model.js";

type Block = Paragraph | Table;
/** A line to sign (or write a name) on. */
const BLANK = "_______________";

/** The officer's paragraphs of a section (blank lines split them), in `lang` or the other language. */
function ownText(model: AnalyticReportModel, key: ReportTextKey, lang: Lang): Block[] {
  return pickText(model.texts[key], lang)
    .split(/\n\s*\n|\n/)
    .filter((p) => p.trim())
    .map((p) => para(p, { after: 120 }));
}

/** The object in words: the officer's text, else the units, else the organisation. */
export function objectOf(record: ReportRecord, lang: Lang): string {
  return pickText(record.objectText, lang) || record.units.map((u) => u.name).join(", ") || pickText(record.organisation, lang);
}

export function reportTitle(record: ReportRecord, t: Translate, lang: Lang): string {
  const object = objectOf(record, lang);
  return object ? t("analyticReport.doc.title", { object }) : t("analyticReport.doc.titleNoObject");
}

function introPart(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  const r = m.record;
  const object = objectOf(r, lang);
  const organisation = pickText(r.organisation, lang);
  const head = r.members.find((x) => x.role === "head");
  const members = r.members.filter((x) => x.role === "member");
  const person = (x: ReportRecord["members"][number]) => [x.fullName, x.position, x.department].filter(Boolean).join(", ");
  const out: Block[] = [
    heading(t("analyticReport.doc.introHeading"), { before: 240 }),
    para(r.orderNumber && r.orderDate ? t("analyticReport.doc.basis", { number: r.orderNumber, date: formatDay(r.orderDate) }) : t("analyticReport.doc.basisMissing")),
    para(object ? t("analyticReport.doc.object", { object }) : t("analyticReport.doc.objectMissing")),
  ];
  if (organisation && organisation !== object) out.push(para(t("analyticReport.doc.organisation", { name: organisation })));
  out.push(
    para(r.direction ? t("analyticReport.doc.direction", { direction: t(`analysis.direction.${r.direction}`) }) : t("analyticReport.doc.directionMissing")),
    para(t("analyticReport.doc.period", { from: formatDay(r.startOn), to: formatDay(r.endOn) })),
    para(r.coveredFrom && r.coveredTo ? t("analyticReport.doc.covered", { from: formatDay(r.coveredFrom), to: formatDay(r.coveredTo) }) : t("analyticReport.doc.coveredMissing")),
    para(head ? t("analyticReport.doc.head", { name: person(head) }) : t("analyticReport.doc.headMissing")),
    para(members.length ? t("analyticReport.doc.members") : t("analyticReport.doc.membersMissing"), { keepNext: members.length > 0 }),
    ...members.map((x) => para(`— ${person(x)}`)),
  );
  const own = ownText(m, "intro", lang);
  out.push(...own);
  return out;
}

function surveyBlocks(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  if (!m.surveys.campaigns.length) return [];
  const out: Block[] = [];
  for (const c of m.surveys.campaigns) {
    out.push(para(t("analyticReport.doc.campaign", { title: c.title[lang], mode: t(`analyticReport.doc.mode.${c.mode}`), from: formatDay(c.opensOn), to: formatDay(c.closesOn) }), { bold: true, center: true, before: 120, after: 60, keepNext: true }));
    out.push(para(t("analyticReport.doc.participation", { invited: c.invited, completed: c.completed, rate: c.rate === null ? "—" : formatPercent(c.rate, lang) }), { after: 120, keepNext: true }));
    const rows = c.questions.map((q) => {
      if (!q.shown) return [q.text[lang], "—", t("analyticReport.doc.suppressed", { k: m.surveys.k }), "—"];
      return [q.text[lang], String(q.answered), q.leading ? q.leading.label[lang] : "—", q.leading ? formatPercent(q.leading.share, lang) : "—"];
    });
    out.push(table([t("analyticReport.doc.colQuestion"), t("analyticReport.doc.colAnswered"), t("analyticReport.doc.colLeading"), t("analyticReport.doc.colShare")], rows, [4.5, 1.4, 3.2, 1.2], { rightAligned: (col) => col === 1 || col === 3 }));
  }
  out.push(para(t("analyticReport.doc.surveysRule", { k: m.surveys.k }), { italic: true, before: 120 }));
  return out;
}

function interviewBlocks(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  if (!m.interviews) return [];
  const tables = INTERVIEW_TABLES.flatMap((id) => interviewTableBlocks(m.interviews!, id, t, lang, CONTENT_WIDTH));
  if (!tables.length) return [];
  return [para(t("analyticReport.doc.interviewsHeading"), { bold: true, before: 120, after: 60, keepNext: true }), ...tables];
}

function reportsBlocks(m: AnalyticReportModel, t: Translate, n: number): Block[] {
  const s = m.reports.stats;
  // The board report's rows: one statistics table for every document compliance draws.
  const rows = reportRows(t, s).map(([label, count]) => [label, String(count)]);
  return [
    heading(t("analyticReport.doc.reportsHeading", { n }), { before: 240 }),
    para(t("analyticReport.doc.reportsReceived", { from: formatDay(m.reports.from), to: formatDay(m.reports.to), n: s.received }), { after: 120 }),
    table([t("analyticReport.doc.colIndicator"), t("analyticReport.doc.colCount")], rows, [4, 1], { boldRows: new Set([0]) }),
    para(s.organisationTotal === null ? t("analyticReport.doc.reportsOrganisationHidden") : t("analyticReport.doc.reportsOrganisation", { n: s.organisationTotal }), { before: 120 }),
    para(t("analyticReport.doc.reportsLeftOut")),
  ];
}

function infoPart(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  const out: Block[] = [heading(t("analyticReport.doc.infoHeading"), { before: 360 })];
  const sources = reportSources(m);
  if (!sources.length) out.push(para(t("analyticReport.doc.infoNone")));
  sources.forEach((source, i) => {
    out.push(heading(`2.${i + 1}. ${t(`analysis.source.${source}`)}`, { before: 240 }));
    const blocks = [...ownText(m, source, lang)];
    if (source === "surveys") blocks.push(...surveyBlocks(m, t, lang), ...interviewBlocks(m, t, lang));
    for (const { kind } of m.figures.kinds) if (FIGURE_SOURCE[kind] === source) blocks.push(...sourceFigureBlocks(m.figures, kind, t, lang));
    out.push(...(blocks.length ? blocks : [para(t("analyticReport.doc.sourceEmpty"), { italic: true })]));
  });
  out.push(...reportsBlocks(m, t, sources.length + 1));
  return out;
}

function planItemText(item: PlanItemRef, t: Translate): string {
  const head = item.number ? t("analyticReport.doc.planItem", { number: item.number, title: item.title }) : t("analyticReport.doc.planItemNoNumber", { title: item.title });
  const parts = [head];
  if (item.dueOn) parts.push(t("analyticReport.doc.planItemDue", { date: formatDay(item.dueOn) }));
  if (item.responsibleText) parts.push(t("analyticReport.doc.planItemResponsible", { text: item.responsibleText }));
  return parts.join(", ");
}

function riskBlocks(risk: ReportRisk, t: Translate, lang: Lang): Block[] {
  const text = (x: LocalizedText) => pickText(x, lang);
  const positions = risk.positions.map(text).filter(Boolean);
  const out: Block[] = [
    para(t("analyticReport.doc.riskHeading", { number: risk.number }), { bold: true, before: 240, after: 60, keepNext: true }),
    para(t("analyticReport.doc.factor", { text: text(risk.factor) || t(risk.direction === "legal_acts" ? `analysis.legalFactor.${risk.area as (typeof LEGAL_FACTORS)[number]}` : `analysis.area.${risk.area as (typeof ORGANISATIONAL_AREAS)[number]}`) })),
    para(t(risk.direction === "legal_acts" ? "analyticReport.doc.nameLegal" : "analyticReport.doc.nameOrganisational", { text: text(risk.title) })),
    para(t("analyticReport.doc.description", { text: text(risk.description) || "—" })),
    para(t("analyticReport.doc.functions", { text: text(risk.functions) || "—" })),
    para(positions.length ? t("analyticReport.doc.positions", { text: positions.join("; ") }) : t("analyticReport.doc.positionsNone")),
  ];
  const evidence = risk.evidenceText[lang].filter(Boolean);
  if (evidence.length) out.push(para(t("analyticReport.doc.evidence"), { keepNext: true }), ...evidence.map((e) => para(`— ${e}`)));
  out.push(para(t("analyticReport.doc.assessment", { likelihood: risk.likelihood, impact: risk.impact, level: t(`analyticReport.doc.level.${risk.level}`) })));
  if (!risk.recommendations.length) return [...out, para(t("analyticReport.doc.recommendationsNone"))];
  out.push(para(t("analyticReport.doc.recommendations"), { keepNext: true }));
  for (const rec of risk.recommendations) {
    const items = rec.planItems.length ? rec.planItems.map((p) => planItemText(p, t)).join("; ") : t("analyticReport.doc.planItemsNone");
    out.push(para(`${`${rec.number}) ${text(rec.text)}`} (${items}).`));
  }
  return out;
}

function areaBlocks(m: AnalyticReportModel, t: Translate, lang: Lang, areas: readonly RiskArea[], direction: "legal_acts" | "organisational", counter: { n: number }): Block[] {
  const out: Block[] = [];
  for (const area of areas) {
    const risks = m.risks.filter((r) => r.direction === direction && r.area === area);
    const own = ownText(m, area, lang);
    if (!risks.length && !own.length) continue;
    const name = direction === "legal_acts" ? t(`analysis.legalFactor.${area as (typeof LEGAL_FACTORS)[number]}`) : t(`analysis.area.${area as (typeof ORGANISATIONAL_AREAS)[number]}`);
    out.push(heading(`3.${++counter.n}. ${name}`, { before: 240 }), ...own);
    for (const risk of risks) out.push(...riskBlocks(risk, t, lang));
  }
  return out;
}

function riskMapBlocks(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  const png = m.riskMap[lang];
  const rows = m.risks.map((r) => [String(r.number), pickText(r.title, lang), String(r.likelihood), String(r.impact), t(`analyticReport.doc.level.${r.level}`)]);
  return [
    heading(t("analyticReport.doc.riskMapHeading"), { before: 360 }),
    ...(png.length ? [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new ImageRun({ type: "png", data: png, transformation: imageSize(png) })] })] : []),
    table([t("analyticReport.doc.colNumber"), t("analyticReport.doc.colRisk"), t("analyticReport.doc.colLikelihood"), t("analyticReport.doc.colImpact"), t("analyticReport.doc.colLevel")], rows, [0.8, 5, 1.5, 1.3, 1.5], { rightAligned: (c) => c === 0 || c === 2 || c === 3 }),
    para(t("analyticReport.doc.riskMapCaption"), { italic: true, before: 120 }),
  ];
}

/** The PNG's size scaled to fit the text width (at most 600 px wide at 96 dpi). */
function imageSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const width = view.length >= 24 ? view.readUInt32BE(16) : 1;
  const height = view.length >= 24 ? view.readUInt32BE(20) : 1;
  const scale = Math.min(1, 600 / Math.max(1, width));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

function descriptivePart(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  const out: Block[] = [heading(t("analyticReport.doc.descHeading"), { before: 360 })];
  if (!m.risks.length) out.push(para(t("analyticReport.doc.noRisks")));
  const counter = { n: 0 };
  const organisational = areaBlocks(m, t, lang, ORGANISATIONAL_AREAS, "organisational", counter);
  const legal = areaBlocks(m, t, lang, LEGAL_FACTORS, "legal_acts", counter);
  if (organisational.length && legal.length) out.push(para(t("analyticReport.doc.orgHeading"), { bold: true, center: true, italic: true, before: 120, keepNext: true }));
  out.push(...organisational);
  if (legal.length) out.push(para(t("analyticReport.doc.legalHeading"), { bold: true, center: true, italic: true, before: 240, keepNext: true }), ...legal);
  if (m.risks.length) out.push(...riskMapBlocks(m, t, lang));
  return out;
}

/** The seed 002 table of positions and the line of its approval. */
export function positionsBlocks(rows: PositionRow[], approval: AnalyticReportModel["positionsApproval"], t: Translate, lang: Lang): Block[] {
  const body = rows.map((r, i) => {
    const position = pickText(r.position, lang) + (r.units.length ? `\n(${t("analyticReport.doc.positionUnits", { units: r.units.join(", ") })})` : "");
    const powers = r.powers.map((p) => pickText(p, lang)).join("\n") || "—";
    const risks = r.risks.map((x) => `№ ${x.number}. ${pickText(x.title, lang)}`).join("\n") || "—";
    return [String(i + 1), position, powers, risks];
  });
  const approvalLine = !approval ? t("analyticReport.doc.positionsNotApproved") : approval.changed ? t("analyticReport.doc.positionsChanged", { date: formatDay(approval.on) }) : t("analyticReport.doc.positionsApproved", { date: formatDay(approval.on) });
  return [
    ...(rows.length
      ? [table([t("analyticReport.doc.colNumber"), t("analyticReport.doc.colPosition"), t("analyticReport.doc.colPowers"), t("analyticReport.doc.colRisks")], body, [0.7, 3, 3.6, 3.2], { rightAligned: (c) => c === 0 })]
      : [para(t("analyticReport.doc.positionsEmpty"))]),
    para(approvalLine, { italic: true, before: 120 }),
  ];
}

function signatures(r: ReportRecord, t: Translate): Block[] {
  const head = r.members.find((x) => x.role === "head");
  const members = r.members.filter((x) => x.role === "member");
  const line = (name: string | null) => para(`${name ?? BLANK} ${BLANK}`, { right: true, after: 120 });
  return [
    para(t("analyticReport.doc.headSignature"), { bold: true, indent: false, before: 480, keepNext: true }),
    line(head?.fullName ?? null),
    para(t("analyticReport.doc.membersSignature"), { bold: true, indent: false, before: 240, keepNext: true }),
    ...(members.length ? members.map((x) => line(x.fullName)) : [line(null)]),
  ];
}

function closingPart(m: AnalyticReportModel, t: Translate, lang: Lang): Block[] {
  const conclusion = ownText(m, "conclusion", lang);
  const addressees = ownText(m, "addressees", lang);
  return [
    heading(t("analyticReport.doc.conclusionHeading"), { before: 360 }),
    ...(conclusion.length ? conclusion : [para(t("analyticReport.doc.conclusionDefault"))]),
    ...(addressees.length ? [heading(t("analyticReport.doc.addresseesHeading"), { before: 240 }), ...addressees] : []),
    ...signatures(m.record, t),
  ];
}

export async function analyticReportDocx(model: AnalyticReportModel, t: Translate, lang: Lang): Promise<Buffer> {
  const title = reportTitle(model.record, t, lang);
  const children: Block[] = [
    ...(model.record.reportSignedOn ? [] : [para(t("analyticReport.doc.draft"), { bold: true, right: true })]),
    heading(title, { after: 120 }),
    ...(model.record.reportSignedOn ? [] : [para(t("analyticReport.doc.generated", { date: formatDay(model.generatedOn) }), { italic: true, center: true, after: 120 })]),
    ...introPart(model, t, lang),
    ...infoPart(model, t, lang),
    ...descriptivePart(model, t, lang),
    heading(t("analyticReport.doc.positionsHeading"), { before: 360 }),
    ...positionsBlocks(model.positions, model.positionsApproval, t, lang),
    ...closingPart(model, t, lang),
  ];
  return officialDocx(title, [{ children }]);
}

/** The list of positions on its own (kk or ru). */
export async function positionsListDocx(model: AnalyticReportModel, t: Translate, lang: Lang): Promise<Buffer> {
  const object = objectOf(model.record, lang);
  const title = object ? t("analyticReport.doc.positionsTitleIn", { object }) : t("analyticReport.doc.positionsTitle");
  const children: Block[] = [
    ...(model.positionsApproval && !model.positionsApproval.changed ? [] : [para(t("analyticReport.doc.draft"), { bold: true, right: true })]),
    heading(title, { after: 240 }),
    ...positionsBlocks(model.positions, model.positionsApproval, t, lang),
    ...signatures(model.record, t),
  ];
  return officialDocx(title, [{ children }]);
}
