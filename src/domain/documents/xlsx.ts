// Sheet helpers shared by every XLSX the bot produces (survey results, case statistics, the
// board report): header rows, borders, row heights for wrapped text, the print setup. Shares
// are stored as numbers 0..1 with a percent format, so Excel can compute with them.
import ExcelJS from "exceljs";

export const PERCENT = "0.0%";
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
export const TITLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F5F9" } };
export const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFB7C3D0" } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const MUTED = { argb: "FF52606D" };

/** Excel forbids []:*?/\ in sheet names and caps them at 31 characters. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

/** Excel does not grow merged rows to fit: estimate the height from the text length. */
export function fitHeight(row: ExcelJS.Row, text: string, charsPerLine: number, lineHeight = 15): void {
  row.height = heightFor(text, charsPerLine, lineHeight);
}

export function headerRow(ws: ExcelJS.Worksheet, values: (string | null)[]): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((v, i) => {
    if (v === null) return;
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  // A header that wraps needs the height of its lines, or it runs over the row below.
  const lines = Math.max(1, ...values.map((v, i) => (v === null ? 1 : Math.ceil(v.length / Math.max(4, (ws.getColumn(i + 1).width ?? 10) - 2)))));
  if (lines > 1) row.height = lines * 15 + 3;
  return row;
}

export function bordered(row: ExcelJS.Row, from: number, to: number): void {
  for (let c = from; c <= to; c++) row.getCell(c).border = BORDER;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Adal";
  wb.title = title;
  wb.created = new Date();
  return wb;
}

export const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

/** The height a wrapped text needs (Excel does not grow merged or wrapped rows to fit). */
export function heightFor(text: string, charsPerLine: number, lineHeight = 15): number {
  const lines = text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / charsPerLine)), 0);
  return Math.max(lineHeight, lines * lineHeight + 3);
}

