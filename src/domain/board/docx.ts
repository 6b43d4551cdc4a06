// The board report as DOCX, laid out like the seeds' official documents (documents/official-docx.ts):
// the addressee on the right, a centred bold title, then the three parts — plan execution,
// surveys, anonymous reports — each with its table in 12 pt, and the signature.
import type { Paragraph, Table } from "docx";
import { formatDay } from "../dates.js";
import { heading, officialDocx, para, table } from "../documents/official-docx.js";
import type { Lang } from "../lang.js";
import type { Translate } from "../../i18n-resources.js";
import type { BoardApproval, BoardReportData } from "./report.js";
import { basisLine, documentTitle, leadingAnswer, planRows, planSummary, rateText, reportNotes, reportRows } from "./texts.js";

function planPart(t: Translate, d: BoardReportData, lang: Lang): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(t("board.doc.planHeading"), { before: 240 }), para(planSummary(t, d, lang), { after: 120 })];
  if (d.plan.totals.total === 0) return out;
  const rows = planRows(t, d);
  out.push(table([t("board.doc.statusColumn"), t("board.doc.count")], rows.map(([label, n]) => [label, String(n)]), [4, 1], { boldRows: new Set([rows.length - 1]) }));
  out.push(para(t("board.doc.overdueHeading"), { bold: true, before: 240, after: 120, keepNext: true }));
  if (!d.plan.overdue.length) return [...out, para(t("board.doc.overdueNone"))];
  const header = [t("board.doc.colNumber"), t("board.doc.colMeasure"), t("board.doc.colResponsible"), t("board.doc.colDueOn")];
  const body = d.plan.overdue.map((o, i) => [o.number ?? String(i + 1), o.measure, o.responsible.join("\n") || "—", formatDay(o.dueOn)]);
  out.push(table(header, body, [0.7, 5, 3, 1.6], { rightAligned: (c) => c === 3 }));
  return out;
}

function surveysPart(t: Translate, d: BoardReportData, lang: Lang): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(t("board.doc.surveysHeading"), { before: 360, after: 0 })];
  if (!d.campaigns.length) return [...out, para(t("board.doc.surveysNone"))];
  for (const c of d.campaigns) {
    out.push(para(t("board.doc.campaign", { title: c.title[lang], mode: t(`board.doc.mode.${c.mode}`), from: formatDay(c.opensOn), to: formatDay(c.closesOn) }), { bold: true, center: true, before: 240, after: 60, keepNext: true }));
    out.push(para(t("board.doc.participation", { invited: c.invited, completed: c.completed, rate: rateText(c.rate, lang) }), { after: 120, keepNext: true }));
    const qHeader = [t("board.doc.colQuestion"), t("board.doc.colAnswered"), t("board.doc.colLeading"), t("board.doc.share")];
    const qRows = c.questions.map((q) => {
      const lead = leadingAnswer(t, q, d.k, lang);
      return [q.text[lang], q.shown ? String(q.answered) : "—", lead.label, lead.share];
    });
    out.push(table(qHeader, qRows, [4.5, 1.4, 3.2, 1.2], { rightAligned: (col) => col === 1 || col === 3 }));
  }
  out.push(para(t("board.doc.surveysRule", { k: d.k }), { italic: true, before: 120 }));
  return out;
}

function reportsPart(t: Translate, d: BoardReportData): (Paragraph | Table)[] {
  const rows = reportRows(t, d.reports);
  return [
    heading(t("board.doc.reportsHeading"), { before: 360 }),
    para(t("board.doc.reportsReceived", { n: d.reports.received }), { after: 120 }),
    table([t("board.doc.colIndicator"), t("board.doc.count")], rows.map(([label, n]) => [label, String(n)]), [4, 1], {
      boldRows: new Set([0]),
    }),
    ...reportNotes(t, d).map((note, i) => para(note, { before: i === 0 ? 120 : 0 })),
  ];
}

export async function renderBoardDocx(d: BoardReportData, lang: Lang, t: Translate, approval: BoardApproval | null): Promise<Buffer> {
  const title = documentTitle(t, d.period);
  const children: (Paragraph | Table)[] = [
    ...(approval ? [] : [para(t("board.doc.draft"), { bold: true, right: true })]),
    para(t("board.doc.addressee"), { right: true, after: 240 }),
    heading(title, { after: 120 }),
    para(basisLine(t, d), { center: true, after: 120 }),
    ...planPart(t, d, lang),
    ...surveysPart(t, d, lang),
    ...reportsPart(t, d),
    para(t("board.doc.signature"), { bold: true, indent: false, before: 480 }),
    para(approval ? t("board.doc.approved", { date: formatDay(approval.on), name: approval.by }) : t("board.doc.notApproved"), { indent: false }),
  ];
  return officialDocx(title, [{ children }]);
}
