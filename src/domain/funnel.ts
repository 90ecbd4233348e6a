// The cohort funnel: how many of a period's new leads reached each stage, the rate of each transition, and how long
// conversions take.

import { hasReached, reachedIndex } from './lifecycle.js';
import { daysBetween } from './periods.js';
import { computeChunkSum, LEADS_PER_CHUNK, readChunkTimeline, readChunkVersions } from './snapshot-chunks.js';
import { median, quantile } from './stats.js';
import { runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline, STAGE_INDEX } from './timeline.js';
import {
  FUNNEL_STAGES,
  type FunnelCounts,
  type FunnelStage,
  type Lead,
  type Period,
  type TimeToConvert,
  TRANSITIONS,
  type TransitionFrom,
  type TransitionRate,
} from './types.js';

/** The stage a transition leads to: 'lead' → 'mql', …, 'opportunity' → 'customer'. */
export function computeNextStage(from: TransitionFrom): FunnelStage {
  return FUNNEL_STAGES[FUNNEL_STAGES.indexOf(from) + 1]!;
}

/**
 * When the lead reached a stage: createdAt for 'lead', the stage date otherwise (a skipped stage carries the date of
 * the move that skipped it). Null when it has not reached the stage, or reached it after `asOf` (facts from the future
 * of a backdated report are not known yet), or the date is missing.
 */
export function computeReachedAt(lead: Lead, stage: FunnelStage, asOf = Number.POSITIVE_INFINITY): number | null {
  if (!hasReached(lead, stage)) return null;
  const at = stage === 'lead' ? lead.createdAt : lead.stageDates[stage];
  return at === undefined || at > asOf ? null : at;
}

/** True when the instant lies in the half-open period [start, end). */
export function isInPeriod(instant: number, period: Period): boolean {
  return instant >= period.start && instant < period.end;
}

/** Cohort of a period = the leads created in it. */
export function computeCohort(leads: readonly Lead[], period: Period): Lead[] {
  return leads.filter((lead) => isInPeriod(lead.createdAt, period));
}

/**
 * Funnel counts of a cohort: for each stage, the cohort leads that reached it. Skipped stages count as reached, and a
 * lost lead counts for every stage it reached before it was lost, so the counts never grow down the funnel.
 */
export function computeFunnelCounts(cohort: readonly Lead[]): FunnelCounts[] {
  const reached = FUNNEL_STAGES.map(() => 0);
  for (const lead of cohort) {
    const furthest = reachedIndex(lead);
    for (let s = 0; s <= furthest; s += 1) reached[s]! += 1;
  }
  return FUNNEL_STAGES.map((stage, s) => ({ stage, reached: reached[s]! }));
}

/** How many cohort leads of one chunk stopped at each furthest stage, by the lead's own Campaign. */
function countFurthestStages(leads: readonly Lead[], period: Period, chunk: number) {
  const { timeline } = readChunkTimeline(leads, chunk);
  const created = timeline.at[STAGE_INDEX.lead]!;
  const furthestCounts = new Map<string | null, number[]>();
  for (let i = 0; i < timeline.leads.length; i += 1) {
    if (!(created[i]! >= period.start && created[i]! < period.end)) continue;
    const campaign = timeline.leads[i]!.campaign;
    let counts = furthestCounts.get(campaign);
    if (!counts) {
      counts = FUNNEL_STAGES.map(() => 0);
      furthestCounts.set(campaign, counts);
    }
    const furthest = timeline.reached[i]!;
    if (furthest >= 0) counts[furthest]! += 1;
  }
  return furthestCounts;
}

/**
 * Funnel counts of a period's cohort split by the lead's own Campaign (null: no campaign): for each campaign, the
 * same counts computeFunnelCounts gives for the cohort leads of that campaign. Counted per chunk of leads and kept
 * (snapshot-chunks.ts), so after a change only the changed chunks are counted again; a step follows each count.
 */
