import { Client, type CreatePageParameters, isFullDatabase } from '@notionhq/client';
import type { FakeNotion } from './index.js';

// Shared by the fake's own tests: a real SDK client pointed at the fake, and the Leads database they write to.

export function buildTestClient(fake: FakeNotion, options: ConstructorParameters<typeof Client>[0] = {}): Client {
  return new Client({ auth: fake.token, baseUrl: fake.url, retry: false, logger: () => {}, ...options });
}

export function buildText(content: string) {
  return [{ type: 'text' as const, text: { content } }];
}

/** Creates a small Leads database through the API and answers its ids. */
export async function createLeadsDatabase(
  notion: Client,
  fake: FakeNotion,
): Promise<{ databaseId: string; dataSourceId: string }> {
  const database = await notion.databases.create({
    parent: { type: 'page_id', page_id: fake.rootPageId },
    title: buildText('Leads'),
    initial_data_source: {
      properties: {
        Name: { title: {} },
        'Lead ID': { rich_text: {} },
        Stage: { select: { options: [{ name: 'Lead' }, { name: 'MQL' }] } },
        Value: { number: { format: 'dollar' } },
        Created: { date: {} },
        Notes: { rich_text: {} },
      },
    },
  });
  const dataSource = isFullDatabase(database) ? database.data_sources[0] : undefined;
  if (dataSource === undefined) throw new Error('databases.create answered without a data source');
  return { databaseId: database.id, dataSourceId: dataSource.id };
}

type LeadProperties = NonNullable<CreatePageParameters['properties']>;

/** A row's properties in the pages.create format. */
export function buildLeadProperties(leadId: string, extra: LeadProperties = {}): LeadProperties {
  return {
    Name: { title: buildText(`Company ${leadId}`) },
    'Lead ID': { rich_text: buildText(leadId) },
    ...extra,
  };
}
