import { isFullDataSource } from '@notionhq/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { buildNotionApi, type NotionApi } from '../../src/notion/client.js';
import { checkNotionSchema } from '../../src/notion/schema-check.js';
import { NotionSetupError, runNotionSetup } from '../../src/notion/setup.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';

// DESIGN.md's Notion schema, written out by hand: the setup must create exactly this (Visits is the optional
// database of NOTION_VISITS_DB, created beside the others).
const DESIGN_SCHEMA: Record<string, Record<string, string>> = {
  Leads: {
    Name: 'title',
    'Lead ID': 'rich_text',
    Source: 'select',
    Campaign: 'select',
    Channel: 'select',
    Stage: 'select',
    Value: 'number',
    Owner: 'rich_text',
    'Owner ID': 'rich_text',
    Created: 'date',
    'MQL date': 'date',
    'SQL date': 'date',
    'Opportunity date': 'date',
    'Customer date': 'date',
    'Lost date': 'date',
    Touches: 'rich_text',
    'Lost reason': 'rich_text',
    Contact: 'rich_text',
    Notes: 'rich_text',
    'Tracked source': 'select',
    'Tracked campaign': 'select',
    'Said source': 'select',
  },
  Spend: { Name: 'title', Campaign: 'select', Source: 'select', Month: 'date', Amount: 'number', Category: 'select' },
  Targets: { Name: 'title', Month: 'date', Stage: 'select', Count: 'number', Rate: 'number' },
  Visits: { Name: 'title', Month: 'date', Source: 'select', Visits: 'number' },
  Numbers: { Name: 'title', Campaign: 'select', Source: 'select' },
};

let fake: FakeNotion;
let api: NotionApi;

beforeEach(async () => {
  fake = await startFakeNotion({ rateLimit: false });
  api = buildNotionApi(
    { token: fake.token, apiUrl: fake.url },
    { log: createMemoryLogger().logger, rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 } },
  );
});
afterEach(async () => {
  await fake.close();
});

function readSchemas(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    fake
      .dataSources()
      .map((source) => [
        source.title.map((item) => item.plain_text).join(''),
        Object.fromEntries(Object.entries(source.properties).map(([name, property]) => [name, property.type])),
      ]),
  );
}

async function runSetup(repair = false) {
  return runNotionSetup(api.client, { parentPageId: fake.rootPageId, repair, currency: 'USD' });
}

async function readOptions(dataSourceId: string, property: string): Promise<string[]> {
  const source = await api.client.dataSources.retrieve({ data_source_id: dataSourceId });
  const config = isFullDataSource(source) ? source.properties[property] : undefined;
  return config?.type === 'select' ? config.select.options.map((option) => option.name) : [];
}

