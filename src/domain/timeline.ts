// When every lead reached every funnel stage, laid out in flat arrays once per snapshot. The metrics ask "did lead i
// reach stage s inside this range?" millions of times on 100k leads; answering from typed arrays instead of walking
// each Lead again is what keeps a whole digest under half a second.

import { reachedIndex } from './lifecycle.js';
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

// A Dataset is a snapshot (readonly arrays of leads that are replaced, never edited), so one timeline per leads array
// can be shared by every metric of a digest. The length check is a cheap guard against an array grown in place.
const timelines = new WeakMap<readonly Lead[], FunnelTimeline>();

function buildTimeline(leads: readonly Lead[]): FunnelTimeline {
  const n = leads.length;
  const reached = new Int8Array(n);
  const at = FUNNEL_STAGES.map(() => new Float64Array(n).fill(Number.POSITIVE_INFINITY));
  leads.forEach((lead, i) => {
    const furthest = reachedIndex(lead);
    reached[i] = furthest;
    at[0]![i] = lead.createdAt;
    for (const [s, stage] of FUNNEL_STAGES.entries()) {
      if (stage !== 'lead' && s <= furthest) at[s]![i] = lead.stageDates[stage] ?? Number.POSITIVE_INFINITY;
    }
  });
  return { leads, reached, at };
}

export function computeFunnelTimeline(leads: readonly Lead[]): FunnelTimeline {
  const cached = timelines.get(leads);
  if (cached && cached.reached.length === leads.length) return cached;
  const timeline = buildTimeline(leads);
  timelines.set(leads, timeline);
  return timeline;
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
