// The Results Runway as one 1200×675 PNG: a heading, a legend, and one small panel per stage (Visits → … →
// Customer) in a 3 × 2 grid, each drawn by Chart.js on a panel canvas and painted into the picture. The stage
// furthest behind its year plan has its title in the warning colour.

import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Runway } from '../domain/runway-types.js';
import { type ChartCanvas, createChartCanvas, withBarChart } from './draw.js';
import { drawLabel } from './overlay.js';
import {
  BACKGROUND_COLOR,
  CHART_HEIGHT,
  CHART_WIDTH,
  MUTED_TEXT_COLOR,
  PLAN_MARK_COLOR,
  PRIMARY_COLOR,
  PROJECTION_COLOR,
} from './palette.js';
import { buildRunwayPanel } from './runway-panel.js';

const COLUMNS = 3;
const ROWS = 2;
/** Room above the panels for the title and the legend. */
const HEADER_PX = 78;
export const PANEL_WIDTH = Math.floor(CHART_WIDTH / COLUMNS);
export const PANEL_HEIGHT = Math.floor((CHART_HEIGHT - HEADER_PX) / ROWS);

export function createPanelCanvas(): ChartCanvas {
  return createChartCanvas(PANEL_WIDTH, PANEL_HEIGHT);
}

function drawLegendItem(ctx: SKRSContext2D, x: number, y: number, color: string, label: string, mark = false): number {
  ctx.save();
  ctx.fillStyle = color;
  if (mark) ctx.fillRect(x, y - 2, 22, 4);
  else ctx.fillRect(x, y - 8, 16, 16);
  ctx.restore();
  const width = drawLabel(ctx, label, x + (mark ? 28 : 22), y, { sizePx: 15 });
  return x + (mark ? 28 : 22) + width + 26;
}

function drawHeader(ctx: SKRSContext2D, runway: Runway): void {
  drawLabel(ctx, `Results Runway ${runway.year}: plan vs actual per stage`, CHART_WIDTH / 2, 22, {
    sizePx: 24,
    weight: 'bold',
    align: 'center',
  });
  let x = 180;
  x = drawLegendItem(ctx, x, 58, PRIMARY_COLOR, 'Actual');
  x = drawLegendItem(ctx, x, 58, PROJECTION_COLOR, 'Projected (3-month run-rate × mature rates)');
  drawLegendItem(ctx, x, 58, PLAN_MARK_COLOR, 'Plan', true);
}

/** The free slot when Visits are not recorded says how to add them. */
function drawVisitsHint(ctx: SKRSContext2D, left: number, top: number): void {
  const lines = [
    'No website visits recorded.',
    '/roi visits 2026-11 12400 source:organic-search',
    'adds a month of them.',
  ];
  lines.forEach((line, i) => {
    drawLabel(ctx, line, left + PANEL_WIDTH / 2, top + PANEL_HEIGHT / 2 - 22 + i * 22, {
      sizePx: 14,
      color: MUTED_TEXT_COLOR,
      align: 'center',
    });
  });
}

export function drawRunwayChart(target: ChartCanvas, panel: ChartCanvas, runway: Runway): Buffer {
  const { ctx } = target;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = BACKGROUND_COLOR;
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  ctx.restore();
  drawHeader(ctx, runway);
  const slots = COLUMNS * ROWS;
  for (let slot = 0; slot < slots; slot += 1) {
    const left = (slot % COLUMNS) * PANEL_WIDTH;
    const top = HEADER_PX + Math.floor(slot / COLUMNS) * PANEL_HEIGHT;
    const s = slot - (slots - runway.stages.length);
    if (s < 0) {
      drawVisitsHint(ctx, left, top);
      continue;
    }
    const { config, overlay } = buildRunwayPanel(runway, s);
    withBarChart(panel, config, overlay, (canvas) => ctx.drawImage(canvas, left, top));
  }
  return target.canvas.toBuffer('image/png');
}
