// The one big read of a Postgres store — every lead, at start — made on a connection of its own in the main thread,
// asynchronously. Through the worker thread it would block the event loop for the whole transfer (3.7 s against
// 1.2 s for the query itself at 100k leads, measured on a loaded machine); read this way it blocks nothing and
// costs the query alone.

import pg from 'pg';
import type { PostgresDatabase } from './postgres.js';

/** Epoch milliseconds and counts as numbers, on this connection only (pg-boss shares the module's defaults). */
const parseNumber = (text: string) => Number(text);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? parseNumber
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** The rows of `sql` as arrays, read in one read-only snapshot. */
export async function readRowsAsync(db: PostgresDatabase, sql: string): Promise<unknown[][]> {
  const client = new pg.Client({ connectionString: db.url, types, application_name: 'roi-runway start' });
  await client.connect();
  try {
    if (db.schema !== null) await client.query(`SET search_path TO "${db.schema}"`);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await client.query({ text: sql, rowMode: 'array' });
    await client.query('COMMIT');
    return result.rows as unknown[][];
  } finally {
    await client.end();
  }
}
