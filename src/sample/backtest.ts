// The backtest of the lag-aware ROI, shared by its test and its benchmark. For one seed:
//   1. generate a year of the sample company ending six months after the first month of one of its dated campaigns
//      (spring-expo in April, q3-google-ads in July, fall-expo in September, q4-google-ads in October; the seed picks
//      which), so six months of history come before the campaign;
//   2. freeze the data at the end of the campaign's first month (what was known then: freezeDataset) and project the
//      ROI of its cohort — the campaign's leads created in that month, against that month's spend;
//   3. let the data run to the end of month 6 and take the realised ROI of that same cohort: revenue its leads have
//      won by then, against the same spend;
//   4. the case is covered when the realised ROI lies inside the 80% interval projected at month 1.

import { createZoneClock } from '../domain/local-time.js';
import { monthPeriod } from '../domain/periods.js';
import { computeRoiProjection, type ProjectionQuery } from '../domain/roi-projection.js';
import {
  DEFAULT_METRIC_SETTINGS,
  FUNNEL_STAGES,
  type FunnelStage,
  type Lead,
  type Period,
  type StageDates,
} from '../domain/types.js';
import { generateSampleData, type SampleData } from './generate.js';

export const BACKTEST_CAMPAIGNS = [
  { campaign: 'spring-expo', month: '2026-04' },
  { campaign: 'q3-google-ads', month: '2026-07' },
  { campaign: 'fall-expo', month: '2026-09' },
  { campaign: 'q4-google-ads', month: '2026-10' },
] as const;
export const BACKTEST_TIME_ZONE = 'America/Chicago';
/** Leads over the generated year: the campaign's first month then brings 15–40 leads, a small team's month. */
export const BACKTEST_LEADS = 1500;
const YEAR_DAYS = 365;

export interface BacktestCase {
  seed: number;
  campaign: string;
  month: string;
  leadsAtFreeze: number;
  openAtFreeze: number;
  projected: number | null;
  low: number | null;
  high: number | null;
  realised: number | null;
  covered: boolean;
}

function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year!, number! - 1 + by, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A lead as it stood at `at`: later stage dates, losses, touches and values not known yet. */
export function freezeLead(lead: Lead, at: number): Lead {
  const stageDates: StageDates = {};
  let furthest: FunnelStage = 'lead';
  for (const stage of FUNNEL_STAGES) {
    if (stage === 'lead') continue;
    const reachedAt = lead.stageDates[stage];
    if (reachedAt !== undefined && reachedAt <= at) {
      stageDates[stage] = reachedAt;
      furthest = stage;
    }
  }
  const lostAt = lead.stageDates.lost;
  const lost = lostAt !== undefined && lostAt <= at;
  if (lost) stageDates.lost = lostAt;
  // The sample gives a value to opportunities (the deal) and customers (the won amount) only.
  const valued = furthest === 'opportunity' || furthest === 'customer';
  return {
    ...lead,
    stage: lost ? 'lost' : furthest,
    lostFrom: lost ? furthest : null,
    lostReason: lost ? lead.lostReason : null,
    value: valued ? lead.value : null,
    stageDates,
    touches: lead.touches.filter((touch) => touch.at <= at),
    updatedAt: Math.min(lead.updatedAt, at),
  };
}

/** The sample as it stood at `at`: leads created before it, spend of months begun before it, visits recorded by it. */
export function freezeDataset(data: SampleData, at: number, zone: string): SampleData {
  const timeZone = createZoneClock(zone);
  const begun = new Map<string, boolean>();
  const hasBegun = (month: string) => {
    let known = begun.get(month);
    if (known === undefined) {
      known = monthPeriod(month, timeZone).start < at;
      begun.set(month, known);
    }
    return known;
  };
  return {
    leads: data.leads.filter((lead) => lead.createdAt < at).map((lead) => freezeLead(lead, at)),
    spend: data.spend.filter((row) => hasBegun(row.month)),
    targets: data.targets,
    visits: data.visits.filter((row) => row.updatedAt <= at),
  };
}

/**
 * The realised ROI of a campaign's cohort, counted here from the raw sample rather than by the projection code it
 * checks: leads of the campaign created in the month, revenue of those won by `asOf`, against the month's spend.
 */
export function computeRealisedRoi(data: SampleData, campaign: string, month: Period, asOf: number): number | null {
  let revenue = 0;
  for (const lead of data.leads) {
    if (lead.campaign !== campaign || lead.createdAt < month.start || lead.createdAt >= month.end) continue;
    const wonAt = lead.stageDates.customer;
    if (wonAt !== undefined && wonAt <= asOf) revenue += lead.value ?? 0;
  }
  const spend = data.spend
    .filter((row) => row.campaign === campaign && row.month === month.key)
    .reduce((sum, row) => sum + row.amount, 0);
  return spend === 0 ? null : (revenue - spend) / spend;
}

export function runBacktestCase(seed: number, leads = BACKTEST_LEADS): BacktestCase {
  const { campaign, month } = BACKTEST_CAMPAIGNS[seed % BACKTEST_CAMPAIGNS.length]!;
  const timeZone = BACKTEST_TIME_ZONE;
  const period = monthPeriod(month, timeZone);
  const finalAt = monthPeriod(shiftMonth(month, 6), timeZone).start;
  const data = generateSampleData({ seed, asOf: finalAt, leads, days: YEAR_DAYS, timeZone });
  const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone };
  const query = (asOf: number): ProjectionQuery => ({ period, asOf, settings, model: 'first-touch', kind: 'campaign' });
  const atFreeze = computeRoiProjection(freezeDataset(data, period.end, timeZone), campaign, query(period.end));
  const { interval } = atFreeze;
  const realised = computeRealisedRoi(data, campaign, period, finalAt);
  // A hair of tolerance: the interval's ends are ROI values of draws, and the realised one can equal one exactly.
  const covered =
    interval !== null && realised !== null && realised >= interval.low - 1e-9 && realised <= interval.high + 1e-9;
  return {
    ...{ seed, campaign, month, leadsAtFreeze: atFreeze.leads, openAtFreeze: atFreeze.openLeads },
    ...{ projected: atFreeze.projectedRoi, low: interval?.low ?? null, high: interval?.high ?? null },
    realised,
    covered,
  };
}

/** `count` cases, seeds 1 … count; coverage = covered cases / cases. */
export function runBacktest(count: number, leads = BACKTEST_LEADS): { cases: BacktestCase[]; coverage: number } {
  const cases = Array.from({ length: count }, (_, i) => runBacktestCase(i + 1, leads));
  return { cases, coverage: cases.filter((one) => one.covered).length / count };
}
