// What stalls an app process while it is measured: garbage-collection pauses and event-loop delay, and how long the
// process itself took to answer each request. The benchmark asks each app process (over its IPC channel) to start
// counting before a phase and to report after it, so a slow ack can be told apart from a collector pause or a long
// piece of work.

import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { startCpuProfile } from './cpu-profile.js';
import { type Summary, summarize } from './stats.js';

/** The header a load generator names its load by (tenants-load.ts: 'many' or 'one'), to split the answer times. */
export const LOAD_HEADER = 'x-bench-load';

export interface PauseReport {
  /** Event-loop delay percentiles and worst case, in ms, sampled every millisecond. */
  loopDelayP99: number;
  loopDelayMax: number;
  gcCount: number;
  gcTotal: number;
  gcMax: number;
  /**
   * Inside the process, each POST's time from its headers parsed to its answer written, by the load that sent it
   * (LOAD_HEADER): what the process itself took, apart from the time before the loop read the request.
   */
  answered: Record<string, Summary>;
}

type Channel = { request: IncomingMessage; response: ServerResponse };

/** Times each POST from its headers parsed to its answer written, by LOAD_HEADER; `take` empties the lists. */
function watchAnswers() {
  const started = new WeakMap<ServerResponse, number>();
  let times = new Map<string, number[]>();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as Channel;
    if (request.method === 'POST') started.set(response, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as Channel;
    const at = started.get(response);
    if (at === undefined) return;
    const load = String(request.headers[LOAD_HEADER] ?? 'other');
    const list = times.get(load) ?? [];
    list.push(performance.now() - at);
    times.set(load, list);
  });
  return {
    take(): Record<string, Summary> {
      const taken = Object.fromEntries([...times].map(([load, list]) => [load, summarize(list)]));
      times = new Map();
      return taken;
    },
  };
}

export type PauseRequest = { pauses: 'reset' } | { pauses: 'report' };

/** The process's memory as it sees it (the memory bench reads RSS from outside; this says what the heap holds). */
export interface HeapReport {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Answers { heap: 'report' } over IPC; { heap: 'collect' } first runs a full collection (needs --expose-gc). */
function answerHeap(request: { heap: 'report' | 'collect' }): void {
  if (request.heap === 'collect') (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  const report: HeapReport = {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
  process.send?.({ heap: report });
}

/** BENCH_PROFILE_DIR: a CPU profile of the process between 'reset' and 'report' (one phase), as <pid>-<n>.cpuprofile. */
function buildPhaseProfiler(dir: string | undefined) {
  let stop: ((file: string) => Promise<void>) | undefined;
  let phase = 0;
  return {
    async start() {
      if (dir !== undefined) stop = await startCpuProfile(500);
    },
    async stop() {
      phase += 1;
      await stop?.(`${dir}/${process.pid}-${phase}.cpuprofile`);
      stop = undefined;
    },
  };
}

export function watchPauses(): void {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const answers = watchAnswers();
  let collections: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      collections.push(entry.duration);
      // BENCH_VERBOSE=1 names every pause over 10 ms: kind 1 is a scavenge, 4 a mark-compact (see perf_hooks).
      if (process.env.BENCH_VERBOSE && entry.duration > 10) {
        const heapMb = (process.memoryUsage().heapUsed / 1e6).toFixed(0);
        process.stderr.write(
          `gc ${JSON.stringify((entry as PerformanceEntry & { detail?: unknown }).detail)} ${entry.duration.toFixed(1)} ms, heap ${heapMb} MB\n`,
        );
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const profiler = buildPhaseProfiler(process.env.BENCH_PROFILE_DIR);
  process.on('message', async (request: PauseRequest | { heap: 'report' | 'collect' }) => {
    if ('heap' in request) {
      answerHeap(request);
      return;
    }
    if (request.pauses === 'reset') {
      delay.reset();
      collections = [];
      answers.take();
      await profiler.start();
      process.send?.({ pauses: 'reset' });
      return;
    }
    await profiler.stop();
    const report: PauseReport = {
      loopDelayP99: delay.percentile(99) / 1e6,
      loopDelayMax: delay.max / 1e6,
      gcCount: collections.length,
      gcTotal: collections.reduce((sum, d) => sum + d, 0),
      gcMax: Math.max(0, ...collections),
      answered: answers.take(),
    };
    process.send?.({ pauses: report });
  });
}
