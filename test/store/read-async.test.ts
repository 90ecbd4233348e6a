// The statements an open and a request's authorization make without holding the event loop (read-async.ts): the
// same rows as the store's usual calls, part of the transaction when made inside one, and on Postgres, where their
// answer is awaited, never run out of the order the store's code sent them in.

import { afterEach, describe, expect, it } from 'vitest';
import { runTransaction } from '../../src/store/index.js';
import { allAsync, getAsync, rawAsync, runAsync } from '../../src/store/read-async.js';
import { isPostgres } from '../../src/store/sql/database.js';
import { openTempStore, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

const SETTINGS = 'SELECT name, value FROM workspace_settings ORDER BY name';
const UPSERT = `INSERT INTO workspace_settings (name, value, updated_by, updated_at) VALUES (?, ?, 'U0MANAGER', 1)
  ON CONFLICT (name) DO UPDATE SET value = excluded.value`;

describe('statements awaited rather than waited for', () => {
  it('read and write what the usual calls do', async () => {
    temp = openTempStore();
    const { db } = temp.store;
    expect(await runAsync(db, UPSERT, 'DIGEST_CHANNEL', 'C0SALES')).toBe(1);
    expect(await runAsync(db, UPSERT, 'CURRENCY', 'EUR')).toBe(1);

    const rows = await allAsync(db, SETTINGS);
    expect(rows).toEqual(db.prepare(SETTINGS).all());
    expect(await rawAsync(db, SETTINGS)).toEqual(db.prepare(SETTINGS).raw(true).all());
    expect(rows).toEqual([
      { name: 'CURRENCY', value: 'EUR' },
      { name: 'DIGEST_CHANNEL', value: 'C0SALES' },
    ]);
    expect(await getAsync(db, 'SELECT value FROM workspace_settings WHERE name = ?', 'CURRENCY')).toEqual({
      value: 'EUR',
    });
    expect(await getAsync(db, 'SELECT value FROM workspace_settings WHERE name = ?', 'MARGIN')).toBeUndefined();
  });

  it('is part of the transaction it is made in, and rolls back with it', async () => {
    temp = openTempStore();
    const { db } = temp.store;
    let seen: unknown[] = [];
    expect(() =>
      runTransaction(db, () => {
        db.prepare(UPSERT).run('CURRENCY', 'GBP');
        // Inside a transaction the call is made at once, on the transaction's own connection.
        void allAsync(db, SETTINGS).then((rows) => {
          seen = rows;
        });
        throw new Error('the command failed');
      }),
    ).toThrow('the command failed');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ name: 'CURRENCY', value: 'GBP' }]);
    expect(await allAsync(db, SETTINGS)).toEqual([]);
  });

  it('runs a connection’s statements in the order they were sent, awaited or not', async () => {
    temp = openTempStore();
    const { db } = temp.store;
    const reads: Promise<unknown[]>[] = [];
    for (let commit = 0; commit < 200; commit++) {
      // Sent before the transaction: it must see the commits before it, never this one's uncommitted row.
      reads.push(allAsync(db, 'SELECT name FROM workspace_settings'));
      runTransaction(db, () => {
        db.prepare(UPSERT).run(`SETTING_${commit}`, 'x');
        db.prepare('SELECT COUNT(*) FROM workspace_settings').pluck().get();
      });
    }
    const counts = (await Promise.all(reads)).map((rows) => rows.length);
    expect(counts).toEqual(counts.map((_, commit) => commit));
  });

  it('lets the event loop run while Postgres answers (SQLite answers at once)', async () => {
    temp = openTempStore();
    const { db } = temp.store;
    const loopRan = new Promise((resolve) => setImmediate(resolve)).then(() => 'loop ran');
    const read = allAsync(db, SETTINGS).then(() => 'read answered');
    expect(await Promise.race([loopRan, read])).toBe(isPostgres(db) ? 'loop ran' : 'read answered');
  });
});
