import { APIResponseError, type Client, isFullDataSource, isFullPage, type PageObjectResponse } from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from './notion/index.js';
import { checkOpenApiShape } from './notion/openapi-check.js';
import { buildLeadProperties, buildTestClient, buildText, createLeadsDatabase } from './notion/sdk-client.js';

// The fake Notion is exercised through the real SDK, so the app's Notion tests stand on a fake that behaves.

const START = Date.parse('2026-11-25T16:42:37.123Z');
let fake: FakeNotion;
let notion: Client;
let leads: { databaseId: string; dataSourceId: string };

beforeAll(async () => {
  fake = await startFakeNotion({ clock: () => START, rateLimit: false });
  notion = buildTestClient(fake);
  leads = await createLeadsDatabase(notion, fake);
});
afterAll(async () => {
  await fake.close();
});

async function createLead(leadId: string, extra: Parameters<typeof buildLeadProperties>[1] = {}) {
  const page = await notion.pages.create({
    parent: { data_source_id: leads.dataSourceId },
    properties: buildLeadProperties(leadId, extra),
  });
  if (!isFullPage(page)) throw new Error('pages.create answered a partial page');
  return page;
}

async function findLeadIds(filter: Parameters<Client['dataSources']['query']>[0]['filter']) {
  const answer = await notion.dataSources.query({ data_source_id: leads.dataSourceId, filter });
  return answer.results.filter(isFullPage).map((page) => readText(page, 'Lead ID'));
}

function readText(page: PageObjectResponse, name: string): string {
  const value = page.properties[name];
  return value?.type === 'rich_text' ? value.rich_text.map((item) => item.plain_text).join('') : '';
}

describe('databases and data sources', () => {
  it('creates a database whose data source carries the schema', async () => {
    const database = await notion.databases.retrieve({ database_id: leads.databaseId });
    expect(database).toMatchObject({ object: 'database', data_sources: [{ id: leads.dataSourceId, name: 'Leads' }] });

    const source = await notion.dataSources.retrieve({ data_source_id: leads.dataSourceId });
    if (!isFullDataSource(source)) throw new Error('partial data source');
    expect(source.properties.Name).toMatchObject({ id: 'title', type: 'title' });
    expect(source.properties.Value).toMatchObject({ type: 'number', number: { format: 'dollar' } });
    const stage = source.properties.Stage;
    expect(stage?.type === 'select' && stage.select.options.map((option) => option.name)).toEqual(['Lead', 'MQL']);
  });

  it('adds and renames properties and select options on update', async () => {
    const { dataSourceId } = fake.seedDatabase('Scratch', { Name: { title: {} }, Amount: { number: {} } });
    await notion.dataSources.update({
      data_source_id: dataSourceId,
      properties: { Amount: { name: 'Spend' }, Category: { select: { options: [{ name: 'media' }] } } },
    });
    await notion.dataSources.update({
      data_source_id: dataSourceId,
      properties: { Category: { select: { options: [{ name: 'event' }] } } },
    });
    const source = await notion.dataSources.retrieve({ data_source_id: dataSourceId });
    if (!isFullDataSource(source)) throw new Error('partial data source');
    expect(Object.keys(source.properties).sort()).toEqual(['Category', 'Name', 'Spend']);
    const category = source.properties.Category;
    expect(category?.type === 'select' && category.select.options.map((option) => option.name)).toEqual([
      'media',
      'event',
    ]);
  });

  it('finds data sources and the shared root page by title through search', async () => {
    const sources = await notion.search({ query: 'leads', filter: { property: 'object', value: 'data_source' } });
    expect(sources.results.map((result) => result.id)).toEqual([leads.dataSourceId]);
    const pages = await notion.search({ query: 'ROI Runway', filter: { property: 'object', value: 'page' } });
    expect(pages.results.map((result) => result.id)).toEqual([fake.rootPageId]);
  });
});

