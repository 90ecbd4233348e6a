// Migration 10 (issue 12) is numbered between main's 8 and 12, so it runs in two orders: a fresh store applies
// 1, 2, 3, 4, 8, 10, 12, and a deployment already at main's 1, 2, 3, 4, 8, 12 applies 10 last. Both must end with the
// same schema, and a store that already holds merges, trashed Notion links, visits and leak alerts keeps every row.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.js';
import { PlanService } from '../../src/store/plan-service.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { MARIA, sqliteOf } from './store-fixtures.js';

const MAIN_ERA = MIGRATIONS.filter((migration) => migration.version !== 10);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roi-migration-10-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every table, index and trigger as SQLite keeps it (its SQL after every ALTER), in name order. */
function readSchema(store: Store): unknown[] {
  return store.db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name",
    )
    .all();
}

const TABLES_OF_MAIN = [
  'leads',
  'lead_events',
  'lead_merges',
  'plan_events',
  'outbox',
  'notion_links',
  'id_counters',
  'spend',
  'targets',
  'visits',
  'digest_ledger',
  'digest_parts',
  'leak_alert_state',
  'leak_alert_posts',
  'sync_state',
  'sqlite_sequence',
];

function dumpTables(store: Store): Record<string, unknown[]> {
  return Object.fromEntries(
    TABLES_OF_MAIN.map((table) => [table, store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]),
  );
}

/** What a deployment at main has by now: a merge with its page in Notion's trash, visits, a leak alert and its mute. */
const MAIN_ERA_ROWS = `
INSERT INTO leads (id, company, company_norm, source, channel, stage, owner_id, owner_name, created_at, updated_at)
  VALUES ('L-000001', 'Acme Corp', 'acme', 'thomasnet', 'phone', 'lead', 'U0MARIA', 'Maria', 1, 1);
INSERT INTO lead_events (seq, lead_id, kind, actor_id, at, recorded_at, before, after)
  VALUES (1, 'L-000002', 'merge', 'U0MARIA', 1, 1, NULL, '{}');
INSERT INTO lead_merges (event_id, merged_id, survivor_id, merged_before, survivor_before, unsynced_fields)
  VALUES (1, 'L-000002', 'L-000001', '{"id":"L-000002"}', '{"id":"L-000001"}', '["notes"]');
INSERT INTO notion_links (entity, entity_id, page_id, remote_edited_at, pushed_at, trashed_at)
  VALUES ('lead', 'L-000002', 'page-2', 5, 6, 7), ('lead', 'L-000001', 'page-1', 5, 6, NULL),
         ('visit', 'V-000003', 'page-v', 5, 6, NULL);
INSERT INTO visits (id, month, source, visits, updated_at) VALUES ('V-000003', '2026-11', 'organic-search', 1200, 1);
INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after)
  VALUES (2, 'visit', 'V-000003', 'create', 'U0MARIA', 1, 1, NULL, '{"visits":1200}');
INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes)
  VALUES (3, 'visit', 'V-000003', 'undo', 'U0MARIA', 1, 1, NULL, '{}', 1);
INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at)
  VALUES ('visit', 'V-000003', 'upsert', 'U0MARIA', 1, 1), ('lead', 'L-000002', 'delete', 'U0MARIA', 1, 1),
         ('lead', 'L-000001', 'upsert', 'U0MARIA', 1, 1);
DELETE FROM outbox WHERE entity_id = 'L-000001';
UPDATE id_counters SET last_number = 3 WHERE entity = 'visit';
UPDATE id_counters SET last_number = 2 WHERE entity = 'lead';
INSERT INTO leak_alert_state (channel, transition, announced, clear_since, checked_at, changed_at, muted_until, muted_by, muted_at)
  VALUES ('C0DIGEST', 'sql', 'leaking', NULL, 10, 9, 99, 'U0MARIA', 8);
INSERT INTO leak_alert_posts (channel, channel_id, ts, transition, kind, posted_at, text, blocks)
  VALUES ('C0DIGEST', 'C0DIGEST', '1.000100', 'sql', 'alert', 9, 'SQL leaks', '[]');
INSERT INTO digest_parts (period_key, channel, revision, part, files, message_ts, updated_at)
  VALUES ('2026-W47', 'C0DIGEST', 0, 'weekly', '[]', '1.000200', 1);`;

describe('migration 10 between main’s 8 and 12', () => {
  it('ends with the same schema whether it runs before 12 (a fresh store) or after it (a store at main)', () => {
    const fresh = openStore({ file: join(dir, 'fresh.sqlite') });
    const mainFile = join(dir, 'main.sqlite');
    openStore({ file: mainFile, migrations: MAIN_ERA }).close();
    const upgraded = openStore({ file: mainFile });

    const versions = (store: Store) =>
      store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions(fresh)).toEqual([1, 2, 3, 4, 8, 10, 12, 13, 14, 16]);
    expect(versions(upgraded)).toEqual([1, 2, 3, 4, 8, 10, 12, 13, 14, 16]);
    expect(readSchema(upgraded)).toEqual(readSchema(fresh));
    // Migrations 2 and 8's columns and kinds survive the rebuild, and numbers are a kind beside visits.
    const notionLinks = upgraded.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'notion_links'").pluck().get();
    expect(notionLinks).toContain('trashed_at INTEGER');
    expect(notionLinks).toContain("'visit', 'number'");
    fresh.close();
    upgraded.close();
  });

  it('keeps every row of a store at main: merges, trashed links, visits, alerts, counters and high-water marks', () => {
    const file = join(dir, 'deployment.sqlite');
    const atMain = openStore({ file, migrations: MAIN_ERA });
    atMain.db.exec(MAIN_ERA_ROWS);
    const before = dumpTables(atMain);
    atMain.close();

    const upgraded = openStore({ file });
    const after = dumpTables(upgraded);
    expect({ ...after, id_counters: undefined, leads: undefined }).toEqual({
      ...before,
      id_counters: undefined,
      leads: undefined,
    });
    // A lead from before has neither a tracked nor a said source.
    const noSources = { tracked_source: null, tracked_campaign: null, reported_source: null };
    expect(after.leads).toEqual(before.leads!.map((lead) => ({ ...(lead as object), ...noSources })));
    expect(after.id_counters).toEqual([...before.id_counters!, { entity: 'number', last_number: 0 }]);
    expect(sqliteOf(upgraded.db).pragma('foreign_key_check')).toEqual([]);

    // The rebuilt tables still refuse what they refused, and count on from their high-water marks.
    expect(() =>
      upgraded.db.exec(`INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at)
        VALUES ('invoice', 'X-1', 'upsert', 'U0MARIA', 1, 1)`),
    ).toThrow(/CHECK constraint/);
    const plans = new PlanService(upgraded, () => 100);
    const { number } = plans.recordNumber({ number: '+15550102000', source: 'thomasnet' }, { actor: MARIA });
    expect(number.id).toBe('N-000001');
    expect(upgraded.db.prepare("SELECT id FROM outbox WHERE entity = 'number'").pluck().get()).toBe(4);
    expect(upgraded.db.prepare("SELECT id FROM plan_events WHERE entity = 'number'").pluck().get()).toBe(3);
    expect(plans.recordVisits({ month: '2026-12', source: null, visits: 5 }, { actor: MARIA }).id).toBe('V-000004');
    upgraded.close();
  });
});
