// The funnel as horizontal bars, Lead at the top: the bars count the leads created in the last 90 days, and each
// transition carries one rate — the mature-lead rate the leak verdict judges ("59% of 161 mature SQLs"), so the
// chart and the leak box beside it never disagree. The weakest transition's target stage is drawn in the warning
// colour with a callout naming the rate, what it is compared with, and the money it costs.

import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Chart } from 'chart.js';
import { formatMoney, formatPercent } from '../domain/money.js';
import {
  type FunnelCounts,
  type LeakVerdict,
  type MetricSettings,
  STAGE_LABELS,
  type TransitionAssessment,
} from '../domain/types.js';
import { type BarChartConfig, buildHeading, type Overlay } from './draw.js';
import { buildLeakSummary, buildMatureRateLabel } from './fallback.js';
import { drawLabel, measureLabel, readBar } from './overlay.js';
import { PRIMARY_COLOR, WARNING_COLOR } from './palette.js';

/** Bars use at most 1/1.8 of the plot width, leaving the right side for labels and the callout. */
const VALUE_AXIS_HEADROOM = 1.8;
const CALLOUT_SIZE_PX = 17;

function buildBarLabel(stage: FunnelCounts, leak: LeakVerdict): string {
  const into = leak.transitions.find((t) => t.to === stage.stage);
  return into === undefined ? `${stage.reached}` : `${stage.reached}  (${buildMatureRateLabel(into)})`;
}

function buildCalloutLines(weakest: TransitionAssessment, settings: MetricSettings): string[] {
  const money = formatMoney(weakest.moneyLost, settings.currency, { compact: true });
  const interval =
    weakest.low === null || weakest.high === null
      ? ''
      : `95% CI ${formatPercent(weakest.low)}–${formatPercent(weakest.high)} · `;
  return [buildLeakSummary(weakest), `${interval}≈ ${money} lost`];
}

/** A boxed callout beside the highlighted bar, pulled left only as far as the chart's right edge requires. */
function drawCallout(ctx: SKRSContext2D, chart: Chart<'bar'>, index: number, lines: string[], labelEnd: number): void {
  const bar = readBar(chart, 0, index);
  if (bar === null) return;
  const padding = 10;
  const lineHeight = CALLOUT_SIZE_PX + 6;
  const width = Math.max(...lines.map((line) => measureLabel(ctx, line, CALLOUT_SIZE_PX, 'bold'))) + 2 * padding;
  const height = lines.length * lineHeight + padding;
  const left = Math.max(bar.x + 8, Math.min(labelEnd + 24, chart.chartArea.right - width));
  const top = Math.max(chart.chartArea.top, bar.y - height / 2);
  ctx.save();
  ctx.strokeStyle = WARNING_COLOR;
  ctx.lineWidth = 2;
  ctx.fillStyle = '#FFFFFF';
  ctx.fillRect(left, top, width, height);
  ctx.strokeRect(left, top, width, height);
  ctx.restore();
  lines.forEach((line, i) => {
    const y = top + padding / 2 + lineHeight * (i + 0.5);
    drawLabel(ctx, line, left + padding, y, { sizePx: CALLOUT_SIZE_PX, weight: 'bold', color: WARNING_COLOR });
  });
}

function buildFunnelOverlay(
  funnel: readonly FunnelCounts[],
  leak: LeakVerdict,
  highlighted: number,
  callout: string[],
): Overlay {
  return (ctx, chart) => {
    let highlightedLabelEnd = 0;
    funnel.forEach((stage, index) => {
      const bar = readBar(chart, 0, index);
      if (bar === null) return;
      const label = buildBarLabel(stage, leak);
      const width = drawLabel(ctx, label, bar.x + 8, bar.y, { sizePx: 16, weight: 'bold' });
      if (index === highlighted) highlightedLabelEnd = bar.x + 8 + width;
    });
    if (highlighted >= 0) drawCallout(ctx, chart, highlighted, callout, highlightedLabelEnd);
  };
}

export function buildFunnelChart(
  funnel: readonly FunnelCounts[],
  leak: LeakVerdict,
  settings: MetricSettings,
): { config: BarChartConfig; overlay: Overlay } {
  const highlighted = leak.kind === 'leak' ? funnel.findIndex((stage) => stage.stage === leak.weakest.to) : -1;
  const callout = leak.kind === 'leak' ? buildCalloutLines(leak.weakest, settings) : [];
  const largest = Math.max(1, ...funnel.map((stage) => stage.reached));
  const rates = 'rates of mature leads only, as the leak check judges them';
  const subtitle =
    leak.kind === 'leak' ? `Weakest stage highlighted · ${rates}` : `No significant leak: ${leak.reason} · ${rates}`;
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: funnel.map((stage) => STAGE_LABELS[stage.stage]),
      datasets: [
        {
          label: 'Leads that reached the stage',
          data: funnel.map((stage) => stage.reached),
          backgroundColor: funnel.map((_, index) => (index === highlighted ? WARNING_COLOR : PRIMARY_COLOR)),
          barPercentage: 0.75,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      layout: { padding: { top: 8, right: 24, bottom: 8, left: 8 } },
      plugins: {
        legend: { display: false },
        ...buildHeading('Funnel: leads created in the last 90 days', subtitle),
      },
      scales: {
        // Every bar carries its count, so the value axis would only repeat them.
        x: { display: false, min: 0, max: Math.ceil(largest * VALUE_AXIS_HEADROOM) },
        y: { grid: { display: false }, ticks: { font: { size: 17, weight: 'bold' } } },
      },
    },
  };
  return { config, overlay: buildFunnelOverlay(funnel, leak, highlighted, callout) };
}
