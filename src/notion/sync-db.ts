// The few reads and writes the sync needs that the store's services do not offer, on the store's own tables.

import { NOTION_ACTOR } from '../domain/types.js';
import type { Entity, Store } from '../store/index.js';

type Db = Store['db'];

const markKey = (entity: Entity, id: string) => `notion:creating:${entity}:${id}`;

/**
 * Written (durably) before a create is sent and removed once its page is linked. A mark left behind — by a timeout,
 * a dropped connection or a killed process — means the page may exist: look it up by `key` before creating again.
 */
export function writeCreateMark(db: Db, entity: Entity, id: string, key: string): void {
  db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(markKey(entity, id), key);
}

export function readCreateMark(db: Db, entity: Entity, id: string): string | null {
  const value = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck(true).get(markKey(entity, id));
  return typeof value === 'string' ? value : null;
}

export function clearCreateMark(db: Db, entity: Entity, id: string): void {
  db.prepare('DELETE FROM sync_state WHERE key = ?').run(markKey(entity, id));
}

export interface OutboxState {
  pending: number;
  failed: number;
  /** When the oldest change not yet in Notion was made; null when Notion has them all. */
  oldestAt: number | null;
}

export function readOutboxState(db: Db, entity: Entity, id: string): OutboxState {
  const row = db
    .prepare(
      // Both engines read it alike: Postgres has no SUM of booleans, and folds an unquoted alias to lower case.
      `SELECT SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) AS pending,
         SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed, MIN(created_at) AS oldest_at
       FROM outbox WHERE entity = ? AND entity_id = ?`,
    )
    .get(entity, id) as { pending: number | null; failed: number | null; oldest_at: number | null };
  return { pending: row.pending ?? 0, failed: row.failed ?? 0, oldestAt: row.oldest_at };
}

export function countFailedOutbox(db: Db): number {
  return db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'failed'").pluck(true).get() as number;
}

export interface LinkRow {
  entityId: string;
  pageId: string;
  pushedAt: number | null;
}

/**
 * The links of live pages: a page we trashed ourselves (its lead merged away) is not a deletion to reconcile. Aliases
 * in this file are quoted: Postgres folds an unquoted one to lower case.
 */
export function listLinks(db: Db, entity: Entity): LinkRow[] {
  return db
    .prepare(
      `SELECT entity_id AS "entityId", page_id AS "pageId", pushed_at AS "pushedAt" FROM notion_links
       WHERE entity = ? AND trashed_at IS NULL`,
    )
    .all(entity) as LinkRow[];
}

/** LeadService.fieldTimes for spend, targets and visits: when each field was last changed here (not by Notion). */
export function readPlanFieldTimes(db: Db, entity: Exclude<Entity, 'lead'>, id: string): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT after, recorded_at AS "recordedAt" FROM plan_events
       WHERE entity = ? AND entity_id = ? AND actor_id <> ? AND kind NOT IN ('remote', 'delete') ORDER BY id`,
    )
    .all(entity, id, NOTION_ACTOR.id) as { after: string; recordedAt: number }[];
  const times: Record<string, number> = {};
  for (const row of rows) {
    for (const field of Object.keys(JSON.parse(row.after) as object)) times[field] = row.recordedAt;
  }
  return times;
}

/** The figure of a record kind that `/roi cost` and `/roi visits` add to. */
export type AddedField = 'amount' | 'visits';

export interface FigureStep {
  /** `add`: `figure` is what was added (negative for an undone add); `set`: `figure` is what the month was set to. */
  kind: 'add' | 'set';
  figure: number;
}

/**
 * Changes made here to a spend's amount (or a month's visits) since `since` (recorded on or after), oldest first, as
 * figure steps.
 */
export function readPendingFigureSteps(
  db: Db,
  record: { entity: Entity; field: AddedField; id: string },
  since: number,
): FigureStep[] {
  const rows = db
    .prepare(
      `SELECT e.kind, e.before, e.after, u.kind AS "undoneKind" FROM plan_events AS e
       LEFT JOIN plan_events AS u ON u.id = e.undoes
       WHERE e.entity = ? AND e.entity_id = ? AND e.actor_id <> ? AND e.kind NOT IN ('remote', 'delete')
         AND e.recorded_at >= ? ORDER BY e.id`,
    )
    .all(record.entity, record.id, NOTION_ACTOR.id, since) as {
    kind: string;
    before: string | null;
    after: string;
    undoneKind: string;
  }[];
  const steps: FigureStep[] = [];
  for (const row of rows) {
    const after = JSON.parse(row.after) as Partial<Record<AddedField, number>>;
    const figure = after[record.field];
    if (figure === undefined) continue;
    const isAdd = row.kind === 'add' || (row.kind === 'undo' && row.undoneKind === 'add');
    const before = row.before === null ? {} : (JSON.parse(row.before) as Partial<Record<AddedField, number>>);
    steps.push(isAdd ? { kind: 'add', figure: figure - (before[record.field] ?? 0) } : { kind: 'set', figure });
  }
  return steps;
}

/** After an outage: changes waiting out their backoff are due at once, so Notion catches up without delay. */
export function makeDeferredDue(db: Db, now: number): number {
  return db
    .prepare("UPDATE outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?")
    .run(now, now).changes;
}
