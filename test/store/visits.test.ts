import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import {
  countRows,
  DAVE,
  DAY,
  MARIA,
  MINUTE,
  openSqliteTempStore,
  openTempStore,
  sqliteOf,
  T0,
  type TempStore,
} from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };

describe('recordVisits', () => {
  it('records a month of visits per source, and sets (never adds) the count for the same month and source', () => {
    const first = t.plans.recordVisits({ month: '2026-11', source: 'organic-search', visits: 12_400 }, byMaria);
    expect(first).toEqual({
      id: 'V-000001',
      month: '2026-11',
      source: 'organic-search',
      visits: 12_400,
      updatedAt: T0,
    });
    t.plans.recordVisits({ month: '2026-11', source: null, visits: 30_000 }, byMaria);
    t.clock.advance(DAY);
    const again = t.plans.recordVisits({ month: '2026-11', source: 'organic-search', visits: 12_650 }, byMaria);

    expect(again).toEqual({ ...first, visits: 12_650, updatedAt: T0 + DAY });
    expect(t.plans.listVisits().map((row) => `${row.id} ${row.source ?? '(site)'} ${row.visits}`)).toEqual([
      'V-000001 organic-search 12650',
      'V-000002 (site) 30000',
    ]);
    expect(t.leads.dataset().visits).toEqual(t.plans.listVisits());
    const edit = t.store.db.prepare("SELECT entity, before, after FROM plan_events WHERE kind = 'edit'").get();
    expect(edit).toEqual({ entity: 'visit', before: '{"visits":12400}', after: '{"visits":12650}' });
    // Each change is queued for Notion like spend: three changes, three outbox rows of kind 'visit'.
    expect(countRows(t.store, 'outbox', "entity = 'visit'")).toBe(3);
  });

  it.each([
    [{ month: '2026-13' }, /2026-10/],
    [{ visits: -1 }, /negative/],
    [{ visits: 12.5 }, /whole number/],
    [{ visits: 2e9 }, /more visits than a month can hold/],
    [{ source: 'a,b' }, /comma/],
  ])('refuses %o and changes nothing', (patch, message) => {
    const visits = { month: '2026-11', source: 'organic-search', visits: 100, ...patch };
    expect(() => t.plans.recordVisits(visits, byMaria)).toThrow(message);
    expect(t.plans.listVisits()).toEqual([]);
    expect(countRows(t.store, 'outbox')).toBe(0);
  });

  it('is taken back by /lead undo, the person’s latest change', () => {
    t.plans.recordVisits({ month: '2026-10', source: 'google-ads', visits: 3_000 }, byMaria);
    t.clock.advance(MINUTE);
    t.plans.recordVisits({ month: '2026-10', source: 'google-ads', visits: 3_300 }, byMaria);
    t.clock.advance(MINUTE);

    expect(t.leads.undoLast(MARIA.id).description).toBe(
      'Undid your change to the visits record (google-ads, 2026-10).',
    );
    expect(t.plans.listVisits()[0]?.visits).toBe(3_000);
    expect(t.leads.undoLast(MARIA.id).description).toBe(
      'Removed the visits record you had just recorded (google-ads, 2026-10).',
    );
    expect(t.plans.listVisits()).toEqual([]);
    expect(() => t.leads.undoLast(DAVE.id)).toThrow(/no change/);
  });

  it('records a batch all or nothing', () => {
    expect(() =>
      t.plans.recordMany(() => {
        t.plans.recordVisits({ month: '2026-09', source: 'linkedin', visits: 900 }, byMaria);
        t.plans.recordVisits({ month: '2026-10', source: 'linkedin', visits: -4 }, byMaria);
      }),
    ).toThrow(/negative/);
    expect(t.plans.listVisits()).toEqual([]);
    expect(countRows(t.store, 'plan_events')).toBe(0);
  });
});

