// Opens the store: the embedded SQLite file under DATA_DIR that is the app's working copy (and, without Notion, its
// system of record), or with DATABASE_URL a Postgres database that several instances share.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { runTransaction } from './change-feed.js';
import { MIGRATIONS, type Migration } from './schema.js';
import { isPostgres, type SqlDatabase, type SqlStatement } from './sql/database.js';
import { PG_BASELINE, PG_BASELINE_VERSION } from './sql/pg-schema.js';
import { PostgresDatabase, PostgresError } from './sql/postgres.js';

export type Db = SqlDatabase;

export interface Store {
  readonly db: Db;
  /** The SQLite file, or the Postgres database's address without its password. */
  readonly file: string;
  /** True when the file answers a query: what /healthz reports as the store being usable. */
  isUsable(): boolean;
  close(): void;
  /** Closes without holding the event loop where the engine can (Postgres); a stop prefers it. */
  closeAsync(): Promise<void>;
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
  /** A path (its folder is created) or ':memory:'; ignored when `url` is given. */
  file: string;
  /** postgres://… : the store is that database (DATABASE_URL). */
  url?: string;
  /** With `url`, the schema the tables live in (tests give each store its own); `public` when unset. */
  schema?: string;
  /** Tests pass their own list to prove a later migration applies exactly once. */
  migrations?: readonly Migration[];
}

export function openStore(options: OpenStoreOptions): Store {
  if (options.url !== undefined) return openPostgresStore(options.url, options);
  const { file } = options;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode never corrupts and survives a killed process; only a power cut may lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  runMigrations(db, options.migrations ?? MIGRATIONS);
  return buildStore(db, file);
}

function buildStore(db: Db, file: string): Store {
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
    closeAsync: async () => {
      if (!db.open) return;
      if (db instanceof PostgresDatabase) await db.closeAsync();
      else db.close();
    },
  };
}

function openPostgresStore(url: string, options: OpenStoreOptions): Store {
  const db = new PostgresDatabase({ url, ...(options.schema === undefined ? {} : { schema: options.schema }) });
  try {
    runPostgresMigrations(db, options.migrations ?? MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return buildStore(db, redactPassword(url));
}

/** The password in a postgres:// address, decoded; undefined when there is none (or no address). */
export function passwordOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/** The address as logs and /healthz may show it. */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unreadable address)';
  }
}

/**
 * Postgres starts from one baseline equal to SQLite's migrations up to PG_BASELINE_VERSION, then applies the later
 * ones' Postgres text. Every transaction holds the store's advisory lock, so instances starting together apply each
 * migration once.
 */
export function runPostgresMigrations(db: Db, migrations: readonly Migration[]): number[] {
  // A store opened again (a workspace on every open, an instance on every start) has them all: one round trip says so,
  // where the locked path below takes fifteen, each holding the process's event loop.
  if (hasEveryMigration(db, migrations)) return [];
  // An instance starting beside others that serve commands waits its turn for the store's lock longer than a command
  // would: on a busy machine a 2 s wait ran out, and the start failed (seen in a rolling restart under load).
  const commandWait = String(db.prepare('SHOW lock_timeout').pluck().get());
  db.exec(`SET lock_timeout = '${MIGRATION_LOCK_TIMEOUT_MS}ms'`);
  try {
    return applyPostgresMigrations(db, migrations);
  } finally {
    db.exec(`SET lock_timeout = '${commandWait.replaceAll("'", '')}'`);
  }
}

const MIGRATION_LOCK_TIMEOUT_MS = 30_000;
/** Postgres's SQLSTATE for a table that does not exist. */
const UNDEFINED_TABLE = '42P01';

/** True when every migration is recorded; false when one is missing or there is no table yet (a new store). */
function hasEveryMigration(db: Db, migrations: readonly Migration[]): boolean {
  let versions: number[];
  try {
    versions = readRecordedVersions(db);
  } catch (error) {
    // A new store: asking first whether the table exists would cost every other open a second round trip.
    if (error instanceof PostgresError && error.code === UNDEFINED_TABLE) return false;
    throw error;
  }
  const recorded = new Set(versions);
  // The baseline records every migration up to its own version, so a store past it has all their numbers.
  return recorded.has(PG_BASELINE_VERSION) && migrations.every((migration) => recorded.has(migration.version));
}

/** The read that says which migrations a store has, made as its connection opens when it was opened ahead. */
export const RECORDED_VERSIONS_SQL = 'SELECT version FROM schema_migrations';

function readRecordedVersions(db: Db): number[] {
  const probed = db instanceof PostgresDatabase ? db.takeProbe(RECORDED_VERSIONS_SQL) : undefined;
  if (probed instanceof PostgresError) throw probed;
  if (probed !== undefined) return probed.rows.map((row) => Number(row[0]));
  return db.prepare(RECORDED_VERSIONS_SQL).pluck().all() as number[];
}

function applyPostgresMigrations(db: Db, migrations: readonly Migration[]): number[] {
  const applied: number[] = [];
  const record = db.prepare<[number, string, number]>(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  const isApplied = db.prepare<[number]>('SELECT 1 FROM schema_migrations WHERE version = ?');
  runTransaction(db, () => {
    // Under the lock too: two instances creating it at once on a new database fail on Postgres's catalog
    // (duplicate key in pg_type), IF NOT EXISTS notwithstanding.
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    if (isApplied.get(PG_BASELINE_VERSION)) return;
    db.exec(PG_BASELINE);
    for (const migration of migrations.filter((m) => m.version <= PG_BASELINE_VERSION)) {
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    }
  });
  const later = [...migrations].filter((m) => m.version > PG_BASELINE_VERSION).sort((a, b) => a.version - b.version);
  for (const migration of later) {
    runTransaction(db, () => {
      if (isApplied.get(migration.version)) return;
      if (migration.postgres === undefined) throw new Error(`Migration ${migration.version} has no Postgres text`);
      db.exec(migration.postgres);
      record.run(migration.version, migration.name, Date.now());
      applied.push(migration.version);
    });
  }
  return applied;
}

/** Applies each migration not yet recorded, each in its own transaction. Returns the versions applied. */
export function runMigrations(db: Db, migrations: readonly Migration[]): number[] {
  if (isPostgres(db)) return runPostgresMigrations(db, migrations);
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
const statementCache = new WeakMap<Db, Map<string, SqlStatement>>();

export function prepareCached(db: Db, sql: string): SqlStatement {
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
