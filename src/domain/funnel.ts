// The cohort funnel: how many of a period's new leads reached each stage and the rate of each transition (how long
// conversions take lives in conversion-time.ts).

import { hasReached, reachedIndex } from './lifecycle.js';
import { computeChunkSum, LEADS_PER_CHUNK, type LeadsMemo, readChunkRange, readLeadsMemo } from './snapshot-chunks.js';
import { filterInSteps, forEachInSteps, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimelineInSteps, type FunnelTimeline, STAGE_INDEX } from './timeline.js';
import {
  FUNNEL_STAGES,
  type FunnelCounts,
  type FunnelStage,
  type Lead,
  type Period,
  TRANSITIONS,
  type TransitionFrom,
  type TransitionRate,
} from './types.js';

export {
  computeConversionDays,
  computeConversionDaysInSteps,
  computeTimeToConvert,
  computeTimeToConvertInSteps,
} from './conversion-time.js';

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

/** The cohort of the leads `wanted` accepts, in steps (steps.ts). */
export function computeCohortInSteps(
  leads: readonly Lead[],
  period: Period,
  wanted: (lead: Lead) => boolean = () => true,
): Steps<Lead[]> {
  return filterInSteps(leads, (lead) => isInPeriod(lead.createdAt, period) && wanted(lead));
}

/**
 * Funnel counts of a cohort: for each stage, the cohort leads that reached it. Skipped stages count as reached, and a
 * lost lead counts for every stage it reached before it was lost, so the counts never grow down the funnel.
 */
export function computeFunnelCounts(cohort: readonly Lead[]): FunnelCounts[] {
  return runAllSteps(computeFunnelCountsInSteps(cohort));
}

export function* computeFunnelCountsInSteps(cohort: readonly Lead[]): Steps<FunnelCounts[]> {
  const reached = FUNNEL_STAGES.map(() => 0);
  yield* forEachInSteps(cohort.length, (i) => {
    const furthest = reachedIndex(cohort[i]!);
    for (let s = 0; s <= furthest; s += 1) reached[s]! += 1;
  });
  return FUNNEL_STAGES.map((stage, s) => ({ stage, reached: reached[s]! }));
}

/** How many cohort leads of one chunk stopped at each furthest stage, by the lead's own Campaign. */
function countFurthestStages(memo: LeadsMemo, timeline: FunnelTimeline, period: Period, chunk: number) {
  const { from, to } = readChunkRange(memo, chunk);
  const created = timeline.at[STAGE_INDEX.lead]!;
  const furthestCounts = new Map<string | null, number[]>();
  for (let i = from; i < to; i += 1) {
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
 * on the snapshot's memo when `memo` is the one of these leads (snapshot-chunks.ts), so after a change only the
 * changed chunks are counted again; a step follows each count.
 */
export function* computeFunnelCountsByCampaignInSteps(
  leads: readonly Lead[],
  period: Period,
  memo?: LeadsMemo,
): Steps<Map<string | null, FunnelCounts[]>> {
  const kept = readLeadsMemo(leads, memo);
  const timeline = yield* computeFunnelTimelineInSteps(leads, kept);
  const furthestCounts = new Map<string | null, number[]>();
  for (const [chunk, sums] of kept.chunks.entries()) {
    const size = Math.min(LEADS_PER_CHUNK, leads.length - chunk * LEADS_PER_CHUNK);
    let counted = false;
    const chunkCounts = computeChunkSum(sums, ['furthest', period.start, period.end, size].join('|'), () => {
      counted = true;
      return countFurthestStages(kept, timeline, period, chunk);
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
  memo?: LeadsMemo,
): Map<string | null, FunnelCounts[]> {
  return runAllSteps(computeFunnelCountsByCampaignInSteps(leads, period, memo));
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
