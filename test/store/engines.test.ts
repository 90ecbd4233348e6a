// The two engines hold the same store: Postgres's baseline (sql/pg-schema.ts) has every table and column SQLite's
// migrations add up to, and statements written for better-sqlite3 reach Postgres with their placeholders in place.

import { afterEach, describe, expect, it } from 'vitest';
import { runTransaction } from '../../src/store/change-feed.js';
import { LeadService } from '../../src/store/lead-service.js';
import { isStoreBusy } from '../../src/store/sql/database.js';
import { translatePlaceholders } from '../../src/store/sql/placeholders.js';
import { isPostgresRun } from '../postgres/engine.js';
import { MARIA, openSqliteTempStore, openTempStore, type TempStore } from './store-fixtures.js';

const opened: TempStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.cleanup();
});

function columnsOf(t: TempStore): Map<string, string[]> {
  const sql = isPostgresStore(t)
    ? `SELECT table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, column_name`
    : `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_xinfo(m.name) p
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%' ORDER BY m.name, p.name`;
  const tables = new Map<string, string[]>();
  for (const row of t.store.db.prepare(sql).all() as { t: string; c: string }[]) {
    tables.set(row.t, [...(tables.get(row.t) ?? []), row.c]);
  }
  return tables;
}

const isPostgresStore = (t: TempStore) => (t.store.db as { engine?: string }).engine === 'postgres';

describe('one schema on both engines', () => {
  it("has every table and column of SQLite's migrations in this run's engine, and only Postgres's own additions", () => {
    const sqlite = openSqliteTempStore();
    const here = openTempStore();
    opened.push(sqlite, here);
    const expected = columnsOf(sqlite);
    const actual = columnsOf(here);
    if (!isPostgresRun()) {
      expect(actual).toEqual(expected);
      return;
    }
    // Postgres keeps table order in a `rowid` column, and the instances' change log in a table of its own.
    for (const [table, columns] of expected) {
      const extra = table === 'leads' || table === 'leak_alert_posts' ? ['rowid'] : [];
      expect(actual.get(table), table).toEqual([...columns, ...extra].sort());
    }
    expect([...actual.keys()].filter((table) => !expected.has(table))).toEqual(['store_changes']);
  });
});

describe('writers on one store', () => {
  it('fails a writer that waits too long for another connection as busy, writing nothing, on either engine', () => {
    const t = openTempStore();
    opened.push(t);
    const other = t.openAnother();
    try {
      const elsewhere = new LeadService(other, t.clock);
      let refused: unknown = null;
      runTransaction(t.store.db, () => {
        t.leads.createLead({ company: 'Acme Machining' }, { actor: MARIA });
        try {
          elsewhere.createLead({ company: 'Precision Machining' }, { actor: MARIA });
        } catch (error) {
          refused = error;
        }
      });
      expect(isStoreBusy(refused)).toBe(true);
      expect(t.leads.dataset().leads.map((lead) => lead.company)).toEqual(['Acme Machining']);
    } finally {
      other.close();
    }
  });
});

describe('placeholders for Postgres', () => {
  it('numbers ? in order, and names @name/:name/$name once each, leaving quotes, comments and casts alone', () => {
    expect(translatePlaceholders('SELECT ? , \'?\', "a?" -- why?\n, ?::text').text).toBe(
      'SELECT $1 , \'?\', "a?" -- why?\n, $2::text',
    );
    expect(translatePlaceholders('SELECT @id, :id, $kind, x::int')).toEqual({
      text: 'SELECT $1, $1, $2, x::int',
      names: ['id', 'kind'],
    });
    expect(() => translatePlaceholders('SELECT ?, @id')).toThrow(/mixes/);
  });
});
