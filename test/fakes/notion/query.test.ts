import {
  type Client,
  collectAllDataSourceRows,
  isFullPage,
  iteratePaginatedAPI,
  type QueryDataSourceParameters,
  type QueryDataSourceResponse,
} from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from './index.js';
import { buildTestClient, buildText, createLeadsDatabase } from './sdk-client.js';

// Query behaviour through the real SDK: filters, sorts, cursors and the 10,000-row limit of one query.

let fake: FakeNotion;
let notion: Client;

beforeAll(async () => {
  fake = await startFakeNotion({ rateLimit: false });
  notion = buildTestClient(fake);
});
afterAll(async () => {
  await fake.close();
});

function buildRow(leadId: string) {
  return { Name: { title: buildText(leadId) }, 'Lead ID': { rich_text: buildText(leadId) } };
}

async function queryLeadIds(args: QueryDataSourceParameters): Promise<string[]> {
  const answer = await notion.dataSources.query(args);
  return answer.results.filter(isFullPage).map((page) => {
    const value = page.properties['Lead ID'];
    return value?.type === 'rich_text' ? value.rich_text.map((item) => item.plain_text).join('') : '';
  });
}

describe('filters and sorts', () => {
  let dataSourceId: string;
  beforeAll(async () => {
    ({ dataSourceId } = await createLeadsDatabase(notion, fake));
    const rows = [
      { id: 'L-1', stage: 'Lead', value: 500, created: '2026-01-15' },
      { id: 'L-2', stage: 'MQL', value: 1500, created: '2026-02-01' },
      { id: 'L-3', stage: 'MQL', value: 800, created: '2026-02-20T09:30:00Z' },
    ];
    fake.seedRows(dataSourceId, rows.length, (index) => {
      const row = rows[index]!;
      return {
        ...buildRow(row.id),
        Stage: { select: { name: row.stage } },
        Value: { number: row.value },
        Created: { date: { start: row.created } },
      };
    });
    fake.seedRows(dataSourceId, 1, () => buildRow('L-4')); // no stage, value or date
  });

  it('combines property filters with and/or', async () => {
    const mqlAbove1000 = {
      and: [
        { property: 'Stage', select: { equals: 'MQL' } },
        { property: 'Value', number: { greater_than: 1000 } },
      ],
    };
    expect(await queryLeadIds({ data_source_id: dataSourceId, filter: mqlAbove1000 })).toEqual(['L-2']);

    const leadOrLate = {
      or: [
        { property: 'Stage', select: { equals: 'Lead' } },
        { property: 'Created', date: { on_or_after: '2026-02-15' } },
      ],
    };
    const sorts = [{ property: 'Lead ID', direction: 'ascending' as const }];
    expect(await queryLeadIds({ data_source_id: dataSourceId, filter: leadOrLate, sorts })).toEqual(['L-1', 'L-3']);
  });

  it('filters on emptiness, dates and text', async () => {
    const empty = { property: 'Stage', select: { is_empty: true as const } };
    expect(await queryLeadIds({ data_source_id: dataSourceId, filter: empty })).toEqual(['L-4']);
    // 'before 2026-02-01' keeps 15 January only: 1 February is not before itself.
    const before = { property: 'Created', date: { before: '2026-02-01' } };
    expect(await queryLeadIds({ data_source_id: dataSourceId, filter: before })).toEqual(['L-1']);
    const contains = { property: 'Name', title: { contains: 'l-3' } };
    expect(await queryLeadIds({ data_source_id: dataSourceId, filter: contains })).toEqual(['L-3']);
  });

  it('sorts by a property with empty values last', async () => {
    const sorts = [{ property: 'Value', direction: 'descending' as const }];
    // 1500 (L-2) > 800 (L-3) > 500 (L-1), then L-4 without a value.
    expect(await queryLeadIds({ data_source_id: dataSourceId, sorts })).toEqual(['L-2', 'L-3', 'L-1', 'L-4']);
  });

  it('rejects a filter on a property that does not exist', async () => {
    const filter = { property: 'Budget', number: { equals: 1 } };
    await expect(notion.dataSources.query({ data_source_id: dataSourceId, filter })).rejects.toMatchObject({
      code: 'validation_error',
    });
  });
});

describe('pagination', () => {
  let dataSourceId: string;
  beforeAll(async () => {
    ({ dataSourceId } = await createLeadsDatabase(notion, fake));
    fake.seedRows(dataSourceId, 250, (index) => buildRow(`P-${String(index).padStart(3, '0')}`));
  });

  it('walks 250 rows in 3 pages of at most 100 without duplicates', async () => {
    fake.resetStats();
    const ids: string[] = [];
    for await (const row of iteratePaginatedAPI(notion.dataSources.query, { data_source_id: dataSourceId })) {
      ids.push(row.id);
    }
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(fake.stats.byRoute['dataSources.query']).toBe(3); // 100 + 100 + 50
  });

  it('refuses a cursor from another query and a page size above 100', async () => {
    const first = await notion.dataSources.query({ data_source_id: dataSourceId, page_size: 10 });
    expect(first.has_more).toBe(true);
    const otherQuery = {
      data_source_id: dataSourceId,
      start_cursor: first.next_cursor ?? '',
      sorts: [{ property: 'Lead ID', direction: 'ascending' as const }],
    };
    await expect(notion.dataSources.query(otherQuery)).rejects.toMatchObject({ code: 'validation_error' });
    const tooBig = { data_source_id: dataSourceId, page_size: 101 };
    await expect(notion.dataSources.query(tooBig)).rejects.toMatchObject({ code: 'validation_error' });
  });
});

describe('the 10,000-row limit of one query', () => {
  it('stops at 10,000 rows with has_more false and request_status incomplete', async () => {
    const { dataSourceId } = await createLeadsDatabase(notion, fake);
    fake.seedRows(dataSourceId, 10_050, (index) => buildRow(`A-${index}`));

    const answers: QueryDataSourceResponse[] = [];
    const query = async (args: QueryDataSourceParameters) => {
      const answer = await notion.dataSources.query(args);
      answers.push(answer);
      return answer;
    };
    let walked = 0;
    for await (const _row of iteratePaginatedAPI(query, { data_source_id: dataSourceId })) walked += 1;

    expect(walked).toBe(10_000);
    expect(answers).toHaveLength(100);
    expect(answers.at(-2)?.request_status).toBeUndefined();
    expect(answers.at(-1)).toMatchObject({
      has_more: false,
      next_cursor: null,
      request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' },
    });
  });

  it('lets created_time windows reach every row past the limit (here lowered to 100)', async () => {
    const small = await startFakeNotion({ rateLimit: false, maxQueryRows: 100 });
    try {
      const client = buildTestClient(small);
      const { dataSourceId } = await createLeadsDatabase(client, small);
      small.seedRows(dataSourceId, 90, (index) => buildRow(`A-${index}`));
      small.advance(60_000); // the second batch is created a minute later
      small.seedRows(dataSourceId, 60, (index) => buildRow(`B-${index}`));
      // 90 + 60 rows: the SDK helper re-queries from the last created_time minute and de-duplicates.
      const everyRow = await collectAllDataSourceRows(client, { data_source_id: dataSourceId });
      expect(new Set(everyRow.map((row) => row.id)).size).toBe(150);
    } finally {
      await small.close();
    }
  });
});
