// One PNG chart per question, drawn by chart.js on @napi-rs/canvas (Skia) — no browser.
// - single / multiple / yesno: horizontal bars, each answer's label written ABOVE its bar
//   across the full width (long Kazakh and Russian labels wrap instead of being squeezed
//   into a narrow axis column), "62,5 % (15)" at the end of the bar;
// - scale: vertical columns over the points, the share and count above each column;
// - number: one column, the mean (no minimum, maximum or median: each is one person's answer).
// 900 px wide, the height follows the content; fonts are large because Telegram shows the
// picture about 400 px wide on a phone.
//
// chart.js runs on its "basic platform" in Node (no DOM): it accepts any object that looks
// like a 2D context with a `canvas`, which @napi-rs/canvas provides. Animations and
// responsiveness are off, the pixel ratio is 1. Fonts: DejaVu Sans (it covers ә ғ қ ң ө ұ ү
// һ і) is registered once from the dejavu-fonts-ttf package under our own family name, so
// rendering never depends on the fonts installed on the server.
import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { Chart, registerables, type ChartConfiguration, type Plugin } from "chart.js";
import type { Lang, QuestionResult } from "../results.js";
import { formatNumber, formatPercent, optionLabel, pick, scaleMean, statLabel, type StatName } from "./csv.js";
import type { Translate } from "../../../i18n-resources.js";

export const CHART_WIDTH = 900;
/** Family name under which the bundled DejaVu Sans is registered. */
export const CHART_FONT = "Adal DejaVu Sans";

const COLOR = {
  background: "#ffffff",
  text: "#1f2933",
  muted: "#52606d",
  grid: "#e4e7eb",
  track: "#eef2f6",
  bar: "#2f5d8a",
  barLight: "#8fb3d6",
  onBar: "#ffffff",
};

const PAD = 32;
const TITLE = { size: 27, line: 35 };
const SUBTITLE = { size: 19, line: 26 };
const LABEL = { size: 21, line: 28 };
const VALUE = { size: 20 };
const MAX_TITLE_LINES = 7;
const MAX_LABEL_LINES = 4;

let initialised = false;

function init(): void {
  if (initialised) return;
  const require = createRequire(import.meta.url);
  for (const file of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]) {
    const path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    if (!GlobalFonts.registerFromPath(path, CHART_FONT)) throw new Error(`chart: cannot register the font ${path}`);
  }
  Chart.register(...registerables);
  initialised = true;
}

const font = (size: number, bold = false) => `${bold ? "bold " : ""}${size}px "${CHART_FONT}"`;

let measureCtx: SKRSContext2D | undefined;
function measure(text: string, size: number, bold = false): number {
  init();
  measureCtx ??= createCanvas(10, 10).getContext("2d");
  measureCtx.font = font(size, bold);
  return measureCtx.measureText(text).width;
}

