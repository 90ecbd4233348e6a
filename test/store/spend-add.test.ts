// Issue 10, item 7 at the store: spend adds up unless replaced on purpose, and an undo takes back one add.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, DAVE, MARIA, openTempStore, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };
const ads = { campaign: 'q4-google-ads', month: '2026-11', category: 'media' } as const;

describe('changeSpend', () => {
  it('adds each invoice to the month and reports the amount before', () => {
    expect(t.plans.changeSpend({ ...ads, amount: 11_100 }, 'add', byMaria)).toMatchObject({
      amountBefore: 0,
      spend: { id: 'S-000001', amount: 11_100 },
    });
    expect(t.plans.changeSpend({ ...ads, amount: 5000 }, 'add', byMaria)).toMatchObject({
      amountBefore: 11_100,
      spend: { id: 'S-000001', amount: 16_100 },
    });
    expect(t.plans.listSpend()).toEqual([expect.objectContaining({ amount: 16_100 })]);
    const event = t.store.db.prepare("SELECT kind, before, after FROM plan_events WHERE kind = 'add'").get();
    expect(event).toEqual({ kind: 'add', before: '{"amount":11100}', after: '{"amount":16100}' });
  });

  it('replaces the month with set', () => {
    t.plans.changeSpend({ ...ads, amount: 11_100 }, 'add', byMaria);
    expect(t.plans.changeSpend({ ...ads, amount: 5000 }, 'set', byMaria)).toMatchObject({
      amountBefore: 11_100,
      spend: { amount: 5000 },
    });
  });

  it('keeps cents exact and refuses a total beyond 1,000,000,000,000, writing nothing', () => {
    t.plans.changeSpend({ ...ads, amount: 0.1 }, 'add', byMaria);
    expect(t.plans.changeSpend({ ...ads, amount: 0.2 }, 'add', byMaria).spend.amount).toBe(0.3);
    t.plans.changeSpend({ ...ads, amount: 999_999_999_999 }, 'set', byMaria);
    const events = countRows(t.store, 'plan_events');
    expect(() => t.plans.changeSpend({ ...ads, amount: 2 }, 'add', byMaria)).toThrow(/total would be larger/);
    expect(t.plans.listSpend()[0]?.amount).toBe(999_999_999_999);
    expect(countRows(t.store, 'plan_events')).toBe(events);
  });

  it('undoes one add, and refuses once a colleague added on top', () => {
    t.plans.changeSpend({ ...ads, amount: 11_100 }, 'add', byMaria);
    t.plans.changeSpend({ ...ads, amount: 5000 }, 'add', byMaria);
    expect(t.leads.undoLast(MARIA.id).description).toBe(
      'Undid your addition to the spend (q4-google-ads, media, 2026-11).',
    );
    expect(t.plans.listSpend()[0]?.amount).toBe(11_100);

    t.plans.changeSpend({ ...ads, amount: 300 }, 'add', byMaria);
    t.plans.changeSpend({ ...ads, amount: 700 }, 'add', { actor: DAVE });
    expect(() => t.leads.undoLast(MARIA.id)).toThrow(/changed again since, by U0DAVE/);
    expect(t.plans.listSpend()[0]?.amount).toBe(12_100);
  });
});
