// Memory of the serving process, measured from outside: the real app (slack-app.ts, the process the Slack bench
// runs) gets 100k sample leads, answers `/roi` and `/roi <campaign>`, and builds the digest (`/roi digest preview`
// by a manager); meanwhile this process reads the app's /proc/<pid>/status every 20 ms. The figure is VmHWM, the
// peak resident set the kernel saw, whatever made it (heap, the SQLite page cache, canvas buffers).
//   import  the leads are generated and loaded by the serving process itself, as the Slack bench does;
//   cold    another process fills the store first, and the serving process reads it at start.
// BENCH_MEMORY_RUNS (default 3) runs of each; the machine is shared, so the range is reported.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack/index.js';
import type { HeapReport } from './pauses.js';
import { type AppProcess, startAppProcess } from './slack.js';

const LEADS = 100_000;
const STORE_FILE = 'roi-runway.sqlite';

export type MemoryMode = 'import' | 'cold';

interface Phase {
  name: string;
  /** Resident set when the phase ended, and the peak so far (VmHWM), in MiB. */
  rssMb: number;
  hwmMb: number;
  heap: HeapReport;
  /** How long the phase's command took, from sending to the reply (ms); 0 for the start. */
  tookMs: number;
}

export interface MemoryRun {
  mode: MemoryMode;
  peakMb: number;
  phases: Phase[];
}

export function readStatusMb(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null; // the process has gone
  }
}

/** Reads the app's status every 20 ms; VmHWM is the kernel's own peak, the samples only show when it was reached. */
export function watchStatus(pid: number) {
  let last = { rssMb: 0, hwmMb: 0 };
  const timer = setInterval(() => {
    last = readStatusMb(pid) ?? last;
  }, 20);
  return {
    now: () => readStatusMb(pid) ?? last,
    stop: () => clearInterval(timer),
  };
}

async function command(slack: FakeSlack, app: AppProcess, text: string, userId = 'U0REP1'): Promise<number> {
  const sent = performance.now();
  const result = await slack.slashCommand({ command: '/roi', text, userId, url: app.url, to: 'http' });
  await result.waitForResponses(1, 120_000);
  return performance.now() - sent;
}

function prepareStore(dataDir: string): void {
  const prepare = join(import.meta.dirname, 'digest-case.ts');
  execFileSync(process.execPath, ['--import', 'tsx', prepare, 'prepare', join(dataDir, STORE_FILE), String(LEADS)]);
}

async function runOnce(slack: FakeSlack, mode: MemoryMode): Promise<MemoryRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-memory-'));
  if (mode === 'cold') prepareStore(dataDir);
  const args = mode === 'cold' ? ['serve'] : ['roi-runway', String(LEADS)];
  const started = performance.now();
  const app = await startAppProcess(slack, args, dataDir);
  const status = watchStatus(app.pid);
  const phases: Phase[] = [];
  const mark = async (name: string, tookMs: number) => {
    phases.push({ name, ...status.now(), heap: await app.heap('report'), tookMs });
  };
  try {
    await mark('started', performance.now() - started);
    await mark('/roi', await command(slack, app, ''));
    await mark('/roi spring-expo', await command(slack, app, 'spring-expo'));
    await mark('/roi digest preview', await command(slack, app, 'digest preview', 'U0MANAGER'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await mark('1 s later', 0);
    return { mode, peakMb: Math.max(...phases.map((p) => p.hwmMb)), phases };
  } finally {
    status.stop();
    app.stop();
    await app.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const mib = (x: number) => `${x.toFixed(0)} MiB`;

function describeRun(run: MemoryRun): string {
  const lines = run.phases.map(
    (p) =>
      `    ${p.name.padEnd(20)} RSS ${mib(p.rssMb).padStart(8)}  peak ${mib(p.hwmMb).padStart(8)}  heap used ` +
      `${mib(p.heap.heapUsedMb).padStart(8)} of ${mib(p.heap.heapTotalMb).padStart(8)}, external ` +
      `${mib(p.heap.externalMb)}${p.tookMs > 0 ? `  (${(p.tookMs / 1000).toFixed(2)} s)` : ''}`,
  );
  return [`  ${run.mode}: peak ${mib(run.peakMb)}`, ...lines].join('\n');
}

export async function runMemoryBench(
  modes: readonly MemoryMode[] = ['import', 'cold'],
  runs = Number(process.env.BENCH_MEMORY_RUNS ?? 3),
): Promise<MemoryRun[]> {
  const slack = await startFakeSlack();
  const results: MemoryRun[] = [];
  try {
    // Modes alternate run by run, so a busy spell of the shared machine falls on both.
    for (let i = 0; i < runs; i++) {
      for (const mode of modes) {
        const run = await runOnce(slack, mode);
        console.log(describeRun(run));
        results.push(run);
      }
    }
  } finally {
    await slack.close();
  }
  for (const mode of modes) {
    const peaks = results.filter((r) => r.mode === mode).map((r) => r.peakMb);
    console.log(
      `serving process, ${LEADS.toLocaleString('en-US')} leads (${mode}), /roi, /roi <campaign> and the digest: ` +
        `peak RSS ${mib(Math.min(...peaks))}–${mib(Math.max(...peaks))} over ${peaks.length} runs`,
    );
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const modes = process.argv.slice(2).filter((m): m is MemoryMode => m === 'import' || m === 'cold');
  await runMemoryBench(modes.length > 0 ? modes : undefined);
}
