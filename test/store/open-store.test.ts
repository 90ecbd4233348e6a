import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { countRows, DAVE, MARIA, openTempStore, sqliteOf, type TempStore } from './store-fixtures.js';

const VERSIONS = MIGRATIONS.map((migration) => migration.version);
const NEXT_VERSION = Math.max(...VERSIONS) + 1;

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

describe('openStore', () => {
  it("creates its folder and opens in WAL mode with foreign keys and a busy timeout well under Slack's 3 s ack deadline", () => {
    expect(existsSync(t.file)).toBe(true);
    expect(sqliteOf(t.store.db).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqliteOf(t.store.db).pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqliteOf(t.store.db).pragma('busy_timeout', { simple: true })).toBe(1000);
  });

  it('applies each migration once: reopening applies nothing new', () => {
    expect(t.store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual(
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    t = t.reopen();
    t = t.reopen();
    expect(countRows(t.store, 'schema_migrations')).toBe(MIGRATIONS.length);
  });

  it('applies a later migration to an existing file exactly once, keeping the data', () => {
    t.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    t.store.close();
    // A version above every shipped one, as the next release's migration would be.
    const later = [
      ...MIGRATIONS,
      { version: NEXT_VERSION, name: 'lead tags', sql: "ALTER TABLE leads ADD COLUMN tags TEXT DEFAULT ''" },
    ];
    openStore({ file: t.file, migrations: later }).close();
    const again = openStore({ file: t.file, migrations: later });
    expect(again.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
      ...VERSIONS,
      NEXT_VERSION,
    ]);
    expect(again.db.prepare('SELECT company, tags FROM leads').get()).toEqual({ company: 'Acme Corp', tags: '' });
    again.close();
    t = t.reopen();
  });

  it('rolls a failing migration back entirely', () => {
    t.store.close();
    const broken = [
      ...MIGRATIONS,
      { version: NEXT_VERSION, name: 'broken', sql: 'CREATE TABLE half (x); SELECT nope FROM nowhere;' },
    ];
    expect(() => openStore({ file: t.file, migrations: broken })).toThrow(/no such table/);
    t = t.reopen();
    expect(countRows(t.store, 'sqlite_master', "name = 'half'")).toBe(0);
    expect(countRows(t.store, 'schema_migrations')).toBe(MIGRATIONS.length);
  });

  it('keeps leads, events, spend, targets and the outbox across a reopen', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp', source: 'thomasnet' }, { actor: MARIA });
    t.leads.moveStage(lead.id, 'sql', { actor: DAVE }, { value: 20_000 });
    t.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-04', amount: 22_000, category: 'event' },
      { actor: MARIA },
    );
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', count: 30 }, { actor: MARIA });
    const before = { dataset: t.leads.dataset(), events: t.leads.leadEvents(lead.id), pending: t.outbox.size() };
    t = t.reopen();
    expect(t.leads.dataset()).toEqual(before.dataset);
    expect(t.leads.leadEvents(lead.id)).toEqual(before.events);
    expect(t.outbox.size()).toBe(4);
    expect(before.pending).toBe(4);
    // Undo still works after a restart: it is kept in the file, not in memory.
    expect(t.leads.undoLast(MARIA.id).description).toContain('target');
  });

  it('works in memory for quick tests', () => {
    const memory = openStore({ file: ':memory:' });
    expect(countRows(memory, 'schema_migrations')).toBe(MIGRATIONS.length);
    expect(memory.isUsable()).toBe(true);
    memory.close();
    memory.close();
    expect(memory.isUsable()).toBe(false);
  });
});
