// Postgres connections outlive their stores a little (pg-worker.mjs keeps a closed store's connection for the next
// one, pg-bulk-read.ts pools the big reads' own): in distribution mode workspaces open and close several times a
// second, and each new connection costs Postgres a process. What a person would notice if this went wrong is one
// workspace's store seeing another's session: its schema, its settings, its locks, its half-done transaction.

import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { readRowsAsync } from '../../src/store/sql/pg-bulk-read.js';
import { endKeptPostgres, PostgresDatabase } from '../../src/store/sql/postgres.js';
import { queryOnce } from './query.js';
import { usePostgresServer } from './use-server.js';

const server = usePostgresServer();

const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  queryOnce<R>(server().url, sql, params);

const count = async (applicationName: string) =>
  (
    await query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
      applicationName,
    ])
  )[0]?.n;

const open = (schema: string, lockTimeoutMs?: number) =>
  new PostgresDatabase({ url: server().url, schema, ...(lockTimeoutMs === undefined ? {} : { lockTimeoutMs }) });

const pidOf = (db: PostgresDatabase) => db.prepare('SELECT pg_backend_pid() AS pid').get() as { pid: number };

afterEach(async () => {
  await endKeptPostgres();
});

describe("a closed store's connection", () => {
  it('serves the next store opened, with none of the first session left', async () => {
    const first = open('kept_first');
    const { pid } = pidOf(first);
    first.exec('CREATE TEMP TABLE scratch (x int)');
    first.exec("SET work_mem = '7MB'");
    first.prepare('SELECT pg_advisory_lock(4242)').get();
    first.close();

    const second = open('kept_second', 1_234);
    try {
      expect(pidOf(second).pid).toBe(pid);
      const session = second
        .prepare(
          `SELECT current_schema() AS schema, current_setting('work_mem') AS work_mem,
             current_setting('lock_timeout') AS lock_timeout, current_setting('application_name') AS app,
             to_regclass('pg_temp.scratch') AS scratch`,
        )
        .get();
      expect(session).toEqual({
        schema: 'kept_second',
        work_mem: '4MB',
        lock_timeout: '1234ms',
        app: 'roi-runway',
        scratch: null,
      });
      // The advisory lock went with the first session: another connection takes it at once.
      expect((await query<{ ok: boolean }>('SELECT pg_try_advisory_lock(4242) AS ok'))[0]?.ok).toBe(true);
    } finally {
      second.close();
    }
  });

  it('is ended, not kept, when its store closed inside a transaction, and the transaction rolls back', async () => {
    const first = open('kept_in_transaction');
    const { pid } = pidOf(first);
    first.exec('CREATE TABLE IF NOT EXISTS half_done (x int)');
    first.exec('BEGIN');
    first.exec('INSERT INTO half_done VALUES (1)');
    first.close();

    const second = open('kept_in_transaction');
    try {
      expect(pidOf(second).pid).not.toBe(pid);
      expect(second.prepare('SELECT count(*)::int AS n FROM half_done').get()).toEqual({ n: 0 });
      await expect
        .poll(async () => (await query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length)
        .toBe(0);
    } finally {
      second.close();
    }
  });

  it('is replaced by a new one when the server dropped it while kept', async () => {
    const first = open('kept_dropped');
    const { pid } = pidOf(first);
    first.close();
    await query('SELECT pg_terminate_backend($1)', [pid]);

    const second = open('kept_dropped');
    try {
      expect(pidOf(second).pid).not.toBe(pid);
      expect(second.prepare('SELECT current_schema() AS schema').get()).toEqual({ schema: 'kept_dropped' });
    } finally {
      second.close();
    }
  });

  it('is kept for at most eight stores, and none once the process stops', async () => {
    const stores = Array.from({ length: 10 }, (_, i) => open(`kept_many_${i}`));
    for (const store of stores) pidOf(store);
    for (const store of stores) store.close();
    // The two oldest are ended as the ninth and tenth are kept; their ends reach the server a moment later.
    await expect.poll(() => count('roi-runway kept')).toBe(8);
    expect(await count('roi-runway')).toBe(0);

    await endKeptPostgres();
    await expect.poll(() => count('roi-runway kept')).toBe(0);
  });
});

describe("the big reads' pooled connections", () => {
  it("read each store's own schema, one after another on one connection, and end at the stop", async () => {
    const stores = ['bulk_a', 'bulk_b'].map((schema) => open(schema));
    try {
      for (const [i, store] of stores.entries()) {
        store.exec('CREATE TABLE IF NOT EXISTS leads (company text)');
        store.exec(`INSERT INTO leads VALUES ('Acme Machining ${i}'), ('Precision Machining ${i}')`);
      }
      const read = async (store: PostgresDatabase) =>
        (await readRowsAsync(store, [{ sql: 'SELECT company FROM leads ORDER BY company', rows: 'array' }]))[0];
      expect(await read(stores[0]!)).toEqual([['Acme Machining 0'], ['Precision Machining 0']]);
      expect(await read(stores[1]!)).toEqual([['Acme Machining 1'], ['Precision Machining 1']]);
      expect(await read(stores[0]!)).toEqual([['Acme Machining 0'], ['Precision Machining 0']]);
      expect(await count('roi-runway start')).toBe(1);

      // A read that fails leaves nothing behind for the next one.
      await expect(readRowsAsync(stores[1]!, [{ sql: 'SELECT * FROM no_such_table', rows: 'array' }])).rejects.toThrow(
        /no_such_table/,
      );
      expect(await read(stores[1]!)).toEqual([['Acme Machining 1'], ['Precision Machining 1']]);
    } finally {
      for (const store of stores) store.close();
    }
    await endKeptPostgres();
    await expect.poll(() => count('roi-runway start')).toBe(0);
  });
});
