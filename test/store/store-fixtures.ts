// Factories for store tests: a real SQLite file in a fresh temp folder, a clock the test moves, and two reps.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/domain/types.js';
import { LeadService } from '../../src/store/lead-service.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { Outbox } from '../../src/store/outbox.js';
import { PlanService } from '../../src/store/plan-service.js';

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
  cleanup(): void;
}

function buildTempStore(dir: string, file: string, clock: FakeClock): TempStore {
  const store = openStore({ file });
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
      return buildTempStore(dir, file, clock);
    },
    cleanup: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

/** A store on a real file (WAL, journal and all) under a new temp folder; `cleanup()` removes it. */
export function openTempStore(clock = fakeClock()): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'roi-store-'));
  return buildTempStore(dir, join(dir, 'data', 'roi-runway.sqlite'), clock);
}

export function countRows(store: Store, table: string, where = '1 = 1', ...params: unknown[]): number {
  return store.db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get(...params) as number;
}
