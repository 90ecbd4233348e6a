// `npm run demo`: the Monday digest from sample data, with no credentials. A throwaway store is filled with six
// months of an industrial supplier's leads, the digest is built as of a fixed Monday, and everything a manager would
// see lands in out/: the Block Kit payloads, the chart PNGs and a readable Markdown copy.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withChartImages } from '../digests/chart-images.js';
import { buildLeakDigest } from '../digests/leak-digest.js';
import { buildWeeklyDigest } from '../digests/weekly-digest.js';
import { createChartRenderer } from '../src/charts/renderer.js';
import { buildDigestMarkdown, buildTerminalSummary } from '../src/demo/report.js';
import { computeWeeklyDigestData } from '../src/domain/digest-data.js';
import { DEFAULT_METRIC_SETTINGS, type MetricSettings } from '../src/domain/types.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { buildStoreServices } from '../src/store/index.js';

/** Monday 23 November 2026, 09:00 in Chicago: the digest reports the week of 16 November. */
const DEMO_AS_OF = Date.parse('2026-11-23T15:00:00Z');
const DEMO_TIME_ZONE = 'America/Chicago';
const OUT_DIR = 'out';

function main(): void {
  const startedAt = performance.now();
  const settings: MetricSettings = { ...DEFAULT_METRIC_SETTINGS, timeZone: DEMO_TIME_ZONE };
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-demo-'));
  const services = buildStoreServices(join(dataDir, 'roi-runway.sqlite'), () => DEMO_AS_OF);
  try {
    loadSample(services.store, generateSampleData({ seed: 42, asOf: DEMO_AS_OF, timeZone: DEMO_TIME_ZONE }));
    const data = computeWeeklyDigestData(services.leads.dataset(), DEMO_AS_OF, settings);
    const messages = [buildWeeklyDigest(data), buildLeakDigest(data)];

    mkdirSync(OUT_DIR, { recursive: true });
    const renderer = createChartRenderer();
    const fileIds: Record<string, string> = {};
    const pngs: Record<string, string> = {};
    for (const chart of messages.flatMap((m) => m.charts)) {
      const file = `${chart.id}.png`;
      writeFileSync(join(OUT_DIR, file), chart.render(renderer));
      fileIds[chart.id] = `F_DEMO_${chart.id.toUpperCase()}`;
      pngs[chart.id] = file;
    }
    const payloads = messages.map((m) => ({ text: m.text, blocks: withChartImages(m, fileIds) }));
    writeFileSync(join(OUT_DIR, 'digest.json'), `${JSON.stringify(payloads, null, 2)}\n`);
    // The Markdown copy shows each chart where the digest shows its image: file id → the PNG beside it.
    const byFileId = Object.fromEntries(Object.entries(fileIds).map(([id, fileId]) => [fileId, pngs[id] ?? '']));
    writeFileSync(join(OUT_DIR, 'digest.md'), buildDigestMarkdown(payloads, byFileId));

    const seconds = (performance.now() - startedAt) / 1000;
    process.stdout.write(buildTerminalSummary(data, { outDir: OUT_DIR, files: Object.values(pngs), seconds }));
  } finally {
    services.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main();
