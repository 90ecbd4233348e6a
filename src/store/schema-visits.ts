// Migration 8 (issue 11): website visits, a record kind like spend. Its own table, and 'visit' as a kind of plan
// events, outbox rows, Notion links and id counters. Those four tables name their kinds in a CHECK that SQLite cannot
// alter, so each is rebuilt with the columns it has by now (notion_links' trashed_at from migration 2, id_counters
// from migration 3), the same rows and ids, and the same AUTOINCREMENT high-water mark: an id handed out before
// (an outbox row already pushed and deleted, say) is never handed out again.

/** Moves a table's rows into a new definition of it, given as `create` for the name `<table>_v8`. */
function rebuildSql(table: string, create: string, columns: string, indexes: string): string {
  const next = `${table}_v8`;
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
  `CREATE TABLE plan_events_v8 (
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
);`,
  'id, seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes',
  `CREATE INDEX plan_events_entity ON plan_events (entity, entity_id, id);
CREATE INDEX plan_events_actor ON plan_events (actor_id, seq);
CREATE UNIQUE INDEX plan_events_undoes ON plan_events (undoes) WHERE undoes IS NOT NULL;`,
);

const OUTBOX = rebuildSql(
  'outbox',
  `CREATE TABLE outbox_v8 (
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
);`,
  'id, entity, entity_id, op, actor_id, created_at, attempts, next_attempt_at, last_error, state',
  `CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_entity ON outbox (entity, entity_id);`,
);

const NOTION_LINKS = rebuildSql(
  'notion_links',
  `CREATE TABLE notion_links_v8 (
  entity TEXT NOT NULL CHECK (entity IN ('lead', 'spend', 'target', 'visit')),
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

// The visits table is new, so its counter starts at 0.
const ID_COUNTERS = rebuildSql(
  'id_counters',
  `CREATE TABLE id_counters_v8 (
  entity TEXT PRIMARY KEY CHECK (entity IN ('lead', 'spend', 'target', 'visit')),
  last_number INTEGER NOT NULL
);`,
  'entity, last_number',
  "INSERT INTO id_counters (entity, last_number) VALUES ('visit', 0);",
);

export const VISITS = `
CREATE TABLE visits (
  id TEXT PRIMARY KEY,
  month TEXT NOT NULL,
  source TEXT,
  visits INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX visits_key ON visits (month, source);
${PLAN_EVENTS}
${OUTBOX}
${NOTION_LINKS}
${ID_COUNTERS}
`;
