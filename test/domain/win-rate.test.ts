// The historical win rate behind the pipeline value: won / decided opportunities. A lead lost before it ever reached
// Opportunity was never a deal to win or lose, so it must not drag the rate down.

import { describe, expect, it } from 'vitest';
import { computeKpis, computePipelineValue, computeWinRate } from '../../src/domain/roi.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Period } from '../../src/domain/types.js';
import { DAY, fakeJourney } from './metrics-fixtures.js';

const start = Date.UTC(2026, 0, 5);
const now = Date.UTC(2026, 3, 1);
const april: Period = { key: '2026-04', label: 'April 2026', start: now, end: Date.UTC(2026, 4, 1) };

const leads = [
  // Two deals won and one lost at Opportunity: 3 decided, 2 won.
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3, customer: 10 }, { value: 20_000 }),
  fakeJourney(start, { mql: 1, opportunity: 5, customer: 12 }, { value: 10_000 }),
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3 }, { lostDay: 20 }),
  // Lost earlier in the funnel: lost from Lead, from MQL and from SQL. None of them was a deal.
  fakeJourney(start, {}, { lostDay: 2 }),
  fakeJourney(start, { mql: 1 }, { lostDay: 4 }),
  fakeJourney(start, { mql: 1, sql: 2 }, { lostDay: 6 }),
  // Lost at Opportunity, but only after `now`: not decided yet as of now.
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3 }, { lostDay: 120 }),
  // Open opportunities worth 30,000 and 15,000.
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3 }, { value: 30_000 }),
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 40 }, { value: 15_000 }),
];

describe('computeWinRate', () => {
  it('counts only the leads lost from Opportunity as lost deals', () => {
    expect(leads.filter((lead) => lead.stage === 'lost').map((lead) => lead.lostFrom)).toEqual([
      'opportunity',
      'lead',
      'mql',
      'sql',
      'opportunity',
    ]);
    // won 2 / (won 2 + lost at Opportunity by now 1) = 2/3; counting every loss would give 2/6.
    expect(computeWinRate(leads, now)).toBeCloseTo(2 / 3, 12);
  });

  it('has no rate before any opportunity is decided, however many early leads were lost', () => {
    const earlyLosses = leads.slice(3, 6);
    expect(computeWinRate(earlyLosses, now)).toBeNull();
    // The first win decides one deal: 1 of 1.
    expect(computeWinRate([...earlyLosses, leads[0]!], now)).toBe(1);
    // As of a day before that win, nothing was decided.
    expect(computeWinRate([...earlyLosses, leads[0]!], start + 9 * DAY)).toBeNull();
  });
});

describe('pipeline value', () => {
  it('weighs the open opportunities by that win rate', () => {
    // (30,000 + 15,000) × 2/3 = 30,000.
    expect(computePipelineValue(leads, now)).toBeCloseTo(30_000, 6);
    const data: Dataset = { leads, spend: [], targets: [] };
    expect(computeKpis(data, april, DEFAULT_METRIC_SETTINGS, now).pipelineValue).toBeCloseTo(30_000, 6);
  });
});
