// Draws one Chart.js bar chart on a reused @napi-rs/canvas and returns it as PNG. Chart.js runs here on its
// "basic platform" (no DOM): no animation, no resize observer, a fixed pixel size.

import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  type Plugin,
  SubTitle,
  Title,
} from 'chart.js';
import { BACKGROUND_COLOR, CHART_HEIGHT, CHART_WIDTH, FONT_FAMILY, MUTED_TEXT_COLOR, TEXT_COLOR } from './palette.js';

/** Bar values: a number, or [from, to] for a floating bar (a range drawn as a bar). */
export type BarChartConfig = ChartConfiguration<'bar', (number | [number, number] | null)[], string>;
/** Draws on top of the finished chart: labels and annotations Chart.js has no built-in for. */
export type Overlay = (ctx: SKRSContext2D, chart: Chart<'bar'>) => void;

/** The title and grey subtitle every chart carries, so a chart forwarded alone still says what it shows. */
export function buildHeading(title: string, subtitle: string) {
  return {
    title: { display: true, text: title, font: { size: 24, weight: 'bold' as const } },
    subtitle: { display: true, text: subtitle, color: MUTED_TEXT_COLOR, font: { size: 16 }, padding: { bottom: 12 } },
  };
}

let registered = false;

/** Chart.js keeps its registry and defaults per process; set them once, with only the parts we draw with. */
function registerChartParts(): void {
  if (registered) return;
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Title, SubTitle, Legend);
  Chart.defaults.font.family = FONT_FAMILY;
  Chart.defaults.font.size = 15;
  Chart.defaults.color = TEXT_COLOR;
  registered = true;
}

export interface ChartCanvas {
  canvas: Canvas;
  ctx: SKRSContext2D;
}

export function createChartCanvas(width = CHART_WIDTH, height = CHART_HEIGHT): ChartCanvas {
  registerChartParts();
  const canvas = createCanvas(width, height);
  return { canvas, ctx: canvas.getContext('2d') };
}

function buildWhiteBackground(): Plugin<'bar'> {
  return {
    id: 'whiteBackground',
    // Chart.js clears to transparent; Slack shows transparent PNGs on a dark background in dark mode.
    beforeDraw: (chart) => {
      const { ctx } = chart;
      ctx.save();
      ctx.fillStyle = BACKGROUND_COLOR;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

export function drawBarChart(target: ChartCanvas, config: BarChartConfig, overlay?: Overlay): Buffer {
  return withBarChart(target, config, overlay, (canvas) => canvas.toBuffer('image/png'));
}

/**
 * Draws the chart on the target canvas and hands the canvas to `use` while the drawing is there (destroying the chart
 * clears it): to encode it, or to paint it into a bigger picture.
 */
export function withBarChart<T>(
  target: ChartCanvas,
  config: BarChartConfig,
  overlay: Overlay | undefined,
  use: (canvas: Canvas) => T,
): T {
  const plugins: Plugin<'bar'>[] = [buildWhiteBackground(), ...(config.plugins ?? [])];
  const { ctx } = target;
  if (overlay) plugins.push({ id: 'overlay', afterDraw: (chart) => overlay(ctx, chart) });
  const options = { ...config.options, animation: false as const, responsive: false, devicePixelRatio: 1 };
  // Chart.js types its first argument with DOM types, which this Node project does not load; the skia context
  // implements the same 2D API, which is all Chart.js uses on its basic platform.
  const item = ctx as unknown as ConstructorParameters<typeof Chart>[0];
  const chart = new Chart(item, { ...config, options, plugins });
  try {
    return use(target.canvas);
  } finally {
    chart.destroy();
  }
}
