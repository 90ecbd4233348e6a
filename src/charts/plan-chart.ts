// Plan vs actual per funnel stage as grouped bars: the planned count beside the count reached, both labelled.
// A stage without a plan shows its actual bar alone.

import { type PlanVsActualRow, TARGET_STAGE_LABELS } from '../domain/types.js';
import { type BarChartConfig, buildHeading, type Overlay } from './draw.js';
import { drawLabel, readBar } from './overlay.js';
import { GRID_COLOR, PLAN_COLOR, PRIMARY_COLOR } from './palette.js';

function buildPlanSubtitle(rows: readonly PlanVsActualRow[]): string {
  const unplanned = rows.filter((row) => row.planned === null).map((row) => TARGET_STAGE_LABELS[row.stage]);
  if (unplanned.length === rows.length) return 'No plan recorded: /roi target <stage> <count> adds one';
  return unplanned.length === 0
    ? 'Planned count vs leads that reached each stage'
    : `No plan for ${unplanned.join(', ')}`;
}

function buildPlanOverlay(rows: readonly PlanVsActualRow[]): Overlay {
  return (ctx, chart) => {
    rows.forEach((row, index) => {
      const values = [row.planned, row.actual];
      values.forEach((value, datasetIndex) => {
        const bar = readBar(chart, datasetIndex, index);
        if (bar === null || value === null) return;
        drawLabel(ctx, `${value}`, bar.x, bar.y - 4, {
          sizePx: 14,
          weight: 'bold',
          align: 'center',
          baseline: 'bottom',
        });
      });
    });
  };
}

export function buildPlanChart(rows: readonly PlanVsActualRow[]): { config: BarChartConfig; overlay: Overlay } {
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: rows.map((row) => TARGET_STAGE_LABELS[row.stage]),
      datasets: [
        { label: 'Planned', data: rows.map((row) => row.planned), backgroundColor: PLAN_COLOR, barPercentage: 0.85 },
        { label: 'Actual', data: rows.map((row) => row.actual), backgroundColor: PRIMARY_COLOR, barPercentage: 0.85 },
      ],
    },
    options: {
      layout: { padding: { top: 8, right: 16, bottom: 8, left: 8 } },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { font: { size: 15 }, boxWidth: 18 } },
        ...buildHeading('Plan vs actual', buildPlanSubtitle(rows)),
      },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 16, weight: 'bold' } } },
        y: { beginAtZero: true, grace: '10%', ticks: { precision: 0 }, grid: { color: GRID_COLOR } },
      },
    },
  };
  return { config, overlay: buildPlanOverlay(rows) };
}
