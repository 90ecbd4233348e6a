// Visits keep every rule spend keeps (issue 10 at the store): ids counted in SQLite and never handed out twice, a
// plain INSERT that refuses a taken id, adding by default and replacing on purpose, and an undo that refuses once a
// colleague or Notion changed the record since.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertPlanRecord, updatePlanRecord } from '../../src/store/plan-rows.js';
import { countRows, DAVE, MARIA, MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };
const organic = { month: '2026-11', source: 'organic-search' } as const;

function refusal(actorId: string): { code?: string; message: string; actorIds?: readonly string[] } {
  try {
    t.leads.undoLast(actorId);
  } catch (error) {
    return error as { code?: string; message: string; actorIds?: readonly string[] };
  }
  throw new Error('undo unexpectedly succeeded');
}

describe('changeVisits', () => {
  it('adds a second report to the month and says what the month had; set replaces it', () => {
    expect(t.plans.changeVisits({ ...organic, visits: 12_400 }, 'add', byMaria)).toMatchObject({
      visitsBefore: 0,
      visit: { id: 'V-000001', visits: 12_400 },
    });
    expect(t.plans.changeVisits({ ...organic, visits: 600 }, 'add', byMaria)).toMatchObject({
      visitsBefore: 12_400,
      visit: { id: 'V-000001', visits: 13_000 },
    });
    const added = t.store.db.prepare("SELECT entity, before, after FROM plan_events WHERE kind = 'add'").get();
    expect(added).toEqual({ entity: 'visit', before: '{"visits":12400}', after: '{"visits":13000}' });

    expect(t.plans.changeVisits({ ...organic, visits: 12_650 }, 'set', byMaria)).toMatchObject({
      visitsBefore: 13_000,
      visit: { id: 'V-000001', visits: 12_650 },
    });
    expect(t.plans.listVisits().map((row) => row.visits)).toEqual([12_650]);
  });

  it('refuses a total beyond what a month can hold, writing nothing', () => {
    t.plans.changeVisits({ ...organic, visits: 999_999_999 }, 'set', byMaria);
    const events = countRows(t.store, 'plan_events');
    expect(() => t.plans.changeVisits({ ...organic, visits: 2 }, 'add', byMaria)).toThrow(/more than a month can hold/);
    expect(t.plans.listVisits()[0]?.visits).toBe(999_999_999);
    expect(countRows(t.store, 'plan_events')).toBe(events);
    expect(countRows(t.store, 'outbox')).toBe(1);
  });

  it('undoes one addition, and refuses once a colleague added on top, naming them', () => {
    t.plans.changeVisits({ ...organic, visits: 12_400 }, 'add', byMaria);
    t.plans.changeVisits({ ...organic, visits: 600 }, 'add', byMaria);
    expect(t.leads.undoLast(MARIA.id).description).toBe(
      'Undid your addition to the visits record (organic-search, 2026-11).',
    );
    expect(t.plans.listVisits()[0]?.visits).toBe(12_400);

    t.plans.changeVisits({ ...organic, visits: 300 }, 'add', byMaria);
    t.plans.changeVisits({ ...organic, visits: 700 }, 'add', { actor: DAVE });
    expect(refusal(MARIA.id)).toMatchObject({
      code: 'changed_since',
      message: 'the visits record (organic-search, 2026-11) has been changed again since, by U0DAVE',
    });
    expect(t.plans.listVisits()[0]?.visits).toBe(13_400);
  });

  it('refuses to undo visits edited in Notion since', () => {
    const recorded = t.plans.recordVisits({ ...organic, visits: 12_400 }, byMaria);
    t.clock.advance(MINUTE);
    t.plans.applyRemoteVisit({ ...recorded, visits: 12_500, updatedAt: t.clock() });
    expect(refusal(MARIA.id)).toMatchObject({ code: 'changed_since', actorIds: ['notion'] });
    expect(t.plans.listVisits()).toEqual([expect.objectContaining({ id: recorded.id, visits: 12_500 })]);
  });
});

describe('visit ids', () => {
  it('never hands out the id of visits an undo removed', () => {
    expect(t.plans.recordVisits({ ...organic, visits: 100 }, byMaria).id).toBe('V-000001');
    t.leads.undoLast(MARIA.id);
    expect(t.plans.listVisits()).toEqual([]);
    expect(t.plans.recordVisits({ ...organic, visits: 100 }, byMaria).id).toBe('V-000002');
  });

  it('inserts with a plain INSERT that refuses a taken id, and updates only a record that is there', () => {
    const kept = t.plans.recordVisits({ ...organic, visits: 100 }, byMaria);
    const other = { ...kept, month: '2026-12', visits: 5 };
    expect(() => insertPlanRecord(t.store.db, 'visit', other)).toThrow(
      expect.objectContaining({ code: 'duplicate', message: `a visit with id ${kept.id} already exists` }),
    );
    expect(() => updatePlanRecord(t.store.db, 'visit', { ...other, id: 'V-000099' })).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(t.plans.listVisits()).toEqual([kept]);
  });

  it('counts on from the largest visits id in the table after a bulk load', () => {
    t.plans.applyRemoteVisit({ month: '2026-01', source: null, visits: 9, updatedAt: t.clock() });
    t.plans.applyRemoteVisit({ month: '2026-02', source: null, visits: 9, updatedAt: t.clock() });
    expect(t.plans.recordVisits({ ...organic, visits: 1 }, byMaria).id).toBe('V-000003');
  });
});
