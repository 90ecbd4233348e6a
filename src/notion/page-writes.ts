// The page-level Notion writes of the push worker: look a row up by its key, create, update, trash.

import {
  type CreatePageParameters,
  isFullPage,
  type PageObjectResponse,
  type PartialPageObjectResponse,
} from '@notionhq/client';
import type { Entity } from '../store/index.js';
import { readDataSourceId, type SyncContext } from './context.js';
import { classifyNotionError, NotionSyncError } from './errors.js';
import { NOTION_KINDS } from './kind-mappings.js';

type Properties = Record<string, Record<string, unknown>>;
/** Our properties are built from the schema spec with Notion's value shapes; this names the SDK's type for them. */
type PageProperties = NonNullable<CreatePageParameters['properties']>;

/** Rows already holding this key (our id in the kind's id property, or the Name), oldest first. */
export async function findPagesByKey(ctx: SyncContext, entity: Entity, key: string): Promise<PageObjectResponse[]> {
  const { idProperty } = NOTION_KINDS[entity];
  const filter = idProperty
    ? { property: idProperty, rich_text: { equals: key } }
    : { property: 'Name', title: { equals: key } };
  const answer = await ctx.client.dataSources.query({
    data_source_id: readDataSourceId(ctx, entity),
    filter,
    sorts: [{ timestamp: 'created_time', direction: 'ascending' }],
    page_size: 10,
  });
  return answer.results.filter(isFullPage);
}

export async function createPage(ctx: SyncContext, entity: Entity, properties: Properties) {
  const page = await ctx.client.pages.create({
    parent: { type: 'data_source_id', data_source_id: readDataSourceId(ctx, entity) },
    properties: properties as PageProperties,
  });
  return { pageId: page.id, editedAt: readEditedTime(page) };
}

export async function updatePage(ctx: SyncContext, pageId: string, properties: Properties) {
  const page = await ctx.client.pages.update({
    page_id: pageId,
    properties: properties as PageProperties,
  });
  return { pageId: page.id, editedAt: readEditedTime(page) };
}

/** Takes a page out of Notion's trash and sets its properties in the same request. */
export async function restorePage(ctx: SyncContext, pageId: string, properties: Properties) {
  const page = await ctx.client.pages.update({
    page_id: pageId,
    in_trash: false,
    properties: properties as PageProperties,
  });
  return { pageId: page.id, editedAt: readEditedTime(page) };
}

/** Moves a page to Notion's trash; a page already gone counts as done. */
export async function trashPage(ctx: SyncContext, pageId: string): Promise<void> {
  try {
    await ctx.client.pages.update({ page_id: pageId, in_trash: true });
  } catch (error) {
    if (classifyNotionError(error).kind !== 'gone') throw error;
  }
}

/**
 * After an update answered "not found" or "archived": true when a person trashed the page in Notion. A page Notion
 * cannot find at all may also mean the database is no longer shared with us, so that is reported as a transient
 * failure, never taken as a deletion (reconciliation removes rows that are really gone).
 */
export async function detectTrashedPage(ctx: SyncContext, pageId: string): Promise<boolean> {
  try {
    const page = await ctx.client.pages.retrieve({ page_id: pageId });
    return isFullPage(page) && page.in_trash;
  } catch (error) {
    const failure = classifyNotionError(error);
    if (failure.kind !== 'gone') throw error;
    throw new NotionSyncError({
      kind: 'transient',
      ambiguous: false,
      code: failure.code,
      message: `Notion cannot find page ${pageId}: is the database still shared with the integration?`,
    });
  }
}

/** Notion's last_edited_time of a page answer, when the answer is a full page. */
export function readEditedTime(page: PageObjectResponse | PartialPageObjectResponse): number | undefined {
  return isFullPage(page) ? Date.parse(page.last_edited_time) : undefined;
}
