// Lag-aware ROI benchmarks:
//   projections  projected ROI (with its 80% interval, maturity and payback) for every campaign at 100k sample
//                leads, quarter to date and all time; each run on a fresh snapshot object, so nothing computed by
//                an earlier run is reused except the funnel timeline, which the app keeps per snapshot and patches
//                per change (the first, cold run is reported too);
//   backtest     the 200-campaign backtest of src/sample/backtest.ts: its time and its coverage.

import { quarterContaining } from '../src/domain/periods.js';
import { computeRoiProjections } from '../src/domain/roi-projection.js';
import { createSnapshot, patchSnapshot, type Snapshot } from '../src/domain/snapshot.js';
import { computeFunnelTimeline } from '../src/domain/timeline.js';
import { DEFAULT_METRIC_SETTINGS, type Period } from '../src/domain/types.js';
import { runBacktest } from '../src/sample/backtest.js';
import { generateSampleData } from '../src/sample/generate.js';
import { type Summary, summarize } from './stats.js';

/** The digest bench's Monday (digest-case.ts runs as a script, so it is not imported from there). */
const BENCH_AS_OF = Date.parse('2026-11-23T15:00:00Z');
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };

export interface ProjectionBench {
  leads: number;
  campaigns: number;
  coldMs: number;
  /** Wall time per run, and CPU time (less disturbed by the other processes of a shared machine). */
  quarter: Summary;
  quarterCpu: Summary;
  allTime: Summary;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timeProjections(warm: Snapshot, period: Period): Timing {
  // The next snapshot after a change to plans only: the funnel timeline carries over, the figures are made again.
  const snapshot = patchSnapshot(warm, { leads: warm.leads, spend: [...warm.spend], targets: warm.targets }, []);
  const cpu = process.cpuUsage();
  const started = performance.now();
  computeRoiProjections(snapshot, { period, asOf: BENCH_AS_OF, settings, model: 'first-touch', kind: 'campaign' });
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

export function runProjectionBench(leads = 100_000, rounds = 7): ProjectionBench {
  const data = generateSampleData({ seed: 7, asOf: BENCH_AS_OF, leads, timeZone: settings.timeZone });
  const quarter = { ...quarterContaining(BENCH_AS_OF, settings.timeZone), end: BENCH_AS_OF };
  const allTime: Period = { key: 'all', label: 'all time', start: -Infinity, end: Infinity };
  const started = performance.now();
  const campaigns = computeRoiProjections(data, {
    ...{ period: quarter, asOf: BENCH_AS_OF, settings, model: 'first-touch', kind: 'campaign' },
  }).length;
  const coldMs = performance.now() - started;
  const warm = createSnapshot(data);
  computeFunnelTimeline(warm.leads, warm.memo.leadsMemo);
  const quarterRuns = Array.from({ length: rounds }, () => timeProjections(warm, quarter));
  const allRuns = Array.from({ length: rounds }, () => timeProjections(warm, allTime));
  return {
    ...{ leads, campaigns, coldMs },
    quarter: summarize(quarterRuns.map((run) => run.wallMs)),
    quarterCpu: summarize(quarterRuns.map((run) => run.cpuMs)),
    allTime: summarize(allRuns.map((run) => run.wallMs)),
  };
}

export interface BacktestBench {
  campaigns: number;
  coverage: number;
  totalMs: number;
}

export function runBacktestBench(count = 200): BacktestBench {
  const started = performance.now();
  const { coverage } = runBacktest(count);
  return { campaigns: count, coverage, totalMs: performance.now() - started };
}
