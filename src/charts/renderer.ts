// The chart renderer the digests use: four charts, each a 1200×675 PNG on a white background. One canvas is
// reused for every chart; rendering is synchronous, so two charts never share it at once.

import type {
  FunnelCounts,
  LeakVerdict,
  MetricSettings,
  PlanVsActualRow,
  RoiProjection,
  TransitionRate,
  WeeklyDigestData,
} from '../domain/types.js';
import { createChartCanvas, drawBarChart } from './draw.js';
import { buildFunnelChart } from './funnel-chart.js';
import { buildPlanChart } from './plan-chart.js';
import { buildRoiChart } from './roi-chart.js';
import { buildTrendChart } from './trend-chart.js';

export interface ChartRenderer {
  renderFunnel(
    funnel: readonly FunnelCounts[],
    transitions: readonly TransitionRate[],
    leak: LeakVerdict,
    settings: MetricSettings,
  ): Buffer;
  /** Realised ROI so far as bars, projected ROI as a marker on its 80% interval. */
  renderRoiByCampaign(projections: readonly RoiProjection[], settings: MetricSettings): Buffer;
  renderTrend(trend: WeeklyDigestData['trend']): Buffer;
  renderPlanVsActual(rows: readonly PlanVsActualRow[]): Buffer;
}

export function createChartRenderer(): ChartRenderer {
  const target = createChartCanvas();
  const draw = ({ config, overlay }: ReturnType<typeof buildPlanChart>) => drawBarChart(target, config, overlay);
  return {
    renderFunnel: (funnel, transitions, leak, settings) => draw(buildFunnelChart(funnel, transitions, leak, settings)),
    renderRoiByCampaign: (projections, settings) => draw(buildRoiChart(projections, settings)),
    renderTrend: (trend) => draw(buildTrendChart(trend)),
    renderPlanVsActual: (rows) => draw(buildPlanChart(rows)),
  };
}
