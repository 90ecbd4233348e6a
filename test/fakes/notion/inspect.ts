import type { DatabaseObjectResponse, DataSourceObjectResponse, PageObjectResponse } from '@notionhq/client';
import { buildDatabaseObject, buildDataSourceObject, buildPageObject } from './objects.js';
import { buildPlainValue, type PlainValue } from './properties.js';
import type { NotionStore } from './store.js';

/** Properties in the request format of pages.create, e.g. `{ Name: { title: [{ text: { content: 'Acme' } }] } }`. */
export type PropertiesInput = Record<string, unknown>;

/** What a test reads and does in the fake's workspace directly, without HTTP: no stats, no rate limit, no faults. */
export interface FakeNotionInspectors {
  /** Non-trashed rows of a data source, as the API would answer them. */
  rows(dataSourceId: string): PageObjectResponse[];
  /** Non-trashed rows as `{ property name: plain value }` (text as string, select as name, date as start). */
  plainRows(dataSourceId: string): Record<string, PlainValue>[];
  /** Every database row, trashed ones included. */
  allPages(): PageObjectResponse[];
  /** A person edits the row in Notion's UI: same validation as the API, edited time and author bumped. */
  editPage(pageId: string, properties: PropertiesInput): PageObjectResponse;
  trash(pageId: string): void;
  /** A person takes a page back out of the trash. */
  restoreFromTrash(pageId: string): void;
  /** A person empties the trash: those pages are gone for good. */
  emptyTrash(): void;
  /** Creates rows without HTTP (no stats, no rate limit); `make(i)` gives each row's properties. */
  seedRows(dataSourceId: string, count: number, make: (index: number) => PropertiesInput): string[];
  /** Creates a database under the root page without HTTP; `properties` as in databases.create. */
  seedDatabase(title: string, properties: Record<string, unknown>): { databaseId: string; dataSourceId: string };
  dataSources(): DataSourceObjectResponse[];
  databases(): DatabaseObjectResponse[];
}

export function buildInspectors(store: NotionStore, botUserId: string, humanUserId: string): FakeNotionInspectors {
  const renderPage = (pageId: string) => {
    const page = store.page(pageId);
    return buildPageObject(page, store.dataSourceOf(page));
  };
  return {
    rows: (id) => store.rows(id).map((page) => buildPageObject(page, store.dataSource(id))),
    plainRows: (id) => {
      const { properties } = store.dataSource(id);
      return store
        .rows(id)
        .map((page) => Object.fromEntries(properties.map((p) => [p.name, buildPlainValue(p, page.values.get(p.id))])));
    },
    allPages: () => store.allPages().flatMap((page) => (page.dataSourceId === null ? [] : [renderPage(page.id)])),
    editPage: (pageId, properties) => renderPage(store.updatePage(pageId, { properties }, humanUserId).id),
    trash: (pageId) => {
      store.updatePage(pageId, { in_trash: true }, humanUserId);
    },
    restoreFromTrash: (pageId) => {
      store.updatePage(pageId, { in_trash: false }, humanUserId);
    },
    emptyTrash: () => store.emptyTrash(),
    seedRows: (dataSourceId, count, make) =>
      Array.from({ length: count }, (_, index) => {
        return store.createPage({ parent: { data_source_id: dataSourceId }, properties: make(index) }, botUserId).id;
      }),
    seedDatabase: (title, properties) => {
      const body = { parent: { page_id: store.rootPageId }, title: [{ text: { content: title } }] };
      const database = store.createDatabase({ ...body, initial_data_source: { properties } });
      return { databaseId: database.id, dataSourceId: database.dataSourceIds[0] ?? '' };
    },
    dataSources: () =>
      store.allDataSources().map((source) => buildDataSourceObject(source, store.database(source.databaseId))),
    databases: () =>
      store.allDatabases().map((database) => buildDatabaseObject(database, store.dataSourcesOf(database))),
  };
}
