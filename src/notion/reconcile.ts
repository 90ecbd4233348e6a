// Trashed pages drop out of every query, so the incremental pull never sees a deletion. Reconciliation lists every
// page id of a data source (ids only, the SDK's created_time windows past 10,000 rows) and removes the records here
// whose linked page is gone.

import { iterateAllDataSourceRows } from '@notionhq/client';
import { type Entity, runTransaction } from '../store/index.js';
import { readDataSourceId, type SyncContext } from './context.js';
import { removeRecord } from './kind-mappings.js';
import { clearCreateMark, listLinks } from './sync-db.js';

/** Below this many, removals are never suspicious; above it, removing more than half the rows is refused. */
const SAFE_REMOVALS = 10;

export async function runReconcile(ctx: SyncContext, entity: Entity): Promise<number> {
  const startedAt = ctx.clock();
  const pageIds = new Set<string>();
  // filter_properties keeps only the title in the answer: ids are all we need.
  const rows = iterateAllDataSourceRows(ctx.client, {
    data_source_id: readDataSourceId(ctx, entity),
    page_size: 100,
    filter_properties: ['title'],
  });
  for await (const row of rows) pageIds.add(row.id);
  return reconcileWithPageIds(ctx, entity, pageIds, startedAt);
}

/** Removes records whose page is not in `pageIds`; links made after `listedFrom` are newer than the listing. */
export function reconcileWithPageIds(
  ctx: SyncContext,
  entity: Entity,
  pageIds: ReadonlySet<string>,
  listedFrom: number,
): number {
  const { store, links } = ctx.services;
  const all = listLinks(store.db, entity);
  const gone = all.filter((link) => !pageIds.has(link.pageId) && (link.pushedAt ?? 0) < listedFrom);
  if (gone.length > SAFE_REMOVALS && gone.length * 2 > all.length) {
    // A database swapped in the environment, or lost access, looks like mass deletion: a person should decide.
    ctx.log.error('Reconciliation refused: most linked Notion rows are missing', {
      entity,
      missing: gone.length,
      linked: all.length,
      hint: 'check NOTION_*_DB and that the databases are shared with the integration',
    });
    return 0;
  }
  runTransaction(store.db, () => {
    for (const link of gone) {
      removeRecord(ctx.services, entity, link.entityId);
      links.deleteLink(entity, link.entityId);
      clearCreateMark(store.db, entity, link.entityId);
    }
  });
  if (gone.length > 0) ctx.log.info('Removed rows trashed in Notion', { entity, removed: gone.length });
  return gone.length;
}
