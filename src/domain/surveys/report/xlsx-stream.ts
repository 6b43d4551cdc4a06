// A workbook written straight into a stream (an XLSX is a zip of XML files), for exports too
// large to build in memory: the results of 100k responses hold ~140k free texts.
// exceljs's streaming writer cannot do this: its shared-strings table keeps every text until
// the end (and builds it as one string), its inline cells (`t="str"`) lose their line breaks
// in LibreOffice, and its sheet streams do not apply back-pressure (a sheet written in one go
// is buffered whole). Here every text is an inline string (`t="inlineStr"`,
// `<is><t xml:space="preserve">`), which Excel, LibreOffice and exceljs read as a plain
// string with its line breaks; rows are deflated as they come and written to the output,
// waiting for it to drain. Only what the results workbook uses is supported: fonts, fills,
// thin borders, alignment, number formats, merges, column widths, row heights, page setup.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { constants, deflateRawSync } from "node:zlib";
import { Zip, ZipPassThrough } from "fflate";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Font colour, ARGB. */
  color?: string;
  /** Solid fill, ARGB. */
  fill?: string;
  /** A thin border on all four sides, ARGB. */
  border?: string;
  horizontal?: "left";
  vertical?: "top" | "middle";
  wrap?: boolean;
  numFmt?: string;
}

export type CellValue = string | number | null;
export interface Cell {
  value: CellValue;
  style?: CellStyle;
}

export interface SheetOptions {
  /** Column widths in characters, from column A. */
  columns: number[];
  /** A4 (paperSize 9), fitted to one page wide. */
  orientation: "portrait" | "landscape";
}

/** Deflate at zlib's level 1: the text of 100k answers compresses ~10% less than at 6, four times faster. */
const LEVEL = 1;
/** Sheet XML is deflated and written in pieces of about this many characters. */
const PIECE = 1 << 15;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * A zip entry deflated by zlib (native, several times faster than fflate's JavaScript deflate),
 * as fflate's docs suggest for custom compression: each piece is deflated on its own and ends
 * on a byte boundary (sync flush), so the pieces join into one deflate stream.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }), final);
  }
}

// Characters XML 1.0 does not allow (control characters other than tab and line breaks) are
// dropped, as exceljs drops them.
const INVALID_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

