// Moving a whole store to another place, for `npm run workspaces -- adopt`: what it holds (so nothing is moved over a
// team's data), SQLite's file made whole before it is renamed, and Postgres's tables moved to another schema in one
// transaction. The tables move as they are: ids, sync links to Notion pages, ledger and outbox rows keep their values.

import { prepareCached, type Store } from './open-store.js';
import type { SqlDatabase } from './sql/database.js';

/** Tables whose rows are a team's work: one row in any of them and the store is in use. */
const TEAM_TABLES = [
  'leads',
  'spend',
  'targets',
  'visits',
  'tracking_numbers',
  'inquiries',
  'lead_events',
  'plan_events',
  'outbox',
  'notion_links',
  'digest_ledger',
  'prompts',
] as const;

export interface StoreCounts {
  leads: number;
  spend: number;
  /** Changes still owed to Notion. */
  pendingOutbox: number;
}

function count(store: Store, sql: string): number {
  return Number(prepareCached(store.db, sql).pluck().get() ?? 0);
}

export function countStoreData(store: Store): StoreCounts {
  return {
    leads: count(store, 'SELECT count(*) FROM leads'),
    spend: count(store, 'SELECT count(*) FROM spend'),
    pendingOutbox: count(store, "SELECT count(*) FROM outbox WHERE state = 'pending'"),
  };
}

/**
 * True when the store holds a team's work; with `settings`, a stored setting counts too (a workspace whose managers
 * saved /roi settings is in use, while the single store's own note of its owner is not work).
 */
export function holdsTeamData(store: Store, options: { settings: boolean }): boolean {
  const tables = options.settings ? [...TEAM_TABLES, 'workspace_settings'] : TEAM_TABLES;
  return tables.some((table) => prepareCached(store.db, `SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined);
}

/**
 * SQLite: folds the write-ahead log into the file and leaves WAL mode, so the store is one file that can be renamed
 * (the next open turns WAL on again). SQLite refuses the switch while another connection has the file open, and
 * that refusal is the answer: something still uses the store.
 */
export function detachSqliteFile(store: Store): void {
  store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  const mode = store.db.prepare('PRAGMA journal_mode = DELETE').pluck().get();
  if (mode !== 'delete') throw new Error('another process has the store open (npm run digest or import?)');
}

/** Postgres: the schema an unqualified table name resolves to on this connection (the single store's tables). */
export function readCurrentSchema(db: SqlDatabase): string {
  return String(db.prepare('SELECT current_schema()').pluck().get());
}

/** Postgres: whether the schema holds the store's tables (a store was opened there, or moved there). */
export function hasStoreTables(db: SqlDatabase, schema: string): boolean {
  const sql = "SELECT 1 FROM pg_tables WHERE schemaname = ? AND tablename = 'schema_migrations'";
  return db.prepare<[string]>(sql).get(schema) !== undefined;
}

/** Postgres: the tables of a schema (a store freshly migrated there lists exactly the store's tables). */
export function listTables(db: SqlDatabase, schema: string): string[] {
  const sql = 'SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename';
  return db.prepare<[string], string>(sql).pluck().all(schema);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Postgres, inside the caller's transaction: empties `to` (a store opened there but never used) and moves the named
 * tables of `from` into it. ALTER TABLE … SET SCHEMA takes each table with its indexes, constraints and identity
 * sequences, copying no row; the transaction makes it all or nothing.
 */
export function moveTables(db: SqlDatabase, from: string, to: string, tables: readonly string[]): void {
  db.exec(`DROP SCHEMA ${quote(to)} CASCADE; CREATE SCHEMA ${quote(to)}`);
  for (const table of tables) db.exec(`ALTER TABLE ${quote(from)}.${quote(table)} SET SCHEMA ${quote(to)}`);
}
