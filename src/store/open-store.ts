// Opens the embedded SQLite file that is the app's working copy (and, without Notion, its system of record).

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { runTransaction } from './change-feed.js';
import { MIGRATIONS, type Migration } from './schema.js';

export type Db = Database.Database;

export interface Store {
  readonly db: Db;
  readonly file: string;
  /** True when the file answers a query: what /healthz reports as the store being usable. */
  isUsable(): boolean;
  close(): void;
}

/**
 * How long a write waits for another process's write lock (`npm run digest` claiming a week) before it fails with
 * SQLITE_BUSY. better-sqlite3 waits synchronously, so the whole event loop waits with it: every command arriving
 * meanwhile is acked only afterwards, and Slack gives up on an ack after 3 s. One second leaves two for the network
 * and the ack itself, and is still a thousand times longer than the writes other processes make (under a
 * millisecond; the bot's own import writes 25 rows per transaction). A second bot cannot hold the lock: see
 * data-dir-lock.ts.
 */
export const BUSY_TIMEOUT_MS = 1_000;

export interface OpenStoreOptions {
  /** A path (its folder is created) or ':memory:'. */
  file: string;
  /** Tests pass their own list to prove a later migration applies exactly once. */
  migrations?: readonly Migration[];
}

export function openStore(options: OpenStoreOptions): Store {
  const { file } = options;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts and survives a killed process; only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  runMigrations(db, options.migrations ?? MIGRATIONS);
  return {
    db,
    file,
    isUsable: () => {
      try {
        return db.open && db.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Applies each migration not yet recorded, each in its own transaction. Returns the versions applied. */
export function runMigrations(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const isApplied = db.prepare<[number]>('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const applied: number[] = [];
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  for (const migration of ordered) {
    // IMMEDIATE takes the write lock before the check, so two processes opening at once cannot both apply it.
    runTransaction(
      db,
      () => {
        if (isApplied.get(migration.version)) return;
        db.exec(migration.sql);
        record.run(migration.version, migration.name, Date.now());
        applied.push(migration.version);
      },
      'immediate',
    );
  }
  return applied;
}

/** Prepared statements cached per connection: preparing costs more than running for the small queries we make. */
const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

export function prepareCached(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Where services get the time: injected so tests control it. */
export type Clock = () => number;

/** Moves when another connection commits (this connection's own writes leave it as it is): caches check it. */
export function readDataVersion(db: Db): number {
  return prepareCached(db, 'PRAGMA data_version').pluck(true).get() as number;
}
