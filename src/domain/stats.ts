// Small statistics the metrics share. Pure numbers in, numbers out.

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion successes / n.
 * Chosen over the plain normal interval because it stays inside [0, 1] and stays wide for small n, which is exactly
 * what keeps "1 of 4" from being called a leak. n = 0 gives the uninformative [0, 1].
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 or n successes the bound is exactly 0 or 1; rounding would make 10 of 10 look "below" an expected 100%.
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of values already sorted ascending, by linear interpolation between order statistics
 * (position h = (n − 1)·q, the "type 7" definition spreadsheets use); null for no values.
 */
export function quantile(sortedValues: ArrayLike<number>, q: number): number | null {
  const n = sortedValues.length;
  if (n === 0) return null;
  const position = (n - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const lower = sortedValues[below]!;
  const upper = sortedValues[above]!;
  return lower + (position - below) * (upper - lower);
}

/** The median of values already sorted ascending (the 0.5 quantile); null for no values. */
export function median(sortedValues: ArrayLike<number>): number | null {
  return quantile(sortedValues, 0.5);
}

/** numerator / denominator, or null when the denominator is 0 (a rate or cost that does not exist yet). */
export function computeRatio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Partially orders values[from, to) in place so that position k holds the k-th smallest; returns it. */
function selectInPlace(values: Float64Array, k: number, from: number, to: number): number {
  let low = from;
  let high = to - 1;
  while (low < high) {
    const a = values[low]!;
    const b = values[(low + high) >> 1]!;
    const c = values[high]!;
    // Median of three as pivot: sorted or nearly sorted input does not turn the search quadratic.
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * The same quantiles as `quantile` (type 7), of values in any order, without sorting them: a selection per order
 * statistic needed, on a copy (O(n) each instead of one O(n log n) sort — at 100k samples, a tenth of the time).
 * `qs` must be ascending. Empty values give nulls.
 */
export function selectQuantiles(values: Float64Array, qs: readonly number[]): (number | null)[] {
  const n = values.length;
  if (n === 0) return qs.map(() => null);
  const copy = values.slice();
  let from = 0;
  return qs.map((q) => {
    const position = (n - 1) * Math.min(1, Math.max(0, q));
    const below = Math.floor(position);
    const lower = selectInPlace(copy, below, from, n);
    // Everything after `below` is at least `lower`; the next order statistic is the smallest of them.
    const upper = below + 1 < n ? selectInPlace(copy, below + 1, below + 1, n) : lower;
    from = Math.min(below + 1, n - 1);
    return lower + (position - below) * (upper - lower);
  });
}
