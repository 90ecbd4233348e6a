// What stalls an app process while it is measured: garbage-collection pauses and event-loop delay. The benchmark
// asks each app process (over its IPC channel) to start counting before a phase and to report after it, so a slow
// ack can be told apart from a collector pause or a long piece of work.

import { monitorEventLoopDelay, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

export interface PauseReport {
  /** Event-loop delay percentiles and worst case, in ms, sampled every millisecond. */
  loopDelayP99: number;
  loopDelayMax: number;
  gcCount: number;
  gcTotal: number;
  gcMax: number;
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

export function watchPauses(): void {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
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
  process.on('message', (request: PauseRequest | { heap: 'report' | 'collect' }) => {
    if ('heap' in request) {
      answerHeap(request);
      return;
    }
    if (request.pauses === 'reset') {
      delay.reset();
      collections = [];
      process.send?.({ pauses: 'reset' });
      return;
    }
    const report: PauseReport = {
      loopDelayP99: delay.percentile(99) / 1e6,
      loopDelayMax: delay.max / 1e6,
      gcCount: collections.length,
      gcTotal: collections.reduce((sum, d) => sum + d, 0),
      gcMax: Math.max(0, ...collections),
    };
    process.send?.({ pauses: report });
  });
}