describe('npm run setup:notion', () => {
  it('creates the five databases with exactly the schema of DESIGN.md and prints their ids', async () => {
    const result = await runSetup();

    expect(readSchemas()).toEqual(DESIGN_SCHEMA);
    expect(result.databases.map((db) => db.action)).toEqual(['created', 'created', 'created', 'created', 'created']);
    const ids = fake.databases().map((database) => database.id);
    expect(result.envLines).toEqual([
      `NOTION_LEADS_DB=${ids[0]}`,
      `NOTION_SPEND_DB=${ids[1]}`,
      `NOTION_TARGETS_DB=${ids[2]}`,
      `NOTION_VISITS_DB=${ids[3]}`,
      `NOTION_NUMBERS_DB=${ids[4]}`,
    ]);
    const leads = result.databases[0]!.dataSourceId;
    expect(await readOptions(leads, 'Stage')).toEqual(['Lead', 'MQL', 'SQL', 'Opportunity', 'Customer', 'Lost']);
    expect(await readOptions(leads, 'Channel')).toEqual(['phone', 'email', 'web-form', 'chat', 'in-person', 'other']);
    expect(await readOptions(leads, 'Source')).toContain('thomasnet');
    expect(await readOptions(result.databases[1]!.dataSourceId, 'Category')).toEqual([
      'media',
      'agency',
      'event',
      'tools',
      'salaries',
      'overhead',
    ]);
    expect(await readOptions(result.databases[2]!.dataSourceId, 'Stage')).toEqual([
      'Visits',
      'Lead',
      'MQL',
      'SQL',
      'Opportunity',
      'Customer',
    ]);
    expect(await readOptions(result.databases[3]!.dataSourceId, 'Source')).toContain('organic-search');
  });

  it('finds the databases on a second run instead of creating them again', async () => {
    const first = await runSetup();
    const second = await runSetup();

    expect(fake.databases()).toHaveLength(5);
    expect(second.databases.map((db) => db.action)).toEqual(['found', 'found', 'found', 'found', 'found']);
    expect(second.envLines).toEqual(first.envLines);
  });

  it('--repair completes a hand-made Leads database: missing property and missing Stage options', async () => {
    const leadsSchema = Object.fromEntries(
      Object.entries(DESIGN_SCHEMA.Leads!)
        .filter(([name]) => !['Notes', 'Tracked source', 'Tracked campaign', 'Said source'].includes(name))
        .map(([name, type]) => [name, { [type]: {} }]),
    );
    const handMade = fake.seedDatabase('Leads', {
      ...leadsSchema,
      Stage: { select: { options: [{ name: 'Lead' }, { name: 'MQL' }] } },
    });

    const plain = await runSetup();
    expect(plain.databases[0]).toMatchObject({ action: 'found', databaseId: handMade.databaseId, repaired: [] });
    const sources =
      'thomasnet, google-ads, linkedin, organic-search, referral, trade-show, email, webinar, website, ' +
      'directory, other, unknown';
    const channels = 'phone, email, web-form, chat, in-person, other';
    expect(plain.databases[0]!.problems).toEqual([
      'Leads: property "Notes" is missing (rich_text)',
      'Leads: property "Tracked source" is missing (select)',
      'Leads: property "Tracked campaign" is missing (select)',
      'Leads: property "Said source" is missing (select)',
      `Leads: Source lacks the options ${sources}`,
      `Leads: Channel lacks the options ${channels}`,
      'Leads: Stage lacks the options SQL, Opportunity, Customer, Lost',
    ]);

    const repaired = await runSetup(true);

    expect(repaired.databases[0]!.repaired).toEqual([
      'Leads: property "Notes"',
      'Leads: property "Tracked source"',
      'Leads: property "Tracked campaign"',
      'Leads: property "Said source"',
      `Leads: Source options ${sources}`,
      `Leads: Channel options ${channels}`,
      'Leads: Stage options SQL, Opportunity, Customer, Lost',
    ]);
    expect(repaired.databases[0]!.problems).toEqual([]);
    expect(readSchemas()).toEqual(DESIGN_SCHEMA);
    expect(await readOptions(handMade.dataSourceId, 'Stage')).toEqual([
      'Lead',
      'MQL',
      'SQL',
      'Opportunity',
      'Customer',
      'Lost',
    ]);
    const ids = Object.fromEntries(repaired.databases.map((db) => [db.spec.configKey, db.databaseId]));
    expect((await checkNotionSchema(api.client, { leadsDb: '', spendDb: '', targetsDb: '', ...ids })).ok).toBe(true);
  });

  it('tells the admin to share the page when the integration cannot see it', async () => {
    const unshared = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
    const setup = runNotionSetup(api.client, { parentPageId: unshared, repair: false, currency: 'USD' });
    await expect(setup).rejects.toThrow(NotionSetupError);
    await expect(setup).rejects.toThrow(/share the page with the integration/);
    expect(fake.databases()).toHaveLength(0);
  });
});

describe('the start-up schema check', () => {
  it('names every problem at once, with the command that repairs them', async () => {
    const { databases } = await runSetup();
    const [leads, spend, targets] = databases;
    await api.client.dataSources.update({
      data_source_id: leads!.dataSourceId,
      properties: { 'Lost reason': null, Value: { rich_text: {} } },
    });
    await api.client.dataSources.update({ data_source_id: targets!.dataSourceId, properties: { Rate: null } });

    const check = await checkNotionSchema(api.client, {
      leadsDb: leads!.databaseId,
      spendDb: spend!.databaseId,
      targetsDb: targets!.databaseId,
    });

    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      'Leads: property "Lost reason" is missing (rich_text)',
      'Leads: property "Value" is rich_text, it should be number',
      'Targets: property "Rate" is missing (number)',
    ]);
    expect(check.message).toContain('npm run setup:notion -- --repair');
    expect(check.dataSourceIds).toEqual({
      lead: leads!.dataSourceId,
      spend: spend!.dataSourceId,
      target: targets!.dataSourceId,
    });
  });

  it('reports a database id Notion cannot find and a missing variable', async () => {
    const check = await checkNotionSchema(api.client, {
      leadsDb: '11111111-2222-4333-8444-555555555555',
      spendDb: '',
      targetsDb: '',
    });
    expect(check.problems).toEqual([
      'NOTION_LEADS_DB: Notion cannot find database 11111111-2222-4333-8444-555555555555; share it with the integration or fix the id',
      'NOTION_SPEND_DB is not set (npm run setup:notion -- --parent <page-id> prints it)',
      'NOTION_TARGETS_DB is not set (npm run setup:notion -- --parent <page-id> prints it)',
    ]);
  });
});