describe('migration 8 (visits)', () => {
  // Upgrading an old SQLite file in place: SQLite's own history, whatever engine the run tests.
  beforeEach(() => {
    t.cleanup();
    t = openSqliteTempStore();
  });
  it('upgrades a store of the first release in place: rows, ids and the undo chain kept, visits accepted', () => {
    t.store.close();
    const firstRelease = MIGRATIONS.filter((migration) => migration.version === 1);
    const old = openStore({ file: t.file, migrations: firstRelease });
    // Data as a running deployment has it: a spend, an undone target, an outbox row already pushed and deleted.
    old.db.exec(`
      INSERT INTO spend (id, campaign, source, month, amount, category, updated_at)
        VALUES ('S-000001', 'spring-expo', NULL, '2026-04', 22000, 'event', 1);
      INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after)
        VALUES (1, 'target', 'T-000001', 'create', 'U0MARIA', 1, 1, NULL, '{}');
      INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes)
        VALUES (2, 'target', 'T-000001', 'undo', 'U0MARIA', 1, 1, NULL, '{}', 1);
      INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at)
        VALUES ('spend', 'S-000001', 'upsert', 'U0MARIA', 1, 1), ('target', 'T-000001', 'delete', 'U0MARIA', 1, 1);
      DELETE FROM outbox WHERE entity = 'target';
      INSERT INTO notion_links (entity, entity_id, page_id) VALUES ('spend', 'S-000001', 'page-1');`);
    old.close();

    t = t.reopen();

    const db = t.store.db;
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toContain(8);
    expect(db.prepare('SELECT id, undoes FROM plan_events ORDER BY id').all()).toEqual([
      { id: 1, undoes: null },
      { id: 2, undoes: 1 },
    ]);
    expect(db.prepare('SELECT entity, entity_id FROM outbox').all()).toEqual([
      { entity: 'spend', entity_id: 'S-000001' },
    ]);
    expect(db.prepare('SELECT page_id FROM notion_links').pluck().all()).toEqual(['page-1']);
    expect(sqliteOf(db).pragma('foreign_key_check')).toEqual([]);
    // The outbox keeps counting from its high-water mark: the deleted row's id 2 is never handed out again.
    t.plans.recordVisits({ month: '2026-11', source: null, visits: 5 }, byMaria);
    expect(db.prepare("SELECT id FROM outbox WHERE entity = 'visit'").pluck().get()).toBe(3);
    // The undo chain's foreign key still holds: an undo of a missing event is refused.
    const dangling = `INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, after, undoes)
      VALUES (9, 'visit', 'V-000001', 'undo', 'U0MARIA', 1, 1, '{}', 99)`;
    expect(() => db.exec(dangling)).toThrow(/FOREIGN KEY/);
  });
  it('upgrades a store at migrations 1–4 in place: merges, trashed links, id counters and digest parts kept', () => {
    t.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.file}${suffix}`, { force: true });
    const released = openStore({ file: t.file, migrations: MIGRATIONS.filter((migration) => migration.version <= 4) });
    // A deployment that merged a lead away (its page in Notion's trash), counted spend up to S-000007 and posted a
    // digest part; one outbox row was pushed and deleted since.
    released.db.exec(`
      INSERT INTO lead_events (seq, lead_id, kind, actor_id, at, recorded_at, before, after)
        VALUES (1, 'L-000002', 'merge', 'U0MARIA', 1, 1, NULL, '{}');
      INSERT INTO lead_merges (event_id, merged_id, survivor_id, merged_before, survivor_before)
        VALUES (1, 'L-000002', 'L-000001', '{}', '{}');
      INSERT INTO notion_links (entity, entity_id, page_id, remote_edited_at, pushed_at, trashed_at)
        VALUES ('lead', 'L-000002', 'page-2', 5, 6, 7), ('lead', 'L-000001', 'page-1', 5, 6, NULL);
      UPDATE id_counters SET last_number = 7 WHERE entity = 'spend';
      UPDATE id_counters SET last_number = 2 WHERE entity = 'lead';
      INSERT INTO digest_parts (period_key, channel, revision, part, files, message_ts, updated_at)
        VALUES ('2026-W47', 'C0DIGEST', 0, 'weekly', '[]', '1.000100', 1);
      INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at)
        VALUES ('lead', 'L-000001', 'upsert', 'U0MARIA', 1, 1), ('lead', 'L-000002', 'delete', 'U0MARIA', 1, 1);
      DELETE FROM outbox WHERE entity_id = 'L-000002';`);
    released.close();

    t = t.reopen();

    const db = t.store.db;
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual(MIGRATIONS.map((migration) => migration.version));
    expect(versions).toContain(8);
    expect(db.prepare('SELECT entity_id, page_id, trashed_at FROM notion_links ORDER BY entity_id').all()).toEqual([
      { entity_id: 'L-000001', page_id: 'page-1', trashed_at: null },
      { entity_id: 'L-000002', page_id: 'page-2', trashed_at: 7 },
    ]);
    expect(db.prepare('SELECT merged_id, survivor_id FROM lead_merges').all()).toEqual([
      { merged_id: 'L-000002', survivor_id: 'L-000001' },
    ]);
    expect(db.prepare('SELECT part, message_ts FROM digest_parts').all()).toEqual([
      { part: 'weekly', message_ts: '1.000100' },
    ]);
    expect(sqliteOf(db).pragma('foreign_key_check')).toEqual([]);
    // The counters go on where they were, and visits have one of their own.
    const spend = { campaign: 'spring-expo', month: '2026-04', amount: 1000, category: 'event' } as const;
    expect(t.plans.recordSpend(spend, byMaria).id).toBe('S-000008');
    expect(t.leads.createLead({ company: 'Acme Corp' }, byMaria).id).toBe('L-000003');
    const visit = t.plans.recordVisits({ month: '2026-11', source: null, visits: 5 }, byMaria);
    expect(visit.id).toBe('V-000001');
    // The rebuilt tables take the new kind: a visits record gets a Notion link like any other.
    db.prepare("INSERT INTO notion_links (entity, entity_id, page_id) VALUES ('visit', ?, 'page-v')").run(visit.id);
    expect(db.prepare("SELECT trashed_at FROM notion_links WHERE entity = 'visit'").pluck().get()).toBeNull();
    // The outbox's ids go on past the row pushed and deleted before the upgrade (id 2).
    expect(db.prepare("SELECT id FROM outbox WHERE entity = 'spend'").pluck().get()).toBe(3);
  });
});
