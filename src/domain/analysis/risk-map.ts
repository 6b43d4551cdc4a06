// The risk map: a 5 × 5 grid of likelihood (rows, 5 at the top) by impact (columns, 1 on the
// left), each cell coloured by the level of its score (risks.ts) and carrying the numbers of
// the risks scored there; axis titles and the legend of the levels under it. Drawn straight on
// @napi-rs/canvas with the bundled DejaVu Sans (surveys/report/chart.ts registers it), so the
// bot's photo and the analytic report's figure are the same picture. riskMapRows gives the
// same grid as a table (the DOCX puts both).
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import type { Translate } from "../../i18n-resources.js";
import type { Lang } from "../lang.js";
import { CHART_FONT, wrapText } from "../surveys/report/chart.js";
import { RISK_SCORE_MAX, RISK_SCORE_MIN } from "./catalog.js";
import type { RiskEntry } from "./register.js";
import { LEVEL_FROM, LEVEL_TO, RISK_LEVELS, riskLevel, type RiskLevel } from "./risks.js";

export interface RiskMapCell {
  likelihood: number;
  impact: number;
  level: RiskLevel;
  /** The risks' numbers in this cell, ascending. */
  numbers: number[];
}

const SCORES = Array.from({ length: RISK_SCORE_MAX - RISK_SCORE_MIN + 1 }, (_, i) => RISK_SCORE_MIN + i);

/** The grid as rows: likelihood 5 first (as drawn), impact 1..5 in each row. */
export function riskMapRows(risks: readonly Pick<RiskEntry, "number" | "likelihood" | "impact">[]): RiskMapCell[][] {
  return [...SCORES].reverse().map((likelihood) =>
    SCORES.map((impact) => ({
      likelihood,
      impact,
      level: riskLevel(likelihood, impact),
      numbers: risks.filter((r) => r.likelihood === likelihood && r.impact === impact).map((r) => r.number).sort((a, b) => a - b),
    })),
  );
}

export const LEVEL_COLORS: Record<RiskLevel, string> = { low: "#8cc68c", medium: "#f3d55b", high: "#f0a04b", critical: "#d9534f" };
const TEXT = "#1f2933";
const MUTED = "#52606d";
const WIDTH = 900;
const PAD = 32;
const CELL = 136;
const AXIS = 70; // room on the left for the likelihood title and scores
const TITLE_SIZE = 27;
const NUMBER_SIZE = 24;
const SMALL_NUMBER_SIZE = 19;
const LABEL_SIZE = 20;

const font = (size: number, bold = false) => `${bold ? "bold " : ""}${size}px "${CHART_FONT}"`;

/** The numbers of one cell as lines that fit its width; what does not fit ends with «+n». */
function cellLines(ctx: SKRSContext2D, numbers: number[], width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (let i = 0; i < numbers.length; i++) {
    const piece = String(numbers[i]);
    const candidate = line ? `${line}, ${piece}` : piece;
    if (ctx.measureText(candidate).width <= width) {
      line = candidate;
      continue;
    }
    lines.push(`${line},`);
    line = piece;
    if (lines.length === maxLines - 1) {
      const rest = numbers.length - i;
      if (rest > 1) {
        lines.push(`${piece} +${rest - 1}`);
        return lines;
      }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The map as a PNG, titles in `lang`. `withTitle: false` leaves the picture's own title out, for a
 * document that sets the heading above it (the analytic report).
 */
export async function renderRiskMapPng(risks: RiskEntry[], t: Translate, lang: Lang, options: { withTitle?: boolean } = {}): Promise<Buffer> {
  void lang; // the texts come through t, fixed to the language
  const wrapped = wrapText(t("risks.map.title"), WIDTH - 2 * PAD, TITLE_SIZE, true); // also registers the font
  const title = options.withTitle === false ? [] : wrapped;
  const gridLeft = PAD + AXIS;
  const gridTop = PAD + title.length * TITLE_SIZE * 1.3 + 16;
  const gridSize = CELL * SCORES.length;
  const legendTop = gridTop + gridSize + 50 + LABEL_SIZE * 1.4 + 24;
  const legendRows = RISK_LEVELS.length;
  const height = Math.round(legendTop + legendRows * 34 + PAD);
  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = TEXT;
  ctx.textBaseline = "top";
  ctx.font = font(TITLE_SIZE, true);
  title.forEach((line, i) => ctx.fillText(line, PAD, PAD + i * TITLE_SIZE * 1.3));

  const rows = riskMapRows(risks);
  rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      const x = gridLeft + c * CELL;
      const y = gridTop + r * CELL;
      ctx.fillStyle = LEVEL_COLORS[cell.level];
      ctx.fillRect(x, y, CELL, CELL);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 3;
      ctx.strokeRect(x, y, CELL, CELL);
      ctx.font = font(14);
      ctx.fillStyle = MUTED;
      ctx.textAlign = "right";
      ctx.textBaseline = "top";
      ctx.fillText(String(cell.likelihood * cell.impact), x + CELL - 6, y + 5);
      if (!cell.numbers.length) return;
      // Many numbers in one cell: a smaller type, below the score in the corner.
      const size = cell.numbers.length > 4 ? SMALL_NUMBER_SIZE : NUMBER_SIZE;
      ctx.font = font(size, true);
      ctx.fillStyle = TEXT;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      const lines = cellLines(ctx, cell.numbers, CELL - 24, 4);
      const lineHeight = size * 1.25;
      const first = y + 12 + (CELL - 12) / 2 - ((lines.length - 1) * lineHeight) / 2;
      lines.forEach((line, i) => ctx.fillText(line, x + CELL / 2, first + i * lineHeight));
    }),
  );

  // Scores along the axes.
  ctx.font = font(LABEL_SIZE, true);
  ctx.fillStyle = TEXT;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  rows.forEach((row, r) => ctx.fillText(String(row[0]!.likelihood), gridLeft - 18, gridTop + r * CELL + CELL / 2));
  SCORES.forEach((impact, c) => ctx.fillText(String(impact), gridLeft + c * CELL + CELL / 2, gridTop + gridSize + 20));
  // Axis titles: impact under the grid, likelihood turned along the left side.
  ctx.font = font(LABEL_SIZE);
  ctx.fillText(t("risks.map.impact"), gridLeft + gridSize / 2, gridTop + gridSize + 56);
  ctx.save();
  ctx.translate(PAD + 8, gridTop + gridSize / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(t("risks.map.likelihood"), 0, 0);
  ctx.restore();

  // Legend: a swatch and «Высокий: 10–16» per level.
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.font = font(LABEL_SIZE);
  RISK_LEVELS.forEach((level, i) => {
    const y = legendTop + i * 34;
    ctx.fillStyle = LEVEL_COLORS[level];
    ctx.fillRect(gridLeft, y, 26, 26);
    ctx.fillStyle = TEXT;
    ctx.fillText(`${t(`risks.level.${level}`)}: ${LEVEL_FROM[level]}–${LEVEL_TO[level]}`, gridLeft + 40, y + 13);
  });
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  ctx.font = font(16);
  ctx.fillStyle = MUTED;
  ctx.fillText(t("risks.map.scoreNote"), gridLeft, legendTop - 30);
  return canvas.toBuffer("image/png");
}
