import { buildValidationError, isRecord } from './errors.js';
import { buildFilterPredicate } from './filters.js';
import { buildChildDatabaseBlock, buildDataSourceObject, buildListResponse, buildPageObject } from './objects.js';
import { computeListPage } from './pagination.js';
import { buildPlainText } from './rich-text.js';
import type { RouteContext } from './routes.js';
import { computeSortedRows } from './sorts.js';
import type { NotionStore } from './store.js';

// The three list endpoints: a data source query, search, and a page's child blocks.

export function handleQueryDataSource({ store, params, body, maxQueryRows }: RouteContext): unknown {
  const source = store.dataSource(params[0] ?? '');
  const queryKey = JSON.stringify(['query', source.id, body.filter ?? null, body.sorts ?? null]);
  const matched = store.memoizeRows(queryKey, () => {
    const test = buildFilterPredicate(body.filter, source.properties);
    return computeSortedRows(store.rows(source.id).filter(test), body.sorts, source.properties);
  });
  const list = computeListPage(matched, {
    startCursor: body.start_cursor,
    pageSize: body.page_size,
    queryKey,
    maxRows: maxQueryRows,
  });
  return buildListResponse(
    { ...list, results: list.results.map((page) => buildPageObject(page, source)) },
    'page_or_data_source',
  );
}

interface SearchHit {
  object: 'page' | 'data_source';
  id: string;
  title: string;
  lastEditedTime: number;
  render: () => unknown;
}

/** Search matches titles (case-insensitively) of the pages and data sources the integration can see. */
export function handleSearch({ store, body, maxQueryRows }: RouteContext): unknown {
  const filter = isRecord(body.filter) ? body.filter : undefined;
  if (
    filter !== undefined &&
    (filter.property !== 'object' || (filter.value !== 'page' && filter.value !== 'data_source'))
  ) {
    throw buildValidationError('body failed validation: body.filter.value should be `"page"` or `"data_source"`.');
  }
  const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
  const ascending = isRecord(body.sort) && body.sort.direction === 'ascending';
  const hits = [...buildPageHits(store), ...buildDataSourceHits(store)]
    .filter((hit) => (filter === undefined || hit.object === filter.value) && hit.title.toLowerCase().includes(query))
    .sort((a, b) => (a.lastEditedTime - b.lastEditedTime) * (ascending ? 1 : -1) || (a.id < b.id ? -1 : 1));
  const list = computeListPage(hits, {
    startCursor: body.start_cursor,
    pageSize: body.page_size,
    queryKey: JSON.stringify(['search', query, filter ?? null, ascending]),
    maxRows: maxQueryRows,
  });
  return buildListResponse({ ...list, results: list.results.map((hit) => hit.render()) }, 'page_or_data_source');
}

function buildPageHits(store: NotionStore): SearchHit[] {
  return store
    .allPages()
    .filter((page) => !page.inTrash)
    .map((page) => {
      const source = store.dataSourceOf(page);
      const titleProperty = source?.properties.find((property) => property.type === 'title');
      const titleValue = page.values.get(titleProperty?.id ?? 'title');
      const title = titleValue?.kind === 'text' ? buildPlainText(titleValue.items) : '';
      const render = () => buildPageObject(page, source);
      return { object: 'page', id: page.id, title, lastEditedTime: page.lastEditedTime, render };
    });
}

function buildDataSourceHits(store: NotionStore): SearchHit[] {
  return store.allDataSources().flatMap((source): SearchHit[] => {
    const database = store.database(source.databaseId);
    if (database.inTrash) return [];
    const render = () => buildDataSourceObject(source, database);
    const title = buildPlainText(source.title);
    return [{ object: 'data_source', id: source.id, title, lastEditedTime: source.lastEditedTime, render }];
  });
}

/** A page's children, as far as this fake knows them: the databases created under it. */
export function handleListBlockChildren({ store, params, query, maxQueryRows }: RouteContext): unknown {
  const page = store.page(params[0] ?? '');
  const children = store.allDatabases().filter((database) => database.parentPageId === page.id && !database.inTrash);
  const pageSize = query.get('page_size');
  const list = computeListPage(children, {
    startCursor: query.get('start_cursor') ?? undefined,
    pageSize: pageSize === null ? undefined : Number(pageSize),
    queryKey: JSON.stringify(['blocks', page.id]),
    maxRows: maxQueryRows,
  });
  return buildListResponse({ ...list, results: list.results.map(buildChildDatabaseBlock) }, 'block');
}
