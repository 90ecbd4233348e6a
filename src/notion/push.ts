// The push worker: drains the outbox into Notion. All due rows of one record become one write of the record's
// CURRENT state, so ten quick edits cost one request. Idempotent by key: a create that may have happened (timeout,
// dropped connection, killed process) is looked up by its Lead ID / Name before it is sent again.

import { IMPORT_ACTOR, NOTION_ACTOR } from '../domain/types.js';
import { type Entity, type OutboxGroup, RECORD_KINDS, runTransaction } from '../store/index.js';
import { listSyncedEntities, type SyncContext } from './context.js';
import { classifyNotionError, type NotionFailure } from './errors.js';
import { refreshFigureFromNotion } from './figure-refresh.js';
import { computeBackoffMs } from './health.js';
import { buildRecordKey, buildRecordProperties, NOTION_KINDS, readRecord, removeRecord } from './kind-mappings.js';
import { archiveMergedPage, restoreTrashedPage } from './merged-pages.js';
import { createPage, detectTrashedPage, findPagesByKey, trashPage, updatePage } from './page-writes.js';
import { clearCreateMark, readCreateMark, writeCreateMark } from './sync-db.js';

export interface PushRoundResult {
  /** Records written to Notion (or found already there). */
  pushed: number;
  /** Records Notion refused for good; kept in the outbox as failures. */
  failed: number;
  /** Set when Notion failed transiently: the round stopped there, the rest waits for the backoff. */
  stopped: NotionFailure | null;
  /** How long to wait before the next round when `stopped`. */
  retryInMs: number;
}

export async function runPushRound(ctx: SyncContext, limit: number): Promise<PushRoundResult> {
  const result: PushRoundResult = { pushed: 0, failed: 0, stopped: null, retryInMs: 0 };
  // Records of a kind without a database (NOTION_VISITS_DB or NOTION_NUMBERS_DB unset) wait in the outbox until it is
  // configured.
  const entities = listSyncedEntities(ctx.dataSources);
  for (const group of ctx.services.outbox.pendingByEntity(limit, ctx.clock(), entities)) {
    try {
      await pushRecordRetryingOnce(ctx, group.entity, group.entityId);
      ctx.services.outbox.complete(group.entries.map((entry) => entry.id));
      ctx.health.succeeded();
      result.pushed += 1;
    } catch (error) {
      const failure = classifyNotionError(error);
      if (failure.kind === 'transient') {
        result.retryInMs = deferGroup(ctx, group, failure);
        result.stopped = failure;
        return result;
      }
      failGroup(ctx, group, failure);
      result.failed += 1;
    }
  }
  return result;
}

/**
 * A connection dropped by the network (a keep-alive socket closed while idle, typically) is retried once at once: it
 * is common, says nothing about Notion's health, and the retry is safe (updates set every property; a create that may
 * have gone through is looked up first).
 */
async function pushRecordRetryingOnce(ctx: SyncContext, entity: Entity, id: string): Promise<void> {
  try {
    await pushRecord(ctx, entity, id);
  } catch (error) {
    if (classifyNotionError(error).code !== 'network') throw error;
    ctx.log.debug('Retrying a Notion write after a network error', { entity, id });
    await pushRecord(ctx, entity, id);
  }
}

function deferGroup(ctx: SyncContext, group: OutboxGroup, failure: NotionFailure): number {
  const now = ctx.clock();
  for (const entry of group.entries) {
    ctx.services.outbox.retryLater(entry.id, failure.message, now + computeBackoffMs(entry.attempts, ctx.backoff));
  }
  return ctx.health.failing(failure.message);
}

function failGroup(ctx: SyncContext, group: OutboxGroup, failure: NotionFailure): void {
  for (const entry of group.entries) ctx.services.outbox.fail(entry.id, failure.message);
  // Notion answered, so it is up; the change itself is what it refused.
  ctx.health.succeeded();
  const actorIds = [...new Set(group.entries.map((entry) => entry.actorId))];
  ctx.log.error('Notion refused a change; it is kept as a failure', {
    entity: group.entity,
    [RECORD_KINDS[group.entity].logKey]: group.entityId,
    actorIds,
    error: failure.message,
  });
  const people = actorIds.filter((id) => id !== NOTION_ACTOR.id && id !== IMPORT_ACTOR.id);
  if (people.length > 0) {
    ctx.onRefused?.({ entity: group.entity, entityId: group.entityId, actorIds: people, message: failure.message });
  }
}

