// How long conversions take, as the conversion odds need it: per stage, the days to the next stage (for the age
// edges and horizon) and the days to becoming a customer (for the usual time to close and the expected close date).

import { FALLBACK_MATURITY_DAYS, MIN_MATURITY_SAMPLES } from './leak-history.js';
import { DAY_MS } from './local-time.js';
import { quantile } from './stats.js';
import { TRANSITIONS } from './types.js';

// Hot loops read these per lead; local copies spare them a lookup through the importing module's bindings.
const STAGE_COUNT = TRANSITIONS.length;
const DAY = DAY_MS;

/**
 * Age edges of one stage from its sorted days to the next stage: 0, p25, p50, p75, p90 (the horizon), 2 × p90 and
 * 4 × p90; with fewer than 10 samples the same shape around a 30-day horizon.
 */
export function buildEdges(samples: Float64Array): { edges: number[]; horizon: number } {
  const enough = samples.length >= MIN_MATURITY_SAMPLES;
  const at = (q: number) => (enough ? (quantile(samples, q) ?? 0) : FALLBACK_MATURITY_DAYS * (q / 0.9));
  const horizon = at(0.9);
  const edges = [0];
  for (const edge of [at(0.25), at(0.5), at(0.75), horizon, 2 * horizon, 4 * horizon]) {
    if (edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { edges, horizon };
}

/**
 * Per stage, sorted: days from reaching it to reaching the next stage (same-instant moves left out, as in
 * funnel.computeConversionDays), and days from reaching it to becoming a customer. Typed arrays sort numerically
 * without a comparator, which matters at 100k leads.
 */
export function collectDays(
  at: readonly Float64Array[],
  asOf: number,
): { toNext: Float64Array[]; toCustomer: Float64Array[] } {
  const size = at[0]!.length;
  const won = at[STAGE_COUNT]!;
  const toNext = Array.from({ length: STAGE_COUNT }, () => new Float64Array(size));
  const toCustomer = Array.from({ length: STAGE_COUNT }, () => new Float64Array(size));
  const nextCount = new Array<number>(STAGE_COUNT).fill(0);
  const customerCount = new Array<number>(STAGE_COUNT).fill(0);
  for (let s = 0; s < STAGE_COUNT; s += 1) {
    const reached = at[s]!;
    const next = at[s + 1]!;
    for (let i = 0; i < size; i += 1) {
      const from = reached[i]!;
      if (next[i]! <= asOf && from < next[i]!) toNext[s]![nextCount[s]!++] = (next[i]! - from) / DAY;
      if (won[i]! <= asOf && from < won[i]!) toCustomer[s]![customerCount[s]!++] = (won[i]! - from) / DAY;
    }
  }
  return {
    toNext: toNext.map((days, s) => days.slice(0, nextCount[s]).sort()),
    toCustomer: toCustomer.map((days, s) => days.slice(0, customerCount[s]).sort()),
  };
}
