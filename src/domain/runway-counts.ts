// The runway's counts, in one walk over the funnel timeline: per month, the leads that reached each stage in it
// (what plan counts compare with) and the month's cohort — leads created in it — by the furthest stage they reached
// (what rates are judged on). Facts dated after asOf are not known yet and are left out.

import { forEachInSteps, type Steps } from './steps.js';
import type { FunnelTimeline } from './timeline.js';
import { FUNNEL_STAGES, type Period } from './types.js';

export interface MonthCounts {
  /** reachedIn[s]: leads that reached FUNNEL_STAGES[s] inside the month (Lead: created in it). */
  reachedIn: number[];
  /** cohortReached[s]: leads created in the month that reached FUNNEL_STAGES[s] by asOf. */
  cohortReached: number[];
  /** Leads created in the month by source: what visitor → lead rates divide. */
  createdBySource: Map<string, number>;
}

/** Index of the month holding the instant, or -1; `starts` holds each month's start and, last, the final end. */
function findMonth(starts: readonly number[], instant: number): number {
  if (!(instant >= starts[0]!) || !(instant < starts[starts.length - 1]!)) return -1;
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= instant) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Counts for consecutive months (each one's end is the next one's start), as known at asOf, in steps (steps.ts). */
export function* computeMonthCountsInSteps(
  timeline: FunnelTimeline,
  months: readonly Period[],
  asOf: number,
): Steps<MonthCounts[]> {
  const counts: MonthCounts[] = months.map(() => ({
    reachedIn: FUNNEL_STAGES.map(() => 0),
    cohortReached: FUNNEL_STAGES.map(() => 0),
    createdBySource: new Map(),
  }));
  if (months.length === 0) return counts;
  const starts = [...months.map((month) => month.start), months[months.length - 1]!.end];
  const created = timeline.at[0]!;
  yield* forEachInSteps(created.length, (i) => {
    const cohort = created[i]! <= asOf ? findMonth(starts, created[i]!) : -1;
    if (cohort >= 0) {
      const { source } = timeline.leads[i]!;
      const bySource = counts[cohort]!.createdBySource;
      bySource.set(source, (bySource.get(source) ?? 0) + 1);
    }
    for (let s = 0; s < FUNNEL_STAGES.length; s += 1) {
      const at = timeline.at[s]![i]!;
      if (!(at <= asOf)) continue;
      if (cohort >= 0) counts[cohort]!.cohortReached[s]! += 1;
      const reached = findMonth(starts, at);
      if (reached >= 0) counts[reached]!.reachedIn[s]! += 1;
    }
  });
  return counts;
}
