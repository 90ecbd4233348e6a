// The pull: changes made in Notion come back. Each data source keeps a watermark (the newest last_edited_time seen);
// a poll asks for rows edited on or after it minus a minute (Notion rounds edit times down to the minute), oldest
// first. The first pull of a data source is a full import, split into created_time windows by the SDK's helper.

import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { isFullPage, iterateAllDataSourceRows, type PageObjectResponse } from '@notionhq/client';
import { type Entity, runTransaction } from '../store/index.js';
import { readDataSourceId, type SyncContext, watermarkKey } from './context.js';
import { updatePage } from './page-writes.js';
import { applyPulledPage } from './pull-apply.js';
import { reconcileWithPageIds } from './reconcile.js';
import { LEADS_DATABASE } from './schema.js';
import { buildProperties, type PlainRecord } from './values.js';

export interface PullResult {
  /** Rows Notion returned. */
  seen: number;
  /** Rows that changed a record here. */
  changed: number;
  /** True when this pull was the first, full import. */
  imported: boolean;
}

const PAGE_SIZE = 100;
/** The boundary minute is re-read: a row edited later in the watermark's minute carries the same time. */
const OVERLAP_MS = 60_000;
const PROGRESS_EVERY = 1000;

export async function runPull(ctx: SyncContext, entity: Entity): Promise<PullResult> {
  const stored = ctx.services.links.getSyncState(watermarkKey(readDataSourceId(ctx, entity)));
  const watermark = stored === null ? null : Number(stored);
  if (watermark === null || Number.isNaN(watermark)) return runImport(ctx, entity);
  return runIncrementalPull(ctx, entity, watermark);
}

async function runIncrementalPull(ctx: SyncContext, entity: Entity, watermark: number): Promise<PullResult> {
  const result: PullResult = { seen: 0, changed: 0, imported: false };
  const seen = new Set<string>();
  let since = Math.max(0, watermark - OVERLAP_MS);
  for (;;) {
    let cursor: string | undefined;
    let incomplete = false;
    let lastEdited = since;
    do {
      const askedAt = ctx.clock();
      const answer = await ctx.client.dataSources.query({
        data_source_id: readDataSourceId(ctx, entity),
        filter: { timestamp: 'last_edited_time', last_edited_time: { on_or_after: new Date(since).toISOString() } },
        sorts: [{ timestamp: 'last_edited_time', direction: 'ascending' }],
        page_size: PAGE_SIZE,
        start_cursor: cursor,
      });
      const pages = answer.results.filter(isFullPage).filter((page) => !seen.has(page.id));
      for (const page of pages) seen.add(page.id);
      result.changed += await applyPages(ctx, entity, pages, askedAt);
      result.seen += pages.length;
      lastEdited = pages.reduce((max, page) => Math.max(max, Date.parse(page.last_edited_time)), lastEdited);
      if (lastEdited > watermark) saveWatermark(ctx, entity, lastEdited);
      incomplete ||= answer.request_status?.type === 'incomplete';
      cursor = answer.next_cursor ?? undefined;
    } while (cursor);
    // One query walks at most 10,000 rows; a bigger backlog continues from the last edit time reached.
    if (!incomplete || lastEdited <= since) return result;
    since = lastEdited;
  }
}

async function runImport(ctx: SyncContext, entity: Entity): Promise<PullResult> {
  const startedAt = ctx.clock();
  const result: PullResult = { seen: 0, changed: 0, imported: true };
  const pageIds = new Set<string>();
  let newest = 0;
  let batch: PageObjectResponse[] = [];
  // When this batch and the one before it began. One request answers at most PAGE_SIZE rows, so every row of this
  // batch was read by a request sent after the batch before it began: that is when this batch was asked for.
  const asked = { batch: startedAt, last: startedAt };
  const rows = iterateAllDataSourceRows(ctx.client, {
    data_source_id: readDataSourceId(ctx, entity),
    page_size: PAGE_SIZE,
  });
  for await (const row of rows) {
    if (!isFullPage(row)) continue;
    pageIds.add(row.id);
    newest = Math.max(newest, Date.parse(row.last_edited_time));
    batch.push(row);
    if (batch.length < PAGE_SIZE) continue;
    result.changed += await applyPages(ctx, entity, batch, asked.last);
    result.seen += batch.length;
    batch = [];
    asked.last = asked.batch;
    asked.batch = ctx.clock();
    if (result.seen % PROGRESS_EVERY === 0) ctx.log.info('Importing from Notion', { entity, rows: result.seen });
  }
  result.changed += await applyPages(ctx, entity, batch, asked.last);
  result.seen += batch.length;
  saveWatermark(ctx, entity, newest);
  ctx.log.info(`Imported ${result.seen} ${entity} rows from Notion`, { entity, rows: result.seen });
  // The import listed every page: rows linked to a page that is no longer there can go without a second listing.
  reconcileWithPageIds(ctx, entity, pageIds, startedAt);
  return result;
}

/**
 * Rows applied per transaction. A transaction holds the store's write lock and, being synchronous, the event loop:
 * 25 rows take a few milliseconds (tens on a loaded machine), so an import never keeps a command's ack or another
 * process's write waiting long. The event loop gets a turn between chunks.
 */
const ROWS_PER_TRANSACTION = 25;

/**
 * Applies a page of rows, a chunk per transaction, then writes back the Lead IDs that rows typed into Notion lack.
 * `askedAt`: when the request(s) that read them were sent, or earlier.
 */
async function applyPages(
  ctx: SyncContext,
  entity: Entity,
  pages: readonly PageObjectResponse[],
  askedAt: number,
): Promise<number> {
  if (pages.length === 0) return 0;
  const customSources = ctx.services.leads.customSources();
  const applied: { page: PageObjectResponse; pulled: ReturnType<typeof applyPulledPage> }[] = [];
  for (let start = 0; start < pages.length; start += ROWS_PER_TRANSACTION) {
    if (start > 0) await nextTurnOfEventLoop();
    const chunk = pages.slice(start, start + ROWS_PER_TRANSACTION);
    const apply = () =>
      chunk.map((page) => ({ page, pulled: applyPulledPage(ctx, entity, page, customSources, askedAt) }));
    applied.push(...runTransaction(ctx.services.store.db, apply));
  }
  for (const { page, pulled } of applied) {
    if (pulled?.writeBack) await writeBack(ctx, page.id, pulled.entityId, pulled.writeBack);
  }
  return applied.filter(({ pulled }) => pulled?.changed).length;
}

async function writeBack(ctx: SyncContext, pageId: string, leadId: string, values: PlainRecord): Promise<void> {
  const specs = Object.fromEntries(
    Object.keys(values).flatMap((name) => {
      const spec = LEADS_DATABASE.properties[name];
      return spec ? [[name, spec]] : [];
    }),
  );
  const page = await updatePage(ctx, pageId, buildProperties(specs, values));
  ctx.services.links.setLink('lead', leadId, page.pageId, page.editedAt);
}

function saveWatermark(ctx: SyncContext, entity: Entity, editedTime: number): void {
  ctx.services.links.setSyncState(watermarkKey(readDataSourceId(ctx, entity)), String(editedTime));
}
