// How heavy commands share the event loop at 100k leads: for `/funnel all`'s leak check, the digest's figures (the
// runway included), `/roi runway` and a 200-character `/lead find`, the total time, the number of steps and the longest step in CPU time (the longest the
// loop can be held by one of them before a waiting request is read); and the money parser on 40,000 spaces.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeWeeklyDigestDataInSteps } from '../src/domain/digest-data.js';
import { detectLeaksInSteps } from '../src/domain/leak.js';
import { parseMoney, parseMoneyUncapped } from '../src/domain/money.js';
import { computeRunwayInSteps } from '../src/domain/runway.js';
import type { Runway } from '../src/domain/runway-types.js';
import type { Steps } from '../src/domain/steps.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type MetricSettings } from '../src/domain/types.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildStoreServices } from '../src/store/index.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

export interface StepsRow {
  what: string;
  totalMs: number;
  steps: number;
  longestStepMs: number;
}

/** Steps are timed in CPU time: on a shared machine, wall time also counts the moments another process ran. */
function measure(what: string, steps: Steps<unknown>): StepsRow {
  let count = 0;
  let longest = 0;
  const started = performance.now();
  let last = process.cpuUsage();
  for (;;) {
    const step = steps.next();
    const spent = process.cpuUsage(last);
    last = process.cpuUsage();
    longest = Math.max(longest, (spent.user + spent.system) / 1000);
    count += 1;
    if (step.done) break;
  }
  return { what, totalMs: performance.now() - started, steps: count, longestStepMs: longest };
}

/** What `/roi runway` works out: the leak verdict (its maturity days judge the rates), then the year. */
function* computeRunwayAnswerInSteps(data: Dataset, settings: MetricSettings): Steps<Runway> {
  const leak = yield* detectLeaksInSteps(data, AS_OF, settings);
  return yield* computeRunwayInSteps({ data, year: 2026, asOf: AS_OF, timeZone: settings.timeZone, leak });
}

/** The best of `repeats` runs by total time (the machine is shared: the fastest run is the least disturbed). */
function best(repeats: number, run: () => StepsRow): StepsRow {
  const rows = Array.from({ length: repeats }, run);
  return rows.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
}

function timeMoney(text: string, parse: (text: string) => unknown): number {
  const started = performance.now();
  parse(text);
  return performance.now() - started;
}

export function runStepsBench(leads = 100_000, repeats = 3): StepsRow[] {
  const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
  const dir = mkdtempSync(join(tmpdir(), 'roi-bench-steps-'));
  try {
    const services = buildStoreServices(join(dir, 'bench.sqlite'), () => AS_OF);
    const sample = generateSampleData({ seed: 7, asOf: AS_OF, leads, timeZone: settings.timeZone });
    loadSample(services.store, sample);
    services.leads.warm();
    const data = services.leads.dataset();
    const search = sample.leads
      .slice(0, 80)
      .map((lead) => lead.company)
      .join(' ')
      .slice(0, 200);
    const spaces = `1${' '.repeat(40_000)}x`;
    const rows = [
      best(repeats, () =>
        measure('/funnel all: leak check', detectLeaksInSteps(data, AS_OF, settings, { windowDays: 36_500 })),
      ),
      best(repeats, () => measure('digest figures', computeWeeklyDigestDataInSteps(data, AS_OF, settings))),
      best(repeats, () => measure('/roi runway', computeRunwayAnswerInSteps(data, settings))),
      best(repeats, () => measure('/lead find, 200 characters', services.leads.findLeadsInSteps(search, 10))),
      {
        what: 'money parser, 40,000 spaces (uncapped)',
        totalMs: timeMoney(spaces, parseMoneyUncapped),
        steps: 1,
        longestStepMs: 0,
      },
      {
        what: 'money parser, 40,000 spaces (capped)',
        totalMs: timeMoney(spaces, parseMoney),
        steps: 1,
        longestStepMs: 0,
      },
    ];
    services.store.close();
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
