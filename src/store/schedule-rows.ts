// The rows of migration 16: each workspace's digest schedule and the next instants its digest and leak check come due
// (src/workspace-schedules.ts decides those instants; this file only stores them). Every write is one statement.

import { prepareCached, type Store } from './open-store.js';
import { getAsync, runAsync } from './read-async.js';

/** What a workspace's settings say about its schedule. */
export interface ScheduleSettings {
  hasChannel: boolean;
  cron: string;
  timeZone: string;
}

export interface ScheduleRow extends ScheduleSettings {
  key: string;
  /** Epoch milliseconds; null when nothing comes due (no digest channel, or a rule that never fires). */
  nextDigestAt: number | null;
  nextCheckAt: number | null;
}

export type DueKind = 'digest' | 'check';

interface Row {
  workspace_key: string;
  has_channel: number | string;
  cron: string;
  time_zone: string;
  next_digest_at: number | string | null;
  next_check_at: number | string | null;
}

const COLUMNS = 'workspace_key, has_channel, cron, time_zone, next_digest_at, next_check_at';
const NEXT_COLUMN: Record<DueKind, string> = { digest: 'next_digest_at', check: 'next_check_at' };

const nullableNumber = (value: number | string | null) => (value === null ? null : Number(value));

function readRow(row: Row): ScheduleRow {
  return {
    key: row.workspace_key,
    hasChannel: Number(row.has_channel) === 1,
    cron: row.cron,
    timeZone: row.time_zone,
    nextDigestAt: nullableNumber(row.next_digest_at),
    nextCheckAt: nullableNumber(row.next_check_at),
  };
}

const SELECT_ONE = `SELECT ${COLUMNS} FROM workspace_schedules WHERE workspace_key = ?`;
const UPSERT = `INSERT INTO workspace_schedules (${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (workspace_key) DO UPDATE SET has_channel = excluded.has_channel, cron = excluded.cron,
    time_zone = excluded.time_zone, next_digest_at = excluded.next_digest_at,
    next_check_at = excluded.next_check_at, updated_at = excluded.updated_at`;

function putValues(row: ScheduleRow, at: number): unknown[] {
  const { key, hasChannel, cron, timeZone, nextDigestAt, nextCheckAt } = row;
  return [key, hasChannel ? 1 : 0, cron, timeZone, nextDigestAt, nextCheckAt, at];
}

export class ScheduleRows {
  constructor(private readonly store: Store) {}

  get(key: string): ScheduleRow | undefined {
    const row = prepareCached(this.store.db, SELECT_ONE).get(key) as Row | undefined;
    return row === undefined ? undefined : readRow(row);
  }

  /** get() with the event loop free meanwhile (an open asks: read-async.ts). */
  async getAsync(key: string): Promise<ScheduleRow | undefined> {
    const row = await getAsync<Row>(this.store.db, SELECT_ONE, key);
    return row === undefined ? undefined : readRow(row);
  }

  keys(): string[] {
    const sql = 'SELECT workspace_key FROM workspace_schedules ORDER BY workspace_key';
    return prepareCached(this.store.db, sql).pluck().all() as string[];
  }

  /** A workspace's schedule and its next instants, replacing what was stored. */
  put(row: ScheduleRow, at: number): void {
    prepareCached(this.store.db, UPSERT).run(...putValues(row, at));
  }

  /** put() with the event loop free meanwhile. */
  async putAsync(row: ScheduleRow, at: number): Promise<void> {
    await runAsync(this.store.db, UPSERT, ...putValues(row, at));
  }

  /** The rows whose digest (or check) came due at or before `now`, soonest first. */
  due(kind: DueKind, now: number): ScheduleRow[] {
    const column = NEXT_COLUMN[kind];
    const sql = `SELECT ${COLUMNS} FROM workspace_schedules WHERE ${column} <= ? ORDER BY ${column}, workspace_key`;
    return (prepareCached(this.store.db, sql).all(now) as Row[]).map(readRow);
  }

  /** Moves a due instant on; nothing when it changed meanwhile (new settings, or another instance moved it). */
  advance(kind: DueKind, key: string, from: number, to: number | null): void {
    const column = NEXT_COLUMN[kind];
    const sql = `UPDATE workspace_schedules SET ${column} = ? WHERE workspace_key = ? AND ${column} = ?`;
    prepareCached(this.store.db, sql).run(to, key, from);
  }

  delete(key: string): void {
    prepareCached(this.store.db, 'DELETE FROM workspace_schedules WHERE workspace_key = ?').run(key);
  }
}
