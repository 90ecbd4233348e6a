// Migration 10 (issue 12): tracking numbers as a record kind like spend, the inquiries the webhook accepted, the queue
// of questions to reps, and each lead's tracked and said sources. 'number' joins the record kinds that plan events,
// outbox rows, Notion links and id counters name in a CHECK SQLite cannot alter, so those four tables are rebuilt as
// migration 8 left them (notion_links' trashed_at from migration 2, 'visit' from migration 8) plus 'number': the same
// rows and ids, and the same AUTOINCREMENT high-water mark, so an id handed out before is never handed out again.
// It touches no table of migration 12, so a store already at 12 (main's order) and a fresh one (1…8, 10, 12) end with
// the same schema.

/** Moves a table's rows into a new definition of it, given as `create` for the name `<table>_v10`. */
function rebuildSql(table: string, create: string, columns: string, indexes: string): string {
  const next = `${table}_v10`;
  return `${create}
INSERT INTO ${next} (${columns}) SELECT ${columns} FROM ${table} ORDER BY rowid;
DELETE FROM sqlite_sequence WHERE name = '${next}';
INSERT INTO sqlite_sequence (name, seq) SELECT '${next}', seq FROM sqlite_sequence WHERE name = '${table}';
DROP TABLE ${table};
ALTER TABLE ${next} RENAME TO ${table};
${indexes}`;
}

const PLAN_EVENTS = rebuildSql(
  'plan_events',
  `CREATE TABLE plan_events_v10 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  seq INTEGER NOT NULL,
  entity TEXT NOT NULL CHECK (entity IN ('spend', 'target', 'visit', 'number')),
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  before TEXT,
  after TEXT NOT NULL,
  undoes INTEGER REFERENCES plan_events_v10 (id)
);`,
  'id, seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes',
  `CREATE INDEX plan_events_entity ON plan_events (entity, entity_id, id);
CREATE INDEX plan_events_actor ON plan_events (actor_id, seq);
CREATE UNIQUE INDEX plan_events_undoes ON plan_events (undoes) WHERE undoes IS NOT NULL;`,
);

const OUTBOX = rebuildSql(
  'outbox',
  `CREATE TABLE outbox_v10 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target', 'visit', 'number')),
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  actor_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed'))
);`,
  'id, entity, entity_id, op, actor_id, created_at, attempts, next_attempt_at, last_error, state',
  `CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_entity ON outbox (entity, entity_id);`,
);

const NOTION_LINKS = rebuildSql(
  'notion_links',
  `CREATE TABLE notion_links_v10 (
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target', 'visit', 'number')),
  entity_id TEXT NOT NULL,
  page_id TEXT NOT NULL,
  remote_edited_at INTEGER,
  pushed_at INTEGER,
  trashed_at INTEGER,
  PRIMARY KEY (entity, entity_id)
);`,
  'entity, entity_id, page_id, remote_edited_at, pushed_at, trashed_at',
  'CREATE INDEX notion_links_page ON notion_links (page_id);',
);

// The tracking_numbers table is new, so its counter starts at 0.
const ID_COUNTERS = rebuildSql(
  'id_counters',
  `CREATE TABLE id_counters_v10 (
  entity TEXT PRIMARY KEY CHECK (entity IN ('lead', 'spend', 'target', 'visit', 'number')),
  last_number INTEGER NOT NULL
);`,
  'entity, last_number',
  "INSERT INTO id_counters (entity, last_number) VALUES ('number', 0);",
);

export const INQUIRIES = `
ALTER TABLE leads ADD COLUMN tracked_source TEXT;
ALTER TABLE leads ADD COLUMN tracked_campaign TEXT;
ALTER TABLE leads ADD COLUMN reported_source TEXT;

CREATE TABLE tracking_numbers (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL,
  campaign TEXT,
  source TEXT,
  updated_at INTEGER NOT NULL
);
CREATE INDEX tracking_numbers_number ON tracking_numbers (number, id);

-- An inquiry is accepted ('pending', its fields as JSON) in the webhook's answer, then matched to its lead right after
-- ('done', lead_id set, fields cleared). payload_digest: SHA-256 of the raw body.
CREATE TABLE inquiries (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  received_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  lead_id TEXT,
  created_lead INTEGER,
  tracked_source TEXT,
  tracked_campaign TEXT,
  fields TEXT,
  payload_digest TEXT NOT NULL
);
CREATE INDEX inquiries_received ON inquiries (received_at);
CREATE INDEX inquiries_lead ON inquiries (lead_id);
CREATE INDEX inquiries_pending ON inquiries (state, recorded_at);

-- One question per lead and kind, ever: 'ask' when the inquiry arrives or the lead is logged without a source,
-- 'reminder' once after FOLLOW_UP_HOURS working hours. sent_at is set once Slack took it (or it was not needed).
CREATE TABLE prompts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('ask', 'reminder')),
  inquiry_id TEXT,
  recipient TEXT,
  -- JSON ids of leads the company name also resembled (an uncertain match): where merge buttons come from.
  similar TEXT,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  sent_at INTEGER,
  outcome TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  UNIQUE (lead_id, kind)
);
CREATE INDEX prompts_due ON prompts (sent_at, due_at);
${PLAN_EVENTS}
${OUTBOX}
${NOTION_LINKS}
${ID_COUNTERS}
`;
