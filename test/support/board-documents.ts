// Reads the board report's documents back for tests: the DOCX's paragraphs as text (a table
// cell's paragraphs each on a line), and the XLSX's cells sheet by sheet.
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";

export function docxText(file: Buffer | Uint8Array): string {
  const xml = strFromU8(unzipSync(new Uint8Array(file))["word/document.xml"]!);
  return xml.replace(/<w:p[ >][^]*?<\/w:p>/g, (p) => p.replace(/<[^>]+>/g, "") + "\n").replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Every sheet's rows as arrays of cell values (numbers stay numbers). */
export async function xlsxRows(file: Buffer | Uint8Array): Promise<Map<string, (string | number | null)[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
  const out = new Map<string, (string | number | null)[][]>();
  wb.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => (typeof v === "number" || typeof v === "string" ? v : v == null ? null : String(v)));
      rows.push(values);
    });
    out.set(ws.name, rows);
  });
  return out;
}

/** The row whose first cell is `label` (exactly), in a sheet. */
export function rowOf(rows: (string | number | null)[][] | undefined, label: string): (string | number | null)[] | undefined {
  return rows?.find((r) => r[0] === label);
}
