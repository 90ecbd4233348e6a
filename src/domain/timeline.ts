// When every lead reached every funnel stage, laid out in flat arrays once per snapshot. The metrics ask "did lead i
// reach stage s inside this range?" millions of times on 100k leads; answering from typed arrays instead of walking
// each Lead again is what keeps a whole digest under half a second.

import { reachedIndex } from './lifecycle.js';
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

// A Dataset is a snapshot (readonly arrays of leads that are replaced, never edited), so one timeline per leads array
// can be shared by every metric of a digest. The length check is a cheap guard against an array grown in place.
const timelines = new WeakMap<readonly Lead[], FunnelTimeline>();

function placeLead(timeline: FunnelTimeline, lead: Lead, i: number): void {
  const { reached, at } = timeline;
  const furthest = reachedIndex(lead);
  reached[i] = furthest;
  at[0]![i] = lead.createdAt;
  for (const [s, stage] of FUNNEL_STAGES.entries()) {
    if (stage === 'lead') continue;
    at[s]![i] = s <= furthest ? (lead.stageDates[stage] ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  }
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

function buildTimeline(leads: readonly Lead[]): FunnelTimeline {
  return runAllSteps(buildTimelineInSteps(leads));
}

/**
 * The timeline of leads [from, to) alone, indexed from 0: what a walk over one chunk of a snapshot needs, without
 * laying out (or copying) the whole snapshot's timeline.
 */
export function computeRangeTimeline(leads: readonly Lead[], from: number, to: number): FunnelTimeline {
  return buildTimeline(leads.slice(from, to));
}

/** Snapshots whose timeline is the one of `base` with only the leads at `changed` positions laid out again. */
const patches = new WeakMap<readonly Lead[], { base: readonly Lead[]; changed: ReadonlySet<number> }>();

/**
 * Records that `next` is `previous` with the leads at `changed` positions replaced or added at the end (none
 * removed, every other position the very same Lead). Its timeline is then a copy of the earlier one with those
 * positions laid out again — copying 100k positions costs far less than walking 100k leads — made when first asked.
 */
export function registerTimelinePatch(
  previous: readonly Lead[],
  next: readonly Lead[],
  changed: readonly number[],
): void {
  if (next.length < previous.length) return;
  const earlier = patches.get(previous);
  if (timelines.has(previous)) patches.set(next, { base: previous, changed: new Set(changed) });
  else if (earlier && earlier.changed.size + changed.length < next.length / 4) {
    patches.set(next, { base: earlier.base, changed: new Set([...earlier.changed, ...changed]) });
  }
}

function computePatchedTimeline(leads: readonly Lead[]): FunnelTimeline | null {
  const patch = patches.get(leads);
  const before = patch && timelines.get(patch.base);
  if (!patch || !before || before.reached.length !== patch.base.length) return null;
  const reached = new Int8Array(leads.length);
  reached.set(before.reached);
  const at = before.at.map((stage) => {
    const copy = new Float64Array(leads.length);
    copy.set(stage);
    return copy;
  });
  const timeline: FunnelTimeline = { leads, reached, at };
  for (const i of patch.changed) placeLead(timeline, leads[i]!, i);
  patches.delete(leads);
  return timeline;
}

/** The snapshot's timeline, kept for the snapshot; built a step per LEADS_PER_STEP leads when it is not kept yet. */
export function* computeFunnelTimelineInSteps(leads: readonly Lead[]): Steps<FunnelTimeline> {
  const cached = timelines.get(leads);
  if (cached && cached.reached.length === leads.length) return cached;
  const timeline = computePatchedTimeline(leads) ?? (yield* buildTimelineInSteps(leads));
  timelines.set(leads, timeline);
  return timeline;
}

export function computeFunnelTimeline(leads: readonly Lead[]): FunnelTimeline {
  return runAllSteps(computeFunnelTimelineInSteps(leads));
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
