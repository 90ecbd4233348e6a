// How the runway projects the months to come: a trailing run-rate times the mature stage rates.
//
//   leads per month  = mean of the leads created in the last three complete months before asOf's month (months
//                      before the team's first lead are left out)
//   visits per month = mean of the visits recorded in those months (the ones that have a record)
//   leads per visit  = the leads those visits brought over those visits (visits.ts: computeMonthVisitorRate)
//   stage s per month = leads per month × the mature rate of every transition from Lead up to s, the very rates the
//                      leak detector judges (converted / mature leads)
// The current month gets what happened so far plus the rest of the month at that pace.

import type { RunwayProjection } from './runway-types.js';
import { STAGE_INDEX } from './timeline.js';
import { FUNNEL_STAGES, type LeakVerdict, type Period, type TargetStage, type Visit } from './types.js';
import { computeMonthVisitorRate, computeMonthVisits } from './visits.js';

/** Complete months the run-rate averages. */
export const RUN_RATE_MONTHS = 3;

export interface ProjectionBasis {
  /** The complete months before asOf's month, oldest first, with the leads created in each (and by source). */
  months: { period: Period; leads: number; createdBySource: ReadonlyMap<string, number> }[];
  /** When the team's first lead was created (+Infinity without leads). */
  firstLeadAt: number;
  visits: readonly Visit[];
  leak: LeakVerdict;
}

function computeMean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The mature rate into each funnel stage after Lead, from the leak detector's judged cohorts. */
function readStageRates(leak: LeakVerdict): Partial<Record<TargetStage, number | null>> {
  const rates: Partial<Record<TargetStage, number | null>> = {};
  for (const transition of leak.transitions) rates[transition.to] = transition.rate;
  return rates;
}

export function computeProjection(basis: ProjectionBasis): RunwayProjection {
  const months = basis.months.filter(({ period }) => period.end > basis.firstLeadAt);
  const leadsPerMonth = computeMean(months.map(({ leads }) => leads));
  const visitCounts = months.flatMap(({ period }) => computeMonthVisits(basis.visits, period.key) ?? []);
  const visitsPerMonth = computeMean(visitCounts);
  // Leads per visit over the basis months weighs each month by its visits: Σ leads / Σ visits.
  let visitLeads = 0;
  for (const { period, leads, createdBySource } of months) {
    const visits = computeMonthVisits(basis.visits, period.key);
    const rate = computeMonthVisitorRate(basis.visits, period.key, { total: leads, bySource: createdBySource });
    if (visits !== null && rate !== null) visitLeads += rate * visits;
  }
  const visitTotal = visitCounts.reduce((sum, count) => sum + count, 0);
  return {
    basisMonths: months.map(({ period }) => period.key),
    leadsPerMonth,
    visitsPerMonth,
    rates: { ...readStageRates(basis.leak), lead: visitTotal > 0 ? visitLeads / visitTotal : null },
  };
}

/** A whole month of the stage at the projected pace; null when a rate on the way is unknown. */
export function computeMonthlyPace(projection: RunwayProjection, stage: TargetStage): number | null {
  if (stage === 'visits') return projection.visitsPerMonth;
  let pace = projection.leadsPerMonth;
  for (let s = 1; s <= STAGE_INDEX[stage] && pace !== null; s += 1) {
    const rate = projection.rates[FUNNEL_STAGES[s]!];
    pace = rate === undefined || rate === null ? null : pace * rate;
  }
  return pace;
}

/**
 * The projected whole month: a month to come is the pace; the current month is what happened so far plus the rest of
 * the month at the pace — except Visits, which are recorded once per month: a record stands for the month.
 */
export function projectMonth(
  stage: TargetStage,
  month: Period,
  asOf: number,
  actual: number | null,
  pace: number | null,
): number | null {
  if (month.start > asOf) return pace;
  if (stage === 'visits') return actual ?? pace;
  if (pace === null) return null;
  const remaining = Math.max(0, (month.end - asOf) / (month.end - month.start));
  return (actual ?? 0) + pace * remaining;
}
