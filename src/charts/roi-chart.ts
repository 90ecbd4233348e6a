// ROI per campaign (or source) as horizontal bars: losses in the warning colour to the left of a bold zero line,
// every bar labelled with its ROI. With many campaigns the best and the worst are shown, the middle left out.

import type { ScriptableScaleContext } from 'chart.js';
import { formatPercent, formatRoi } from '../domain/money.js';
import type { MetricSettings, RoiRow } from '../domain/types.js';
import { type BarChartConfig, buildHeading, type Overlay } from './draw.js';
import { buildModelName } from './fallback.js';
import { buildAxisLabel, drawLabel, readBar } from './overlay.js';
import { GRID_COLOR, PRIMARY_COLOR, WARNING_COLOR, ZERO_LINE_COLOR } from './palette.js';

/** More bars than this stop being readable at 675 px high. */
export const MAX_ROI_BARS = 12;

/** The grid line at 0% separates gains from losses, so it is drawn dark and thick. */
function isZeroTick(context: ScriptableScaleContext): boolean {
  return context.tick?.value === 0;
}

const ROI_AXIS = {
  // Room beyond the longest bars for their labels, on both sides of zero.
  grace: '20%',
  suggestedMin: 0,
  suggestedMax: 0,
  ticks: { callback: (value: string | number) => `${value}%` },
  grid: {
    color: (context: ScriptableScaleContext) => (isZeroTick(context) ? ZERO_LINE_COLOR : GRID_COLOR),
    lineWidth: (context: ScriptableScaleContext) => (isZeroTick(context) ? 2 : 1),
  },
};

type RowWithRoi = RoiRow & { roi: number };

/** The rows the chart shows, best first: all of them, or the best and worst halves of MAX_ROI_BARS. */
export function selectRoiRows(rows: readonly RoiRow[]): RowWithRoi[] {
  const ranked = rows.filter((row): row is RowWithRoi => row.roi !== null).sort((a, b) => b.roi - a.roi);
  if (ranked.length <= MAX_ROI_BARS) return ranked;
  const half = MAX_ROI_BARS / 2;
  return [...ranked.slice(0, half), ...ranked.slice(-half)];
}

function buildRoiSubtitle(rows: readonly RoiRow[], shown: number, settings: MetricSettings): string {
  const model = rows[0] === undefined ? 'first touch' : buildModelName(rows[0].model);
  const margin = settings.grossMargin === 1 ? '' : ` at ${formatPercent(settings.grossMargin)} gross margin`;
  const capitalized = model.charAt(0).toUpperCase() + model.slice(1);
  const parts = [`${capitalized} attribution, quarter to date${margin}`];
  const withRoi = rows.filter((row) => row.roi !== null).length;
  if (withRoi > shown) parts.push(`best ${shown / 2} and worst ${shown / 2} of ${withRoi}`);
  if (withRoi < rows.length) parts.push(`${rows.length - withRoi} without spend not shown`);
  return parts.join(' · ');
}

function buildRoiOverlay(shown: readonly RowWithRoi[]): Overlay {
  return (ctx, chart) => {
    shown.forEach((row, index) => {
      const bar = readBar(chart, 0, index);
      if (bar === null) return;
      const isLoss = row.roi < 0;
      drawLabel(ctx, formatRoi(row.roi), isLoss ? bar.x - 8 : bar.x + 8, bar.y, {
        sizePx: 15,
        weight: 'bold',
        align: isLoss ? 'right' : 'left',
        color: isLoss ? WARNING_COLOR : ZERO_LINE_COLOR,
      });
    });
  };
}

export function buildRoiChart(
  rows: readonly RoiRow[],
  settings: MetricSettings,
): { config: BarChartConfig; overlay: Overlay } {
  const shown = selectRoiRows(rows);
  const kind = rows[0]?.kind === 'source' ? 'source' : 'campaign';
  const subtitle = shown.length === 0 ? `No ${kind} has spend yet` : buildRoiSubtitle(rows, shown.length, settings);
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: shown.map((row) => buildAxisLabel(row.key)),
      datasets: [
        {
          label: 'ROI %',
          data: shown.map((row) => Math.round(row.roi * 1000) / 10),
          backgroundColor: shown.map((row) => (row.roi < 0 ? WARNING_COLOR : PRIMARY_COLOR)),
          barPercentage: 0.8,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { top: 8, right: 32, bottom: 8, left: 8 } },
      plugins: {
        legend: { display: false },
        ...buildHeading(`ROI by ${kind}`, subtitle),
      },
      scales: {
        x: ROI_AXIS,
        y: { grid: { display: false }, ticks: { font: { size: 15 } } },
      },
    },
  };
  return { config, overlay: buildRoiOverlay(shown) };
}
