// The duplicate scan of `/lead duplicates` and the digest's hygiene count over sample books: how long it takes in
// all, how many steps it pauses at, and the longest step (what a Slack request arriving meanwhile may wait for).

import { computeDuplicatePairsInSteps } from '../src/domain/duplicates.js';
import { generateSampleData } from '../src/sample/generate.js';

export interface DuplicatesBenchRow {
  leads: number;
  totalMs: number;
  steps: number;
  longestStepMs: number;
  pairs: number;
}

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

function measureOnce(leads: Parameters<typeof computeDuplicatePairsInSteps>[0]): Omit<DuplicatesBenchRow, 'leads'> {
  const steps = computeDuplicatePairsInSteps(leads);
  const started = performance.now();
  let last = started;
  let longest = 0;
  let count = 0;
  for (;;) {
    const step = steps.next();
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (step.done) return { totalMs: now - started, steps: count, longestStepMs: longest, pairs: step.value.total };
    count += 1;
  }
}

export function runDuplicatesBench(sizes: readonly number[] = [10_000, 100_000], repeats = 3): DuplicatesBenchRow[] {
  return sizes.map((size) => {
    const { leads } = generateSampleData({ seed: 7, asOf: AS_OF, leads: size, timeZone: 'UTC' });
    // Best of a few runs: the machine is shared, and the fastest run is the one least disturbed by others.
    const runs = Array.from({ length: repeats }, () => measureOnce(leads));
    const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
    return { leads: leads.length, ...best, longestStepMs: Math.min(...runs.map((run) => run.longestStepMs)) };
  });
}