/** Makes Notion hold the record as it is now: update, create, or trash when it no longer exists here. */
async function pushRecord(ctx: SyncContext, entity: Entity, id: string): Promise<void> {
  const { links, store } = ctx.services;
  const kind = NOTION_KINDS[entity];
  // A figure that is added to is read back first (figure-refresh.ts).
  if (kind.addedField) await refreshFigureFromNotion(ctx, entity, id);
  const record = readRecord(ctx.services, entity, id);
  if (record === null) {
    // Merged away: the page goes to the trash, but its link stays for an undo and for edits made on it later.
    if ((kind.mergedInto?.(ctx.services, id) ?? null) !== null) return archiveMergedPage(ctx, id);
    return trashRecordPage(ctx, entity, id);
  }
  const properties = buildRecordProperties(entity, record, ctx.absentProperties?.[entity]);
  let link = links.getLink(entity, id);
  if (link?.trashedAt != null) {
    // Back after an undone merge: the same page comes out of the trash, or a new one is made if it is gone.
    if (await restoreTrashedPage(ctx, entity, id, link.pageId, properties)) return;
    link = null;
  }
  if (link !== null) {
    try {
      const page = await updatePage(ctx, link.pageId, properties);
      links.setLink(entity, id, page.pageId, page.editedAt);
    } catch (error) {
      if (classifyNotionError(error).kind !== 'gone' || !(await detectTrashedPage(ctx, link.pageId))) throw error;
      forgetTrashedRecord(ctx, entity, id);
    }
    return;
  }
  const key = buildRecordKey(entity, record);
  // Rows that carry our id (leads) need a look only after a possibly-sent create; spend and target rows may also have
  // been typed into Notion by a manager before we pushed ours.
  const mayExist = kind.idProperty === undefined || readCreateMark(store.db, entity, id) !== null;
  const [existing] = mayExist ? await findExistingPages(ctx, entity, key) : [];
  writeCreateMark(store.db, entity, id, key);
  const page = existing ? await updatePage(ctx, existing, properties) : await createPage(ctx, entity, properties);
  runTransaction(store.db, () => {
    links.setLink(entity, id, page.pageId, page.editedAt);
    clearCreateMark(store.db, entity, id);
  });
}

/** Pages holding the key; if an earlier ambiguous failure left more than one, the extra ones go to the trash. */
async function findExistingPages(ctx: SyncContext, entity: Entity, key: string): Promise<string[]> {
  const pages = await findPagesByKey(ctx, entity, key);
  for (const extra of pages.slice(1)) {
    if (ctx.services.links.findLinkByPage(extra.id) !== null) continue;
    ctx.log.warn('Trashing a duplicate Notion row', { entity, key, pageId: extra.id });
    await trashPage(ctx, extra.id);
  }
  return pages.slice(0, 1).map((page) => page.id);
}

/** The record was deleted here (an undone create, say): its page goes to Notion's trash. */
async function trashRecordPage(ctx: SyncContext, entity: Entity, id: string): Promise<void> {
  const { links, store } = ctx.services;
  const link = links.getLink(entity, id);
  const mark = readCreateMark(store.db, entity, id);
  const pageIds = link ? [link.pageId] : mark ? (await findPagesByKey(ctx, entity, mark)).map((page) => page.id) : [];
  for (const pageId of pageIds) await trashPage(ctx, pageId);
  runTransaction(store.db, () => {
    links.deleteLink(entity, id);
    clearCreateMark(store.db, entity, id);
  });
}

/** Notion is the system of record: a row a person trashed there is deleted here, even with a change pending. */
function forgetTrashedRecord(ctx: SyncContext, entity: Entity, id: string): void {
  removeRecord(ctx.services, entity, id);
  ctx.services.links.deleteLink(entity, id);
  ctx.log.info('A row trashed in Notion was removed here', { entity, id });
}
