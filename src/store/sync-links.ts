// Bookkeeping of the Notion sync: which Notion page mirrors which record, and small key/value cursors
// (last pull time, id high-water marks).

import type { Entity } from './journal.js';
import { type Clock, type Db, prepareCached, type Store } from './open-store.js';

export interface NotionLink {
  entity: Entity;
  entityId: string;
  pageId: string;
  /** Notion's last_edited_time of the page when we last saw it. */
  remoteEditedAt: number | null;
  /** When the link was last written by us. */
  pushedAt: number | null;
  /** When we moved the page to Notion's trash because its lead was merged away (null: the page is live). */
  trashedAt: number | null;
}

interface LinkRow {
  entity: Entity;
  entity_id: string;
  page_id: string;
  remote_edited_at: number | null;
  pushed_at: number | null;
  trashed_at: number | null;
}

function buildLink(row: LinkRow | undefined): NotionLink | null {
  if (!row) return null;
  return {
    entity: row.entity,
    entityId: row.entity_id,
    pageId: row.page_id,
    remoteEditedAt: row.remote_edited_at,
    pushedAt: row.pushed_at,
    trashedAt: row.trashed_at,
  };
}

export function readSyncValue(db: Db, key: string): string | null {
  const value = prepareCached(db, 'SELECT value FROM sync_state WHERE key = ?').pluck(true).get(key);
  return typeof value === 'string' ? value : null;
}

export function writeSyncValue(db: Db, key: string, value: string): void {
  prepareCached(
    db,
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

export class SyncLinks {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  getLink(entity: Entity, entityId: string): NotionLink | null {
    const sql = 'SELECT * FROM notion_links WHERE entity = ? AND entity_id = ?';
    return buildLink(prepareCached(this.db, sql).get(entity, entityId) as LinkRow | undefined);
  }

  /** Links a record to its page; `remoteEditedAt` left out keeps the one already known. */
  setLink(entity: Entity, entityId: string, pageId: string, remoteEditedAt?: number | null): NotionLink {
    const sql = `INSERT INTO notion_links (entity, entity_id, page_id, remote_edited_at, pushed_at)
      VALUES (@entity, @entityId, @pageId, @remoteEditedAt, @now)
      ON CONFLICT (entity, entity_id) DO UPDATE SET page_id = excluded.page_id, pushed_at = excluded.pushed_at,
        remote_edited_at = CASE WHEN @keepEdited = 1 THEN notion_links.remote_edited_at
          ELSE excluded.remote_edited_at END`;
    prepareCached(this.db, sql).run({
      entity,
      entityId,
      pageId,
      remoteEditedAt: remoteEditedAt ?? null,
      now: this.clock(),
      keepEdited: remoteEditedAt === undefined ? 1 : 0,
    });
    return this.getLink(entity, entityId)!;
  }

  /** Marks the linked page as moved to the trash by us (`at`), or back out of it (null); the link stays. */
  setTrashed(entity: Entity, entityId: string, at: number | null): void {
    const sql = 'UPDATE notion_links SET trashed_at = ? WHERE entity = ? AND entity_id = ?';
    prepareCached(this.db, sql).run(at, entity, entityId);
  }

  findLinkByPage(pageId: string): NotionLink | null {
    const sql = 'SELECT * FROM notion_links WHERE page_id = ? LIMIT 1';
    return buildLink(prepareCached(this.db, sql).get(pageId) as LinkRow | undefined);
  }

  deleteLink(entity: Entity, entityId: string): void {
    prepareCached(this.db, 'DELETE FROM notion_links WHERE entity = ? AND entity_id = ?').run(entity, entityId);
  }

  getSyncState(key: string): string | null {
    return readSyncValue(this.db, key);
  }

  setSyncState(key: string, value: string): void {
    writeSyncValue(this.db, key, value);
  }

  deleteSyncState(key: string): void {
    prepareCached(this.db, 'DELETE FROM sync_state WHERE key = ?').run(key);
  }
}
