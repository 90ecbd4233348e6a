// The chart renderer the digests, `/roi runway` and the Home tab use: each chart a 1200×675 PNG on a white background.
// One canvas is reused for every chart (and one small one for the runway's panels); rendering is synchronous, so two
// charts never share them at once.

import type { Runway } from '../domain/runway-types.js';
import type {
  FunnelCounts,
  LeakVerdict,
  MetricSettings,
  PlanVsActualRow,
  RoiProjection,
  WeeklyDigestData,
} from '../domain/types.js';
import { createChartCanvas, drawBarChart } from './draw.js';
import { buildFunnelChart } from './funnel-chart.js';
import { buildPlanChart } from './plan-chart.js';
import { buildRoiChart } from './roi-chart.js';
import { createPanelCanvas, drawRunwayChart } from './runway-chart.js';
import { buildTrendChart } from './trend-chart.js';

export interface ChartRenderer {
  /** Bars: the cohort's counts; labels: the mature rate of each transition, as the leak verdict judges it. */
  renderFunnel(funnel: readonly FunnelCounts[], leak: LeakVerdict, settings: MetricSettings): Buffer;
  /** Realised ROI so far as bars, projected ROI as a marker on its 80% interval. */
  renderRoiByCampaign(projections: readonly RoiProjection[], settings: MetricSettings): Buffer;
  renderTrend(trend: WeeklyDigestData['trend']): Buffer;
  renderPlanVsActual(rows: readonly PlanVsActualRow[]): Buffer;
  /** The 12-month Results Runway: a panel per stage, plan vs actual per month, the months to come projected. */
  renderRunway(runway: Runway): Buffer;
}

export function createChartRenderer(): ChartRenderer {
  const target = createChartCanvas();
  let panel: ReturnType<typeof createPanelCanvas> | undefined;
  const draw = ({ config, overlay }: ReturnType<typeof buildPlanChart>) => drawBarChart(target, config, overlay);
  return {
    renderFunnel: (funnel, leak, settings) => draw(buildFunnelChart(funnel, leak, settings)),
    renderRoiByCampaign: (projections, settings) => draw(buildRoiChart(projections, settings)),
    renderTrend: (trend) => draw(buildTrendChart(trend)),
    renderPlanVsActual: (rows) => draw(buildPlanChart(rows)),
    renderRunway: (runway) => {
      panel ??= createPanelCanvas();
      return drawRunwayChart(target, panel, runway);
    },
  };
}
