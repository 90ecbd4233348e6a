// How long conversions take: the days from reaching a stage to reaching the next, per lead, and their median and
// 90th percentile per transition.

import { daysBetween } from './periods.js';
import { selectQuantiles } from './stats.js';
import { forEachInSteps, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline, type FunnelTimeline, STAGE_INDEX } from './timeline.js';
import { FUNNEL_STAGES, type Lead, type TimeToConvert, TRANSITIONS, type TransitionFrom } from './types.js';

/**
 * Days from reaching `from` to reaching the next stage, for every lead of the timeline that reached both (by
 * `asOf`), in lead order.
 * A sample whose two dates are equal to the millisecond is left out: only one move sets both (the lead skipped `from`,
 * or was created past it), so it measures no conversion time and would drag the median towards 0.
 */
export function* collectConversionDaysInSteps(
  timeline: FunnelTimeline,
  from: TransitionFrom,
  asOf = Number.POSITIVE_INFINITY,
): Steps<Float64Array> {
  yield;
  const entered = timeline.at[STAGE_INDEX[from]]!;
  const converted = timeline.at[STAGE_INDEX[from] + 1]!;
  const samples = new Float64Array(timeline.leads.length);
  let count = 0;
  yield* forEachInSteps(timeline.leads.length, (i) => {
    const enteredAt = entered[i]!;
    const convertedAt = converted[i]!;
    const known = Number.isFinite(enteredAt) && Number.isFinite(convertedAt) && convertedAt <= asOf;
    if (known && enteredAt !== convertedAt) samples[count++] = Math.max(0, daysBetween(enteredAt, convertedAt));
  });
  return samples.slice(0, count);
}

/** The samples of collectConversionDaysInSteps, sorted ascending. */
export function computeConversionDays(
  leads: readonly Lead[],
  from: TransitionFrom,
  asOf = Number.POSITIVE_INFINITY,
): number[] {
  return runAllSteps(computeConversionDaysInSteps(leads, from, asOf));
}

export function* computeConversionDaysInSteps(
  leads: readonly Lead[],
  from: TransitionFrom,
  asOf = Number.POSITIVE_INFINITY,
): Steps<number[]> {
  const samples = yield* collectConversionDaysInSteps(computeFunnelTimeline(leads), from, asOf);
  yield;
  // A typed array sorts numbers several times faster than Array#sort with a comparator.
  return Array.from(samples.sort());
}

/**
 * Time to convert per transition over the given leads: median and 90th percentile of the conversion days (quantiles
 * by linear interpolation between order statistics, see stats.quantile; selected, not sorted); null when there is no
 * sample.
 */
export function computeTimeToConvert(leads: readonly Lead[], asOf = Number.POSITIVE_INFINITY): TimeToConvert[] {
  return runAllSteps(computeTimeToConvertInSteps(leads, asOf));
}

export function* computeTimeToConvertInSteps(
  leads: readonly Lead[],
  asOf = Number.POSITIVE_INFINITY,
): Steps<TimeToConvert[]> {
  const times: TimeToConvert[] = [];
  const timeline = computeFunnelTimeline(leads);
  for (const from of TRANSITIONS) {
    const samples = yield* collectConversionDaysInSteps(timeline, from, asOf);
    yield;
    const [medianDays, p90Days] = selectQuantiles(samples, [0.5, 0.9]);
    times.push({
      from,
      to: FUNNEL_STAGES[STAGE_INDEX[from] + 1]!,
      samples: samples.length,
      medianDays: medianDays ?? null,
      p90Days: p90Days ?? null,
    });
  }
  return times;
}
