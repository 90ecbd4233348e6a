// How long conversions take, as the conversion odds need it: per stage, the days to the next stage (for the age
// edges and horizon) and the days to becoming a customer (for the usual time to close and the expected close date).

import { FALLBACK_MATURITY_DAYS, MIN_MATURITY_SAMPLES } from './leak-history.js';
import { DAY_MS } from './local-time.js';
import { selectQuantiles } from './stats.js';
import type { Steps } from './steps.js';
import { TRANSITIONS } from './types.js';

// Hot loops read these per lead; local copies spare them a lookup through the importing module's bindings.
const STAGE_COUNT = TRANSITIONS.length;
const DAY = DAY_MS;

/**
 * Age edges of one stage from its sorted days to the next stage: 0, p25, p50, p75, p90 (the horizon), 2 × p90 and
 * 4 × p90; with fewer than 10 samples the same shape around a 30-day horizon.
 */
export function buildEdges(samples: Float64Array): { edges: number[]; horizon: number } {
  const qs = [0.25, 0.5, 0.75, 0.9];
  const [q25, q50, q75, horizon] =
    samples.length >= MIN_MATURITY_SAMPLES
      ? selectQuantiles(samples, qs).map((value) => value ?? 0)
      : qs.map((q) => FALLBACK_MATURITY_DAYS * (q / 0.9));
  const edges = [0];
  for (const edge of [q25!, q50!, q75!, horizon!, 2 * horizon!, 4 * horizon!]) {
    if (edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { edges, horizon: horizon! };
}

/**
 * Per stage, a step each: days from reaching it to reaching the next stage (same-instant moves left out, as in
 * conversion-time.ts; in no order), and days from reaching it to becoming a customer (sorted).
 */
export function* collectDaysInSteps(
  at: readonly Float64Array[],
  asOf: number,
): Steps<{ toNext: Float64Array[]; toCustomer: Float64Array[] }> {
  const won = at[STAGE_COUNT]!;
  const toNext: Float64Array[] = [];
  const toCustomer: Float64Array[] = [];
  for (let s = 0; s < STAGE_COUNT; s += 1) {
    const { nextDays, customerDays } = collectStageDays(at[s]!, at[s + 1]!, won, asOf);
    // Only quantiles are read from these (buildEdges selects them); the days to customer are searched, so sorted.
    toNext.push(nextDays);
    toCustomer.push(customerDays.sort());
    yield;
  }
  return { toNext, toCustomer };
}

function collectStageDays(reached: Float64Array, next: Float64Array, won: Float64Array, asOf: number) {
  // Counted first, so each array is allocated at its size: 100k-long scratch arrays cost more in GC than a pass.
  let nextCount = 0;
  let customerCount = 0;
  for (let i = 0; i < reached.length; i += 1) {
    if (next[i]! <= asOf && reached[i]! < next[i]!) nextCount += 1;
    if (won[i]! <= asOf && reached[i]! < won[i]!) customerCount += 1;
  }
  const nextDays = new Float64Array(nextCount);
  const customerDays = new Float64Array(customerCount);
  nextCount = 0;
  customerCount = 0;
  for (let i = 0; i < reached.length; i += 1) {
    const from = reached[i]!;
    if (next[i]! <= asOf && from < next[i]!) nextDays[nextCount++] = (next[i]! - from) / DAY;
    if (won[i]! <= asOf && from < won[i]!) customerDays[customerCount++] = (won[i]! - from) / DAY;
  }
  return { nextDays, customerDays };
}
