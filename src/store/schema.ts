// The database schema as an ordered list of migrations. A released migration is never edited: add a new one.

import { INQUIRIES } from './schema-inquiries.js';
import { INSTALLATIONS, INSTALLATIONS_POSTGRES } from './schema-installations.js';
import { WORKSPACE_SCHEDULES, WORKSPACE_SCHEDULES_POSTGRES } from './schema-schedules.js';
import { WORKSPACE_SETTINGS_POSTGRES, WORKSPACE_SETTINGS_SQL } from './schema-settings.js';
import { VISITS } from './schema-visits.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** The same change on Postgres; versions up to the Postgres baseline (sql/pg-schema.ts) need none. */
  postgres?: string;
}

const INITIAL_SCHEMA = `
CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  -- The numeric part of our own 'L-000123' ids, so the next id is one index lookup away.
  id_number INTEGER GENERATED ALWAYS AS (
    CASE WHEN id GLOB 'L-[0-9]*' AND NOT substr(id, 3) GLOB '*[^0-9]*' THEN CAST(substr(id, 3) AS INTEGER) END
  ) VIRTUAL,
  company TEXT NOT NULL,
  company_norm TEXT NOT NULL,
  contact TEXT,
  source TEXT NOT NULL,
  campaign TEXT,
  channel TEXT NOT NULL,
  stage TEXT NOT NULL,
  lost_from TEXT,
  value REAL,
  owner_id TEXT NOT NULL,
  owner_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  stage_dates TEXT NOT NULL DEFAULT '{}',
  touches TEXT NOT NULL DEFAULT '[]',
  lost_reason TEXT,
  notes TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX leads_company_norm ON leads (company_norm);
CREATE INDEX leads_owner ON leads (owner_id);
CREATE INDEX leads_id_number ON leads (id_number);

-- One counter shared by lead_events and plan_events: "the actor's latest change" spans both tables.
CREATE TABLE event_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO event_sequence (id, value) VALUES (1, 0);

CREATE TABLE lead_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  lead_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  before TEXT,
  after TEXT NOT NULL,
  undoes INTEGER REFERENCES lead_events (id)
);
CREATE INDEX lead_events_lead ON lead_events (lead_id, id);
CREATE INDEX lead_events_actor ON lead_events (actor_id, seq);
CREATE UNIQUE INDEX lead_events_undoes ON lead_events (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE spend (
  id TEXT PRIMARY KEY,
  campaign TEXT,
  source TEXT,
  month TEXT NOT NULL,
  amount REAL NOT NULL,
  category TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX spend_key ON spend (month, category, campaign);

CREATE TABLE targets (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  stage TEXT NOT NULL,
  count INTEGER,
  rate REAL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX targets_key ON targets (month, stage);

CREATE TABLE plan_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('spend', 'target')),
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  before TEXT,
  after TEXT NOT NULL,
  undoes INTEGER REFERENCES plan_events (id)
);
CREATE INDEX plan_events_entity ON plan_events (entity, entity_id, id);
CREATE INDEX plan_events_actor ON plan_events (actor_id, seq);
CREATE UNIQUE INDEX plan_events_undoes ON plan_events (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target')),
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  actor_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed'))
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_entity ON outbox (entity, entity_id);

CREATE TABLE digest_ledger (
  period_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('claimed', 'posted')),
  claimed_at INTEGER NOT NULL,
  posted_at INTEGER,
  message_ts TEXT,
  PRIMARY KEY (period_key, channel)
);

CREATE TABLE notion_links (
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target')),
  entity_id TEXT NOT NULL,
  page_id TEXT NOT NULL,
  remote_edited_at INTEGER,
  pushed_at INTEGER,
  PRIMARY KEY (entity, entity_id)
);
CREATE INDEX notion_links_page ON notion_links (page_id);

CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE sources (slug TEXT PRIMARY KEY, added_by TEXT NOT NULL, added_at INTEGER NOT NULL);
`;

/** The highest number among ids of one kind in a column, counting only our own shape: a prefix and 1–9 digits. */
function maxIdNumberSql(column: string, table: string, prefix: string, where = '1 = 1'): string {
  return `IFNULL((SELECT MAX(CAST(substr(${column}, 3) AS INTEGER)) FROM ${table}
    WHERE ${where} AND ${column} GLOB '${prefix}-[0-9]*' AND NOT substr(${column}, 3) GLOB '*[^0-9]*'
      AND length(${column}) <= 11), 0)`;
}

function seedCounterSql(entity: string, table: string, prefix: string, events: string): string {
  const oldCounter = `(SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = 'last-id:${entity}'
    AND value GLOB '[0-9]*' AND NOT value GLOB '*[^0-9]*' AND length(value) <= 9)`;
  return `UPDATE id_counters SET last_number = COALESCE(${oldCounter}, MAX(${maxIdNumberSql('id', table, prefix)}, ${events}))
    WHERE entity = '${entity}';`;
}

