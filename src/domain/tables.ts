// Reads the first sheet of an XLSX file or a CSV file into rows of trimmed strings.
// Shared by every import (roster now; the action plan later). Limits protect the bot from
// oversized or hostile files; failures are typed so the caller can explain them.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";

export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
export const MAX_TABLE_ROWS = 10_000;

export type TableFormat = "csv" | "xlsx";
export type TableError = { code: "too_large" | "unsupported_format" | "unreadable" | "too_many_rows" | "empty"; detail?: string };
export type TableResult = { ok: true; rows: string[][] } | { ok: false; error: TableError };

export function tableFormat(fileName: string | undefined, mimeType?: string): TableFormat | null {
  const name = (fileName ?? "").toLowerCase();
  if (name.endsWith(".xlsx") || mimeType === "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "xlsx";
  if (name.endsWith(".csv") || name.endsWith(".txt") || mimeType === "text/csv") return "csv";
  return null;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs gives them as UTC midnight.
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, "0")}.${String(d.getUTCMonth() + 1).padStart(2, "0")}.${d.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

export async function readTable(content: Buffer, format: TableFormat): Promise<TableResult> {
  if (content.length > MAX_TABLE_BYTES) return { ok: false, error: { code: "too_large" } };
  let rows: string[][];
  try {
    if (format === "csv") {
      rows = parse(content, {
        bom: true,
        // Excel with a Russian or Kazakh locale saves CSV with semicolons.
        delimiter: [";", ",", "\t"],
        relax_column_count: true,
        skip_empty_lines: false,
        trim: true,
        to: MAX_TABLE_ROWS + 2,
      }) as string[][];
    } else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      if (!sheet) return { ok: false, error: { code: "empty" } };
      rows = [];
      sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
        if (rowNumber > MAX_TABLE_ROWS + 2) return;
        const values = row.values as ExcelJS.CellValue[];
        // row.values is 1-based: index 0 is always empty.
        rows[rowNumber - 1] = values.slice(1).map((v) => cellText(v).trim());
      });
      for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    }
  } catch (error) {
    return { ok: false, error: { code: "unreadable", detail: (error as Error).message.slice(0, 200) } };
  }
  if (rows.length > MAX_TABLE_ROWS + 1) return { ok: false, error: { code: "too_many_rows" } };
  if (rows.every((r) => r.every((c) => c === ""))) return { ok: false, error: { code: "empty" } };
  return { ok: true, rows };
}
