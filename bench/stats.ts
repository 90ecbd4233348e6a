// Small summaries for benchmark samples.

import { createRandom } from '../src/sample/random.js';

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

function pick(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Nearest-rank percentiles. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: pick(sorted, 0.5),
    p95: pick(sorted, 0.95),
    p99: pick(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/**
 * A 95% interval for the ratio of two samples' quantile q (a's over b's), by resampling whole blocks of consecutive
 * samples (a burst's requests share its pauses, so they are not independent draws). Seeded: the same samples give the
 * same interval.
 */
export function ratioInterval(
  a: readonly number[],
  b: readonly number[],
  q: number,
  blockSize: number,
  rounds = 2_000,
): { low: number; high: number } {
  const random = createRandom(20261206);
  const blocksOf = (samples: readonly number[]) => {
    const blocks: number[][] = [];
    for (let i = 0; i < samples.length; i += blockSize) blocks.push(samples.slice(i, i + blockSize));
    return blocks;
  };
  const resampled = (blocks: readonly number[][]) => {
    const drawn: number[] = [];
    for (let i = 0; i < blocks.length; i++) drawn.push(...random.pick(blocks));
    return pick(
      drawn.sort((x, y) => x - y),
      q,
    );
  };
  const [blocksA, blocksB] = [blocksOf(a), blocksOf(b)];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) ratios.push(resampled(blocksA) / resampled(blocksB));
  ratios.sort((x, y) => x - y);
  return { low: pick(ratios, 0.025), high: pick(ratios, 0.975) };
}
