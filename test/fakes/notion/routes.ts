import { handleListBlockChildren, handleQueryDataSource, handleSearch } from './list-routes.js';
import { buildBotUser, buildDatabaseObject, buildDataSourceObject, buildPageObject } from './objects.js';
import type { NotionStore } from './store.js';

export interface RouteContext {
  store: NotionStore;
  /** The ids captured from the path, in order. */
  params: string[];
  body: Record<string, unknown>;
  query: URLSearchParams;
  botUserId: string;
  maxQueryRows: number;
}

export interface Route {
  /** The SDK method that calls this endpoint, e.g. 'pages.create': the key of `stats.byRoute` and of faults. */
  name: string;
  /** Whether the endpoint changes data: only writes meet the conflict window. */
  write: boolean;
  handle: (context: RouteContext) => unknown;
}

interface RouteEntry extends Route {
  method: string;
  pattern: RegExp;
}

const ID = '([^/]+)';

const ROUTES: readonly RouteEntry[] = [
  { method: 'POST', pattern: /^\/v1\/databases$/, name: 'databases.create', write: true, handle: handleCreateDatabase },
  {
    method: 'GET',
    pattern: path(`databases/${ID}`),
    name: 'databases.retrieve',
    write: false,
    handle: handleGetDatabase,
  },
  {
    method: 'PATCH',
    pattern: path(`databases/${ID}`),
    name: 'databases.update',
    write: true,
    handle: handleUpdateDatabase,
  },
  {
    method: 'GET',
    pattern: path(`data_sources/${ID}`),
    name: 'dataSources.retrieve',
    write: false,
    handle: handleGetDataSource,
  },
  {
    method: 'PATCH',
    pattern: path(`data_sources/${ID}`),
    name: 'dataSources.update',
    write: true,
    handle: handleUpdateDataSource,
  },
  {
    method: 'POST',
    pattern: path(`data_sources/${ID}/query`),
    name: 'dataSources.query',
    write: false,
    handle: handleQueryDataSource,
  },
  { method: 'POST', pattern: /^\/v1\/pages$/, name: 'pages.create', write: true, handle: handleCreatePage },
  { method: 'GET', pattern: path(`pages/${ID}`), name: 'pages.retrieve', write: false, handle: handleGetPage },
  { method: 'PATCH', pattern: path(`pages/${ID}`), name: 'pages.update', write: true, handle: handleUpdatePage },
  { method: 'POST', pattern: /^\/v1\/search$/, name: 'search', write: false, handle: handleSearch },
  {
    method: 'GET',
    pattern: path(`blocks/${ID}/children`),
    name: 'blocks.children.list',
    write: false,
    handle: handleListBlockChildren,
  },
  { method: 'GET', pattern: /^\/v1\/users\/me$/, name: 'users.me', write: false, handle: handleGetSelf },
];

function path(rest: string): RegExp {
  return new RegExp(`^/v1/${rest}$`);
}

export function detectRoute(method: string, pathname: string): { route: Route; params: string[] } | null {
  for (const entry of ROUTES) {
    const match = entry.method === method ? entry.pattern.exec(pathname) : null;
    if (match !== null) return { route: entry, params: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return null;
}

function handleCreateDatabase({ store, body }: RouteContext): unknown {
  const database = store.createDatabase(body);
  return buildDatabaseObject(database, store.dataSourcesOf(database));
}

function handleGetDatabase({ store, params }: RouteContext): unknown {
  const database = store.database(params[0] ?? '');
  return buildDatabaseObject(database, store.dataSourcesOf(database));
}

function handleUpdateDatabase({ store, params, body }: RouteContext): unknown {
  const database = store.updateDatabase(params[0] ?? '', body);
  return buildDatabaseObject(database, store.dataSourcesOf(database));
}

function handleGetDataSource({ store, params }: RouteContext): unknown {
  const source = store.dataSource(params[0] ?? '');
  return buildDataSourceObject(source, store.database(source.databaseId));
}

function handleUpdateDataSource({ store, params, body }: RouteContext): unknown {
  const source = store.updateDataSource(params[0] ?? '', body);
  return buildDataSourceObject(source, store.database(source.databaseId));
}

function handleCreatePage({ store, body, botUserId }: RouteContext): unknown {
  const page = store.createPage(body, botUserId);
  return buildPageObject(page, store.dataSourceOf(page));
}

function handleGetPage({ store, params }: RouteContext): unknown {
  const page = store.page(params[0] ?? '');
  return buildPageObject(page, store.dataSourceOf(page));
}

function handleUpdatePage({ store, params, body, botUserId }: RouteContext): unknown {
  const page = store.updatePage(params[0] ?? '', body, botUserId);
  return buildPageObject(page, store.dataSourceOf(page));
}

function handleGetSelf({ botUserId }: RouteContext): unknown {
  return buildBotUser(botUserId, 'ROI Runway test workspace');
}
