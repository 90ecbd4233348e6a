// Whole-digest benchmark: for each size a store is prepared in one process, then the digest is built in a fresh
// process so that its peak RSS measures the digest alone.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DigestBenchRow {
  leads: number;
  loadMs: number;
  metricsMs: number;
  blocksMs: number;
  chartsMs: number;
  totalMs: number;
  peakRssMb: number;
}

const CASE = join(import.meta.dirname, 'digest-case.ts');

function runCase(args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CASE, ...args], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

export function runDigestBench(sizes: readonly number[] = [10_000, 100_000], repeats = 3): DigestBenchRow[] {
  const rows: DigestBenchRow[] = [];
  for (const leads of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'roi-bench-'));
    try {
      const file = join(dir, 'bench.sqlite');
      runCase(['prepare', file, String(leads)]);
      // Best of a few runs: the machine is shared, and the fastest run is the one least disturbed by others.
      const runs = Array.from({ length: repeats }, () => runCase(['build', file]) as unknown as DigestBenchRow);
      const best = runs.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
      rows.push({ ...best, leads, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
