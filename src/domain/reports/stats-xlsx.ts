// XLSX of the case statistics (stats.ts) for the analytic report: one sheet, a title with the
// period and the audience, then one table per block (general figures, categories, statuses,
// outcomes, the two deadlines). Counts are numbers and shares are 0..1 with a percent format,
// so Excel can compute with them; labels come in kk or ru from the translator passed in.
import type ExcelJS from "exceljs";
import { formatDate } from "../surveys/report/csv.js";
import type { Translate } from "../../i18n-resources.js";
import type { Lang } from "../surveys/results.js";
import { bordered, fitHeight, headerRow, MUTED, newWorkbook, PERCENT, PRINT, sheetName, toBuffer } from "../documents/xlsx.js";
import { REPORT_CATEGORIES, REPORT_OUTCOMES, REPORT_STATUSES } from "./case.js";
import { DEADLINE_STATES, type CaseStats, type DeadlineCounts } from "./stats.js";

const COLUMNS = 3;
/** Characters across A:C, for row height estimates of merged rows. */
const WIDE = 90;

function mergedNote(ws: ExcelJS.Worksheet, text: string, font: Partial<ExcelJS.Font>): void {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, COLUMNS);
  row.getCell(1).font = font;
  row.getCell(1).alignment = { wrapText: true, vertical: "top" };
  fitHeight(row, text, WIDE);
}

/** A block: its title, a header, one row per item with its share of the block's total, and the total. */
function table(ws: ExcelJS.Worksheet, t: Translate, title: string, head: string, items: [label: string, count: number][]): void {
  ws.addRow([]);
  ws.addRow([title]).getCell(1).font = { bold: true, size: 12 };
  headerRow(ws, [head, t("cases.stats.count"), t("cases.stats.share")]);
  const total = items.reduce((sum, [, n]) => sum + n, 0);
  for (const [label, n] of items) {
    const row = ws.addRow([label, n, total > 0 ? n / total : null]);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.getCell(3).numFmt = PERCENT;
    bordered(row, 1, COLUMNS);
  }
  const sum = ws.addRow([t("cases.stats.total"), total, total > 0 ? 1 : null]);
  sum.font = { bold: true };
  sum.getCell(3).numFmt = PERCENT;
  bordered(sum, 1, COLUMNS);
}

const deadlineItems = (t: Translate, clock: "ackState" | "decisionState", counts: DeadlineCounts): [string, number][] =>
  DEADLINE_STATES.map((s) => [t(`cases.stats.${clock}.${s}`), counts[s]]);

/** The workbook; `t` is fixed to `_lang` (taken for the shape of the other exports, which pick texts by it). */
export async function renderCaseStatsXlsx(stats: CaseStats, _lang: Lang, t: Translate): Promise<Buffer> {
  const period = { from: formatDate(stats.period.from), to: formatDate(stats.period.to) };
  const title = t("cases.stats.xlsxTitle", period);
  const wb = newWorkbook(title);
  const ws = wb.addWorksheet(sheetName(t("cases.stats.sheet")), { pageSetup: PRINT });
  ws.columns = [{ width: 60 }, { width: 14 }, { width: 12 }];

  const heading = ws.addRow([title]);
  ws.mergeCells(heading.number, 1, heading.number, COLUMNS);
  heading.getCell(1).font = { bold: true, size: 14 };
  heading.getCell(1).alignment = { wrapText: true, vertical: "middle" };
  fitHeight(heading, title, WIDE - 20, 19);
  ws.addRow([]);

  const field = (label: string, value: string) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    ws.mergeCells(row.number, 2, row.number, COLUMNS);
  };
  if (stats.audience) field(t("cases.stats.audience"), t(`reportTerms.audience.${stats.audience}`));
  field(t("cases.stats.period"), `${period.from} – ${period.to}`);
  field(t("cases.stats.generatedOn"), formatDate(stats.asOf));
  ws.addRow([]);
  mergedNote(ws, t("cases.stats.scope"), { italic: true, color: MUTED });
  if (stats.purgedAfterDays !== null) mergedNote(ws, t("cases.stats.incomplete", { count: stats.purgedAfterDays }), { italic: true, color: { argb: "FF9B2C2C" } });
  // The organisation's total is given for a finished period only (stats.ts, organisationTotalShown).
  if (stats.audience && !stats.organisation) mergedNote(ws, t(`cases.stats.organisationLater.${stats.audience}`), { italic: true, color: MUTED });

  // General figures are not parts of one whole: no share column, no total.
  ws.addRow([]);
  ws.addRow([t("cases.stats.general")]).getCell(1).font = { bold: true, size: 12 };
  headerRow(ws, [t("cases.stats.indicator"), t("cases.stats.count")]);
  for (const [label, n] of [
    [t("cases.stats.received"), stats.received],
    ...(stats.organisation && stats.audience
      ? ([
          [t("cases.stats.organisationTotal"), stats.organisation.total],
          [t(`cases.stats.elsewhere.${stats.audience}`), stats.organisation.elsewhere],
        ] as const)
      : []),
    [t("cases.stats.decided"), stats.byStatus.decided],
    [t("cases.stats.extended"), stats.extended],
    [t("cases.stats.open"), stats.open],
    [t("cases.stats.openOverdue"), stats.openOverdue],
  ] as const) {
    const row = ws.addRow([label, n]);
    row.getCell(1).alignment = { wrapText: true, vertical: "top" };
    row.getCell(2).alignment = { vertical: "top" };
    fitHeight(row, label, 56); // a wrapped label needs its lines, or it runs over the next row
    bordered(row, 1, 2);
  }

  table(ws, t, t("cases.stats.byCategory"), t("cases.stats.category"), REPORT_CATEGORIES.map((c) => [t(`reportTerms.category.${c}`), stats.byCategory[c]]));
  table(ws, t, t("cases.stats.byStatus"), t("cases.stats.status"), REPORT_STATUSES.map((s) => [t(`reportTerms.status.${s}`), stats.byStatus[s]]));
  table(ws, t, t("cases.stats.byOutcome"), t("cases.stats.outcome"), REPORT_OUTCOMES.map((o) => [t(`reportTerms.outcome.${o}`), stats.byOutcome[o]]));
  table(ws, t, t("cases.stats.ack"), t("cases.stats.state"), deadlineItems(t, "ackState", stats.ack));
  table(ws, t, t("cases.stats.decision"), t("cases.stats.state"), deadlineItems(t, "decisionState", stats.decision));
  return toBuffer(wb);
}
