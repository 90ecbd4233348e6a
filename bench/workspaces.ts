// What one open workspace costs in memory (distribution mode), for WORKSPACE_CACHE_SIZE: eight workspaces of 5,000
// sample leads each are opened one after the other through the registry (src/workspace-registry.ts), the same
// runtime a request opens, and the heap and resident set are read after a full GC each time. The slope per workspace
// is the figure; the machine is shared, so the runs' range is printed too.
//   node --expose-gc --import tsx bench/workspaces.ts [leads] [workspaces]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.js';
import { buildDistributionRuntime } from '../src/distribution-runtime.js';
import { createLogger } from '../src/log.js';
import { generateSampleData, loadSample } from '../src/sample/generate.js';
import { openWorkspaceStore } from '../src/workspace-store.js';
import { buildSilentSlackLogger } from '../test/fakes/slack/index.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');
const LEADS = Number(process.argv[2] ?? 5_000);
const WORKSPACES = Number(process.argv[3] ?? 8);

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

function measure() {
  gc!();
  gc!();
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return { heapMb: mb(heapUsed), rssMb: mb(rss), externalMb: mb(external + arrayBuffers) };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-bench-workspaces-'));
  const env = { SLACK_SIGNING_SECRET: 'bench', PORT: '0', DATA_DIR: dataDir, WORKSPACE_CACHE_SIZE: String(WORKSPACES) };
  const config = parseConfig(env, 'offline');
  const keys = Array.from({ length: WORKSPACES }, (_, i) => `T0BENCH${i}`);
  for (const [i, key] of keys.entries()) {
    const { services } = openWorkspaceStore(config, key, () => AS_OF);
    loadSample(services.store, generateSampleData({ seed: 7 + i, asOf: AS_OF, leads: LEADS }));
    services.store.close();
  }
  const installations = {
    isInstalled: async (key: string) => keys.includes(key),
    botTokenFor: async (key: string) => (keys.includes(key) ? 'xoxb-bench' : null),
    installedKeys: async () => keys,
  };
  const runtime = buildDistributionRuntime(config, installations, {
    clock: () => AS_OF,
    log: createLogger({ level: 'error' }),
    slackLogger: buildSilentSlackLogger(),
    scheduleDigests: false,
    scheduleAlerts: false,
    startPrompts: false,
  });
  const before = measure();
  const rows = [{ open: 0, ...before }];
  for (const [i, key] of keys.entries()) {
    await runtime.registry.use(key, async (workspace) => workspace.deps.services.leads.dataset().leads.length);
    rows.push({ open: i + 1, ...measure() });
  }
  const last = rows[rows.length - 1]!;
  const perWorkspace = {
    heapMb: Math.round(((last.heapMb - before.heapMb) / WORKSPACES) * 10) / 10,
    rssMb: Math.round(((last.rssMb - before.rssMb) / WORKSPACES) * 10) / 10,
  };
  console.table(rows);
  console.log(JSON.stringify({ leads: LEADS, workspaces: WORKSPACES, perWorkspace }));
  await runtime.registry.stopAll();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