export function* computeFunnelCountsByCampaignInSteps(
  leads: readonly Lead[],
  period: Period,
): Steps<Map<string | null, FunnelCounts[]>> {
  const furthestCounts = new Map<string | null, number[]>();
  for (const [chunk, version] of readChunkVersions(leads).entries()) {
    const size = Math.min(LEADS_PER_CHUNK, leads.length - chunk * LEADS_PER_CHUNK);
    let counted = false;
    const chunkCounts = computeChunkSum(version, ['furthest', period.start, period.end, size].join('|'), () => {
      counted = true;
      return countFurthestStages(leads, period, chunk);
    });
    for (const [campaign, counts] of chunkCounts) {
      const total = furthestCounts.get(campaign) ?? FUNNEL_STAGES.map(() => 0);
      counts.forEach((count, s) => {
        total[s]! += count;
      });
      furthestCounts.set(campaign, total);
    }
    if (counted) yield;
  }
  return buildFunnelsFromFurthest(furthestCounts);
}

/** From how many leads stopped at each stage to how many reached it: a lead that got to s reached all before it. */
function buildFunnelsFromFurthest(furthestCounts: Map<string | null, number[]>): Map<string | null, FunnelCounts[]> {
  const funnels = new Map<string | null, FunnelCounts[]>();
  for (const [campaign, counts] of furthestCounts) {
    let atOrBeyond = 0;
    const reached = counts.map(() => 0);
    for (let s = counts.length - 1; s >= 0; s -= 1) {
      atOrBeyond += counts[s]!;
      reached[s] = atOrBeyond;
    }
    funnels.set(
      campaign,
      FUNNEL_STAGES.map((stage, s) => ({ stage, reached: reached[s]! })),
    );
  }
  return funnels;
}

export function computeFunnelCountsByCampaign(
  leads: readonly Lead[],
  period: Period,
): Map<string | null, FunnelCounts[]> {
  return runAllSteps(computeFunnelCountsByCampaignInSteps(leads, period));
}

/**
 * Transition rate = cohort leads that reached the next stage / cohort leads that reached this stage (null when none
 * reached this stage). Reaching a later stage implies reaching the earlier ones, so the counts are enough.
 */
export function computeTransitionRates(funnel: readonly FunnelCounts[]): TransitionRate[] {
  const reachedOf = (stage: FunnelStage) => funnel.find((row) => row.stage === stage)?.reached ?? 0;
  return TRANSITIONS.map((from) => {
    const to = computeNextStage(from);
    const reached = reachedOf(from);
    const converted = reachedOf(to);
    return { from, to, reached, converted, rate: reached === 0 ? null : converted / reached };
  });
}

/**
 * Days from reaching `from` to reaching the next stage, for every lead that reached both (by `asOf`), sorted ascending,
 * as a typed array: sorting 100k samples that way is several times faster than an array with a comparator.
 * A sample whose two dates are equal to the millisecond is left out: only one move sets both (the lead skipped `from`,
 * or was created past it), so it measures no conversion time and would drag the median towards 0.
 */
export function computeSortedConversionDays(
  leads: readonly Lead[],
  from: TransitionFrom,
  asOf = Number.POSITIVE_INFINITY,
): Float64Array {
  const timeline = computeFunnelTimeline(leads);
  const entered = timeline.at[STAGE_INDEX[from]]!;
  const converted = timeline.at[STAGE_INDEX[from] + 1]!;
  const samples = new Float64Array(leads.length);
  let count = 0;
  for (let i = 0; i < leads.length; i += 1) {
    const enteredAt = entered[i]!;
    const convertedAt = converted[i]!;
    const known = Number.isFinite(enteredAt) && Number.isFinite(convertedAt) && convertedAt <= asOf;
    if (!known || enteredAt === convertedAt) continue;
    samples[count] = Math.max(0, daysBetween(enteredAt, convertedAt));
    count += 1;
  }
  return samples.subarray(0, count).sort();
}

/** The same samples as a plain array. */
export function computeConversionDays(
  leads: readonly Lead[],
  from: TransitionFrom,
  asOf = Number.POSITIVE_INFINITY,
): number[] {
  return Array.from(computeSortedConversionDays(leads, from, asOf));
}

/**
 * Time to convert per transition over the given leads: median and 90th percentile of the conversion days (quantiles
 * by linear interpolation between order statistics, see stats.quantile); null when there is no sample.
 */
export function computeTimeToConvert(leads: readonly Lead[], asOf = Number.POSITIVE_INFINITY): TimeToConvert[] {
  return TRANSITIONS.map((from) => {
    const samples = computeSortedConversionDays(leads, from, asOf);
    return {
      from,
      to: computeNextStage(from),
      samples: samples.length,
      medianDays: median(samples),
      p90Days: quantile(samples, 0.9),
    };
  });
}
