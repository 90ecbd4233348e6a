// When every lead reached every funnel stage, laid out in flat arrays once per snapshot (kept on its memo,
// snapshot-chunks.ts). The metrics ask "did lead i reach stage s inside this range?" millions of times on 100k leads;
// answering from typed arrays instead of walking each Lead again is what keeps a whole digest under half a second.

import { reachedIndex } from './lifecycle.js';
import { type LeadsMemo, readLeadsMemo } from './snapshot-chunks.js';
import { runAllSteps, type Steps } from './steps.js';
import { FUNNEL_STAGES, type FunnelStage, type Lead } from './types.js';

export interface FunnelTimeline {
  leads: readonly Lead[];
  /** reached[i]: index in FUNNEL_STAGES of the furthest stage lead i reached (skips and losses included). */
  reached: Int8Array;
  /** at[s][i]: when lead i reached FUNNEL_STAGES[s] (createdAt for Lead); +Infinity when not reached or undated. */
  at: readonly Float64Array[];
}

/** Index of a funnel stage in FUNNEL_STAGES (and in FunnelTimeline.at). */
export const STAGE_INDEX: Readonly<Record<FunnelStage, number>> = {
  lead: 0,
  mql: 1,
  sql: 2,
  opportunity: 3,
  customer: 4,
};

const NEVER = Number.POSITIVE_INFINITY;

/** Lead i's row: each stage's date read once, by name (see reachedIndex), in STAGE_INDEX order. */
function placeLead(timeline: FunnelTimeline, lead: Lead, i: number): void {
  const { reached, at } = timeline;
  const furthest = reachedIndex(lead);
  const { mql, sql, opportunity, customer } = lead.stageDates;
  reached[i] = furthest;
  at[0]![i] = lead.createdAt;
  at[1]![i] = furthest >= 1 ? (mql ?? NEVER) : NEVER;
  at[2]![i] = furthest >= 2 ? (sql ?? NEVER) : NEVER;
  at[3]![i] = furthest >= 3 ? (opportunity ?? NEVER) : NEVER;
  at[4]![i] = furthest >= 4 ? (customer ?? NEVER) : NEVER;
}

/** Leads laid out per step when a timeline is built in steps (a few milliseconds of work). */
const LEADS_PER_STEP = 10_000;

function* buildTimelineInSteps(leads: readonly Lead[]): Steps<FunnelTimeline> {
  const n = leads.length;
  const timeline = { leads, reached: new Int8Array(n), at: FUNNEL_STAGES.map(() => new Float64Array(n)) };
  for (let i = 0; i < n; i += 1) {
    placeLead(timeline, leads[i]!, i);
    if ((i + 1) % LEADS_PER_STEP === 0) yield;
  }
  return timeline;
}

/**
 * An earlier snapshot's timeline and the positions laid out again to make the next one's: the next leads are the
 * earlier ones with only those positions replaced or added at the end. Copying 100k positions costs far less than
 * walking 100k leads.
 */
export interface TimelinePatch {
  readonly base: FunnelTimeline;
  readonly changed: ReadonlySet<number>;
}

function computePatchedTimeline(leads: readonly Lead[], patch: TimelinePatch): FunnelTimeline {
  const before = patch.base;
  const reached = new Int8Array(leads.length);
  reached.set(before.reached);
  const at = before.at.map((stage) => {
    const copy = new Float64Array(leads.length);
    copy.set(stage);
    return copy;
  });
  const timeline: FunnelTimeline = { leads, reached, at };
  for (const i of patch.changed) placeLead(timeline, leads[i]!, i);
  return timeline;
}

/**
 * The funnel timeline of `leads`: kept on `memo` when it was made for these leads (built a step per LEADS_PER_STEP
 * leads, or patched from an earlier snapshot's, when not kept yet); built afresh for this call otherwise.
 */
export function* computeFunnelTimelineInSteps(leads: readonly Lead[], memo?: LeadsMemo): Steps<FunnelTimeline> {
  if (memo === undefined || readLeadsMemo(leads, memo) !== memo) return yield* buildTimelineInSteps(leads);
  if (memo.timeline && memo.timeline.reached.length === leads.length) return memo.timeline;
  const patch = memo.timelinePatch;
  const usable = patch !== null && patch.base.leads.length <= leads.length;
  const timeline = usable ? computePatchedTimeline(leads, patch) : yield* buildTimelineInSteps(leads);
  memo.timeline = timeline;
  // The earlier timeline is no longer needed: let it go with the earlier snapshot.
  memo.timelinePatch = null;
  return timeline;
}

export function computeFunnelTimeline(leads: readonly Lead[], memo?: LeadsMemo): FunnelTimeline {
  return runAllSteps(computeFunnelTimelineInSteps(leads, memo));
}

/** When lead i reached the stage, if it did by `asOf`; null otherwise (or when the date is unknown). */
export function computeTimelineDate(
  timeline: FunnelTimeline,
  stage: FunnelStage,
  i: number,
  asOf: number,
): number | null {
  const at = timeline.at[STAGE_INDEX[stage]]![i]!;
  return Number.isFinite(at) && at <= asOf ? at : null;
}
