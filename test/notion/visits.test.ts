// The optional Visits database (NOTION_VISITS_DB) against the fake Notion through the real SDK: synced both ways when
// it is configured, left alone (visits kept locally, the bot starting as before) when it is not, created by the
// setup beside an existing deployment's databases, and the Targets Stage option "Visits" on an older database.

import { isFullDataSource } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { NotionSchemaError, startNotionSync } from '../../src/notion/index.js';
import { buildSchemaConfig, TARGETS_DATABASE } from '../../src/notion/schema.js';
import { checkNotionSchema } from '../../src/notion/schema-check.js';
import { runNotionSetup } from '../../src/notion/setup.js';
import { createNotionSync } from '../../src/notion/sync.js';
import { buildText } from '../fakes/notion/sdk-client.js';
import { DAVE, MARIA, type NotionHarness, readLeadRows, setUpNotionDatabases, startNotionHarness } from './harness.js';

let h: NotionHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const UNLIMITED = { rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 } };

function pageOf(harness: NotionHarness, id: string): string {
  const link = harness.services.links.getLink('visit', id);
  if (link === null) throw new Error(`visit ${id} has no Notion page`);
  return link.pageId;
}

describe('with NOTION_VISITS_DB set', () => {
  it('pushes visits as rows named by month and source, one row per key however often it is recorded', async () => {
    h = await startNotionHarness({ visits: true });
    const plans = h.services.plans;
    const organic = plans.recordVisits(
      { month: '2026-11', source: 'organic-search', visits: 12_400 },
      { actor: MARIA },
    );
    plans.recordVisits({ month: '2026-11', source: null, visits: 30_000 }, { actor: MARIA });
    expect(h.sync.syncStatus('visit', organic.id)).toBe('pending');
    await h.sync.pushNow();
    plans.recordVisits({ month: '2026-11', source: 'organic-search', visits: 12_650 }, { actor: DAVE });
    await h.sync.pushNow();

    expect(h.fake.plainRows(h.dataSources.visit!)).toEqual([
      { Name: '2026-11 · organic-search', Month: '2026-11-01', Source: 'organic-search', Visits: 12_650 },
      { Name: '2026-11 · all sources', Month: '2026-11-01', Source: null, Visits: 30_000 },
    ]);
    expect(h.fake.stats.byRoute['pages.create']).toBe(2);
    expect(h.fake.stats.byRoute['pages.update']).toBe(1);
    expect(h.sync.syncStatus('visit', organic.id)).toBe('synced');
  });

  it('pulls a count corrected in Notion, a row typed there, and a row trashed there', async () => {
    h = await startNotionHarness({ visits: true, sync: { reconcileEvery: 2 } });
    await h.sync.pullNow();
    const ads = h.services.plans.recordVisits(
      { month: '2026-10', source: 'google-ads', visits: 3_000 },
      { actor: MARIA },
    );
    const site = h.services.plans.recordVisits({ month: '2026-10', source: null, visits: 9_000 }, { actor: MARIA });
    await h.sync.pushNow();

    h.fake.editPage(pageOf(h, ads.id), { Visits: { number: 3_250 } });
    h.fake.seedRows(h.dataSources.visit!, 1, () => ({
      Name: { title: buildText('2026-10 · linkedin') },
      Month: { date: { start: '2026-10-01' } },
      Source: { select: { name: 'LinkedIn' } },
      Visits: { number: 800 },
    }));
    h.fake.trash(pageOf(h, site.id));
    const pulled = await h.sync.pullNow();

    expect(pulled.visit?.changed).toBe(2);
    expect(h.services.plans.listVisits().map((row) => [row.id, row.source, row.visits])).toEqual([
      ['V-000001', 'google-ads', 3_250],
      ['V-000003', 'linkedin', 800],
    ]);
    expect(h.services.leads.dataset().visits?.map((row) => row.visits)).toEqual([3_250, 800]);
  });
});

