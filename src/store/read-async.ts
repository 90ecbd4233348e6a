// Statements whose answer is awaited rather than waited for. On Postgres every call of the store's synchronous API
// holds the event loop for a round trip (2-3 ms on a quiet machine, several times that while Postgres serves other
// workspaces' opens), and with it every other request of the process; the few statements of an open and of a
// request's authorization are made this way instead. On SQLite, and inside a transaction, they run at once as usual.

import { type Db, prepareCached } from './open-store.js';
import { isPostgres } from './sql/database.js';

/** The rows of a read, as objects by column. */
export function allAsync<R>(db: Db, sql: string, ...params: unknown[]): Promise<R[]> {
  return readAsync<R>(db, sql, params, 'object');
}

/** The rows of a read, as arrays of column values (a statement's `raw()` rows). */
export function rawAsync<R extends unknown[]>(db: Db, sql: string, ...params: unknown[]): Promise<R[]> {
  return readAsync<R>(db, sql, params, 'array');
}

async function readAsync<R>(db: Db, sql: string, params: unknown[], shape: 'object' | 'array'): Promise<R[]> {
  if (isPostgres(db) && !db.inTransaction) return (await db.queryAsync(sql, params, shape)).rows as R[];
  // A cached statement keeps the row shape its last caller asked for.
  return prepareCached(db, sql)
    .pluck(false)
    .raw(shape === 'array')
    .all(...params) as R[];
}

/** The first row of a read, or undefined. */
export async function getAsync<R>(db: Db, sql: string, ...params: unknown[]): Promise<R | undefined> {
  return (await allAsync<R>(db, sql, ...params))[0];
}

/** A single-statement write: how many rows it changed. */
export async function runAsync(db: Db, sql: string, ...params: unknown[]): Promise<number> {
  if (isPostgres(db) && !db.inTransaction) return (await db.queryAsync(sql, params)).changes;
  return prepareCached(db, sql).run(...params).changes;
}
