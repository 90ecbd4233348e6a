// ROI per campaign (or source), lag-aware, as horizontal bars: the ROI its leads have realised so far as a solid bar
// (losses in the warning colour, left of a bold zero line), and the projected ROI as a black diamond on a thin orange
// bar spanning its 80% interval. A campaign too early to judge has no realised bar (its loss so far would read as a
// verdict), only its projection. With many campaigns the best and the worst projections are shown.

import type { ScriptableScaleContext } from 'chart.js';
import { formatPercent, formatRoi } from '../domain/money.js';
import { isJudged } from '../domain/roi-projection.js';
import type { MetricSettings, RoiProjection } from '../domain/types.js';
import { type BarChartConfig, buildHeading, type Overlay } from './draw.js';
import { buildModelName } from './fallback.js';
import { buildAxisLabel, drawLabel, readBar } from './overlay.js';
import {
  GRID_COLOR,
  MUTED_TEXT_COLOR,
  PRIMARY_COLOR,
  PROJECTED_ROI_COLOR,
  WARNING_COLOR,
  ZERO_LINE_COLOR,
} from './palette.js';

/** More bars than this stop being readable at 675 px high. */
export const MAX_ROI_BARS = 12;

/** The grid line at 0% separates gains from losses, so it is drawn dark and thick. */
function isZeroTick(context: ScriptableScaleContext): boolean {
  return context.tick?.value === 0;
}

/**
 * The value axis always shows zero; it leaves room left of the lowest mark only when a row lies wholly below zero
 * (its label goes there), the labels of the others going into the right padding.
 */
function buildRoiAxis(shown: readonly Projected[]) {
  const marks = shown.flatMap((row) => [
    percent(row.projectedRoi),
    ...(row.interval === null ? [] : [percent(row.interval.low), percent(row.interval.high)]),
    ...(isJudged(row) && row.roiSoFar !== null ? [percent(row.roiSoFar)] : []),
  ]);
  const low = Math.min(0, ...marks);
  const high = Math.max(0, ...marks);
  const span = Math.max(high - low, 10);
  const anyBelow = shown.some((row) => isLabelledLeft(row));
  return {
    suggestedMin: low - span * (anyBelow ? 0.3 : 0.04),
    suggestedMax: high + span * 0.04,
    ticks: { callback: (value: string | number) => `${value}%` },
    grid: {
      color: (context: ScriptableScaleContext) => (isZeroTick(context) ? ZERO_LINE_COLOR : GRID_COLOR),
      lineWidth: (context: ScriptableScaleContext) => (isZeroTick(context) ? 2 : 1),
    },
  };
}

type Projected = RoiProjection & { projectedRoi: number };

/** A row whose marks all lie below zero is labelled on its left, like a loss bar. */
function isLabelledLeft(row: Projected): boolean {
  return row.projectedRoi < 0 && (row.interval?.high ?? row.projectedRoi) <= 0 && (row.roiSoFar ?? 0) <= 0;
}

const percent = (ratio: number) => Math.round(ratio * 1000) / 10;

/** The rows the chart shows, best projection first: all with spend, or the best and worst halves of MAX_ROI_BARS. */
export function selectRoiRows(projections: readonly RoiProjection[]): Projected[] {
  const ranked = projections
    .filter((row): row is Projected => row.projectedRoi !== null)
    .sort((a, b) => b.projectedRoi - a.projectedRoi);
  if (ranked.length <= MAX_ROI_BARS) return ranked;
  const half = MAX_ROI_BARS / 2;
  return [...ranked.slice(0, half), ...ranked.slice(-half)];
}

function buildRoiSubtitle(projections: readonly RoiProjection[], shown: number, settings: MetricSettings): string {
  const model = projections[0] === undefined ? 'first touch' : buildModelName(projections[0].model);
  const margin = settings.grossMargin === 1 ? '' : ` at ${formatPercent(settings.grossMargin)} gross margin`;
  const capitalized = model.charAt(0).toUpperCase() + model.slice(1);
  const parts = [`${capitalized} attribution, leads of the quarter to date${margin}`];
  // Say which bar is which: with every campaign too young there is no solid bar, and a thin one alone would pass for it.
  const anyJudged = projections.some((row) => row.projectedRoi !== null && isJudged(row));
  parts.push(`${anyJudged ? 'solid bar: ROI so far · ' : ''}◆ projected ROI, thin bar: its 80% interval`);
  const withRoi = projections.filter((row) => row.projectedRoi !== null).length;
  if (withRoi > shown) parts.push(`best ${shown / 2} and worst ${shown / 2} of ${withRoi}`);
  if (withRoi < projections.length) parts.push(`${projections.length - withRoi} without spend not shown`);
  return parts.join(' · ');
}