/** Greedy word wrap to maxWidth px; words longer than a line are cut; at most maxLines (…). */
export function wrapText(text: string, maxWidth: number, size: number, bold = false, maxLines = Infinity): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r/g, "").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the line: cut it.
      let rest = word;
      while (measure(rest, size, bold) > maxWidth && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut), size, bold) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line) lines.push(line);
  }
  if (lines.length === 0) lines.push("");
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!}…`;
  while (measure(last, size, bold) > maxWidth && last.length > 1) last = `${last.slice(0, -2)}…`;
  kept[maxLines - 1] = last;
  return kept;
}

export interface ChartOptions {
  /** Replaces the question text as the chart title. */
  title?: string;
}

interface Header {
  title: string[];
  subtitle: string[];
  height: number;
}

function header(q: QuestionResult, lang: Lang, t: Translate, options: ChartOptions | undefined, extra: string[]): Header {
  const width = CHART_WIDTH - 2 * PAD;
  const title = wrapText(options?.title ?? pick(q.text, lang), width, TITLE.size, true, MAX_TITLE_LINES);
  const meta = [t("surveyReport.chart.answered", { count: formatNumber(q.answered, lang) }), ...extra].join(" · ");
  const subtitle = [...wrapText(pick(q.sectionTitle, lang), width, SUBTITLE.size, false, 2), ...wrapText(meta, width, SUBTITLE.size, false, 3)];
  // Title and subtitle boxes as chart.js lays them out (padding top + lines + bottom).
  const height = 24 + title.length * TITLE.line + 8 + 4 + subtitle.length * SUBTITLE.line;
  return { title, subtitle, height };
}

function headerPlugins(h: Header, below = 20) {
  return {
    title: {
      display: true,
      text: h.title,
      align: "start" as const,
      color: COLOR.text,
      font: { family: CHART_FONT, size: TITLE.size, weight: "bold" as const, lineHeight: TITLE.line / TITLE.size },
      padding: { top: 24, bottom: 8 },
    },
    subtitle: {
      display: true,
      text: h.subtitle,
      align: "start" as const,
      color: COLOR.muted,
      font: { family: CHART_FONT, size: SUBTITLE.size, lineHeight: SUBTITLE.line / SUBTITLE.size },
      padding: { top: 4, bottom: below },
    },
    legend: { display: false },
    tooltip: { enabled: false },
  };
}

const whiteBackground: Plugin = {
  id: "adalBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = COLOR.background;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export type AnyConfig = ChartConfiguration<"bar", (number | { x: number; y: number })[], string>;

/** Draws a chart.js bar chart to a PNG on a white background (fonts registered); shared with the summaries' chart. */
export async function drawBarChart(width: number, height: number, config: AnyConfig): Promise<Buffer> {
  init();
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  config.options = { ...config.options, animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1 };
  config.plugins = [whiteBackground, ...(config.plugins ?? [])];
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], config as ChartConfiguration);
  try {
    return await canvas.encode("png");
  } finally {
    chart.destroy();
  }
}

// ---------------------------------------------------------------------------------------

interface Item {
  lines: string[];
  share: number;
  count: number;
  /** y of the bar centre, in the y scale's units (= pixels of the plot area). */
  y: number;
}

const BAR = 34;
const LABEL_GAP = 6;
const ITEM_GAP = 24;

function horizontalChart(q: QuestionResult, lang: Lang, t: Translate, options?: ChartOptions): Promise<Buffer> {
  const opts = q.options ?? [];
  const plotWidth = CHART_WIDTH - 2 * PAD;
  let offset = 8;
  const items: Item[] = opts.map((o) => {
    const lines = wrapText(optionLabel(q, o, lang), plotWidth, LABEL.size, false, MAX_LABEL_LINES);
    const y = offset + lines.length * LABEL.line + LABEL_GAP + BAR / 2;
    offset = y + BAR / 2 + ITEM_GAP;
    return { lines, share: o.share, count: o.count, y };
  });
  const plotHeight = offset - ITEM_GAP + 8;
  const h = header(q, lang, t, options, q.multiple || q.type === "multiple" ? [t("surveyReport.chart.multiple")] : []);
  const axisHeight = 20;
  const height = Math.round(h.height + 20 + plotHeight + axisHeight + PAD / 2);

  const labels: Plugin = {
    id: "adalBarLabels",
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const y = chart.scales.y!;
      ctx.save();
      ctx.fillStyle = COLOR.track;
      for (const it of items) ctx.fillRect(chartArea.left, y.getPixelForValue(it.y) - BAR / 2, chartArea.right - chartArea.left, BAR);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const x = chart.scales.x!;
      const y = chart.scales.y!;
      ctx.save();
      ctx.textBaseline = "alphabetic";
      for (const it of items) {
        const barTop = y.getPixelForValue(it.y) - BAR / 2;
        // Label lines above the bar.
        ctx.font = font(LABEL.size);
        ctx.fillStyle = COLOR.text;
        ctx.textAlign = "left";
        it.lines.forEach((line, i) => {
          const baseline = barTop - LABEL_GAP - (it.lines.length - 1 - i) * LABEL.line - 7;
          ctx.fillText(line, chartArea.left, baseline);
        });
        // "62,5 %" bold + " (15)" after the bar end, or inside the bar when it is long.
        const pct = formatPercent(it.share, lang);
        const cnt = ` (${formatNumber(it.count, lang)})`;
        const wPct = measure(pct, VALUE.size, true);
        const wCnt = measure(cnt, VALUE.size);
        const end = x.getPixelForValue(it.share * 100);
        const inside = end + 10 + wPct + wCnt > chartArea.right;
        const start = inside ? end - 10 - wPct - wCnt : end + 10;
        const baseline = barTop + BAR / 2 + VALUE.size * 0.36;
        ctx.textAlign = "left";
        ctx.font = font(VALUE.size, true);
        ctx.fillStyle = inside ? COLOR.onBar : COLOR.text;
        ctx.fillText(pct, start, baseline);
        ctx.font = font(VALUE.size);
        ctx.fillStyle = inside ? COLOR.onBar : COLOR.muted;
        ctx.fillText(cnt, start + wPct, baseline);
      }
      ctx.restore();
    },
  };

  return drawBarChart(CHART_WIDTH, height, {
    type: "bar",
    data: {
      datasets: [
        {
          data: items.map((it) => ({ x: it.share * 100, y: it.y })),
          backgroundColor: COLOR.bar,
          barThickness: BAR,
          borderSkipped: false,
          borderRadius: 0,
        },
      ],
    },
    options: {
      indexAxis: "y",
      layout: { padding: { left: PAD, right: PAD, bottom: PAD / 2 } },
      scales: {
        // Every bar carries its value and a 100 % track, so no axis or grid is drawn.
        x: { type: "linear", min: 0, max: 100, display: false },
        // offset: false, or chart.js pads the index axis by half a tick step at both ends.
        y: { type: "linear", min: 0, max: plotHeight, reverse: true, display: false, offset: false },
      },
      plugins: headerPlugins(h),
    },
    plugins: [labels],
  });
}

// ---------------------------------------------------------------------------------------

interface Column {
  top: string[];
  bottom: string[];
  value: number;
  color: string;
  /** Text above the column: main (bold) and secondary (muted) line. */
  main: string;
  secondary?: string;
}

function mix(a: string, b: string, f: number): string {
  const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
  return `#${pa.map((v, i) => Math.round(v + (pb[i]! - v) * f).toString(16).padStart(2, "0")).join("")}`;
}

