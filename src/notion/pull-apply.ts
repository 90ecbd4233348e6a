// Applies one pulled page to the store. A field counts as edited in Notion when the page's value differs from what
// we would write for our record (compared after the same mapping, so lossy mappings never look like edits — and our
// own writes, read back, never do either). An edited field wins, unless the same field was changed here later and
// that change has not reached Notion yet: newest wins, per field.

import type { PageObjectResponse } from '@notionhq/client';
import type { Entity } from '../store/index.js';
import type { SyncContext } from './context.js';
import {
  applyRemoteRecord,
  buildRecordPlain,
  NOTION_KINDS,
  parsePagePlain,
  parseRecordPlain,
  type RowReadContext,
  readRecord,
} from './kind-mappings.js';
import type { SyncedRecord } from './properties.js';
import { mergeRemote } from './pull-merge.js';
import { applyMergedLeadPage } from './pull-merged.js';
import { skipRejectedRow } from './row-checks.js';
import { readOutboxState } from './sync-db.js';
import type { PlainRecord } from './values.js';

export interface PulledPage {
  entityId: string;
  changed: boolean;
  /** Values the row lacks that we derived (its Lead ID, stage dates): written back to Notion, or null. */
  writeBack: PlainRecord | null;
}

/**
 * Returns null for a page we have already seen, a row still too incomplete to use, or a page read before our own
 * last write to it ended. `askedAt` is when the request that read the page was sent (on the app's clock).
 */
export function applyPulledPage(
  ctx: SyncContext,
  entity: Entity,
  page: PageObjectResponse,
  customSources: readonly string[],
  askedAt: number,
): PulledPage | null {
  const editedTime = Date.parse(page.last_edited_time);
  const link = ctx.services.links.findLinkByPage(page.id);
  // Strictly older only: last_edited_time is rounded down to the minute, so a person's edit in the same minute as
  // our own write carries the same time, and the field comparison below tells them apart.
  if (link?.remoteEditedAt != null && editedTime < link.remoteEditedAt) return null;
  if (isOvertaken(link, askedAt)) return null;
  const kind = NOTION_KINDS[entity];
  const plain = parsePagePlain(entity, page);
  if (skipRejectedRow(ctx, entity, page, kind.rowProblem(plain))) return null;
  const context: RowReadContext = { id: '', previous: null, page, editedTime, customSources };
  const claimed = link?.entityId ?? claimId(ctx, entity, page.id, plain, context);
  // The page of a lead merged away: what a person edited there lands on the lead it was merged into.
  if (claimed !== '' && (kind.mergedInto?.(ctx.services, claimed) ?? null) !== null) {
    return applyMergedLeadPage(ctx, { page, plain, mergedId: claimed, editedTime, customSources });
  }
  const previous = claimed === '' ? null : readRecord(ctx.services, entity, claimed);
  // Deleted here (an undo) and not yet trashed in Notion: the push is about to, so the page must not bring it back.
  if (previous === null && claimed !== '' && readOutboxState(ctx.services.store.db, entity, claimed).pending > 0) {
    return null;
  }
  const remote = parseRecordPlain(entity, plain, { ...context, id: claimed, previous });
  if (remote === null) return null;
  let saved = previous;
  if (previous === null) saved = applyRemoteRecord(ctx.services, entity, remote);
  else {
    const mirror = parseRecordPlain(entity, buildRecordPlain(entity, previous), { ...context, id: claimed, previous });
    const merged = mirror && mergeRemote(ctx, entity, previous, remote, mirror, editedTime);
    if (merged) saved = applyRemoteRecord(ctx.services, entity, merged);
  }
  const savedId = saved?.id ?? claimed;
  ctx.services.links.setLink(entity, savedId, page.id, editedTime);
  const writeBack = saved && kind.writeBack ? kind.writeBack(plain, saved) : null;
  return { entityId: savedId, changed: saved !== previous, writeBack };
}

/**
 * Our write to the page (a push, on any instance) ended after the read was sent: Notion may have answered before
 * taking it, in the same minute, so the page as read can hold our own older values, which the field comparison
 * would take for a person's edit and apply over the newer ones here. Notion holds our write or something newer:
 * the next poll, which re-reads the last minute (where our write put the page), reads the page again.
 */
function isOvertaken(link: { pushedAt: number | null } | null, askedAt: number): boolean {
  return link?.pushedAt != null && link.pushedAt > askedAt;
}

/**
 * Which of our records an unlinked page is: the record its own id property names (a Lead ID; unless that lead already
 * has another page — then the row is a copy made in Notion and becomes a new lead), or the record with the same
 * natural key (its Name) that has no page yet. '' means a new record.
 */
function claimId(ctx: SyncContext, entity: Entity, pageId: string, plain: PlainRecord, context: RowReadContext) {
  const { links } = ctx.services;
  const kind = NOTION_KINDS[entity];
  const isFree = (id: string) => {
    const other = links.getLink(entity, id);
    return other === null || other.pageId === pageId;
  };
  if (kind.claimById) {
    const id = kind.claimById(ctx, plain);
    return id !== '' && isFree(id) ? id : '';
  }
  const parsed = kind.parsePlain(plain, context);
  if (parsed === null) return '';
  const key = kind.buildKey(parsed);
  const records: readonly SyncedRecord[] = kind.list?.(ctx.services) ?? [];
  return records.find((record) => kind.buildKey(record) === key && isFree(record.id))?.id ?? '';
}
