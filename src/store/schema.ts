// The database schema as an ordered list of migrations. A released migration is never edited: add a new one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
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

// Website visits (issue 11), a record kind like spend: its own table, and 'visit' as an entity of plan events, the
// outbox and the Notion links. Those three name their kinds in a CHECK that SQLite cannot alter, so each is rebuilt
// with the same columns, rows, ids and AUTOINCREMENT high-water mark.
const VISITS = `
CREATE TABLE visits (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  source TEXT,
  visits INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX visits_key ON visits (month, source);

CREATE TABLE plan_events_v8 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('spend', 'target', 'visit')),
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  before TEXT,
  after TEXT NOT NULL,
  undoes INTEGER REFERENCES plan_events_v8 (id)
);
INSERT INTO plan_events_v8 (id, seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes)
  SELECT id, seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes FROM plan_events ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'plan_events_v8';
INSERT INTO sqlite_sequence (name, seq) SELECT 'plan_events_v8', seq FROM sqlite_sequence WHERE name = 'plan_events';
DROP TABLE plan_events;
ALTER TABLE plan_events_v8 RENAME TO plan_events;
CREATE INDEX plan_events_entity ON plan_events (entity, entity_id, id);
CREATE INDEX plan_events_actor ON plan_events (actor_id, seq);
CREATE UNIQUE INDEX plan_events_undoes ON plan_events (undoes) WHERE undoes IS NOT NULL;

CREATE TABLE outbox_v8 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target', 'visit')),
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  actor_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed'))
);
INSERT INTO outbox_v8 (id, entity, entity_id, op, actor_id, created_at, attempts, next_attempt_at, last_error, state)
  SELECT id, entity, entity_id, op, actor_id, created_at, attempts, next_attempt_at, last_error, state FROM outbox;
DELETE FROM sqlite_sequence WHERE name = 'outbox_v8';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_v8', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_v8 RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_entity ON outbox (entity, entity_id);

CREATE TABLE notion_links_v8 (
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target', 'visit')),
  entity_id TEXT NOT NULL,
  page_id TEXT NOT NULL,
  remote_edited_at INTEGER,
  pushed_at INTEGER,
  PRIMARY KEY (entity, entity_id)
);
INSERT INTO notion_links_v8 (entity, entity_id, page_id, remote_edited_at, pushed_at)
  SELECT entity, entity_id, page_id, remote_edited_at, pushed_at FROM notion_links;
DROP TABLE notion_links;
ALTER TABLE notion_links_v8 RENAME TO notion_links;
CREATE INDEX notion_links_page ON notion_links (page_id);
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  { version: 8, name: 'visits', sql: VISITS },
];