function columnChart(q: QuestionResult, lang: Lang, t: Translate, options: ChartOptions | undefined, columns: Column[], extra: string[], yAxis: { min?: number; max?: number; format: (v: number) => string }): Promise<Buffer> {
  const h = header(q, lang, t, options, extra);
  const plotWidth = CHART_WIDTH - 2 * PAD - 70;
  const slot = plotWidth / Math.max(columns.length, 1);
  const wrapped = columns.map((c) => ({ ...c, bottom: c.bottom.flatMap((s) => wrapText(s, slot - 10, 16, false, 4)) }));
  const bottomLines = Math.max(0, ...wrapped.map((c) => c.bottom.length));
  const topLines = Math.max(1, ...wrapped.map((c) => c.top.length));
  const axisLabels = 14 + topLines * 28 + bottomLines * 21;
  const plotHeight = 380;
  const valueRoom = 64;
  const height = Math.round(h.height + valueRoom + plotHeight + axisLabels + PAD);

  const plugin: Plugin = {
    id: "adalColumnLabels",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.textAlign = "center";
      wrapped.forEach((c, i) => {
        const bar = meta.data[i] as unknown as { x: number; y: number; base: number } | undefined;
        if (!bar) return;
        const up = c.value >= 0;
        const edge = up ? Math.min(bar.y, bar.base) : Math.max(bar.y, bar.base);
        if (up) {
          ctx.font = font(VALUE.size, true);
          ctx.fillStyle = COLOR.text;
          ctx.fillText(c.main, bar.x, edge - (c.secondary ? 32 : 10));
          if (c.secondary) {
            ctx.font = font(17);
            ctx.fillStyle = COLOR.muted;
            ctx.fillText(c.secondary, bar.x, edge - 10);
          }
        } else {
          ctx.font = font(VALUE.size, true);
          ctx.fillStyle = COLOR.text;
          ctx.fillText(c.main, bar.x, edge + 24);
        }
        // Category labels under the plot: bold first lines, then smaller muted lines.
        let y = chartArea.bottom + 34;
        ctx.fillStyle = COLOR.text;
        ctx.font = font(22, true);
        for (const line of c.top) {
          ctx.fillText(line, bar.x, y);
          y += 28;
        }
        ctx.font = font(16);
        ctx.fillStyle = COLOR.muted;
        for (const line of c.bottom) {
          ctx.fillText(line, bar.x, y - 4);
          y += 21;
        }
      });
      ctx.restore();
    },
  };

  return drawBarChart(CHART_WIDTH, height, {
    type: "bar",
    data: {
      labels: columns.map((_, i) => String(i)),
      datasets: [{ data: columns.map((c) => c.value), backgroundColor: columns.map((c) => c.color), maxBarThickness: 110, categoryPercentage: 0.8, barPercentage: 0.9 }],
    },
    options: {
      layout: { padding: { left: PAD, right: PAD, bottom: axisLabels + PAD / 2 } },
      scales: {
        x: { type: "category", grid: { display: false }, border: { color: COLOR.grid }, ticks: { display: false } },
        y: {
          type: "linear",
          beginAtZero: true,
          ...(yAxis.min !== undefined ? { min: yAxis.min } : {}),
          ...(yAxis.max !== undefined ? { max: yAxis.max } : {}),
          grid: { color: COLOR.grid, drawTicks: false },
          border: { display: false },
          ticks: { padding: 10, maxTicksLimit: 6, color: COLOR.muted, font: { family: CHART_FONT, size: 17 }, callback: (v) => yAxis.format(Number(v)) },
        },
      },
      plugins: headerPlugins(h, valueRoom),
    },
    plugins: [plugin],
  });
}