describe('without NOTION_VISITS_DB (a deployment from before it)', () => {
  it('keeps visits local while leads sync, and pushes them once the database is configured', async () => {
    h = await startNotionHarness();
    const visit = h.services.plans.recordVisits(
      { month: '2026-11', source: 'linkedin', visits: 700 },
      { actor: MARIA },
    );
    const lead = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });

    const summary = await h.sync.pushNow();

    expect(summary).toMatchObject({ pushed: 1, failed: 0, stoppedBy: null });
    expect([...readLeadRows(h).keys()]).toEqual([lead.id]);
    expect(h.sync.syncStatus('visit', visit.id)).toBe('local');
    expect(h.sync.status()).toMatchObject({ pending: 0, healthy: true });
    expect(h.fake.databases().map((database) => database.title.map((item) => item.plain_text).join(''))).toEqual([
      'Leads',
      'Spend',
      'Targets',
    ]);

    // The admin runs the setup and sets NOTION_VISITS_DB: the visits recorded meanwhile reach Notion.
    const created = await runNotionSetup(h.api.client, { existing: h.databaseIds, repair: true, currency: 'USD' });
    const visitsDb = created.databases.find((db) => db.spec.entity === 'visit')!;
    const later = createNotionSync({
      api: h.api,
      dataSources: { ...h.dataSources, visit: visitsDb.dataSourceId },
      services: h.services,
      log: createMemoryLogger().logger,
      pollSeconds: 60,
    });
    await later.pushNow();
    expect(h.fake.plainRows(visitsDb.dataSourceId)).toEqual([
      { Name: '2026-11 · linkedin', Month: '2026-11-01', Source: 'linkedin', Visits: 700 },
    ]);
    expect(later.syncStatus('visit', visit.id)).toBe('synced');
  });

  it('starts as before; with NOTION_VISITS_DB set, the start-up check looks at that database too', async () => {
    h = await startNotionHarness();
    const { logger } = createMemoryLogger();
    const config = { token: h.fake.token, apiUrl: h.fake.url, pollSeconds: 60, ...h.databaseIds };
    const sync = await startNotionSync(config, { services: h.services, log: logger, api: UNLIMITED });
    const visit = h.services.plans.recordVisits({ month: '2026-11', source: null, visits: 1 }, { actor: MARIA });
    expect(sync.syncStatus('visit', visit.id)).toBe('local');
    await sync.stop();

    const wrong = h.fake.seedDatabase('Visits', { Name: { title: {} }, Month: { date: {} } });
    const unknown = '11111111-2222-4333-8444-555555555555';
    const start = startNotionSync({ ...config, visitsDb: wrong.databaseId }, { services: h.services, log: logger });
    await expect(start).rejects.toThrow(NotionSchemaError);
    await expect(start).rejects.toThrow(/Visits: property "Source" is missing \(select\)/);
    const check = await checkNotionSchema(h.api.client, { ...h.databaseIds, visitsDb: unknown });
    expect(check.problems).toEqual([
      `NOTION_VISITS_DB: Notion cannot find database ${unknown}; share it with the integration or fix the id`,
    ]);
  });
});

describe('the Targets Stage option "Visits"', () => {
  it('is added by Notion when an older Targets database without it gets a visits target; the check does not mind', async () => {
    h = await startNotionHarness();
    // The Targets database as the first release's setup made it: Stage without "Visits".
    const options = (TARGETS_DATABASE.properties.Stage?.options ?? []).filter((name) => name !== 'Visits');
    const oldTargets = h.fake.seedDatabase('Targets', {
      ...buildSchemaConfig(TARGETS_DATABASE, 'USD'),
      Stage: { select: { options: options.map((name) => ({ name })) } },
    });
    const stageOptions = async () => {
      const source = await h!.api.client.dataSources.retrieve({ data_source_id: oldTargets.dataSourceId });
      const stage = isFullDataSource(source) ? source.properties.Stage : undefined;
      return stage?.type === 'select' ? stage.select.options.map((option) => option.name) : [];
    };
    expect(await stageOptions()).not.toContain('Visits');
    // Missing options are not a start-up problem: the bot keeps starting.
    const ids = { ...h.databaseIds, targetsDb: oldTargets.databaseId };
    expect((await checkNotionSchema(h.api.client, ids)).ok).toBe(true);
    const sync = createNotionSync({
      api: h.api,
      dataSources: { ...h.dataSources, target: oldTargets.dataSourceId },
      services: h.services,
      log: createMemoryLogger().logger,
      pollSeconds: 60,
    });

    h.services.plans.recordTarget({ month: '2027-01', stage: 'visits', count: 6_000 }, { actor: MARIA });
    expect(await sync.pushNow()).toMatchObject({ pushed: 1, failed: 0 });

    expect(h.fake.plainRows(oldTargets.dataSourceId)).toEqual([
      { Name: '2027-01 · Visits', Month: '2027-01-01', Stage: 'Visits', Count: 6_000, Rate: null },
    ]);
    expect(await stageOptions()).toContain('Visits');
    await sync.pullNow();
    expect(h.services.plans.listTargets()).toEqual([expect.objectContaining({ stage: 'visits', count: 6_000 })]);
  });

  it('is added by the setup’s --repair, which also creates the Visits database beside the others', async () => {
    h = await startNotionHarness();
    const old = setUpNotionDatabases(h.fake);
    const targets = (TARGETS_DATABASE.properties.Stage?.options ?? []).filter((name) => name !== 'Visits');
    const oldTargets = h.fake.seedDatabase('Targets', {
      ...buildSchemaConfig(TARGETS_DATABASE, 'USD'),
      Stage: { select: { options: targets.map((name) => ({ name })) } },
    });
    const existing = { ...old.databaseIds, targetsDb: oldTargets.databaseId };

    const plain = await runNotionSetup(h.api.client, { existing, repair: false, currency: 'USD' });
    expect(plain.databases.find((db) => db.spec.title === 'Targets')?.problems).toEqual([
      'Targets: Stage lacks the options Visits',
    ]);
    const repaired = await runNotionSetup(h.api.client, { existing, repair: true, currency: 'USD' });

    expect(repaired.databases.find((db) => db.spec.title === 'Targets')?.repaired).toEqual([
      'Targets: Stage options Visits',
    ]);
    const visits = repaired.databases.find((db) => db.spec.title === 'Visits')!;
    // Created once (by the first run), found by the second, on the page the Leads database sits on.
    expect(plain.databases.find((db) => db.spec.title === 'Visits')?.action).toBe('created');
    expect(visits).toMatchObject({ action: 'found', problems: [], parentPageId: h.fake.rootPageId });
    expect(repaired.envLines).toContain(`NOTION_VISITS_DB=${visits.databaseId}`);
    expect((await checkNotionSchema(h.api.client, { ...existing, visitsDb: visits.databaseId })).ok).toBe(true);
  });
});