/** '+133% → +150%' for a judged row ('+133%' once nothing is left open); 'too early → +45%' for a young one. */
function buildRowLabel(row: Projected): string {
  const projected = formatRoi(row.projectedRoi);
  if (!isJudged(row)) return `too early → ${projected}`;
  return row.openLeads === 0 ? formatRoi(row.roiSoFar) : `${formatRoi(row.roiSoFar)} → ${projected}`;
}

function drawDiamond(ctx: Parameters<Overlay>[0], x: number, y: number, radius: number): void {
  ctx.save();
  ctx.fillStyle = ZERO_LINE_COLOR;
  ctx.beginPath();
  ctx.moveTo(x, y - radius);
  ctx.lineTo(x + radius, y);
  ctx.lineTo(x, y + radius);
  ctx.lineTo(x - radius, y);
  ctx.closePath();
  ctx.fill();
  ctx.restore();
}

/** Where a row's label goes: right of its rightmost mark, or for a row all below zero left of its leftmost one. */
function placeLabel(row: Projected, marks: number[], zero: number): { x: number; align: 'left' | 'right' } {
  const belowZero = row.projectedRoi < 0 && (row.interval?.high ?? row.projectedRoi) <= 0;
  return belowZero
    ? { x: Math.min(...marks) - 14, align: 'right' }
    : { x: Math.max(zero, ...marks) + 14, align: 'left' };
}

function buildRoiOverlay(shown: readonly Projected[]): Overlay {
  return (ctx, chart) => {
    const scale = chart.scales.x;
    if (scale === undefined) return;
    const zero = scale.getPixelForValue(0);
    shown.forEach((row, index) => {
      const range = readBar(chart, 1, index);
      const realised = readBar(chart, 0, index);
      const y = range?.y ?? realised?.y;
      if (y === undefined) return;
      const diamond = scale.getPixelForValue(percent(row.projectedRoi));
      drawDiamond(ctx, diamond, y, 9);
      const marks = [diamond, ...[range, realised].flatMap((bar) => (bar === null ? [] : [bar.x, bar.base]))];
      const { x, align } = placeLabel(row, marks, zero);
      const isLoss = isJudged(row) && row.projectedRoi < 0;
      drawLabel(ctx, buildRowLabel(row), x, y, {
        sizePx: 15,
        weight: 'bold',
        align,
        color: isLoss ? WARNING_COLOR : isJudged(row) ? ZERO_LINE_COLOR : MUTED_TEXT_COLOR,
      });
    });
  };
}

export function buildRoiChart(
  projections: readonly RoiProjection[],
  settings: MetricSettings,
): { config: BarChartConfig; overlay: Overlay } {
  const shown = selectRoiRows(projections);
  const kind = projections[0]?.kind === 'source' ? 'source' : 'campaign';
  const subtitle =
    shown.length === 0 ? `No ${kind} has spend yet` : buildRoiSubtitle(projections, shown.length, settings);
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: shown.map((row) => buildAxisLabel(row.key)),
      datasets: [
        {
          label: 'ROI so far',
          // A young campaign's loss so far is not drawn: it would read as a verdict.
          data: shown.map((row) => (isJudged(row) && row.roiSoFar !== null ? percent(row.roiSoFar) : null)),
          backgroundColor: shown.map((row) => ((row.roiSoFar ?? 0) < 0 ? WARNING_COLOR : PRIMARY_COLOR)),
          barPercentage: 0.8,
          grouped: false,
          order: 2,
        },
        {
          label: 'Projected, 80% interval',
          data: shown.map((row): [number, number] | null =>
            row.interval === null ? null : [percent(row.interval.low), percent(row.interval.high)],
          ),
          backgroundColor: PROJECTED_ROI_COLOR,
          barPercentage: 0.22,
          // A range of no width (nothing left open) still shows as a sliver.
          minBarLength: 3,
          grouped: false,
          order: 1,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { top: 8, right: 180, bottom: 8, left: 8 } },
      plugins: {
        legend: { display: false },
        ...buildHeading(`ROI by ${kind}`, subtitle),
      },
      scales: {
        x: buildRoiAxis(shown),
        y: { grid: { display: false }, ticks: { font: { size: 15 } } },
      },
    },
  };
  return { config, overlay: buildRoiOverlay(shown) };
}