describe('pages', () => {
  it('creates a row that a rich_text equals filter finds, with Notion value shapes', async () => {
    const page = await createLead('L-100', {
      Stage: { select: { name: 'SQL' } },
      Value: { number: 1200 },
      Created: { date: { start: '2026-01-05T10:00:00Z' } },
    });
    await createLead('L-101');

    expect(await findLeadIds({ property: 'Lead ID', rich_text: { equals: 'L-100' } })).toEqual(['L-100']);
    expect(page.properties.Name).toMatchObject({ type: 'title', title: [{ plain_text: 'Company L-100' }] });
    expect(page.properties.Stage).toMatchObject({ type: 'select', select: { name: 'SQL' } });
    expect(page.properties.Value).toMatchObject({ type: 'number', number: 1200 });
    // Notion answers a date-time in UTC with an explicit offset.
    expect(page.properties.Created).toMatchObject({ date: { start: '2026-01-05T10:00:00.000+00:00', end: null } });
    expect(page.parent).toEqual({
      type: 'data_source_id',
      data_source_id: leads.dataSourceId,
      database_id: leads.databaseId,
    });
    // The unknown option 'SQL' was added to the schema on the fly, after Lead and MQL.
    const stage = fake.dataSources().find((source) => source.id === leads.dataSourceId)?.properties.Stage;
    expect(stage?.type === 'select' && stage.select.options.map((option) => option.name)).toEqual([
      'Lead',
      'MQL',
      'SQL',
    ]);
  });

  it('rejects bad writes with validation_error and writes nothing', async () => {
    const before = fake.rows(leads.dataSourceId).length;
    const attempts: Array<[Parameters<typeof buildLeadProperties>[1], string]> = [
      [{ Nope: { rich_text: buildText('x') } }, 'Nope is not a property that exists.'],
      [{ Value: { rich_text: buildText('12') } }, 'Value is expected to be number.'],
      [{ Notes: { rich_text: buildText('x'.repeat(2001)) } }, 'should be ≤ `2000`, instead was `2001`'],
      [{ Notes: { rich_text: Array.from({ length: 101 }, () => buildText('x')[0]!) } }, 'instead was `101`'],
      [{ Stage: { select: { name: 'MQL, SQL' } } }, 'commas not allowed'],
    ];
    for (const [extra, message] of attempts) {
      const failure = createLead('L-bad', extra);
      await expect(failure).rejects.toBeInstanceOf(APIResponseError);
      await expect(failure).rejects.toMatchObject({ code: 'validation_error', status: 400 });
      await expect(failure).rejects.toThrow(message);
    }
    expect(fake.rows(leads.dataSourceId)).toHaveLength(before);
  });

  it('stamps times rounded down to the minute and shows a human edit to an incremental pull', async () => {
    const page = await createLead('L-200');
    // START is 16:42:37.123, so Notion shows 16:42:00.
    expect(page.created_time).toBe('2026-11-25T16:42:00.000Z');
    expect(page.last_edited_by.id).toBe(fake.botUserId);

    fake.advance(90_000); // 16:44:07.123 → shown as 16:44:00
    const edited = fake.editPage(page.id, { Stage: { select: { name: 'MQL' } } });
    expect(edited.last_edited_time).toBe('2026-11-25T16:44:00.000Z');
    expect(edited.last_edited_by.id).toBe(fake.humanUserId);

    const since = {
      timestamp: 'last_edited_time' as const,
      last_edited_time: { on_or_after: '2026-11-25T16:43:00.000Z' },
    };
    expect(await findLeadIds(since)).toEqual(['L-200']);
    fake.advance(-90_000);
  });

  it('drops trashed pages from queries but still answers them by id', async () => {
    const page = await createLead('L-300');
    await notion.pages.update({ page_id: page.id, in_trash: true });
    expect(await findLeadIds({ property: 'Lead ID', rich_text: { equals: 'L-300' } })).toEqual([]);
    expect(await notion.pages.retrieve({ page_id: page.id })).toMatchObject({ in_trash: true, archived: true });

    await notion.pages.update({ page_id: page.id, archived: false });
    expect(await findLeadIds({ property: 'Lead ID', rich_text: { equals: 'L-300' } })).toEqual(['L-300']);
  });

  it('refuses property edits on a trashed page, unless the same request takes it out of the trash', async () => {
    const page = await createLead('L-310');
    await notion.pages.update({ page_id: page.id, in_trash: true });
    const edit = { Notes: { rich_text: buildText('edited') } };

    await expect(notion.pages.update({ page_id: page.id, properties: edit })).rejects.toMatchObject({
      code: 'validation_error',
      message: expect.stringContaining('archived'),
    });
    const restored = await notion.pages.update({ page_id: page.id, in_trash: false, properties: edit });
    expect(restored).toMatchObject({ in_trash: false });
    expect(isFullPage(restored) && readText(restored, 'Notes')).toBe('edited');
  });

  it('forgets pages once the trash is emptied, answering their ids with object_not_found', async () => {
    const kept = await createLead('L-320');
    const trashed = await createLead('L-321');
    fake.trash(trashed.id);
    fake.emptyTrash();

    await expect(notion.pages.retrieve({ page_id: trashed.id })).rejects.toMatchObject({ code: 'object_not_found' });
    await expect(notion.pages.update({ page_id: trashed.id, in_trash: false })).rejects.toMatchObject({
      status: 404,
    });
    expect(await notion.pages.retrieve({ page_id: kept.id })).toMatchObject({ in_trash: false });
    fake.restoreFromTrash(kept.id);
  });
});

