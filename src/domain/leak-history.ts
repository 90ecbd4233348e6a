// What the leak detector learns from all history (team-wide): how long conversions take, what a conversion is worth,
// and which of a transition's leads are mature enough to judge. Leads are referred to by their index in the timeline.

import { collectConversionDaysInSteps } from './conversion-time.js';
import { DAY_MS } from './local-time.js';
import { selectQuantiles } from './stats.js';
import { filterInSteps, forEachInSteps, runAllSteps, type Steps } from './steps.js';
import { computeTimelineDate, type FunnelTimeline, STAGE_INDEX } from './timeline.js';
import { TRANSITIONS, type TransitionAssessment, type TransitionFrom } from './types.js';

/** Below this many observed conversions the p90 is noise, and maturity falls back to FALLBACK_MATURITY_DAYS. */
export const MIN_MATURITY_SAMPLES = 10;
export const FALLBACK_MATURITY_DAYS = 30;
/** How many sources the verdict names as driving a leak. */
export const MAX_DRIVING_SOURCES = 3;

export interface LeakHistory {
  /** Days after reaching `from` by which a lead counts as mature (p90 time to convert). */
  maturityDays: Record<TransitionFrom, number>;
  /** P(customer | reached the transition's `to`), as of asOf; 1 for Opportunity → Customer; 0 with no history. */
  downstreamRate: Record<TransitionFrom, number>;
  /** Mean value of the leads that became customers (with a value) by asOf; 0 when there are none. */
  averageWonValue: number;
}

/** A set of leads judged on one transition: how many were mature and how many of those converted. */
export interface MatureCount {
  mature: number;
  converted: number;
}

function* computeMaturityDays(timeline: FunnelTimeline, from: TransitionFrom, asOf: number): Steps<number> {
  const samples = yield* collectConversionDaysInSteps(timeline, from, asOf);
  if (samples.length < MIN_MATURITY_SAMPLES) return FALLBACK_MATURITY_DAYS;
  return selectQuantiles(samples, [0.9])[0] ?? FALLBACK_MATURITY_DAYS;
}

function* computeDownstreamRate(timeline: FunnelTimeline, from: TransitionFrom, asOf: number): Steps<number> {
  const to = timeline.at[STAGE_INDEX[from] + 1]!;
  const won = timeline.at[STAGE_INDEX.customer]!;
  let reached = 0;
  let converted = 0;
  yield* forEachInSteps(to.length, (i) => {
    if (!(to[i]! <= asOf)) return;
    reached += 1;
    if (won[i]! <= asOf) converted += 1;
  });
  return reached === 0 ? 0 : converted / reached;
}

function* computeAverageWonValue(timeline: FunnelTimeline, asOf: number): Steps<number> {
  let total = 0;
  let count = 0;
  yield* forEachInSteps(timeline.leads.length, (i) => {
    const { value } = timeline.leads[i]!;
    if (value === null || computeTimelineDate(timeline, 'customer', i, asOf) === null) return;
    total += value;
    count += 1;
  });
  return count === 0 ? 0 : total / count;
}

export function* computeLeakHistoryInSteps(timeline: FunnelTimeline, asOf: number): Steps<LeakHistory> {
  const maturityDays = {} as Record<TransitionFrom, number>;
  const downstreamRate = {} as Record<TransitionFrom, number>;
  for (const from of TRANSITIONS) {
    maturityDays[from] = yield* computeMaturityDays(timeline, from, asOf);
    // The last step leads straight to revenue: every conversion there is a customer.
    downstreamRate[from] = from === 'opportunity' ? 1 : yield* computeDownstreamRate(timeline, from, asOf);
  }
  return { maturityDays, downstreamRate, averageWonValue: yield* computeAverageWonValue(timeline, asOf) };
}

export function computeLeakHistory(timeline: FunnelTimeline, asOf: number): LeakHistory {
  return runAllSteps(computeLeakHistoryInSteps(timeline, asOf));
}

/**
 * Of the candidate leads, those that reached `from` in [start, end) and are mature: they reached it at least
 * maturityDays before asOf.
 */
export function computeMatureCohortInSteps(
  timeline: FunnelTimeline,
  candidates: readonly number[],
  from: TransitionFrom,
  range: { start: number; end: number; maturityDays: number; asOf: number },
): Steps<number[]> {
  const entered = timeline.at[STAGE_INDEX[from]]!;
  const matureBefore = range.asOf - range.maturityDays * DAY_MS;
  return filterInSteps(candidates, (i) => {
    const enteredAt = entered[i]!;
    return enteredAt >= range.start && enteredAt < range.end && enteredAt <= matureBefore;
  });
}

/** Conversions are counted as known at asOf. */
export function* countConvertedInSteps(
  timeline: FunnelTimeline,
  cohort: readonly number[],
  from: TransitionFrom,
  asOf: number,
): Steps<MatureCount> {
  const to = timeline.at[STAGE_INDEX[from] + 1]!;
  let converted = 0;
  yield* forEachInSteps(cohort.length, (k) => {
    if (to[cohort[k]!]! <= asOf) converted += 1;
  });
  return { mature: cohort.length, converted };
}

/**
 * The sources behind a shortfall: the mature cohort split by source, each with its missing conversions
 * (expected × mature − converted); the worst MAX_DRIVING_SOURCES with something missing, worst first.
 */
export function* computeDrivingSourcesInSteps(
  timeline: FunnelTimeline,
  cohort: readonly number[],
  from: TransitionFrom,
  expected: number,
  asOf: number,
): Steps<TransitionAssessment['drivingSources']> {
  const to = timeline.at[STAGE_INDEX[from] + 1]!;
  const bySource = new Map<string, MatureCount>();
  yield* forEachInSteps(cohort.length, (k) => {
    const i = cohort[k]!;
    const source = timeline.leads[i]!.source;
    const count = bySource.get(source) ?? { mature: 0, converted: 0 };
    count.mature += 1;
    if (to[i]! <= asOf) count.converted += 1;
    bySource.set(source, count);
  });
  return [...bySource]
    .map(([source, { mature, converted }]) => {
      const missing = Math.max(0, expected * mature - converted);
      return { source, mature, converted, rate: mature === 0 ? null : converted / mature, missing };
    })
    .filter((row) => row.missing > 0)
    .sort((a, b) => b.missing - a.missing || (a.source < b.source ? -1 : 1))
    .slice(0, MAX_DRIVING_SOURCES);
}
