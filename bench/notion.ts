// Notion sync figures against the fake Notion (over HTTP, through the real SDK): requests per sync round, the
// initial import under Notion's 3 requests/second, and push throughput under that limit.
// Run alone with `npx tsx bench/notion.ts`, or through `npm run bench`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMemoryLogger } from '../src/log.js';
import { buildNotionApi, createNotionSync, type NotionSync } from '../src/notion/index.js';
import { buildSchemaConfig, NOTION_DATABASES } from '../src/notion/schema.js';
import { buildStoreServices, type StoreServices } from '../src/store/index.js';
import { type FakeNotion, type FakeNotionOptions, startFakeNotion } from '../test/fakes/notion/index.js';
import { buildText } from '../test/fakes/notion/sdk-client.js';

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

const REP = { id: 'U0BENCH', name: 'Bench Rep' };
/** The fake's default limit: 3 requests a second on average, bursts of 10 tolerated, as Notion documents. */
const NOTION_LIMIT = { perSecond: 3, burst: 10 };

interface Rig {
  fake: FakeNotion;
  services: StoreServices;
  sync: NotionSync;
  requests: () => number;
  close: () => Promise<void>;
}

async function startRig(fakeOptions: Partial<FakeNotionOptions>, limited: boolean): Promise<Rig> {
  const fake = await startFakeNotion(fakeOptions);
  const [lead, spend, target] = NOTION_DATABASES.map(
    (spec) => fake.seedDatabase(spec.title, buildSchemaConfig(spec, 'USD')).dataSourceId,
  );
  const dir = mkdtempSync(join(tmpdir(), 'roi-bench-notion-'));
  const services = buildStoreServices(join(dir, 'bench.sqlite'));
  const { logger } = createMemoryLogger('warn');
  // Limited rigs use the sync's own default bucket (3 a second, bursts of 3).
  const rate = limited ? undefined : { perSecond: Number.POSITIVE_INFINITY, burst: 1 };
  const api = buildNotionApi({ token: fake.token, apiUrl: fake.url }, { log: logger, ...(rate ? { rate } : {}) });
  const dataSources = { lead: lead ?? '', spend: spend ?? '', target: target ?? '' };
  const sync = createNotionSync({ api, dataSources, services, log: logger, pollSeconds: 60 });
  return {
    fake,
    services,
    sync,
    requests: () => api.counters.requests,
    close: async () => {
      await sync.stop();
      services.store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function seedLeads(fake: FakeNotion, dataSourceId: string, count: number): string[] {
  const ids: string[] = [];
  // Real Notion creates at most ~180 rows a minute; 150 per created_time minute keeps window boundaries realistic.
  for (let start = 0; start < count; start += 150) {
    const size = Math.min(150, count - start);
    ids.push(
      ...fake.seedRows(dataSourceId, size, (offset) => ({
        Name: { title: buildText(`Company ${start + offset + 1}`) },
        'Lead ID': { rich_text: buildText(`L-${String(start + offset + 1).padStart(6, '0')}`) },
      })),
    );
    fake.advance(60_000);
  }
  return ids;
}

/** Pushes until nothing is due, waiting out any transient failure's backoff. */
async function drainPush(sync: NotionSync): Promise<void> {
  for (;;) {
    const summary = await sync.pushNow();
    if (summary.stoppedBy === null) return;
    await new Promise((resolve) => setTimeout(resolve, summary.retryInMs));
  }
}

async function measureRequests(rig: Rig, run: () => Promise<unknown>): Promise<number> {
  const before = rig.requests();
  await run();
  return rig.requests() - before;
}

async function benchSyncRounds(rows: BenchRow[]): Promise<void> {
  const rig = await startRig({ rateLimit: false }, false);
  const dataSourceId = rig.fake.dataSources().find((source) => source.title[0]?.plain_text === 'Leads')?.id ?? '';
  const pageIds = seedLeads(rig.fake, dataSourceId, 10_000);
  await rig.sync.pullNow();
  for (const changed of [0, 100, 10_000]) {
    rig.fake.advance(5 * 60_000);
    for (const pageId of pageIds.slice(0, changed)) rig.fake.editPage(pageId, { Value: { number: changed } });
    const requests = await measureRequests(rig, () => rig.sync.pullNow());
    rows.push({
      metric: `pull round, ${changed} rows edited in Notion`,
      value: requests,
      unit: 'requests',
      note: 'rows edited since the watermark minute − 60 s, 100 a page, plus one query per other data source',
    });
  }
  const leads = rig.services.leads.listLeads();
  for (const changed of [0, 100, 10_000]) {
    for (const lead of leads.slice(0, changed)) rig.services.leads.setValue(lead.id, changed + 1, { actor: REP });
    const requests = await measureRequests(rig, () => drainPush(rig.sync));
    rows.push({
      metric: `push round, ${changed} leads changed here`,
      value: requests,
      unit: 'requests',
      note: 'one write per record',
    });
  }
  await rig.close();
}

async function benchLimitedImport(rows: BenchRow[]): Promise<void> {
  const rig = await startRig({ rateLimit: NOTION_LIMIT }, true);
  const dataSourceId = rig.fake.dataSources().find((source) => source.title[0]?.plain_text === 'Leads')?.id ?? '';
  seedLeads(rig.fake, dataSourceId, 10_000);
  const started = performance.now();
  await rig.sync.pullNow();
  const seconds = (performance.now() - started) / 1000;
  // 10,000 rows / 100 per page = 100 pages; at 3 requests a second that is 33.3 s at best.
  const floor = 100 / 3;
  rows.push({ metric: 'initial import of 10,000 rows at 3 req/s', value: round(seconds), unit: 's' });
  rows.push({ metric: 'import time / 33.3 s floor', value: round(seconds / floor), unit: 'ratio' });
  rows.push({ metric: 'import 429 answers', value: rig.fake.stats.rateLimited, unit: 'count' });
  await rig.close();
}

async function benchLimitedPush(rows: BenchRow[]): Promise<void> {
  const rig = await startRig({ rateLimit: NOTION_LIMIT }, true);
  const changes = 45;
  for (let index = 1; index <= changes; index += 1)
    rig.services.leads.createLead({ company: `Push ${index}` }, { actor: REP });
  const started = performance.now();
  await drainPush(rig.sync);
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    metric: `push throughput, ${changes} changes at 3 req/s`,
    value: round(changes / seconds),
    unit: 'changes/s',
  });
  rows.push({ metric: 'push 429 answers', value: rig.fake.stats.rateLimited, unit: 'count' });
  await rig.close();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export async function runNotionBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await benchSyncRounds(rows);
  await benchLimitedImport(rows);
  await benchLimitedPush(rows);
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runNotionBench();
  for (const row of rows)
    process.stdout.write(`${row.metric.padEnd(48)} ${String(row.value).padStart(10)} ${row.unit}\n`);
}
