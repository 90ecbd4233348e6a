// The first read of a store (warmAsync) lets the event loop run while it reads: in distribution mode another
// workspace's requests are acked meanwhile. Read a chunk at a time on SQLite, the leads must still be exactly those a
// whole read gives, in the same order, and a change made during the read (here or by another connection) must be in
// the snapshot once the read is done.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { LeadService } from '../../src/store/lead-service.js';
import type { Store } from '../../src/store/open-store.js';
import { PlanService } from '../../src/store/plan-service.js';
import { PostgresDatabase } from '../../src/store/sql/postgres.js';
import { MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

let temp: TempStore;
afterEach(() => temp.cleanup());

/** Several of the read's chunks (500 rows each). */
const LEADS = 3_000;

function seed(seedNumber: number) {
  temp = openTempStore();
  const sample = generateSampleData({ seed: seedNumber, asOf: T0, leads: LEADS });
  loadSample(temp.store, sample);
  return sample;
}

/** What a connection that never warmed reads now: the store as it is. */
function readPlainly() {
  const other = temp.openAnother();
  try {
    const { leads, spend, targets } = new LeadService(other, temp.clock).dataset();
    return { leads: leads.slice(), spend: spend.slice(), targets: targets.slice() };
  } finally {
    other.close();
  }
}

const byId = (leads: readonly Lead[]) => leads.slice().sort((a, b) => a.id.localeCompare(b.id));

/**
 * On Postgres, holds the first read after it has taken its snapshot: the last table it reads (visits) is locked from
 * another connection until `release`, and the read is seen waiting for it. A commit made meanwhile is then surely not
 * in what it reads. SQLite's read takes no snapshot (it reads a chunk per turn and checks for writes at its end): there
 * is nothing to hold, and the commit is simply made during the read.
 */
async function holdFirstRead(store: Store, start: () => Promise<unknown>) {
  const db = store.db;
  if (!(db instanceof PostgresDatabase)) return { started: start(), release: async () => {} };
  const [locker, watcher] = [new pg.Client(db.url), new pg.Client(db.url)];
  await Promise.all([locker.connect(), watcher.connect()]);
  await locker.query('BEGIN');
  await locker.query(`LOCK TABLE "${db.schema}".visits IN ACCESS EXCLUSIVE MODE`);
  const started = start();
  // Watched from outside any transaction: within one, Postgres shows the activity as it was at its first look.
  const waiting = async () =>
    (
      await watcher.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'roi-runway start' AND wait_event_type = 'Lock'",
      )
    ).rowCount !== 0;
  for (let tries = 0; !(await waiting()); tries++) {
    if (tries > 500) throw new Error('The first read never reached the locked table');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    started,
    release: async () => {
      await locker.query('COMMIT');
      await Promise.all([locker.end(), watcher.end()]);
    },
  };
}

describe('the first read of a store', () => {
  it('lets the event loop run while it reads, and reads every lead in table order', async () => {
    seed(21);
    const store = temp.openAnother();
    try {
      const starting = new LeadService(store, temp.clock);
      const ticked = new Promise<void>((resolve) => setImmediate(resolve)).then(() => 'loop ran');
      const warmed = starting.warmAsync().then(() => 'store read');
      const first = await Promise.race([ticked, warmed]);
      await warmed;

      expect(first).toBe('loop ran');
      const { leads, spend, targets } = starting.dataset();
      expect({ leads, spend, targets }).toEqual(readPlainly());
    } finally {
      store.close();
    }
  });

  it('has in its snapshot what this connection and another changed while it read', async () => {
    const sample = seed(22);
    const store = temp.openAnother();
    try {
      const starting = new LeadService(store, temp.clock);
      const held = await holdFirstRead(store, () => starting.warmAsync());
      // While the read goes on: here a rename of a lead already read and a month's spend; from another process a new
      // lead and a target.
      await new Promise((resolve) => setImmediate(resolve));
      starting.updateLead(sample.leads[0]!.id, { company: 'Quillfeather Machining' }, { actor: MARIA });
      const spend = { campaign: 'warm-up-expo', month: '2026-04', amount: 4_200, category: 'event' as const };
      new PlanService(store, temp.clock).recordSpend(spend, { actor: MARIA });
      temp.leads.createLead({ company: 'Ostrander Valves', campaign: 'warm-up-expo' }, { actor: MARIA });
      temp.plans.recordTarget({ month: '2026-04', stage: 'sql', count: 7 }, { actor: MARIA });
      await held.release();
      await held.started;

      // A lead changed after the read keeps its place in the snapshot (patched in), where a whole read lists it last.
      const read = starting.dataset();
      const plain = readPlainly();
      expect({ ...plain, leads: byId(plain.leads) }).toEqual({
        leads: byId(read.leads),
        spend: read.spend,
        targets: read.targets,
      });
      expect(read.leads.find((lead) => lead.id === sample.leads[0]!.id)?.company).toBe('Quillfeather Machining');
      expect(read.leads.filter((lead) => lead.company === 'Ostrander Valves')).toHaveLength(1);
      expect(read.leads).toHaveLength(LEADS + 1);
      expect(read.spend.filter((row) => row.campaign === 'warm-up-expo').map((row) => row.amount)).toEqual([4_200]);
      expect(read.targets.filter((row) => row.month === '2026-04' && row.stage === 'sql')).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
