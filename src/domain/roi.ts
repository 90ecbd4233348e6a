// The ROI family of a period: counts, revenue, spend and every cost/return ratio built from them.
//
//   ROI          = (revenue × gross margin − direct spend) / direct spend            (null without spend)
//   ROAS         = revenue / media spend (media, agency, event, tools)               (null without media spend)
//   CPL          = direct spend / new leads; cost per MQL, SQL, opportunity alike    (null without the count)
//   CAC          = direct spend / new customers
//   blended CAC  = (direct spend + salaries + overhead) / new customers
//   CLV          = average won deal in the period × purchases per year × retention years (null without customers)
//   CLV:CAC      = CLV / blended CAC                                                  (null without either)
//   pipeline     = Σ value of leads now at Opportunity × historical win rate
//   coverage     = new leads with a known source / new leads                         (null without new leads)
//
// Counts follow activity.ts (leads = cohort, later stages = reached within the period); spend follows spend.ts
// (monthly rows prorated by overlap).

import { addActivity, computeEmptyActivity, computeLeadActivity, type StageActivity } from './activity.js';
import { computePipelineSummaryInSteps } from './pipeline.js';
import { computeRoi } from './roi-rows.js';
import { readSnapshotMemo } from './snapshot.js';
import type { LeadsMemo } from './snapshot-chunks.js';
import { computeSpendIndex, computeSpendInPeriod, isHiddenCost } from './spend.js';
import { computeRatio } from './stats.js';
import { forEachInSteps, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline } from './timeline.js';
import { type Dataset, type KpiSet, type Lead, type MetricSettings, type Period, UNKNOWN_SOURCE } from './types.js';
import { computeClv, computeClvToCac } from './unit-economics.js';

export { computePipelineValue, computeWinRate } from './pipeline.js';
export { type CampaignCard, computeCampaignCard, computeCampaignCardInSteps } from './roi-card.js';
export { computeRoi, computeRoiRows, computeRoiRowsInSteps } from './roi-rows.js';

function* computeActivityTotals(
  leads: readonly Lead[],
  period: Period,
  memo: LeadsMemo,
): Steps<{ totals: StageActivity; known: number }> {
  const timeline = computeFunnelTimeline(leads, memo);
  const totals = computeEmptyActivity();
  let known = 0;
  yield* forEachInSteps(leads.length, (i) => {
    const activity = computeLeadActivity(timeline, i, period);
    if (activity === null) return;
    addActivity(totals, activity);
    if (activity.leads === 1 && leads[i]!.source !== UNKNOWN_SOURCE) known += 1;
  });
  return { totals, known };
}

function computeSpendTotals(data: Dataset, period: Period, timeZone: string): { direct: number; hidden: number } {
  let direct = 0;
  let hidden = 0;
  for (const { row, amount } of computeSpendInPeriod(computeSpendIndex(data.spend, timeZone), period)) {
    if (isHiddenCost(row)) hidden += amount;
    else direct += amount;
  }
  return { direct, hidden };
}

/** Every KPI of a period; `now` dates the pipeline's win rate. */
export function computeKpis(data: Dataset, period: Period, settings: MetricSettings, now: number): KpiSet {
  return runAllSteps(computeKpisInSteps(data, period, settings, now));
}

export function* computeKpisInSteps(
  data: Dataset,
  period: Period,
  settings: MetricSettings,
  now: number,
): Steps<KpiSet> {
  const { leadsMemo } = readSnapshotMemo(data);
  const { totals, known } = yield* computeActivityTotals(data.leads, period, leadsMemo);
  const { direct, hidden } = computeSpendTotals(data, period, settings.timeZone);
  const clv = computeClv(computeRatio(totals.revenue, totals.customers), settings);
  const blendedCac = computeRatio(direct + hidden, totals.customers);
  const pipeline = yield* computePipelineSummaryInSteps(data.leads, now, leadsMemo);
  return {
    leads: totals.leads,
    mqls: totals.mqls,
    sqls: totals.sqls,
    opportunities: totals.opportunities,
    customers: totals.customers,
    revenue: totals.revenue,
    spend: direct,
    totalSpend: direct + hidden,
    roi: computeRoi(totals.revenue, direct, settings.grossMargin),
    // Direct spend is exactly the media categories, so it is also ROAS's denominator.
    roas: computeRatio(totals.revenue, direct),
    cpl: computeRatio(direct, totals.leads),
    costPerMql: computeRatio(direct, totals.mqls),
    costPerSql: computeRatio(direct, totals.sqls),
    costPerOpportunity: computeRatio(direct, totals.opportunities),
    cac: computeRatio(direct, totals.customers),
    blendedCac,
    clv,
    clvToCac: computeClvToCac(clv, blendedCac),
    pipelineValue: pipeline.team.pipelineValue,
    sourceCoverage: computeRatio(known, totals.leads),
  };
}
