// The one picture of /dashboard: the plan's due dates by state (done, overdue, due in the
// coming 7 days, later) and each running campaign's response rate, as two horizontal bar
// charts stacked in one PNG. Drawn by the surveys' chart stack (chart.js on @napi-rs/canvas,
// the bundled DejaVu Sans, surveys/report/chart.ts); the figures are those of the text.
import { createCanvas, loadImage } from "@napi-rs/canvas";
import type { Plugin } from "chart.js";
import type { Lang } from "../lang.js";
import { CHART_FONT, CHART_WIDTH, drawBarChart, wrapText } from "../surveys/report/chart.js";
import { formatNumber, formatPercent } from "../surveys/report/csv.js";
import type { Translate } from "../../i18n-resources.js";
import type { SummaryFigures } from "./figures.js";

const COLORS = { text: "#1f2933", grid: "#e4e7eb", done: "#3f8f5b", overdue: "#c0392b", upcoming: "#d08c16", later: "#8fb3d6", rate: "#2f5d8a" };
const TITLE_SIZE = 26;
const LABEL_SIZE = 20;
const LABEL_WIDTH = 330;
const ROW = 58;
/**
 * Campaign bars drawn at most (those closing first; the text lists them all): Telegram refuses
 * a photo whose width and height add up to more than 10,000 pixels — about 150 bars.
 */
export const MAX_CHART_CAMPAIGNS = 20;

interface Bars {
  title: string;
  labels: string[][];
  values: number[];
  colors: string[];
  max: number;
  format: (v: number, i: number) => string;
}

async function bars(b: Bars): Promise<Buffer> {
  const header = 24 + TITLE_SIZE * 1.3 * wrapText(b.title, CHART_WIDTH - 64, TITLE_SIZE, true).length + 16;
  const height = Math.round(header + b.values.length * ROW + 40);
  const valueLabels: Plugin = {
    id: "summaryValues",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.font = `bold ${LABEL_SIZE}px "${CHART_FONT}"`;
      ctx.fillStyle = COLORS.text;
      ctx.textBaseline = "middle";
      meta.data.forEach((bar, i) => ctx.fillText(b.format(b.values[i]!, i), bar.x + 8, bar.y));
      ctx.restore();
    },
  };
  return drawBarChart(CHART_WIDTH, height, {
    type: "bar",
    data: { labels: b.labels as unknown as string[], datasets: [{ data: b.values, backgroundColor: b.colors, barThickness: 34 }] },
    options: {
      indexAxis: "y",
      layout: { padding: { left: 24, right: 110, bottom: 8 } },
      scales: {
        x: { min: 0, max: b.max, ticks: { display: false }, grid: { color: COLORS.grid }, border: { display: false } },
        y: { ticks: { color: COLORS.text, font: { family: CHART_FONT, size: LABEL_SIZE } }, grid: { display: false } },
      },
      plugins: {
        title: { display: true, text: wrapText(b.title, CHART_WIDTH - 64, TITLE_SIZE, true), align: "start", color: COLORS.text, font: { family: CHART_FONT, size: TITLE_SIZE, weight: "bold" }, padding: { top: 24, bottom: 16 } },
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
    plugins: [valueLabels],
  });
}

/** The dashboard's picture, or null when there is nothing to draw (no plan due dates, no campaign running). */
export async function renderSummaryChart(f: SummaryFigures, lang: Lang, t: Translate): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  const s = f.plan?.byStatus;
  if (s && s.done + s.overdue + s.upcoming + s.later > 0) {
    const states = ["done", "overdue", "upcoming", "later"] as const;
    const values = states.map((k) => s[k]);
    parts.push(
      await bars({
        title: t("summaries.chart.plan"),
        labels: states.map((k) => [t(`summaries.chart.${k}`)]),
        values,
        colors: states.map((k) => COLORS[k]),
        max: Math.max(...values) * 1.05,
        format: (v) => formatNumber(v, lang),
      }),
    );
  }
  if (f.campaigns && f.campaigns.length > 0) {
    const campaigns = f.campaigns.slice(0, MAX_CHART_CAMPAIGNS);
    parts.push(
      await bars({
        title: t("summaries.chart.campaigns"),
        labels: campaigns.map((c) => wrapText(`«${c.title[lang]}»`, LABEL_WIDTH, LABEL_SIZE, false, 2)),
        values: campaigns.map((c) => c.rate ?? 0),
        colors: campaigns.map(() => COLORS.rate),
        max: 1,
        format: (v, i) => (campaigns[i]!.rate === null ? "—" : formatPercent(v, lang)),
      }),
    );
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  const images = await Promise.all(parts.map((p) => loadImage(p)));
  const canvas = createCanvas(CHART_WIDTH, images.reduce((h, i) => h + i.height, 0));
  const ctx = canvas.getContext("2d");
  let y = 0;
  for (const image of images) {
    ctx.drawImage(image, 0, y);
    y += image.height;
  }
  return canvas.encode("png");
}
