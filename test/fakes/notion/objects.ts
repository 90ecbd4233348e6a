import type {
  ChildDatabaseBlockObjectResponse,
  DatabaseObjectResponse,
  DataSourceObjectResponse,
  PageObjectResponse,
  PartialUserObjectResponse,
  UserObjectResponse,
} from '@notionhq/client';
import { buildIsoTime } from './errors.js';
import type { ListPage } from './pagination.js';
import { buildPropertyValueResponse } from './properties.js';
import {
  type DatabaseRecord,
  type DataSourceRecord,
  type PageRecord,
  type PropertySchema,
  STANDALONE_PAGE_SCHEMA,
} from './records.js';
import { buildPlainText, buildRichTextResponse } from './rich-text.js';
import { buildPropertyConfigResponse } from './schema.js';

// The answers are typed with the SDK's own response types, so the compiler checks the fake's shapes too.

export function buildUserRef(id: string): PartialUserObjectResponse {
  return { object: 'user', id };
}

export function buildBotUser(id: string, workspaceName: string): UserObjectResponse {
  return {
    object: 'user',
    id,
    name: 'ROI Runway',
    avatar_url: null,
    type: 'bot',
    bot: {
      owner: { type: 'workspace', workspace: true },
      workspace_id: '00000000-0000-4000-8000-000000000001',
      workspace_limits: { max_file_upload_size_in_bytes: 5_242_880 },
      workspace_name: workspaceName,
    },
  };
}

export function buildPageObject(page: PageRecord, dataSource: DataSourceRecord | null): PageObjectResponse {
  const schema: readonly PropertySchema[] = dataSource?.properties ?? STANDALONE_PAGE_SCHEMA;
  const properties = Object.fromEntries(
    schema.map((property) => [property.name, buildPropertyValueResponse(property, page.values.get(property.id))]),
  );
  const titleValue = page.values.get('title');
  const title = titleValue?.kind === 'text' ? buildPlainText(titleValue.items) : '';
  return {
    object: 'page',
    id: page.id,
    created_time: buildIsoTime(page.createdTime),
    last_edited_time: buildIsoTime(page.lastEditedTime),
    created_by: buildUserRef(page.createdBy),
    last_edited_by: buildUserRef(page.lastEditedBy),
    cover: null,
    icon: null,
    parent: dataSource
      ? { type: 'data_source_id', data_source_id: dataSource.id, database_id: dataSource.databaseId }
      : { type: 'workspace', workspace: true },
    in_trash: page.inTrash,
    archived: page.inTrash,
    is_archived: page.inTrash,
    is_locked: false,
    properties,
    url: buildNotionUrl(title, page.id),
    public_url: null,
  };
}

export function buildDatabaseObject(database: DatabaseRecord, dataSources: DataSourceRecord[]): DatabaseObjectResponse {
  return {
    object: 'database',
    id: database.id,
    title: database.title.map(buildRichTextResponse),
    description: [],
    parent: { type: 'page_id', page_id: database.parentPageId },
    is_inline: database.isInline,
    in_trash: database.inTrash,
    archived: database.inTrash,
    is_locked: false,
    created_time: buildIsoTime(database.createdTime),
    last_edited_time: buildIsoTime(database.lastEditedTime),
    data_sources: dataSources.map((source) => ({ id: source.id, name: buildPlainText(source.title) })),
    icon: null,
    cover: null,
    url: buildNotionUrl(buildPlainText(database.title), database.id),
    public_url: null,
  };
}

export function buildDataSourceObject(source: DataSourceRecord, database: DatabaseRecord): DataSourceObjectResponse {
  return {
    object: 'data_source',
    id: source.id,
    title: source.title.map(buildRichTextResponse),
    description: [],
    parent: { type: 'database_id', database_id: database.id },
    database_parent: { type: 'page_id', page_id: database.parentPageId },
    is_inline: database.isInline,
    in_trash: database.inTrash,
    archived: database.inTrash,
    created_time: buildIsoTime(source.createdTime),
    last_edited_time: buildIsoTime(source.lastEditedTime),
    created_by: buildUserRef(source.createdBy),
    last_edited_by: buildUserRef(source.lastEditedBy),
    properties: Object.fromEntries(
      source.properties.map((property) => [property.name, buildPropertyConfigResponse(property)]),
    ),
    icon: null,
    cover: null,
    url: buildNotionUrl(buildPlainText(source.title), source.id),
    public_url: null,
  };
}

/** How a database shows up among its parent page's blocks. */
export function buildChildDatabaseBlock(database: DatabaseRecord): ChildDatabaseBlockObjectResponse {
  return {
    object: 'block',
    id: database.id,
    type: 'child_database',
    child_database: { title: buildPlainText(database.title) },
    parent: { type: 'page_id', page_id: database.parentPageId },
    created_time: buildIsoTime(database.createdTime),
    last_edited_time: buildIsoTime(database.lastEditedTime),
    created_by: buildUserRef(database.createdBy),
    last_edited_by: buildUserRef(database.lastEditedBy),
    has_children: false,
    in_trash: database.inTrash,
    archived: database.inTrash,
  };
}

/** The list envelope of query and search answers; `request_status` only appears when the row limit cut it short. */
export function buildListResponse<T>(
  list: ListPage<T>,
  type: 'page_or_data_source' | 'block',
): Record<string, unknown> {
  return {
    object: 'list',
    results: list.results,
    next_cursor: list.nextCursor,
    has_more: list.hasMore,
    type,
    [type]: {},
    ...(list.incomplete
      ? { request_status: { type: 'incomplete', incomplete_reason: 'query_result_limit_reached' } }
      : {}),
  };
}

function buildNotionUrl(title: string, id: string): string {
  const slug = title
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  const hex = id.replaceAll('-', '');
  return `https://www.notion.so/${slug === '' ? '' : `${slug}-`}${hex}`;
}
