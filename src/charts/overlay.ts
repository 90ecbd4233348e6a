// Helpers for what we draw on top of Chart.js output: value labels and callouts, placed from the bars' geometry.

import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart } from 'chart.js';
import { buildFont, TEXT_COLOR } from './palette.js';

export interface BarGeometry {
  /** Value end of the bar (x for horizontal bars, y for vertical ones). */
  x: number;
  y: number;
  /** Where the bar starts on the value axis. */
  base: number;
  /** Thickness of the bar across the category axis. */
  thickness: number;
}

/** The drawn position of one bar, or null when Chart.js drew none (a null value). */
export function readBar(chart: Chart<'bar'>, datasetIndex: number, index: number): BarGeometry | null {
  const element = chart.getDatasetMeta(datasetIndex).data[index];
  if (element === undefined || chart.data.datasets[datasetIndex]?.data[index] == null) return null;
  const { x, y, base, height, width } = element.getProps(['x', 'y', 'base', 'height', 'width'], true);
  const isHorizontal = chart.options.indexAxis === 'y';
  const numbers = [x, y, base, height, width];
  if (!numbers.every((n): n is number => typeof n === 'number' && Number.isFinite(n))) return null;
  return { x, y, base, thickness: isHorizontal ? height : width };
}

export interface TextStyle {
  sizePx?: number;
  weight?: 'normal' | 'bold';
  color?: string;
  align?: 'left' | 'right' | 'center';
  baseline?: 'middle' | 'bottom' | 'top';
}

export function drawLabel(ctx: SKRSContext2D, text: string, x: number, y: number, style: TextStyle = {}): number {
  ctx.save();
  ctx.font = buildFont(style.sizePx ?? 15, style.weight ?? 'normal');
  ctx.fillStyle = style.color ?? TEXT_COLOR;
  ctx.textAlign = style.align ?? 'left';
  ctx.textBaseline = style.baseline ?? 'middle';
  ctx.fillText(text, x, y);
  const width = ctx.measureText(text).width;
  ctx.restore();
  return width;
}

export function measureLabel(ctx: SKRSContext2D, text: string, sizePx: number, weight: 'normal' | 'bold'): number {
  ctx.save();
  ctx.font = buildFont(sizePx, weight);
  const width = ctx.measureText(text).width;
  ctx.restore();
  return width;
}

/** Shortens an axis label so one long campaign name cannot squeeze the plot area to nothing. */
export function buildAxisLabel(text: string, max = 28): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
