// The record-kind registry is the one place a kind is described: this proves that every kind in it has every part,
// and that the schema of this run's engine (SQLite, or Postgres in the postgres project) says the same.

import { afterEach, describe, expect, it } from 'vitest';
import { runTransaction } from '../../src/store/change-feed.js';
import { isWellFormedId, wasIdEverUsed } from '../../src/store/entity-ids.js';
import { nextEntityId } from '../../src/store/journal.js';
import { ENTITIES, findRecordProblem, isPlanEntity, RECORD_KINDS } from '../../src/store/record-kinds.js';
import { openTempStore, type TempStore } from './store-fixtures.js';

const opened: TempStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.cleanup();
});

function open(): TempStore {
  const t = openTempStore();
  opened.push(t);
  return t;
}

const isPostgresStore = (t: TempStore) => (t.store.db as { engine?: string }).engine === 'postgres';

/** The kinds a table's CHECK on its `entity` column allows, as this engine keeps the constraint. */
function checkedKinds(t: TempStore, table: string): string[] {
  const sql = isPostgresStore(t)
    ? `SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = r.relnamespace
       WHERE n.nspname = current_schema() AND r.relname = ? AND c.contype = 'c'`
    : "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?";
  const texts = t.store.db.prepare(sql).pluck(true).all(table) as string[];
  const check = texts
    .flatMap((text) => text.split(/CHECK/i))
    .find((part) => /^\s*\(+\s*entity\b/.test(part) && part.includes("'"));
  if (check === undefined) throw new Error(`no CHECK on ${table}.entity`);
  // SQLite keeps `(entity IN ('lead', …))`, Postgres `((entity = ANY (ARRAY['lead'::text, …])))`: the list ends at
  // the first closing parenthesis either way.
  const list = check.slice(0, check.indexOf(')'));
  return [...list.matchAll(/'([a-z_]+)'/g)].map((match) => match[1] as string).sort();
}

function columnsOf(t: TempStore, table: string): string[] {
  const sql = isPostgresStore(t)
    ? `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`
    : 'SELECT name FROM pragma_table_xinfo(?)';
  return (t.store.db.prepare(sql).pluck(true).all(table) as string[]).sort();
}

describe('the record-kind registry', () => {
  it("lists exactly the kinds the schema's CHECKs allow on this engine", () => {
    const t = open();
    const all = [...ENTITIES].sort();
    for (const table of ['outbox', 'notion_links', 'id_counters']) expect(checkedKinds(t, table)).toEqual(all);
    expect(checkedKinds(t, 'plan_events')).toEqual(ENTITIES.filter(isPlanEntity).sort());
    const counters = t.store.db.prepare('SELECT entity FROM id_counters').pluck(true).all() as string[];
    expect(counters.sort()).toEqual(all);
  });

  it("gives each plan kind its table's columns, so the generic reads and writes cover every one", () => {
    const t = open();
    for (const entity of ENTITIES.filter(isPlanEntity)) {
      const { table, columns } = RECORD_KINDS[entity];
      // Postgres keeps table order in a `rowid` column of its own.
      const own = columnsOf(t, table).filter((name) => !['id', 'updated_at', 'rowid'].includes(name));
      expect(own, table).toEqual([...columns].sort());
    }
  });

  it('gives every kind its own id letter, counter, journal, rules and words', () => {
    const t = open();
    const prefixes = ENTITIES.map((entity) => RECORD_KINDS[entity].prefix);
    expect(new Set(prefixes).size).toBe(ENTITIES.length);
    for (const entity of ENTITIES) {
      const kind = RECORD_KINDS[entity];
      const id = runTransaction(t.store.db, () => nextEntityId(t.store.db, entity));
      expect(id).toBe(`${kind.prefix}-000001`);
      expect(isWellFormedId(entity, id)).toBe(true);
      expect(wasIdEverUsed(t.store.db, entity, id)).toBe(false);
      expect(Object.keys(kind.fieldRules).length, entity).toBeGreaterThan(0);
      expect(kind.noun).not.toBe('');
      expect(['lead_events', 'plan_events']).toContain(kind.events);
    }
  });

  it('refuses fields that break a kind’s rules, whatever kind', () => {
    expect(findRecordProblem('lead', { company: 'x'.repeat(201) })).toMatch(/company/);
    expect(findRecordProblem('spend', { month: '2026-13' })).toBe('a month looks like 2026-10');
    expect(findRecordProblem('target', { rate: 2 })).toMatch(/rate/);
    expect(findRecordProblem('visit', { visits: -1 })).toBe('visits cannot be negative');
    expect(findRecordProblem('number', { number: '555' })).toMatch(/E\.164/);
    expect(findRecordProblem('spend', { month: '2026-10', amount: 5 })).toBeNull();
  });
});