describe('access and answer shapes', () => {
  it('answers unauthorized for a wrong token and object_not_found for ids it was not given', async () => {
    const stranger = buildTestClient(fake, { auth: 'secret_wrong' });
    await expect(stranger.pages.retrieve({ page_id: fake.rootPageId })).rejects.toMatchObject({ code: 'unauthorized' });
    const unknownId = '0f0e0d0c-0b0a-4009-8807-060504030201';
    await expect(notion.databases.retrieve({ database_id: unknownId })).rejects.toMatchObject({
      code: 'object_not_found',
      status: 404,
    });
  });

  it('answers pages, databases, data sources, lists and errors in the shapes of the OpenAPI document', async () => {
    const page = await createLead('L-400', {
      Stage: { select: { name: 'Lead' } },
      Created: { date: { start: '2026-03-01' } },
    });
    const database = await notion.databases.retrieve({ database_id: leads.databaseId });
    const source = await notion.dataSources.retrieve({ data_source_id: leads.dataSourceId });
    const list = await notion.dataSources.query({ data_source_id: leads.dataSourceId, page_size: 2 });
    const error = await notion.pages
      .create({ parent: { data_source_id: leads.dataSourceId }, properties: { X: { number: 1 } } })
      .catch((failure: unknown) => (failure instanceof APIResponseError ? JSON.parse(String(failure.body)) : failure));

    expect(checkOpenApiShape(page, 'pageObjectResponse')).toEqual([]);
    expect(checkOpenApiShape(database, 'databaseObjectResponse')).toEqual([]);
    expect(checkOpenApiShape(source, 'dataSourceObjectResponse')).toEqual([]);
    expect(checkOpenApiShape(list, 'queryDataSourceListResponse')).toEqual([]);
    expect(checkOpenApiShape(error, 'error_api_400')).toEqual([]);
  });

  it('has a shape checker that notices a missing key or a wrong value', async () => {
    const page = await createLead('L-401', { Stage: { select: { name: 'Lead' } } });
    const { in_trash: _dropped, ...withoutTrash } = page;
    const stage = { ...page.properties.Stage, select: { id: 'x', name: 'Lead', color: 'chartreuse' } };
    const badColor = { ...page, properties: { ...page.properties, Stage: stage } };

    expect(checkOpenApiShape(withoutTrash, 'pageObjectResponse')).toContain('$: missing required key "in_trash"');
    expect(checkOpenApiShape(badColor, 'pageObjectResponse').join('\n')).toContain('chartreuse not in enum');
  });
});
