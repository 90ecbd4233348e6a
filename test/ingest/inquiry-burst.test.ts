// A webhook burst: 200 inquiries (and 20 of them sent again, as a tool retrying does) within 10 seconds. Every one is
// answered in under a second, each company becomes exactly one lead, and Notion gets each lead exactly once.

import { afterEach, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { buildNotionApi } from '../../src/notion/index.js';
import { createNotionSync } from '../../src/notion/sync.js';
import { buildCompanyName } from '../../src/sample/sample-names.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { readLeadRows, setUpNotionDatabases } from '../notion/harness.js';
import { INGEST_SECRET, type SentInquiry, sendInquiry } from './ingest-client.js';

let t: TestApp | undefined;
let notion: FakeNotion | undefined;
afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = notion = undefined;
});

const INQUIRIES = 200;
const RESENT = 20;
const WAVES = 10;

it('acks 200 inquiries in 10 s each under a second, logs each lead once, and Notion gets each exactly once', async () => {
  t = await startTestApp({ mode: 'http', env: { INGEST_SECRET }, logLevel: 'warn' });
  const app = t;
  app.services.plans.recordNumber(
    { number: '+15550102000', source: 'thomasnet' },
    { actor: { id: 'U0MANAGER', name: 'maria' } },
  );
  const base = app.healthUrl.replace('/healthz', '');
  const body = (index: number) => ({
    id: `burst-${index}`,
    channel: index % 5 < 3 ? 'phone' : 'web-form',
    company: buildCompanyName(index),
    tracking_number: index % 2 === 0 ? '+1 555 010 2000' : null,
  });

  // Ten waves a second apart, each sent all at once: 20 new inquiries and 2 resent ones per wave.
  const answers: SentInquiry[] = [];
  const perWave = INQUIRIES / WAVES;
  for (let wave = 0; wave < WAVES; wave += 1) {
    const started = Date.now();
    const indexes = Array.from({ length: perWave }, (_, i) => wave * perWave + i);
    const resent = indexes.slice(0, RESENT / WAVES).map((index) => Math.max(0, index - perWave));
    const sent = await Promise.all([...indexes, ...resent].map((index) => sendInquiry(base, Date.now(), body(index))));
    answers.push(...sent);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - (Date.now() - started))));
  }

  expect(answers).toHaveLength(INQUIRIES + RESENT);
  expect(answers.filter((answer) => answer.status === 202)).toHaveLength(INQUIRIES);
  expect(answers.filter((answer) => answer.status === 200 && answer.body.status === 'duplicate')).toHaveLength(RESENT);
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(1000);
  await app.runtime.ingest.drain();
  const leads = app.service.listLeads();
  expect(leads).toHaveLength(INQUIRIES);
  expect(new Set(leads.map((lead) => lead.company)).size).toBe(INQUIRIES);
  expect(leads.filter((lead) => lead.trackedSource === 'thomasnet')).toHaveLength(INQUIRIES / 2);

  // The sync drains what the burst queued: one create per lead, and every Lead ID once in Notion.
  notion = await startFakeNotion({ rateLimit: false });
  const { dataSources } = setUpNotionDatabases(notion);
  const { logger } = createMemoryLogger('warn');
  const api = buildNotionApi(
    { token: notion.token, apiUrl: notion.url },
    { log: logger, rate: { perSecond: 1000, burst: 50 } },
  );
  const sync = createNotionSync({ api, dataSources, services: app.services, log: logger, pollSeconds: 3600 });
  const summary = await sync.pushNow();
  // The tracking number stays local (no Numbers database here): its outbox row is settled without a request.
  expect(summary).toMatchObject({ pushed: INQUIRIES, failed: 0, stoppedBy: null });
  expect(notion.stats.byRoute['pages.create']).toBe(INQUIRIES);
  const rows = readLeadRows({ fake: notion, dataSources } as Parameters<typeof readLeadRows>[0]);
  expect(rows.size).toBe(INQUIRIES);
  expect(await sync.pushNow()).toMatchObject({ pushed: 0 });
}, 60_000);
