// One benchmark case, run in its own process so its peak RSS is its own:
//   prepare <file> <leads>   fill a store with sample data (not timed)
//   build <file> [schema]    open the store and build the whole digest: load, metrics, both messages, every chart
//                            (a Postgres schema: one workspace's store in distribution mode, tenants.ts)
// Prints one JSON line.

import { buildLeakDigest } from '../digests/leak-digest.js';
import { buildWeeklyDigest } from '../digests/weekly-digest.js';
import { createChartRenderer } from '../src/charts/renderer.js';
import { computeWeeklyDigestData } from '../src/domain/digest-data.js';
import { DEFAULT_METRIC_SETTINGS } from '../src/domain/types.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildStoreServices } from '../src/store/index.js';

export const BENCH_AS_OF = Date.parse('2026-11-23T15:00:00Z');
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };

/** A file path, or a postgres:// address for the same case on Postgres (bench/store.ts), optionally in a schema. */
const storeAt = (file: string, schema?: string) =>
  file.startsWith('postgres') ? { file: 'unused', url: file, ...(schema === undefined ? {} : { schema }) } : file;

function prepare(file: string, leads: number): void {
  const services = buildStoreServices(storeAt(file), () => BENCH_AS_OF);
  loadSample(services.store, generateSampleData({ seed: 7, asOf: BENCH_AS_OF, leads, timeZone: settings.timeZone }));
  services.store.close();
}

async function build(file: string, schema?: string): Promise<Record<string, number>> {
  const services = buildStoreServices(storeAt(file, schema), () => BENCH_AS_OF);
  const renderer = createChartRenderer();
  const t0 = performance.now();
  // On Postgres, the read the bot makes at start (one asynchronous read); on SQLite the same plain read as before.
  const dataset = file.startsWith('postgres') ? await services.leads.datasetAsync() : services.leads.dataset();
  const t1 = performance.now();
  const data = computeWeeklyDigestData(dataset, BENCH_AS_OF, settings);
  const t2 = performance.now();
  const messages = [buildWeeklyDigest(data), buildLeakDigest(data)];
  const t3 = performance.now();
  let bytes = 0;
  for (const chart of messages.flatMap((m) => m.charts)) bytes += chart.render(renderer).length;
  const t4 = performance.now();
  services.store.close();
  return {
    leads: dataset.leads.length,
    loadMs: t1 - t0,
    metricsMs: t2 - t1,
    blocksMs: t3 - t2,
    chartsMs: t4 - t3,
    totalMs: t4 - t0,
    pngBytes: bytes,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const [mode, file, third] = process.argv.slice(2);
if (mode === 'prepare' && file && third) {
  prepare(file, Number(third));
  process.stdout.write('{}\n');
} else if (mode === 'build' && file) {
  process.stdout.write(`${JSON.stringify(await build(file, third))}\n`);
} else {
  process.stderr.write('usage: digest-case.ts prepare <file> <leads> | build <file> [schema]\n');
  process.exit(2);
}