function scaleChart(q: QuestionResult, lang: Lang, t: Translate, options?: ChartOptions): Promise<Buffer> {
  const opts = q.options ?? [];
  const mean = scaleMean(opts);
  const columns: Column[] = opts.map((o, i) => {
    const label = pick(o.label, lang);
    return {
      top: [o.code],
      bottom: label === o.code ? [] : [label],
      value: o.share * 100,
      color: mix(COLOR.barLight, COLOR.bar, opts.length > 1 ? i / (opts.length - 1) : 1),
      main: formatPercent(o.share, lang),
      secondary: `(${formatNumber(o.count, lang)})`,
    };
  });
  const extra = mean === null ? [] : [t("surveyReport.chart.mean", { mean: formatNumber(mean, lang, 1) })];
  // 0..100 % would leave most of the plot empty; round the top up to 20 % steps instead.
  const top = Math.min(100, Math.ceil((Math.max(0, ...columns.map((c) => c.value)) + 5) / 20) * 20);
  return columnChart(q, lang, t, options, columns, extra, { min: 0, max: top, format: (v) => formatPercent(v / 100, lang) });
}

function numberChart(q: QuestionResult, lang: Lang, t: Translate, options?: ChartOptions): Promise<Buffer> {
  const n = q.numbers!;
  const stats: StatName[] = ["mean"];
  const columns: Column[] = stats.map((s) => ({
    top: wrapText(statLabel(t, s), (CHART_WIDTH - 2 * PAD - 70) / 2, 20, true, 3),
    bottom: [],
    value: n.mean,
    color: COLOR.bar,
    main: formatNumber(n.mean, lang, 1),
  }));
  return columnChart(q, lang, t, options, columns, [], { format: (v) => formatNumber(v, lang, 2) });
}

/**
 * A PNG chart of one question's results. Only for questions that have numbers to show:
 * asking for a suppressed or free-form (text, date) question is a programming error.
 */
export async function renderQuestionChart(q: QuestionResult, lang: Lang, t: Translate, options?: ChartOptions): Promise<Buffer> {
  init(); // before any text is measured for wrapping
  if (q.suppressed) throw new Error(`renderQuestionChart: question "${q.questionId}" is suppressed (fewer responses than the threshold); show the note instead`);
  switch (q.type) {
    case "single":
    case "multiple":
    case "yesno":
      if (!q.options?.length) throw new Error(`renderQuestionChart: question "${q.questionId}" has no options`);
      return horizontalChart(q, lang, t, options);
    case "scale":
      if (!q.options?.length) throw new Error(`renderQuestionChart: question "${q.questionId}" has no options`);
      return scaleChart(q, lang, t, options);
    case "number":
      if (!q.numbers) throw new Error(`renderQuestionChart: question "${q.questionId}" has no number summary`);
      return numberChart(q, lang, t, options);
    case "text":
    case "date":
      throw new Error(`renderQuestionChart: question "${q.questionId}" has free-form answers (${q.type}); there is nothing to chart`);
  }
}