// Version 3: the id counters move from text in sync_state (read back through JS numbers, which stop counting exactly
// past 2^53) into INTEGER columns. Each keeps the old counter when it is a proper number of at most nine digits;
// otherwise (the overflow this fixes, or no counter yet) it starts past every id of our shape the store has ever
// held, rows and history alike. New ids skip any id already taken either way.
const ID_COUNTERS = `
CREATE TABLE id_counters (
  entity TEXT PRIMARY KEY CHECK (entity IN ('lead', 'spend', 'target')),
  last_number INTEGER NOT NULL
);
INSERT INTO id_counters (entity, last_number) VALUES ('lead', 0), ('spend', 0), ('target', 0);
${seedCounterSql('lead', 'leads', 'L', maxIdNumberSql('lead_id', 'lead_events', 'L'))}
${seedCounterSql('spend', 'spend', 'S', maxIdNumberSql('entity_id', 'plan_events', 'S', "entity = 'spend'"))}
${seedCounterSql('target', 'targets', 'T', maxIdNumberSql('entity_id', 'plan_events', 'T', "entity = 'target'"))}
DELETE FROM sync_state WHERE key IN ('last-id:lead', 'last-id:spend', 'last-id:target');
`;

/**
 * Each message of a digest is recorded the moment Slack accepts it (and its charts once uploaded), so a run that died
 * mid-post is resumed after the parts already in the channel instead of posting them twice. `revision` counts the
 * corrected digests a manager posted after the first one.
 */
const DIGEST_PARTS = `
ALTER TABLE digest_ledger ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE TABLE digest_parts (
  period_key TEXT NOT NULL,
  channel TEXT NOT NULL,
  revision INTEGER NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('weekly', 'leak', 'note')),
  files TEXT,
  message_ts TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (period_key, channel, revision, part)
);
`;

// Two records of one company made one (/lead merge). A row is kept per merge: both leads as they were, so an undo
// puts them back exactly, and the merged-away id, so old links, buttons and Notion edits naming it reach the survivor
// while the merge stands (undone_at is null). A Notion link keeps its page while the page sits in Notion's trash
// because its lead was merged away (trashed_at): an undo takes the same page out of the trash.
const LEAD_MERGES = `
CREATE TABLE lead_merges (
  event_id INTEGER PRIMARY KEY REFERENCES lead_events (id),
  merged_id TEXT NOT NULL,
  survivor_id TEXT NOT NULL,
  merged_before TEXT NOT NULL,
  survivor_before TEXT NOT NULL,
  -- Fields of the merged lead changed here but not yet in Notion when it was merged: its page is stale there.
  unsynced_fields TEXT NOT NULL DEFAULT '[]',
  undone_at INTEGER
);
CREATE INDEX lead_merges_merged ON lead_merges (merged_id) WHERE undone_at IS NULL;
CREATE INDEX lead_merges_survivor ON lead_merges (survivor_id) WHERE undone_at IS NULL;
ALTER TABLE notion_links ADD COLUMN trashed_at INTEGER;
`;

/**
 * Version 12: leak alerts between digests. Per channel and transition, the state the channel was last told, the
 * hysteresis of the recovery and the mute; and every alert or recovery message as Slack accepted it (its ts, text and
 * blocks), so a restart never posts one twice and a mute can mark the very message it was clicked on.
 */
const LEAK_ALERTS = `
CREATE TABLE leak_alert_state (
  channel TEXT NOT NULL,
  transition TEXT NOT NULL CHECK (transition IN ('lead', 'mql', 'sql', 'opportunity')),
  announced TEXT NOT NULL DEFAULT 'ok' CHECK (announced IN ('ok', 'leaking')),
  clear_since INTEGER,
  checked_at INTEGER,
  changed_at INTEGER,
  muted_until INTEGER,
  muted_by TEXT,
  muted_at INTEGER,
  PRIMARY KEY (channel, transition)
);
CREATE TABLE leak_alert_posts (
  channel TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  ts TEXT NOT NULL,
  transition TEXT NOT NULL CHECK (transition IN ('lead', 'mql', 'sql', 'opportunity')),
  kind TEXT NOT NULL CHECK (kind IN ('alert', 'recovery')),
  posted_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  blocks TEXT NOT NULL,
  PRIMARY KEY (channel_id, ts)
);
CREATE INDEX leak_alert_posts_transition ON leak_alert_posts (channel, transition, posted_at);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  { version: 2, name: 'lead merges', sql: LEAD_MERGES },
  { version: 3, name: 'id counters as SQLite integers', sql: ID_COUNTERS },
  { version: 4, name: 'digest parts and corrections', sql: DIGEST_PARTS },
  { version: 8, name: 'visits', sql: VISITS },
  { version: 10, name: 'tracking numbers, inquiries, prompts, tracked and said sources', sql: INQUIRIES },
  { version: 12, name: 'leak alerts', sql: LEAK_ALERTS },
  { version: 13, name: 'slack installations', sql: INSTALLATIONS, postgres: INSTALLATIONS_POSTGRES },
  { version: 14, name: 'workspace settings', sql: WORKSPACE_SETTINGS_SQL, postgres: WORKSPACE_SETTINGS_POSTGRES },
  { version: 16, name: 'workspace schedules', sql: WORKSPACE_SCHEDULES, postgres: WORKSPACE_SCHEDULES_POSTGRES },
];
