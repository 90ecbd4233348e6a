// The queue of changes Notion has not accepted yet. Rows stay until the Notion worker completes them; a row that can
// never succeed is kept as 'failed' so a person can see it.

import { runTransaction } from './change-feed.js';
import type { Entity, OutboxOp } from './journal.js';
import { type Db, prepareCached, type Store } from './open-store.js';
import { inJsonList } from './sql/dialect.js';

export interface OutboxEntry {
  id: number;
  entity: Entity;
  entityId: string;
  op: OutboxOp;
  actorId: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  state: 'pending' | 'failed';
}

/** All due rows of one record, oldest first: the worker pushes the record's current state once for all of them. */
export interface OutboxGroup {
  entity: Entity;
  entityId: string;
  /** The op of the newest row: what the record's fate is now. */
  op: OutboxOp;
  entries: OutboxEntry[];
}

interface OutboxRow {
  id: number;
  entity: Entity;
  entity_id: string;
  op: OutboxOp;
  actor_id: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  state: 'pending' | 'failed';
}

function buildEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    entity: row.entity,
    entityId: row.entity_id,
    op: row.op,
    actorId: row.actor_id,
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    state: row.state,
  };
}

const DUE = "state = 'pending' AND next_attempt_at <= ?";

export class Outbox {
  private readonly db: Db;

  constructor(store: Store) {
    this.db = store.db;
  }

  /** Due rows, oldest first. */
  pending(limit: number, now: number): OutboxEntry[] {
    const sql = `SELECT * FROM outbox WHERE ${DUE} ORDER BY id LIMIT ?`;
    return (prepareCached(this.db, sql).all(now, limit) as OutboxRow[]).map(buildEntry);
  }

  /**
   * Due rows grouped by record, at most `limit` records, the record waiting longest first; only records of the given
   * kinds (all by default), so rows of a kind with nowhere to go yet never hold up the others.
   */
  pendingByEntity(limit: number, now: number, entities?: readonly Entity[]): OutboxGroup[] {
    const groupsSql = `SELECT entity, entity_id FROM outbox WHERE ${DUE}
      AND (CAST(? AS TEXT) IS NULL OR ${inJsonList(this.db, 'entity')})
      GROUP BY entity, entity_id ORDER BY MIN(id) LIMIT ?`;
    const rowsSql = `SELECT * FROM outbox WHERE ${DUE} AND entity = ? AND entity_id = ? ORDER BY id`;
    const kinds = entities === undefined ? null : JSON.stringify(entities);
    return runTransaction(this.db, () => {
      const groups = prepareCached(this.db, groupsSql).all(now, kinds, kinds, limit) as Pick<
        OutboxRow,
        'entity' | 'entity_id'
      >[];
      return groups.map((group): OutboxGroup => {
        const rows = prepareCached(this.db, rowsSql).all(now, group.entity, group.entity_id) as OutboxRow[];
        const entries = rows.map(buildEntry);
        return { entity: group.entity, entityId: group.entity_id, op: entries.at(-1)!.op, entries };
      });
    });
  }

  /** Rows still owed to Notion: pending and failed; only those of the given kinds when some are given. */
  size(entities?: readonly Entity[]): number {
    const kinds = entities === undefined ? null : JSON.stringify(entities);
    const sql = `SELECT COUNT(*) FROM outbox WHERE CAST(? AS TEXT) IS NULL OR ${inJsonList(this.db, 'entity')}`;
    return prepareCached(this.db, sql).pluck(true).get(kinds, kinds) as number;
  }

  complete(ids: readonly number[]): void {
    const remove = prepareCached(this.db, 'DELETE FROM outbox WHERE id = ?');
    runTransaction(this.db, () => {
      for (const id of ids) remove.run(id);
    });
  }

  retryLater(id: number, error: string, at: number): void {
    const sql = 'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?';
    prepareCached(this.db, sql).run(error, at, id);
  }

  /** Gives up on a row for good; it stays visible as 'failed'. */
  fail(id: number, error: string): void {
    const sql = "UPDATE outbox SET attempts = attempts + 1, last_error = ?, state = 'failed' WHERE id = ?";
    prepareCached(this.db, sql).run(error, id);
  }

  failures(actorId?: string): OutboxEntry[] {
    const rows =
      actorId === undefined
        ? prepareCached(this.db, "SELECT * FROM outbox WHERE state = 'failed' ORDER BY id").all()
        : prepareCached(this.db, "SELECT * FROM outbox WHERE state = 'failed' AND actor_id = ? ORDER BY id").all(
            actorId,
          );
    return (rows as OutboxRow[]).map(buildEntry);
  }
}