export function xmlText(text: string): string {
  return text.replace(INVALID_XML, "").replace(/[&<>"]/g, (c) => ESCAPES[c]!);
}

/** 1 → "A", 27 → "AA". */
export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The styles part: each distinct CellStyle becomes one cell format (xf), its font, fill, border and number format shared. */
class Styles {
  private readonly fonts = ['<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'];
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  private readonly numFmts = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly ids = new Map<string, number>();

  /** The cell format of a style (0: the default). */
  id(style: CellStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify(style);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.xfs.push(this.xf(style)) - 1;
      this.ids.set(key, id);
    }
    return id;
  }

  private xf(s: CellStyle): string {
    const font = s.bold || s.italic || s.size || s.color ? indexOf(this.fonts, `<font>${s.bold ? "<b/>" : ""}${s.italic ? "<i/>" : ""}<sz val="${s.size ?? 11}"/>${s.color ? `<color rgb="${s.color}"/>` : '<color theme="1"/>'}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`) : 0;
    const fill = s.fill ? indexOf(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const side = (name: string) => `<${name} style="thin"><color rgb="${s.border}"/></${name}>`;
    const border = s.border ? indexOf(this.borders, `<border>${["left", "right", "top", "bottom"].map(side).join("")}<diagonal/></border>`) : 0;
    const numFmt = s.numFmt === undefined ? 0 : s.numFmt === "0" ? 1 : this.numFmtId(s.numFmt);
    const align = s.horizontal || s.vertical || s.wrap ? `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ""}${s.vertical ? ` vertical="${s.vertical === "middle" ? "center" : "top"}"` : ""}${s.wrap ? ' wrapText="1"' : ""}/>` : "";
    const applied = `${font ? ' applyFont="1"' : ""}${fill ? ' applyFill="1"' : ""}${border ? ' applyBorder="1"' : ""}${numFmt ? ' applyNumberFormat="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
    return `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applied}>${align}</xf>`;
  }

  private numFmtId(code: string): number {
    let id = this.numFmts.get(code);
    if (id === undefined) this.numFmts.set(code, (id = 164 + this.numFmts.size));
    return id;
  }

  xml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    return `${HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${numFmts.length ? list("numFmts", numFmts) : ""}${list("fonts", this.fonts)}${list("fills", this.fills)}${list("borders", this.borders)}<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${list("cellXfs", this.xfs)}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`;
  }
}

function indexOf(items: string[], item: string): number {
  const at = items.indexOf(item);
  return at >= 0 ? at : items.push(item) - 1;
}

/** One worksheet being written: rows go out in order; merges are written after them. */
export class SheetStream {
  private rowNumber = 0;
  private xml = "";
  private readonly merges: string[] = [];

  constructor(
    readonly columns: readonly number[],
    private readonly styles: Styles,
    private readonly push: (xml: string) => Promise<void>,
  ) {}

  /** Appends a row (null cells without a style are left out); returns its number. */
  row(cells: readonly (CellValue | Cell)[], height?: number): number {
    const r = ++this.rowNumber;
    let xml = height === undefined ? `<row r="${r}">` : `<row r="${r}" ht="${height}" customHeight="1">`;
    cells.forEach((cell, i) => {
      const { value, style } = cell !== null && typeof cell === "object" ? cell : { value: cell, style: undefined };
      if (value === null && !style) return;
      const s = this.styles.id(style);
      const at = `r="${columnLetter(i + 1)}${r}"${s ? ` s="${s}"` : ""}`;
      if (value === null) xml += `<c ${at}/>`;
      else if (typeof value === "number") xml += `<c ${at}><v>${value}</v></c>`;
      else xml += `<c ${at} t="inlineStr"><is><t xml:space="preserve">${xmlText(value)}</t></is></c>`;
    });
    this.xml += `${xml}</row>`;
    return r;
  }

  /** An empty row (not written at all). */
  skip(): number {
    return ++this.rowNumber;
  }

  /** Merges columns `from`..`to` of a row. */
  merge(row: number, from: number, to: number): void {
    this.merges.push(`<mergeCell ref="${columnLetter(from)}${row}:${columnLetter(to)}${row}"/>`);
  }

  /** Passes the rows written so far on once they fill a piece; waits while the output is full. */
  async flush(force = false): Promise<void> {
    if (!force && this.xml.length < PIECE) return;
    const xml = this.xml;
    this.xml = "";
    await this.push(xml);
  }

  /** The XML after the rows. */
  tail(orientation: SheetOptions["orientation"]): string {
    const merges = this.merges.length ? `<mergeCells count="${this.merges.length}">${this.merges.join("")}</mergeCells>` : "";
    return `</sheetData>${merges}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="${orientation}" fitToWidth="1" fitToHeight="0"/></worksheet>`;
  }
}

/**
 * A workbook written to `out` as it is built: `sheet()` writes one worksheet (sheets one
 * after the other), `finish()` the rest of the package. `out` is not ended.
 */
export class XlsxStream {
  private readonly zip: Zip;
  private readonly styles = new Styles();
  private readonly sheets: string[] = [];
  private failed: Error | null = null;
  private finished: Promise<void>;

  constructor(
    private readonly out: Writable,
    private readonly meta: { title: string; creator: string; created: Date },
  ) {
    let done!: () => void;
    this.finished = new Promise((resolve) => (done = resolve));
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failed = error;
      else out.write(chunk);
      if (final || error) done();
    });
  }

  /** Writes a whole entry from one string (the small parts). */
  private async entry(name: string, xml: string): Promise<void> {
    const file = new NativeDeflate(name);
    this.zip.add(file);
    file.push(Buffer.from(xml, "utf8"), true);
    await this.drained();
  }

  private async drained(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.out.writableNeedDrain) await once(this.out, "drain");
  }

  /** Writes one worksheet: `write` adds its rows (calling `flush()` now and then). */
  async sheet(name: string, options: SheetOptions, write: (sheet: SheetStream) => Promise<void>): Promise<void> {
    this.sheets.push(name);
    const file = new NativeDeflate(`xl/worksheets/sheet${this.sheets.length}.xml`);
    this.zip.add(file);
    const push = async (xml: string) => {
      file.push(Buffer.from(xml, "utf8"));
      await this.drained();
    };
    const cols = options.columns.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join("");
    await push(`${HEAD}<worksheet ${NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`);
    const sheet = new SheetStream(options.columns, this.styles, push);
    await write(sheet);
    await sheet.flush(true);
    file.push(Buffer.from(sheet.tail(options.orientation), "utf8"), true);
    await this.drained();
  }

  /** The workbook, styles, relationships and properties; resolves when all of it was passed to `out`. */
  async finish(): Promise<void> {
    const n = this.sheets.length;
    const range = Array.from({ length: n }, (_, i) => i + 1);
    const rels = (items: string[]) => `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
    const officeRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
    const ml = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    await this.entry(
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${override("/xl/workbook.xml", `${ml}.sheet.main+xml`)}${range.map((i) => override(`/xl/worksheets/sheet${i}.xml`, `${ml}.worksheet+xml`)).join("")}${override("/xl/styles.xml", `${ml}.styles+xml`)}${override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")}${override("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")}</Types>`,
    );
    await this.entry("_rels/.rels", rels([rel("rId1", `${officeRel}/officeDocument`, "xl/workbook.xml"), rel("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"), rel("rId3", `${officeRel}/extended-properties`, "docProps/app.xml")]));
    await this.entry("xl/workbook.xml", `${HEAD}<workbook ${NS}><bookViews><workbookView/></bookViews><sheets>${this.sheets.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`);
    await this.entry("xl/_rels/workbook.xml.rels", rels([...range.map((i) => rel(`rId${i}`, `${officeRel}/worksheet`, `worksheets/sheet${i}.xml`)), rel(`rId${n + 1}`, `${officeRel}/styles`, "styles.xml")]));
    await this.entry("xl/styles.xml", this.styles.xml());
    const created = this.meta.created.toISOString().replace(/\.\d{3}Z$/, "Z");
    await this.entry(
      "docProps/core.xml",
      `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(this.meta.creator)}</dc:creator><dc:title>${xmlText(this.meta.title)}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
    );
    await this.entry("docProps/app.xml", `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Adal</Application></Properties>`);
    this.zip.end();
    await this.finished;
    await this.drained();
  }
}
