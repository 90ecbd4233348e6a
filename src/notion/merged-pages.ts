// The Notion side of a merge. The merged-away lead's page goes to the trash but stays linked (marked trashed), so an
// undo takes the very same page out of the trash, and an edit made later on it is recognised as that lead's.

import { type Entity, runTransaction } from '../store/index.js';
import type { SyncContext } from './context.js';
import { classifyNotionError } from './errors.js';
import { findPagesByKey, restorePage, trashPage } from './page-writes.js';
import { clearCreateMark, readCreateMark } from './sync-db.js';

/**
 * Trashes the page of a lead merged away and keeps its link. Sent again when a person took the page back out of
 * the trash (the pull then queues it once more): trashing a page that is already there is harmless.
 */
export async function archiveMergedPage(ctx: SyncContext, id: string): Promise<void> {
  const { links, store } = ctx.services;
  const link = links.getLink('lead', id);
  const mark = readCreateMark(store.db, 'lead', id);
  // A create that may have gone through without an answer: its pages are found by Lead ID.
  const pageIds = link ? [link.pageId] : mark ? (await findPagesByKey(ctx, 'lead', mark)).map((page) => page.id) : [];
  for (const pageId of pageIds) await trashPage(ctx, pageId);
  runTransaction(store.db, () => {
    const [kept] = pageIds;
    if (kept !== undefined) {
      if (link === null) links.setLink('lead', id, kept);
      links.setTrashed('lead', id, ctx.clock());
    }
    clearCreateMark(store.db, 'lead', id);
  });
}

/**
 * Takes a trashed page out of the trash with the record's current properties (an undone merge). False when Notion
 * no longer has the page (emptied from the trash): the link is dropped and the caller creates a new page.
 */
export async function restoreTrashedPage(
  ctx: SyncContext,
  entity: Entity,
  id: string,
  pageId: string,
  properties: Parameters<typeof restorePage>[2],
): Promise<boolean> {
  const { links, store } = ctx.services;
  try {
    const page = await restorePage(ctx, pageId, properties);
    runTransaction(store.db, () => {
      links.setLink(entity, id, page.pageId, page.editedAt);
      links.setTrashed(entity, id, null);
    });
    return true;
  } catch (error) {
    if (classifyNotionError(error).kind !== 'gone') throw error;
    ctx.log.info('A trashed Notion row could not be restored; creating a new one', { entity, id, pageId });
    links.deleteLink(entity, id);
    return false;
  }
}
