import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NotionConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { NotionSchemaError, type NotionSync, startNotionSync } from '../../src/notion/index.js';
import { buildStoreServices, type StoreServices } from '../../src/store/index.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { MARIA, setUpNotionDatabases, sleep } from './harness.js';

const UNLIMITED = { rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 } };

let fake: FakeNotion;
let dir: string;
let services: StoreServices;
let sync: NotionSync | undefined;
beforeEach(async () => {
  fake = await startFakeNotion({ rateLimit: false });
  dir = mkdtempSync(join(tmpdir(), 'roi-notion-start-'));
  services = buildStoreServices(join(dir, 'roi-runway.sqlite'));
});
afterEach(async () => {
  await sync?.stop();
  sync = undefined;
  services.store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function buildConfig(ids: { leadsDb: string; spendDb: string; targetsDb: string }): NotionConfig {
  return { token: fake.token, apiUrl: fake.url, pollSeconds: 60, ...ids };
}

it('starts both workers: the import runs at once and a nudged change reaches Notion', async () => {
  const { databaseIds, dataSources } = setUpNotionDatabases(fake);
  const { logger } = createMemoryLogger();
  sync = await startNotionSync(buildConfig(databaseIds), {
    services,
    log: logger,
    api: UNLIMITED,
    sync: { pushIdleMs: 5000 },
  });
  const lead = services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
  sync.nudge();

  const deadline = Date.now() + 5000;
  while (
    (sync.syncStatus('lead', lead.id) !== 'synced' || sync.status().lastPullAt === null) &&
    Date.now() < deadline
  ) {
    await sleep(20);
  }

  expect(sync.syncStatus('lead', lead.id)).toBe('synced');
  expect(sync.status()).toMatchObject({ configured: true, pending: 0, failed: 0, healthy: true });
  expect(sync.status().lastPullAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(fake.plainRows(dataSources.lead)).toEqual([
    expect.objectContaining({ Name: 'Acme Corp', 'Lead ID': lead.id }),
  ]);
});

it('refuses to start on a schema that does not match, naming the problem and the fix', async () => {
  const { databaseIds } = setUpNotionDatabases(fake);
  // NOTION_TARGETS_DB points at a database that is not ours.
  const unrelated = fake.seedDatabase('Unrelated', { Name: { title: {} } });
  const start = startNotionSync(buildConfig({ ...databaseIds, targetsDb: unrelated.databaseId }), {
    services,
    log: createMemoryLogger().logger,
    api: UNLIMITED,
  });
  await expect(start).rejects.toThrow(NotionSchemaError);
  await expect(start).rejects.toThrow(
    /Targets: property "Month" is missing \(date\)[\s\S]*npm run setup:notion -- --repair/,
  );
});

it('cuts a start short when its signal aborts, even in a long 429 pause, and writes nothing to the store', async () => {
  const { databaseIds } = setUpNotionDatabases(fake);
  const { logger, lines } = createMemoryLogger();
  // Notion rate-limits the integration for a minute: the schema check's first request is refused and waits it out.
  fake.faults.rateLimit(true, 60);
  const controller = new AbortController();
  const starting = startNotionSync(buildConfig(databaseIds), {
    services,
    log: logger,
    api: UNLIMITED,
    signal: controller.signal,
  });
  const outcome = starting.then(
    () => 'started',
    (error: unknown) => (error instanceof Error ? error.name : String(error)),
  );
  const deadline = Date.now() + 5000;
  const pausing = () => lines.some((line) => line.includes('Notion asked us to wait 60 s'));
  while (!pausing() && Date.now() < deadline) await sleep(20);
  expect(pausing()).toBe(true);

  // The workspace closes: the start ends now, not when the minute is over, and never reaches the store.
  controller.abort();
  expect(await outcome).toBe('AbortError');
  expect(services.links.getSyncState('notion:first-import')).toBeNull();
  expect(fake.stats.requests).toBe(1);
});
