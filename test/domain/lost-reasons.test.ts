// Lost reasons totalled per stage lost from: typed reasons compared without case, spacing or trailing punctuation,
// "no reason given" counted, the top 3 with counts and value.

import { describe, expect, it } from 'vitest';
import { computeLostReasons, normalizeLostReason } from '../../src/domain/lost-reasons.js';
import { fakeJourney, fakeLead } from './metrics-fixtures.js';

const start = Date.UTC(2026, 0, 5);
const lostAtMql = (lostReason: string | null, value: number | null = null) =>
  fakeJourney(start, { mql: 1 }, { lostDay: 3, lostReason, value });

const leads = [
  lostAtMql('Price', 10_000),
  lostAtMql('price.', 5_000),
  lostAtMql('  PRICE  '),
  lostAtMql('went with a   competitor', 20_000),
  lostAtMql('no budget'),
  lostAtMql(null),
  lostAtMql('   '),
  lostAtMql('Timing', 1_000),
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 5 }, { lostDay: 9, lostReason: 'Budget cut', value: 40_000 }),
  // Lost in Notion without the stage it was lost from: counted as lost from Lead.
  fakeLead({ stage: 'lost', lostFrom: null, lostReason: 'duplicate', stageDates: { lost: start } }),
  // Not lost: a reason left over on a won lead is not a loss.
  fakeJourney(start, { customer: 4 }, { lostReason: 'price', value: 7_000 }),
];

describe('normalizeLostReason', () => {
  it('folds case, spacing and trailing punctuation; nothing left is no reason', () => {
    expect(normalizeLostReason('  Went  with\ta Competitor!! ')).toBe('went with a competitor');
    expect(normalizeLostReason('price.')).toBe('price');
    expect(normalizeLostReason(' .. ')).toBeNull();
    expect(normalizeLostReason(null)).toBeNull();
  });
});

describe('computeLostReasons', () => {
  const stages = computeLostReasons(leads);

  it('groups per stage lost from, in funnel order', () => {
    expect(stages.map((row) => [row.stage, row.lost, row.value])).toEqual([
      ['lead', 1, 0],
      // 8 leads lost at MQL: 10,000 + 5,000 + 20,000 + 1,000 = 36,000 of expected value.
      ['mql', 8, 36_000],
      ['opportunity', 1, 40_000],
    ]);
  });

  it('totals the top 3 reasons by count, then value, with the usual spelling and no reason counted', () => {
    const mql = stages[1];
    // price: 3 leads (Price, price., PRICE: one each, so the first seen names it), 15,000.
    // no reason: null and "   " = 2 leads. Then 1 lead each: competitor 20,000 > Timing 1,000 > no budget 0.
    expect(mql?.reasons).toEqual([
      { reason: 'Price', count: 3, value: 15_000 },
      { reason: null, count: 2, value: 0 },
      { reason: 'went with a competitor', count: 1, value: 20_000 },
    ]);
    expect(mql).toMatchObject({ otherReasons: 2, otherLeads: 2 });
  });

  it('names a reason by the spelling most leads used', () => {
    const [lead] = computeLostReasons([lostAtMql('budget'), lostAtMql('Budget'), lostAtMql('Budget.')]);
    expect(lead?.reasons).toEqual([{ reason: 'Budget', count: 3, value: 0 }]);
  });

  it('keeps as many reasons as asked, and is empty without lost leads', () => {
    expect(computeLostReasons(leads, 5)[1]?.reasons.map((row) => row.reason)).toEqual([
      'Price',
      null,
      'went with a competitor',
      'Timing',
      'no budget',
    ]);
    expect(computeLostReasons([fakeLead()])).toEqual([]);
  });
});
