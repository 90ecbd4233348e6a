import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, DAY, MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };

describe('recordSpend', () => {
  it('records spend and replaces the amount for the same campaign, month and category', () => {
    const expo = {
      campaign: 'spring-expo',
      source: 'trade-show',
      month: '2026-04',
      amount: 22_000,
      category: 'event',
    } as const;
    const first = t.plans.recordSpend(expo, byMaria);
    expect(first).toEqual({ id: 'S-000001', ...expo, updatedAt: T0 });
    t.plans.recordSpend({ ...expo, category: 'agency', amount: 3_000 }, byMaria);
    t.clock.advance(DAY);
    const replaced = t.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-04', amount: 25_000, category: 'event' },
      byMaria,
    );
    // The source left out keeps the one already recorded.
    expect(replaced).toEqual({ ...first, amount: 25_000, updatedAt: T0 + DAY });
    expect(t.plans.listSpend().map((row) => `${row.id} ${row.category} ${row.amount}`)).toEqual([
      'S-000001 event 25000',
      'S-000002 agency 3000',
    ]);
    const edit = t.store.db.prepare("SELECT before, after FROM plan_events WHERE kind = 'edit'").get();
    expect(edit).toEqual({ before: '{"amount":22000}', after: '{"amount":25000}' });
  });

  it('keeps salaries without a campaign apart from campaign spend', () => {
    t.plans.recordSpend({ campaign: null, month: '2026-04', amount: 24_000, category: 'salaries' }, byMaria);
    t.plans.recordSpend({ campaign: null, month: '2026-04', amount: 25_000, category: 'salaries' }, byMaria);
    expect(t.plans.listSpend()).toEqual([expect.objectContaining({ campaign: null, source: null, amount: 25_000 })]);
  });

  it('writes nothing when the same amount is recorded again', () => {
    const spend = { campaign: 'fall-expo', month: '2026-09', amount: 1_000, category: 'event' } as const;
    t.plans.recordSpend(spend, byMaria);
    t.plans.recordSpend(spend, byMaria);
    expect(countRows(t.store, 'plan_events')).toBe(1);
    expect(countRows(t.store, 'outbox')).toBe(1);
  });

  it.each([
    [{ month: '2026-13' }, /2026-10/],
    [{ amount: -5 }, /negative/],
    [{ amount: Number.NaN }, /number/],
    [{ campaign: 'a,b' }, /comma/],
  ])('refuses %o', (patch, message) => {
    const spend = { campaign: 'fall-expo', month: '2026-09', amount: 1_000, category: 'event' as const, ...patch };
    expect(() => t.plans.recordSpend(spend, byMaria)).toThrow(message);
  });
});

describe('recordTarget', () => {
  it('replaces the planned count or rate of a month and stage, keeping the other', () => {
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', count: 30 }, byMaria);
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', rate: 0.45 }, byMaria);
    t.plans.recordTarget({ month: '2026-12', stage: 'sql', count: 35 }, byMaria);
    t.plans.recordTarget({ month: '2027-01', stage: 'sql', count: 40 }, byMaria);
    expect(t.plans.listTargets()).toEqual([
      { id: 'T-000001', month: '2026-12', stage: 'sql', count: 35, rate: 0.45, updatedAt: T0 },
      { id: 'T-000002', month: '2027-01', stage: 'sql', count: 40, rate: null, updatedAt: T0 },
    ]);
  });

  it('refuses a target without numbers, a rate above 1, and a rate into Lead', () => {
    expect(() => t.plans.recordTarget({ month: '2026-12', stage: 'sql' }, byMaria)).toThrow(/count or a rate/);
    expect(() => t.plans.recordTarget({ month: '2026-12', stage: 'sql', rate: 45 }, byMaria)).toThrow(
      /between 0 and 1/,
    );
    expect(() => t.plans.recordTarget({ month: '2026-12', stage: 'lead', rate: 0.5 }, byMaria)).toThrow(/count/);
    expect(() => t.plans.recordTarget({ month: '2026-12', stage: 'mql', count: 2.5 }, byMaria)).toThrow(/whole/);
  });
});

describe('remote spend and targets', () => {
  it('applies rows from Notion without an outbox row, giving an id to new ones', () => {
    const pulled = t.plans.applyRemoteSpend({
      campaign: 'linkedin-abm',
      source: 'linkedin',
      month: '2026-10',
      amount: 3_500,
      category: 'media',
      updatedAt: T0,
    });
    expect(pulled.id).toBe('S-000001');
    t.plans.applyRemoteTarget({ id: 'T-000009', month: '2026-10', stage: 'mql', count: 90, rate: 0.55, updatedAt: T0 });
    expect(t.plans.listTargets()[0]?.id).toBe('T-000009');
    expect(countRows(t.store, 'outbox')).toBe(0);
    expect(countRows(t.store, 'plan_events', "kind = 'remote' AND actor_id = 'notion'")).toBe(2);
    expect(t.plans.removeSpend(pulled.id)).toBe(true);
    expect(t.plans.removeTarget('T-000009')).toBe(true);
    expect(t.plans.removeTarget('T-000009')).toBe(false);
    expect(t.leads.dataset()).toMatchObject({ spend: [], targets: [] });
    expect(countRows(t.store, 'outbox')).toBe(0);
  });
});
