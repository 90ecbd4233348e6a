import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRatio, median, quantile, selectQuantiles, wilsonInterval } from '../../src/domain/stats.js';

describe('wilsonInterval', () => {
  it('keeps 1 of 4 wide enough to include 30%', () => {
    // p = 0.25, z² = 3.8416, d = 1 + 3.8416/4 = 1.9604; centre = (0.25 + 0.4802)/1.9604 = 0.372475;
    // half = 1.96·√(0.046875 + 0.060025)/1.9604 = 0.326889 → [0.045586, 0.699364]
    const { low, high } = wilsonInterval(1, 4);
    expect(low).toBeCloseTo(0.045586, 5);
    expect(high).toBeCloseTo(0.699364, 5);
    expect(high).toBeGreaterThan(0.3);
  });

  it('makes 40 of 400 tight enough to sit wholly below 30%', () => {
    // d = 1.009604; centre = 0.104802/1.009604 = 0.103805; half = 1.96·√0.0002310025/1.009604 = 0.029506
    const { low, high } = wilsonInterval(40, 400);
    expect(low).toBeCloseTo(0.074299, 5);
    expect(high).toBeCloseTo(0.133311, 5);
  });

  it('stays within [0, 1] at the extremes and is uninformative without data', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.27754, 4);
    expect(wilsonInterval(10, 10).high).toBe(1);
    // 104 of 104: the formula rounds to 0.9999999999999999 in floating point; all successes must reach 1 exactly
    expect(wilsonInterval(104, 104).high).toBe(1);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe('quantile and median', () => {
  it('interpolates linearly between order statistics', () => {
    // h = (4 − 1)·0.9 = 2.7 → x[2] + 0.7·(x[3] − x[2]) = 3 + 0.7 = 3.7
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    // h = 9·0.9 = 8.1 → 9 + 0.1·(100 − 9) = 18.1
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9)).toBeCloseTo(18.1, 10);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it('gives the middle value, or the mean of the two middle ones', () => {
    expect(median([2, 7, 40])).toBe(7);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(median([5])).toBe(5);
  });

  it('has no answer without values', () => {
    expect(quantile([], 0.9)).toBeNull();
    expect(median([])).toBeNull();
  });
});

describe('selectQuantiles', () => {
  it('gives the quantiles of unsorted values, the same as sorting them first', () => {
    // Sorted: 1 2 3 4 10 → p25 at position 1 = 2, p50 = 3, p90 at 3.6 = 4 + 0.6 × (10 − 4) = 7.6.
    const values = Float64Array.from([10, 3, 1, 4, 2]);
    const [p25, p50, p90] = selectQuantiles(values, [0.25, 0.5, 0.9]);
    expect([p25, p50]).toEqual([2, 3]);
    expect(p90).toBeCloseTo(7.6, 10);
    expect([...values]).toEqual([10, 3, 1, 4, 2]); // left as it was
    expect(selectQuantiles(new Float64Array(0), [0.5])).toEqual([null]);
  });

  it('agrees with quantile on any values, repeated ones included', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 300 }), (numbers) => {
        const sorted = [...numbers].sort((a, b) => a - b);
        const qs = [0, 0.25, 0.5, 0.75, 0.9, 1];
        const selected = selectQuantiles(Float64Array.from(numbers), qs);
        qs.forEach((q, i) => {
          expect(selected[i]).toBeCloseTo(quantile(sorted, q)!, 9);
        });
      }),
    );
  });
});

describe('computeRatio', () => {
  it('divides, or says there is nothing to divide by', () => {
    expect(computeRatio(3, 4)).toBe(0.75);
    expect(computeRatio(3, 0)).toBeNull();
  });
});
