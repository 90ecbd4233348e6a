// One panel of the runway chart: a stage's twelve months as bars — what happened in the solid colour, what the
// projection adds in the lighter one — with the plan as a dark mark across each planned month.

import { MONTH_NAMES } from '../domain/local-time.js';
import { describeRunwayYear, formatShortFigure } from '../domain/runway-format.js';
import type { Runway, RunwayMonth } from '../domain/runway-types.js';
import { TARGET_STAGE_LABELS } from '../domain/types.js';
import type { BarChartConfig, Overlay } from './draw.js';
import {
  GRID_COLOR,
  MUTED_TEXT_COLOR,
  PLAN_MARK_COLOR,
  PRIMARY_COLOR,
  PROJECTION_COLOR,
  TEXT_COLOR,
  WARNING_COLOR,
} from './palette.js';

const MONTH_LABELS = MONTH_NAMES.map((name) => name.slice(0, 3));
/** Share of a month's slot the bar (and the plan mark) takes. */
const BAR_SHARE = 0.8;

function readActual(month: RunwayMonth, s: number): number | null {
  return month.timing === 'future' ? null : (month.cells[s]?.actual ?? null);
}

/** The part of the bar the projection adds: the rest of the current month, or a whole month to come. */
function readProjectedPart(month: RunwayMonth, s: number): number | null {
  const cell = month.cells[s];
  if (cell === undefined || cell.projected === null || month.timing === 'past') return null;
  return Math.max(0, cell.projected - (month.timing === 'current' ? (cell.actual ?? 0) : 0));
}

function buildPlanOverlay(runway: Runway, s: number): Overlay {
  return (ctx, chart) => {
    const x = chart.scales.x;
    const y = chart.scales.y;
    if (x === undefined || y === undefined) return;
    const slot = (chart.chartArea.right - chart.chartArea.left) / runway.months.length;
    ctx.save();
    ctx.strokeStyle = PLAN_MARK_COLOR;
    ctx.lineWidth = 3;
    runway.months.forEach((month, index) => {
      const planned = month.cells[s]?.plannedCount;
      if (planned === null || planned === undefined) return;
      const centre = x.getPixelForValue(index);
      const level = y.getPixelForValue(planned);
      ctx.beginPath();
      ctx.moveTo(centre - (slot * BAR_SHARE) / 2, level);
      ctx.lineTo(centre + (slot * BAR_SHARE) / 2, level);
      ctx.stroke();
    });
    ctx.restore();
  };
}

export function buildRunwayPanel(runway: Runway, s: number): { config: BarChartConfig; overlay: Overlay } {
  const stage = runway.stages[s]!;
  const summary = runway.summaries[s]!;
  const behind = runway.biggestGap?.stage === stage;
  const planned = runway.months.map((month) => month.cells[s]?.plannedCount ?? 0);
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: MONTH_LABELS,
      datasets: [
        {
          label: 'Actual',
          data: runway.months.map((month) => readActual(month, s)),
          backgroundColor: PRIMARY_COLOR,
          barPercentage: BAR_SHARE,
          categoryPercentage: 1,
        },
        {
          label: 'Projected',
          data: runway.months.map((month) => readProjectedPart(month, s)),
          backgroundColor: PROJECTION_COLOR,
          barPercentage: BAR_SHARE,
          categoryPercentage: 1,
        },
      ],
    },
    options: {
      layout: { padding: { top: 4, right: 10, bottom: 4, left: 4 } },
      plugins: {
        legend: { display: false },
        title: {
          display: true,
          text: TARGET_STAGE_LABELS[stage],
          color: behind ? WARNING_COLOR : TEXT_COLOR,
          font: { size: 17, weight: 'bold' },
          padding: { top: 4, bottom: 2 },
        },
        subtitle: {
          display: true,
          text: describeRunwayYear(summary),
          color: behind ? WARNING_COLOR : MUTED_TEXT_COLOR,
          font: { size: 13 },
          padding: { bottom: 6 },
        },
      },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { font: { size: 11 }, maxRotation: 0, autoSkip: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          suggestedMax: Math.max(...planned) * 1.05,
          grid: { color: GRID_COLOR },
          ticks: { font: { size: 11 }, maxTicksLimit: 5, callback: (value) => formatShortFigure(Number(value)) },
        },
      },
    },
  };
  return { config, overlay: buildPlanOverlay(runway, s) };
}
