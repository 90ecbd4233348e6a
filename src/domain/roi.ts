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

import { computeEmptyActivity, type StageActivity } from './activity.js';
import { computePipelineSummaryInSteps } from './pipeline.js';
import { computeRoi } from './roi-rows.js';
import { readSnapshotMemo } from './snapshot.js';
import type { LeadsMemo } from './snapshot-chunks.js';
import { computeOncePerSnapshotInSteps } from './snapshot-memo.js';
import { computeSpendIndex, computeSpendInPeriod, isHiddenCost } from './spend.js';
import { computeRatio } from './stats.js';
import { ITEMS_PER_STEP, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline, type FunnelTimeline } from './timeline.js';
import { type Dataset, type KpiSet, type Lead, type MetricSettings, type Period, UNKNOWN_SOURCE } from './types.js';
import { computeClv, computeClvToCac } from './unit-economics.js';

export { computePipelineValue, computeWinRate } from './pipeline.js';
export { type CampaignCard, computeCampaignCard, computeCampaignCardInSteps } from './roi-card.js';
export { computeRoi, computeRoiRows, computeRoiRowsInSteps } from './roi-rows.js';

interface ActivityTotals {
  totals: StageActivity;
  /** New leads with a known source. */
  known: number;
}

/**
 * Adds leads [from, to) into the totals, reading the timeline's arrays directly: the same sums, in the same order, as
 * adding each lead's computeLeadActivity, without an object per active lead. A plain loop (generators optimise worse).
 */
function addActivityRange(sums: ActivityTotals, timeline: FunnelTimeline, period: Period, from: number, to: number) {
  const { start, end } = period;
  const [created, mql, sql, opportunity, customer] = timeline.at as [Float64Array, ...Float64Array[]];
  const { totals } = sums;
  for (let i = from; i < to; i += 1) {
    const isNew = created[i]! >= start && created[i]! < end;
    const isMql = mql![i]! >= start && mql![i]! < end;
    const isSql = sql![i]! >= start && sql![i]! < end;
    const isOpportunity = opportunity![i]! >= start && opportunity![i]! < end;
    const isCustomer = customer![i]! >= start && customer![i]! < end;
    if (!(isNew || isMql || isSql || isOpportunity || isCustomer)) continue;
    const lead = timeline.leads[i]!;
    totals.leads += isNew ? 1 : 0;
    totals.mqls += isMql ? 1 : 0;
    totals.sqls += isSql ? 1 : 0;
    totals.opportunities += isOpportunity ? 1 : 0;
    totals.customers += isCustomer ? 1 : 0;
    totals.revenue += isCustomer ? (lead.value ?? 0) : 0;
    if (isNew && lead.source !== UNKNOWN_SOURCE) sums.known += 1;
  }
}

/** The period's activity over every lead (activity.ts), ITEMS_PER_STEP leads per step. */
function* computeActivityTotals(leads: readonly Lead[], period: Period, memo: LeadsMemo): Steps<ActivityTotals> {
  const timeline = computeFunnelTimeline(leads, memo);
  const sums = { totals: computeEmptyActivity(), known: 0 };
  for (let from = 0; from < leads.length; from += ITEMS_PER_STEP) {
    addActivityRange(sums, timeline, period, from, Math.min(leads.length, from + ITEMS_PER_STEP));
    if (from + ITEMS_PER_STEP < leads.length) yield;
  }
  return sums;
}

/**
 * The team's pipeline value at `now`, once per snapshot: the week, the week before and the quarter all ask for the
 * same one (it depends on `now`, not on the period).
 */
function computeSharedPipelineValue(data: Dataset, now: number, memo: LeadsMemo): Steps<number> {
  return computeOncePerSnapshotInSteps(data, `pipeline-value|${now}`, function* () {
    return (yield* computePipelineSummaryInSteps(data.leads, now, memo)).team.pipelineValue;
  });
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
  const pipelineValue = yield* computeSharedPipelineValue(data, now, leadsMemo);
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
    pipelineValue,
    sourceCoverage: computeRatio(known, totals.leads),
  };
}
