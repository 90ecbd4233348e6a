// Issue 10, item 2 at the store: ids are counted in SQLite integers, created with a plain INSERT, never reused.

import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { countRows, DAVE, MARIA, openSqliteTempStore, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };

function errorOf(run: () => unknown): { code?: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected an error');
}

function dummyLead(id: string, company: string): Lead {
  return {
    id,
    company,
    contact: null,
    source: 'referral',
    campaign: null,
    channel: 'email',
    stage: 'lead',
    lostFrom: null,
    value: null,
    ownerId: DAVE.id,
    ownerName: DAVE.name,
    createdAt: T0,
    stageDates: {},
    touches: [],
    lostReason: null,
    notes: null,
    updatedAt: T0,
  };
}

describe('lead ids', () => {
  it('keeps counting past a lead whose id is a huge number: every new lead gets its own id', () => {
    t.leads.applyRemoteLead(dummyLead('L-99999999999999999999', 'Huge Id Inc'));
    const made = ['Acme Corp', 'Brix Ltd', 'Coda GmbH'].map((company) => t.leads.createLead({ company }, byMaria));

    expect(made.map((lead) => lead.id)).toEqual(['L-000001', 'L-000002', 'L-000003']);
    expect(t.leads.listLeads().map((lead) => `${lead.id} ${lead.company}`)).toEqual(
      expect.arrayContaining([
        'L-99999999999999999999 Huge Id Inc',
        'L-000001 Acme Corp',
        'L-000002 Brix Ltd',
        'L-000003 Coda GmbH',
      ]),
    );
    expect(t.leads.listLeads()).toHaveLength(4);
  });

  it('counts on from the largest id of our shape, wherever it came from', () => {
    t.leads.applyRemoteLead(dummyLead('L-000041', 'Zenith Pumps'));
    t.leads.applyRemoteLead(dummyLead('L-1000000000', 'Ten Digits Ltd'));
    t.leads.applyRemoteLead(dummyLead('L-500x', 'Typo Inc'));
    expect(t.leads.createLead({ company: 'Acme Corp' }, byMaria).id).toBe('L-000042');
  });

  it('refuses to create a lead under an id that exists, or that a deleted lead had', () => {
    const acme = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    expect(errorOf(() => t.leads.createLead({ company: 'Brix Ltd', id: acme.id }, byMaria))).toMatchObject({
      code: 'duplicate',
    });
    t.leads.undoLast(MARIA.id);
    expect(t.leads.getLead(acme.id)).toBeNull();

    const revived = errorOf(() => t.leads.createLead({ company: 'Brix Ltd', id: acme.id }, byMaria));
    expect(revived).toMatchObject({ code: 'duplicate', message: `the id ${acme.id} is already taken` });
    expect(errorOf(() => t.leads.applyRemoteLead(dummyLead(acme.id, 'Brix Ltd')))).toMatchObject({
      code: 'duplicate',
    });
    expect(t.leads.listLeads()).toEqual([]);
    // Nor is it handed out again.
    expect(t.leads.createLead({ company: 'Coda GmbH' }, byMaria).id).toBe('L-000002');
  });

  it('moves the counter past an id taken from outside, even once that lead is gone', () => {
    t.leads.createLead({ company: 'Imported Co', id: 'L-000010' }, byMaria);
    t.leads.undoLast(MARIA.id);
    expect(t.leads.createLead({ company: 'Acme Corp' }, byMaria).id).toBe('L-000011');
  });

  it('keeps a far-off id taken from outside without letting it use up the ids ahead', () => {
    t.leads.applyRemoteLead(dummyLead('L-999999999', 'Typo Id Inc'));
    t.leads.applyRemoteLead(dummyLead('L-000003', 'Imported Co'));
    const made = ['Acme Corp', 'Brix Ltd', 'Coda GmbH', 'Dyna AG'].map((company) =>
      t.leads.createLead({ company }, byMaria),
    );
    expect(made.map((lead) => lead.id)).toEqual(['L-000004', 'L-000005', 'L-000006', 'L-000007']);
    expect(t.leads.getLead('L-999999999')?.company).toBe('Typo Id Inc');
  });

  it('counts spend and target ids the same way', () => {
    const spend = { campaign: 'spring-expo', month: '2026-04', amount: 1000, category: 'event' } as const;
    expect(t.plans.recordSpend(spend, byMaria).id).toBe('S-000001');
    t.leads.undoLast(MARIA.id);
    expect(t.plans.recordSpend(spend, byMaria).id).toBe('S-000002');
    expect(t.plans.recordTarget({ month: '2026-04', stage: 'sql', count: 3 }, byMaria).id).toBe('T-000001');
  });
});

describe('migration 3: id counters in SQLite', () => {
  // Upgrading an old SQLite file in place: SQLite's own history, whatever engine the run tests.
  beforeEach(() => {
    t.cleanup();
    t = openSqliteTempStore();
  });
  /** A store as version 1 left it: the counter in sync_state as text, here already overflowed by the old code. */
  function openVersionOne(oldCounter: string): TempStore {
    t.store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.file}${suffix}`, { force: true });
    const old = openStore({ file: t.file, migrations: MIGRATIONS.filter((m) => m.version === 1) });
    const insertEvent = old.db.prepare(
      `INSERT INTO lead_events (seq, lead_id, kind, actor_id, at, recorded_at, before, after)
       VALUES (1, ?, 'create', 'U0MARIA', 0, 0, NULL, '{}')`,
    );
    // L-000120 was created and deleted again: only its history is left, and its id must stay retired.
    insertEvent.run('L-000120');
    old.db.prepare("INSERT INTO sync_state (key, value) VALUES ('last-id:lead', ?)").run(oldCounter);
    old.close();
    return t.reopen();
  }

  it('starts the lead counter past every id the store ever held, dropping an overflowed old counter', () => {
    t = openVersionOne('9223372036854775808');
    expect(countRows(t.store, 'sync_state', "key LIKE 'last-id:%'")).toBe(0);
    const made = ['Acme Corp', 'Brix Ltd'].map((company) => t.leads.createLead({ company }, byMaria));
    expect(made.map((lead) => lead.id)).toEqual(['L-000121', 'L-000122']);
  });

  it('keeps an old counter that is still a proper number', () => {
    t = openVersionOne('300');
    expect(t.leads.createLead({ company: 'Acme Corp' }, byMaria).id).toBe('L-000301');
  });

  it('skips ids that are taken when the old counter lags behind them', () => {
    // L-000120 is in the history only; the old counter says 118.
    t = openVersionOne('118');
    const made = ['Acme Corp', 'Brix Ltd', 'Coda GmbH'].map((company) => t.leads.createLead({ company }, byMaria));
    expect(made.map((lead) => lead.id)).toEqual(['L-000119', 'L-000121', 'L-000122']);
  });

  it('fails loudly, writing nothing, once every nine-digit id is taken', () => {
    t = openVersionOne('999999999');
    expect(errorOf(() => t.leads.createLead({ company: 'Acme Corp' }, byMaria)).message).toMatch(/L-999999999/);
    expect(t.leads.listLeads()).toEqual([]);
  });
});
