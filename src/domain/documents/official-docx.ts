// The layout of the official documents officers file (seeds 000–002): A4, margins of 20 mm
// (top, bottom), 30 mm (left) and 15 mm (right), Times New Roman 14 pt, justified paragraphs
// with a 1.25 cm first-line indent, tables in 12 pt with a shaded header row. Every DOCX the
// bot produces is built from these pieces, so they all look alike.
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from "docx";

export const FONT = "Times New Roman";
export const SIZE = 28; // half-points: 14 pt
export const TABLE_SIZE = 24; // 12 pt
const INDENT = 709; // 1.25 cm in twips
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 850 };
/** A4 width minus margins of 30 mm (left) and 15 mm (right), in twips. */
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** The same on a landscape page (wide tables: the plan's columns). */
export const LANDSCAPE_CONTENT_WIDTH = A4.height - MARGIN.left - MARGIN.right;

/** Drops characters XML 1.0 cannot carry and folds line breaks, for quoting text inline. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[ \t\r\n\f\v\u2028\u2029]+/g, " ").trim(); // keeps non-breaking spaces
}

export interface ParaOptions {
  bold?: boolean;
  italic?: boolean;
  center?: boolean;
  right?: boolean;
  indent?: boolean;
  before?: number;
  after?: number;
  keepNext?: boolean;
}

/** A paragraph of body text (justified, indented), or a centred heading with `center`. */
export function para(text: string, options: ParaOptions = {}): Paragraph {
  const alignment = options.center ? AlignmentType.CENTER : options.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
  return new Paragraph({
    alignment,
    indent: options.indent === false || options.center || options.right ? undefined : { firstLine: INDENT },
    spacing: { before: options.before ?? 0, after: options.after ?? 0 },
    keepNext: options.keepNext,
    children: [new TextRun({ text: clean(text), bold: options.bold, italics: options.italic, font: FONT, size: SIZE })],
  });
}

/** A centred bold heading, as the seeds title their parts. */
export function heading(text: string, options: { before?: number; after?: number } = {}): Paragraph {
  return para(text, { bold: true, center: true, before: options.before ?? 120, after: options.after ?? 120, keepNext: true });
}

export interface CellOptions {
  header?: boolean;
  right?: boolean;
  bold?: boolean;
  width: number;
}

export function cell(text: string, options: CellOptions): TableCell {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.header ? { type: ShadingType.CLEAR, color: "auto", fill: "E7E6E6" } : undefined,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    children: text.split("\n").map(
      (line) =>
        new Paragraph({
          alignment: options.header ? AlignmentType.CENTER : options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: clean(line), bold: options.header || options.bold, font: FONT, size: TABLE_SIZE })],
        }),
    ),
  });
}

/** Left and right margins of a table cell, in twips. */
const CELL_MARGINS = 160;
/**
 * The width of one letter of a bold 12 pt header, in twips, at the widest the headers' words
 * run. Times New Roman sets «Шақырылғаны» about 1,750 twips wide; LibreOffice without Times
 * New Roman takes Liberation Serif, which has no қ, ғ, ң, ө, ұ, ү, һ, ә, і, and sets the word in
 * DejaVu Serif, 2,175 twips wide, 198 a letter: the columns are made wide enough for that.
 */
const HEADER_LETTER = 200;

/** The narrowest a column can be without breaking its header's longest word. */
export function headerMinWidth(header: string): number {
  const longest = Math.max(0, ...header.split(/\s+/).map((word) => [...word].length));
  return longest * HEADER_LETTER + CELL_MARGINS;
}

/**
 * Column widths in twips from relative weights, each at least as wide as its header's longest
 * word (Word breaks a word that does not fit mid-word, as it did «Шақырылғаны» in an 18 %
 * column): what a column needs beyond its share is taken from the others' room to spare.
 */
export function columnWidths(header: readonly string[], weights: readonly number[], total = CONTENT_WIDTH): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const mins = header.map(headerMinWidth);
  const widths = weights.map((w, i) => Math.max((total * w) / sum, mins[i]!));
  const excess = widths.reduce((a, b) => a + b, 0) - total;
  const room = widths.map((w, i) => w - mins[i]!);
  const spare = room.reduce((a, b) => a + b, 0);
  const fitted = widths.map((w, i) => (excess > 0 && spare > 0 ? w - (Math.min(excess, spare) * room[i]!) / spare : w));
  // Headers too long for the page even so: every column in proportion (Word then wraps).
  const width = fitted.reduce((a, b) => a + b, 0);
  return fitted.map((w) => Math.round(width > total ? (w * total) / width : w));
}

export interface TableOptions {
  /** Which columns are right-aligned (numbers); by default every column but the first. */
  rightAligned?: (column: number) => boolean;
  /** The page's content width (LANDSCAPE_CONTENT_WIDTH for a landscape section). */
  total?: number;
  /** Rows set in bold (totals), by index. */
  boldRows?: ReadonlySet<number>;
}

/** A table with a repeated, shaded header row; rows are not split across pages. */
export function table(header: string[], rows: string[][], weights: number[], options: TableOptions = {}): Table {
  const total = options.total ?? CONTENT_WIDTH;
  const widths = columnWidths(header, weights, total);
  const right = options.rightAligned ?? ((i: number) => i > 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, { header: true, width: widths[i]! })) }),
      ...rows.map((r, n) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { right: right(i), bold: options.boldRows?.has(n), width: widths[i]! })) })),
    ],
  });
}

export interface OfficialSection {
  children: (Paragraph | Table)[];
  landscape?: boolean;
}

/** The document: one or more A4 sections (portrait by default) in the default font. */
export async function officialDocx(title: string, sections: readonly OfficialSection[]): Promise<Buffer> {
  const doc = new Document({
    creator: "Adal",
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: sections.map((s) => ({
      properties: {
        page: s.landscape
          ? { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: MARGIN } // docx swaps the sides itself
          : { size: A4, margin: MARGIN },
      },
      children: s.children,
    })),
  });
  return Packer.toBuffer(doc);
}
