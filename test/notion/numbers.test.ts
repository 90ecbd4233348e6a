// Issue 12 in Notion: the optional Numbers database and the optional tracked/said columns of Leads. A deployment
// without them keeps starting and syncing; one with them gets its tracking numbers both ways.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { NotionConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { type NotionSync, startNotionSync } from '../../src/notion/index.js';
import { buildSchemaConfig, LEADS_DATABASE, NUMBERS_DATABASE } from '../../src/notion/schema.js';
import { buildStoreServices, type StoreServices } from '../../src/store/index.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { buildText } from '../fakes/notion/sdk-client.js';
import { MARIA, setUpNotionDatabases } from './harness.js';

const UNLIMITED = { rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 } };
const CALL = {
  channel: 'phone' as const,
  receivedAt: Date.UTC(2026, 10, 23, 15),
  company: 'Acme Corp',
  contact: null,
  notes: null,
  owner: null,
  payloadDigest: 'x',
  tracking: { trackingNumber: '+15550102000', utmSource: null, utmCampaign: null },
};

let fake: FakeNotion;
let dir: string;
let services: StoreServices;
let sync: NotionSync | undefined;
beforeEach(async () => {
  fake = await startFakeNotion({ rateLimit: false });
  dir = mkdtempSync(join(tmpdir(), 'roi-notion-numbers-'));
  services = buildStoreServices(join(dir, 'roi-runway.sqlite'));
});
afterEach(async () => {
  await sync?.stop();
  sync = undefined;
  services.store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(config: Partial<NotionConfig> & Pick<NotionConfig, 'leadsDb' | 'spendDb' | 'targetsDb'>) {
  const memory = createMemoryLogger();
  sync = await startNotionSync(
    { token: fake.token, apiUrl: fake.url, pollSeconds: 3600, ...config },
    { services, log: memory.logger, api: UNLIMITED, sync: { pushIdleMs: 3_600_000 } },
  );
  await sync.pullNow();
  return memory;
}

it('starts on a Leads database set up before issue 12 and without NOTION_NUMBERS_DB; numbers stay local', async () => {
  const { databaseIds, dataSources } = setUpNotionDatabases(fake);
  const oldLeadsSchema = Object.fromEntries(
    Object.entries(LEADS_DATABASE.properties).filter(([, spec]) => !spec.optional),
  );
  const oldLeads = fake.seedDatabase(
    'Old leads',
    buildSchemaConfig({ ...LEADS_DATABASE, properties: oldLeadsSchema }, 'USD'),
  );
  const memory = await start({ ...databaseIds, leadsDb: oldLeads.databaseId });
  expect(memory.lines.join('\n')).toContain('lacks optional properties');

  services.plans.recordNumber(
    { number: '+15550102000', source: 'thomasnet', campaign: 'spring-expo' },
    { actor: MARIA },
  );
  const { leadId } = services.inquiries.recordInquiry({ ...CALL, id: 'call-1' });
  const summary = await sync!.pushNow();

  expect(summary).toMatchObject({ pushed: 1, failed: 0, stoppedBy: null });
  expect(fake.plainRows(oldLeads.dataSourceId)).toEqual([
    expect.objectContaining({ 'Lead ID': leadId, Source: 'thomasnet', Campaign: 'spring-expo' }),
  ]);
  expect(fake.plainRows(dataSources.lead)).toEqual([]);
  // The number waits in the outbox for a Numbers database (as visits do for theirs); /healthz does not count it.
  expect(services.outbox.size()).toBe(1);
  expect(sync!.status().pending).toBe(0);
  expect(sync!.syncStatus('number', 'N-000001')).toBe('local');
});

it('with NOTION_NUMBERS_DB: local numbers are pushed, numbers typed in Notion any way are pulled in E.164', async () => {
  const { databaseIds, dataSources } = setUpNotionDatabases(fake);
  services.plans.recordNumber({ number: '+15550102000', source: 'thomasnet' }, { actor: MARIA });
  const numbers = fake.seedDatabase('Numbers', buildSchemaConfig(NUMBERS_DATABASE, 'USD'));
  fake.seedRows(numbers.dataSourceId, 3, (index) => ({
    Name: { title: buildText(['(555) 010-3000', 'call us', '+44 20 7946 0958'][index] ?? '') },
    Source: { select: { name: ['Trade show', 'linkedin', 'directory'][index] ?? '' } },
  }));
  const memory = await start({ ...databaseIds, numbersDb: numbers.databaseId });
  await sync!.pushNow();

  expect(
    services.plans
      .listNumbers()
      .map(({ number, source }) => `${number} ${source}`)
      .sort(),
  ).toEqual(['+15550102000 thomasnet', '+15550103000 trade-show', '+442079460958 directory']);
  const problems = memory.lines.map((line) => (JSON.parse(line) as { problem?: string }).problem);
  expect(problems).toContain('"call us" is not a phone number (e.g. +1 555 010 2000)');
  expect(fake.plainRows(numbers.dataSourceId)).toContainEqual({
    Name: '+15550102000',
    Campaign: null,
    Source: 'thomasnet',
  });

  // The tracked and said columns exist here: the lead's row shows both.
  services.plans.recordNumber({ number: '+15550103000', campaign: 'spring-expo' }, { actor: MARIA });
  const { leadId } = services.inquiries.recordInquiry({
    ...CALL,
    id: 'call-2',
    tracking: { ...CALL.tracking, trackingNumber: '+15550103000' },
  });
  services.leads.recordSaidSource(leadId, 'referral', { actor: MARIA });
  await sync!.pushNow();
  expect(fake.plainRows(dataSources.lead)).toEqual([
    expect.objectContaining({
      'Lead ID': leadId,
      Source: 'referral',
      'Tracked source': 'trade-show',
      'Tracked campaign': 'spring-expo',
      'Said source': 'referral',
    }),
  ]);
});
