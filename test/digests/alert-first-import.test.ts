// A first start against a Notion database that holds a planted drop: the leak check at start must not judge a
// half-imported store (which would call the funnel whatever the first pages make it); it runs once the import has
// finished, and alerts once, on all the imported leads.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { STAGE_LABELS } from '../../src/domain/types.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { buildText } from '../fakes/notion/sdk-client.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { ALERT_CHANNEL, listChannelPosts, readBlockText } from '../helpers/alert-rig.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';
import { buildPlantedDrop, HOUR, T0 } from './alert-fixture.js';

const iso = (instant: number) => new Date(instant).toISOString();
const DATE_PROPERTIES = {
  mql: 'MQL date',
  sql: 'SQL date',
  opportunity: 'Opportunity date',
  customer: 'Customer date',
};

function buildRow(lead: Lead): Record<string, unknown> {
  const dates = Object.entries(lead.stageDates).map(([stage, at]) => [
    DATE_PROPERTIES[stage as keyof typeof DATE_PROPERTIES],
    { date: { start: iso(at) } },
  ]);
  return {
    Name: { title: buildText(lead.company) },
    'Lead ID': { rich_text: buildText(lead.id) },
    Source: { select: { name: lead.source } },
    Stage: { select: { name: STAGE_LABELS[lead.stage] } },
    Value: { number: lead.value },
    Created: { date: { start: iso(lead.createdAt) } },
    ...Object.fromEntries(dates),
  };
}

const leads = buildPlantedDrop();
let notion: FakeNotion;
let slack: FakeSlack;
let t: TestApp;

beforeAll(async () => {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  notion.seedRows(dataSources.lead, leads.length, (i) => buildRow(leads[i]!));
  slack = await startFakeSlack({ rateLimits: {} });
  t = await startTestApp({
    mode: 'http',
    slack,
    // An hour after T0: the whole planted drop is mature, so the imported data leaks.
    clock: () => T0 + HOUR,
    scheduleAlerts: true,
    logLevel: 'debug',
    env: {
      NOTION_TOKEN: notion.token,
      NOTION_API_URL: notion.url,
      NOTION_LEADS_DB: databaseIds.leadsDb,
      NOTION_SPEND_DB: databaseIds.spendDb,
      NOTION_TARGETS_DB: databaseIds.targetsDb,
    },
  });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await slack?.close();
  await notion?.close();
});

describe('the leak check on a first start against an existing Notion database', () => {
  it('judges nothing while the import runs, then alerts once on all the imported leads', async () => {
    await expect
      .poll(() => t.services.alerts.lastCheckedAt(ALERT_CHANNEL), { timeout: 45_000, interval: 100 })
      .toBe(T0 + HOUR);

    expect(t.service.listLeads()).toHaveLength(leads.length);
    const posts = listChannelPosts(slack);
    expect(posts).toHaveLength(1);
    expect(readBlockText(posts[0])).toContain('*25%* of 200 mature Lead leads moved on (95% CI 20%–31%)');
    const order = t.logs.map((line) => JSON.parse(line).msg as string);
    expect(order).toContain('Leak alerts wait for the first import from Notion');
    // The check at start came while the import ran: the first check to finish is the one after the import.
    expect(order.indexOf('First import from Notion finished; digests may run')).toBeLessThan(
      order.indexOf('Leak check finished'),
    );
    expect(order.filter((message) => message === 'Leak check finished')).toHaveLength(1);
    expect(order.indexOf('Leak check finished')).toBeGreaterThan(order.indexOf('Leak alert posted'));
  }, 60_000);
});
