// What a customer is worth against what winning one costs, for the team (KpiSet) and for one campaign.
//
//   CLV      = average won deal × purchases per year × retention years   (PURCHASES_PER_YEAR, RETENTION_YEARS)
//   CLV:CAC  = CLV / blended CAC
//
// CLV:CAC divides by blended CAC, not CAC: salaries and overhead are part of what a customer costs, and leaving them
// out is the classic way to make a campaign look better than it is. With none recorded the two CACs are equal.

import { type CampaignPipeline, computePipelineSummaryInSteps, findCampaignPipeline } from './pipeline.js';
import { readSnapshotMemo } from './snapshot.js';
import { computeRatio } from './stats.js';
import type { Steps } from './steps.js';
import type { Dataset, MetricSettings, RoiRow } from './types.js';

/** Customer lifetime value from an average won deal; null without one. */
export function computeClv(
  averageDeal: number | null,
  settings: Pick<MetricSettings, 'purchasesPerYear' | 'retentionYears'>,
): number | null {
  return averageDeal === null ? null : averageDeal * settings.purchasesPerYear * settings.retentionYears;
}

/** CLV / blended CAC; null when either is unknown or nothing was spent (a ratio over 0 means nothing). */
export function computeClvToCac(clv: number | null, blendedCac: number | null): number | null {
  if (clv === null || blendedCac === null) return null;
  return computeRatio(clv, blendedCac);
}

/** The unit economics of one campaign in a period (under the card's attribution model) and its pipeline now. */
export interface CampaignEconomics {
  /** Media, agency, event and tools spend booked to the campaign. */
  directSpend: number;
  /** Salaries and overhead booked to the campaign: counted in blended CAC only. */
  hiddenSpend: number;
  /** Direct spend / new leads, and likewise per MQL, SQL and opportunity. */
  cpl: number | null;
  costPerMql: number | null;
  costPerSql: number | null;
  costPerOpportunity: number | null;
  /** Direct spend / customers. */
  cac: number | null;
  /** (Direct + hidden spend) / customers. */
  blendedCac: number | null;
  /** The campaign's average won deal × purchases per year × retention years. */
  clv: number | null;
  clvToCac: number | null;
  pipeline: CampaignPipeline;
}

/**
 * Unit economics of a campaign from its ROI row (attributed counts and revenue, spend booked to it) and its pipeline.
 * The row's spend holds every category and its media spend the direct ones, so the difference is the hidden cost.
 */
export function computeCampaignEconomics(
  row: RoiRow,
  pipeline: CampaignPipeline,
  settings: Pick<MetricSettings, 'purchasesPerYear' | 'retentionYears'>,
): CampaignEconomics {
  const direct = row.mediaSpend;
  const blendedCac = computeRatio(row.spend, row.customers);
  const clv = computeClv(computeRatio(row.revenue, row.customers), settings);
  return {
    directSpend: direct,
    // Prorating leaves float dust: a difference below a cent is no hidden cost.
    hiddenSpend: Math.max(0, row.spend - direct) < 0.005 ? 0 : row.spend - direct,
    cpl: computeRatio(direct, row.leads),
    costPerMql: computeRatio(direct, row.mqls),
    costPerSql: computeRatio(direct, row.sqls),
    costPerOpportunity: computeRatio(direct, row.opportunities),
    cac: computeRatio(direct, row.customers),
    blendedCac,
    clv,
    clvToCac: computeClvToCac(clv, blendedCac),
    pipeline,
  };
}

/** computeCampaignEconomics with the campaign's pipeline as of `now` computed on the way, a chunk of leads per step. */
export function* computeCampaignEconomicsInSteps(
  data: Dataset,
  row: RoiRow,
  settings: Pick<MetricSettings, 'purchasesPerYear' | 'retentionYears'>,
  now: number,
): Steps<CampaignEconomics> {
  const summary = yield* computePipelineSummaryInSteps(data.leads, now, readSnapshotMemo(data).leadsMemo);
  return computeCampaignEconomics(row, findCampaignPipeline(summary, row.key), settings);
}
