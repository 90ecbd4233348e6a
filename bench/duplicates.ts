// The duplicate scan of `/lead duplicates` and the digest's hygiene count over sample books (1% of them logged a
// second time with a typo): how long it takes in all, how many steps it pauses at, and the longest step (what a Slack
// request arriving meanwhile may wait for).

import { computeDuplicatePairsInSteps } from '../src/domain/duplicates.js';
import type { Lead } from '../src/domain/types.js';
import { generateSampleData } from '../src/sample/generate.js';

export interface DuplicatesBenchRow {
  leads: number;
  totalMs: number;
  /** CPU time of the process over the scan: on a shared machine, less disturbed by others than wall time. */
  cpuMs: number;
  steps: number;
  longestStepMs: number;
  /** The CPU time of the longest step, by the same measure. */
  longestStepCpuMs: number;
  pairs: number;
}

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

function measureOnce(leads: Parameters<typeof computeDuplicatePairsInSteps>[0]): Omit<DuplicatesBenchRow, 'leads'> {
  const steps = computeDuplicatePairsInSteps(leads);
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  let last = { wall: started.wall, cpu: started.cpu };
  const longest = { wall: 0, cpu: 0 };
  let count = 0;
  for (;;) {
    const step = steps.next();
    const now = { wall: performance.now(), cpu: process.cpuUsage() };
    longest.wall = Math.max(longest.wall, now.wall - last.wall);
    longest.cpu = Math.max(longest.cpu, cpuMsSince(last.cpu));
    last = now;
    if (!step.done) {
      count += 1;
      continue;
    }
    return {
      totalMs: now.wall - started.wall,
      cpuMs: cpuMsSince(started.cpu),
      steps: count,
      longestStepMs: longest.wall,
      longestStepCpuMs: longest.cpu,
      pairs: step.value.total,
    };
  }
}

/** The sample's names are all distinct: one in a hundred is logged again with a letter dropped, as reps do. */
function addLookAlikes(leads: readonly Lead[]): Lead[] {
  const copies = leads
    .filter((_, i) => i % 100 === 0)
    .map((lead, i) => ({
      ...lead,
      id: `${lead.id}-again`,
      company: lead.company.replace(/[aeiou]/, ''),
      createdAt: i,
    }));
  return [...leads.slice(0, leads.length - copies.length), ...copies];
}

export function runDuplicatesBench(sizes: readonly number[] = [10_000, 100_000], repeats = 3): DuplicatesBenchRow[] {
  return sizes.map((size) => {
    const leads = addLookAlikes(generateSampleData({ seed: 7, asOf: AS_OF, leads: size, timeZone: 'UTC' }).leads);
    // Best of a few runs: the machine is shared, and the fastest run is the one least disturbed by others.
    const runs = Array.from({ length: repeats }, () => measureOnce(leads));
    const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
    return {
      leads: leads.length,
      ...best,
      longestStepMs: Math.min(...runs.map((run) => run.longestStepMs)),
      longestStepCpuMs: Math.min(...runs.map((run) => run.longestStepCpuMs)),
    };
  });
}
