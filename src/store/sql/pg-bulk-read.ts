// The one big read of a Postgres store — every lead and plan, at start — made on a connection of its own in the main
// thread, asynchronously. Through the worker thread it would block the event loop for the whole transfer (3.7 s
// against 1.2 s for the query itself at 100k leads, measured on a loaded machine); read this way it blocks nothing and
// costs the queries alone. The connections are pooled per server: in distribution mode workspaces open several times
// a second, and a new connection costs Postgres a process of its own (17 ms of its CPU on this machine).

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

/** At most this many big reads at once per server; an idle connection ends after a few seconds. */
const POOL_SIZE = 2;
const IDLE_MS = 10_000;

const pools = new Map<string, pg.Pool>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (pool === undefined) {
    pool = new pg.Pool({
      connectionString: url,
      types,
      application_name: 'roi-runway start',
      max: POOL_SIZE,
      idleTimeoutMillis: IDLE_MS,
      // Idle connections do not keep the process alive.
      allowExitOnIdle: true,
    });
    // A pooled connection dropped while idle (the server restarted) is let go; the next read opens another.
    pool.on('error', () => {});
    pools.set(url, pool);
  }
  return pool;
}

/** What to read: rows as arrays (the leads' positional layout) or as objects by column (the plan records). */
export type BulkQuery = { sql: string; rows: 'array' | 'object' };

/** The rows of each query, all read in one read-only snapshot, so they agree with one another. */
export async function readRowsAsync(db: PostgresDatabase, queries: readonly BulkQuery[]): Promise<unknown[][]> {
  const client = await poolFor(db.url).connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // For this transaction only: the pooled connection serves other schemas next.
    if (db.schema !== null) await client.query(`SET LOCAL search_path TO "${db.schema}"`);
    const results: unknown[][] = [];
    for (const query of queries) {
      const result =
        query.rows === 'array'
          ? await client.query({ text: query.sql, rowMode: 'array' })
          : await client.query(query.sql);
      results.push(result.rows);
    }
    await client.query('COMMIT');
    client.release();
    return results;
  } catch (error) {
    // A connection whose read failed may be mid-transaction or broken: it is ended, not handed to the next read.
    client.release(true);
    throw error;
  }
}

/** Ends every pooled connection (the process stops). */
export async function endBulkReadPools(): Promise<void> {
  const ending = [...pools.values()];
  pools.clear();
  await Promise.all(ending.map((pool) => pool.end().catch(() => {})));
}
