// Reads the first sheet of an XLSX file or a CSV file into rows of trimmed strings.
// Shared by every import (roster now; the action plan later). Limits protect the bot from
// oversized or hostile files; failures are typed so the caller can explain them.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { Unzip, UnzipInflate } from "fflate";

export const MAX_TABLE_BYTES = 5 * 1024 * 1024;
export const MAX_TABLE_ROWS = 10_000;
/** An XLSX of 10,000 roster or plan rows unpacks to a few megabytes; more is refused before it is parsed. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;

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

/**
 * Checks an XLSX archive before ExcelJS unpacks and parses all of it (a zip bomb of 1.5 MB
 * took 4.7 GB and 17 s; a sheet of a million empty rows blocked the bot for 8 s): the archive
 * is inflated as a stream, counting what comes out — never more than MAX_UNZIPPED_BYTES in
 * all, whatever the sizes the archive declares — and the rows of every worksheet as they go
 * by. Null when the archive may be parsed.
 */
export function checkXlsxArchive(content: Uint8Array): TableError | null {
  let total = 0;
  let files = 0;
  let problem: TableError | null = null;
  // Thrown inside ondata, which fflate calls within push: the unpacking stops there.
  const stop = (p: TableError): never => {
    problem = p;
    throw new Error(p.code);
  };
  const unzip = new Unzip((file) => {
    files++;
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(file.name);
    let rows = 0;
    let carry = "";
    file.ondata = (error, chunk) => {
      if (problem) throw new Error(problem.code); // fflate reports our stop back as an error: keep the first cause
      if (error) stop({ code: "unreadable", detail: error.message.slice(0, 200) });
      total += chunk.length;
      if (total > MAX_UNZIPPED_BYTES) stop({ code: "too_large" });
      if (!sheet) return;
      // Row elements (<row …> or <x:row …>), across chunk boundaries.
      const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString("latin1");
      rows += text.match(/<(?:[A-Za-z]+:)?row[\s>/]/g)?.length ?? 0;
      carry = text.slice(-12).replace(/^.*<(?:[A-Za-z]+:)?row[\s>/]/, "");
      if (rows > MAX_TABLE_ROWS + 2) stop({ code: "too_many_rows" });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(content, true);
  } catch (error) {
    return problem ?? { code: "unreadable", detail: (error as Error).message.slice(0, 200) };
  }
  return files === 0 ? { code: "unreadable", detail: "not a zip archive" } : null;
}

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1251";

/**
 * The encoding of a text table, from its bytes: a byte-order mark says it (UTF-8, or UTF-16
 * as Excel's "Unicode text" saves it); otherwise bytes that are valid UTF-8 are UTF-8, and
 * anything else is taken for Windows-1251, which Excel with a Russian or Kazakh locale uses
 * for "CSV (comma delimited)" (Kazakh letters that code page lacks come out as "?" there).
 */
export function detectTextEncoding(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  return byteOrderMark(bytes) ?? { encoding: strictUtf8(bytes) === null ? "windows-1251" : "utf-8", bomLength: 0 };
}

function byteOrderMark(bytes: Uint8Array): { encoding: TextEncoding; bomLength: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return null;
}

/** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A text table's bytes as a string, whatever the encoding it was saved in (detectTextEncoding); without the BOM. Decoded once. */
export function decodeTableText(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  if (bom) return new TextDecoder(bom.encoding).decode(bytes.subarray(bom.bomLength));
  return strictUtf8(bytes) ?? new TextDecoder("windows-1251").decode(bytes);
}

/** The separators a spreadsheet saves CSV with: `;` (Excel with a Russian or Kazakh locale), `,`, tab. */
const CSV_DELIMITERS = [";", ",", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * The one separator a CSV file uses, told from its first lines: the candidate that splits the
 * most lines into the same number of cells (quoted text skipped). Only one is used for the file:
 * accepting all three at once split a cell at an unquoted comma in a `;` file («Служба …,
 * Айтулова А.К.») or at a `;` in a `,` file. Ties go to the one that makes more cells, then to
 * `;`, `,`, tab in that order.
 */
export function detectCsvDelimiter(text: string, sampleLines = 50): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number[]>(CSV_DELIMITERS.map((d) => [d, []]));
  let current = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let lineHasText = false;
  const endLine = () => {
    if (lineHasText) for (const d of CSV_DELIMITERS) counts.get(d)!.push(current.get(d)!);
    current = new Map(CSV_DELIMITERS.map((d) => [d, 0]));
    lineHasText = false;
  };
  for (let i = 0; i < text.length && counts.get(";")!.length < sampleLines; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "\n" || ch === "\r")) endLine();
    else if (!inQuotes && (CSV_DELIMITERS as readonly string[]).includes(ch)) current.set(ch as CsvDelimiter, current.get(ch as CsvDelimiter)! + 1);
    if (ch !== "\n" && ch !== "\r" && ch.trim() !== "") lineHasText = true;
  }
  endLine();
  let best: { delimiter: CsvDelimiter; lines: number; cells: number } = { delimiter: ";", lines: 0, cells: 0 };
  for (const d of CSV_DELIMITERS) {
    const perLine = counts.get(d)!;
    const frequency = new Map<number, number>();
    for (const n of perLine) if (n > 0) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    for (const [cells, lines] of frequency) {
      if (lines > best.lines || (lines === best.lines && cells > best.cells)) best = { delimiter: d, lines, cells };
    }
  }
  return best.delimiter;
}

/**
 * What stands where a header was expected, to name it when none is found: the non-empty
 * cells of the first non-empty row (at most 8, each cut to 40 characters).
 */
export function firstRowCells(rows: string[][]): string[] {
  const row = rows.find((r) => r.some((c) => c.trim() !== "")) ?? [];
  return row.filter((c) => c.trim() !== "").slice(0, 8).map((c) => (c.length > 40 ? c.slice(0, 40) + "…" : c.trim()));
}

export async function readTable(content: Buffer, format: TableFormat): Promise<TableResult> {
  if (content.length > MAX_TABLE_BYTES) return { ok: false, error: { code: "too_large" } };
  let rows: string[][];
  try {
    if (format === "csv") {
      const text = decodeTableText(content);
      rows = parse(text, {
        delimiter: detectCsvDelimiter(text),
        relax_column_count: true,
        skip_empty_lines: false,
        trim: true,
        to: MAX_TABLE_ROWS + 2,
      }) as string[][];
    } else {
      const problem = checkXlsxArchive(content);
      if (problem) return { ok: false, error: problem };
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
