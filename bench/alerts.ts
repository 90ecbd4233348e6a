// The hourly leak check at 100k leads: how long its longest step holds the event loop (what an ack may wait behind),
// on a snapshot seen for the first time (the funnel timeline laid out too) and on one already laid out, next to the
// same verdict computed in one go.

import { detectLeaks, detectLeaksInSteps } from '../src/domain/leak.js';
import { createSnapshot } from '../src/domain/snapshot.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS } from '../src/domain/types.js';
import { generateSampleData } from '../src/sample/generate.js';
import { type Summary, summarize } from './stats.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

export interface AlertBenchRow {
  leads: number;
  snapshot: 'first sight' | 'laid out';
  steps: Summary;
  totalMs: number;
  /** detectLeaks in one call on the same snapshot, for comparison. */
  oneGoMs: number;
}

function timeSteps(data: Dataset, asOf: number): { steps: number[]; totalMs: number } {
  const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
  const generator = detectLeaksInSteps(data, asOf, settings);
  const steps: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const step = generator.next();
    steps.push(performance.now() - t);
    if (step.done) break;
  }
  return { steps, totalMs: performance.now() - started };
}

export function runAlertBench(leads = 100_000): AlertBenchRow[] {
  const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
  const sample = generateSampleData({ seed: 7, asOf: AS_OF, leads, timeZone: settings.timeZone });
  const rows: AlertBenchRow[] = [];
  // Each round a new snapshot, as the store makes one after a full read: nothing laid out yet.
  for (let round = 0; round < 3; round += 1) {
    const fresh = createSnapshot({ ...sample, leads: [...sample.leads] });
    const first = timeSteps(fresh, AS_OF + round);
    const again = timeSteps(fresh, AS_OF + round + 1);
    const t = performance.now();
    detectLeaks(fresh, AS_OF + round + 2, settings);
    const oneGoMs = performance.now() - t;
    rows.push({ leads, snapshot: 'first sight', steps: summarize(first.steps), totalMs: first.totalMs, oneGoMs });
    rows.push({ leads, snapshot: 'laid out', steps: summarize(again.steps), totalMs: again.totalMs, oneGoMs });
  }
  return rows;
}
