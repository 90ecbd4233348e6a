// Factories for store tests: a real SQLite file in a fresh temp folder, a clock the test moves, and two reps.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Actor } from '../../src/domain/types.js';
import { LeadService } from '../../src/store/lead-service.js';
import { type Db, openStore, type Store } from '../../src/store/open-store.js';
import { Outbox } from '../../src/store/outbox.js';
import { PlanService } from '../../src/store/plan-service.js';
import { isPostgres } from '../../src/store/sql/database.js';
import { isPostgresRun, testStoreLocation } from '../postgres/engine.js';

export const MARIA: Actor = { id: 'U0MARIA', name: 'Maria Lopez' };
export const DAVE: Actor = { id: 'U0DAVE', name: 'Dave Kowalski' };

/** 2026-11-23 15:00 UTC, a Monday. */
export const T0 = Date.UTC(2026, 10, 23, 15, 0, 0);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export interface FakeClock {
  (): number;
  advance(ms: number): void;
  set(instant: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let now = start;
  const clock = (() => now) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (instant) => {
    now = instant;
  };
  return clock;
}

export interface TempStore {
  dir: string;
  file: string;
  store: Store;
  clock: FakeClock;
  leads: LeadService;
  plans: PlanService;
  outbox: Outbox;
  reopen(): TempStore;
  /** A second connection to the same store, as another process (SQLite) or another instance (Postgres) has. */
  openAnother(): Store;
  cleanup(): void;
}

type Engine = 'sqlite' | 'postgres';

function buildTempStore(dir: string, file: string, clock: FakeClock, engine: Engine, schema?: string): TempStore {
  const location = engine === 'sqlite' ? { file } : testStoreLocation(file, schema);
  const store = openStore(location);
  const temp: TempStore = {
    dir,
    file,
    store,
    clock,
    leads: new LeadService(store, clock),
    plans: new PlanService(store, clock),
    outbox: new Outbox(store),
    reopen: () => {
      store.close();
      return buildTempStore(dir, file, clock, engine, location.schema);
    },
    openAnother: () => openStore(location),
    cleanup: () => {
      if (location.schema !== undefined && store.db.open) store.db.exec(`DROP SCHEMA "${location.schema}" CASCADE`);
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/**
 * A store on a real file (WAL, journal and all) under a new temp folder, or in the Postgres run a schema of its own on
 * the run's server; `cleanup()` removes it.
 */
export function openTempStore(
  clock = fakeClock(),
  engine: Engine = isPostgresRun() ? 'postgres' : 'sqlite',
): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'roi-store-'));
  return buildTempStore(dir, join(dir, 'data', 'roi-runway.sqlite'), clock, engine);
}

/** For what only a SQLite file has (its migrations 1–12, old files upgraded in place): SQLite in every run. */
export function openSqliteTempStore(clock = fakeClock()): TempStore {
  return openTempStore(clock, 'sqlite');
}

export function countRows(store: Store, table: string, where = '1 = 1', ...params: unknown[]): number {
  return store.db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get(...params) as number;
}

/** The connection as better-sqlite3's, for what only SQLite has (pragmas): fails loudly on Postgres. */
export function sqliteOf(db: Db): Database.Database {
  if (isPostgres(db)) throw new Error('This check reads a SQLite pragma: the store is on Postgres');
  return db as Database.Database;
}

/**
 * A trigger that fails every `event` (e.g. 'INSERT', 'UPDATE OF announced') on a table with `message`, as a full
 * disk or a bug would, in the store's own engine; the returned function removes it.
 */
export function failWrites(store: Store, name: string, event: string, table: string, message: string): () => void {
  const { db } = store;
  if (!isPostgres(db)) {
    db.exec(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return () => db.exec(`DROP TRIGGER ${name}`);
  }
  db.exec(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fail$
    BEGIN RAISE EXCEPTION '${message}'; END $fail$;
    CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}();`);
  return () => db.exec(`DROP TRIGGER ${name} ON ${table}; DROP FUNCTION ${name}();`);
}
