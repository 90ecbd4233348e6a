import { describe, expect, it } from 'vitest';
import {
  computeCohort,
  computeFunnelCounts,
  computeReachedAt,
  computeTimeToConvert,
  computeTransitionRates,
} from '../../src/domain/funnel.js';
import type { Period } from '../../src/domain/types.js';
import { DAY, fakeJourney, MONDAY } from './metrics-fixtures.js';

const week: Period = { key: '2026-W02', label: 'Jan 5 – Jan 11', start: MONDAY, end: MONDAY + 7 * DAY };

// Six leads created in the week, one the week before.
const leads = [
  fakeJourney(MONDAY, {}), // still a lead
  fakeJourney(MONDAY, { mql: 2 }),
  fakeJourney(MONDAY + DAY, { sql: 4 }), // skipped MQL: both dates set by the day-4 move
  fakeJourney(MONDAY, { mql: 1, sql: 3, opportunity: 10 }),
  fakeJourney(MONDAY, { mql: 2, sql: 5, opportunity: 12, customer: 30 }, { value: 10_000 }),
  fakeJourney(MONDAY + 2 * DAY, { mql: 1, sql: 6 }, { lostDay: 8 }), // lost from SQL
  fakeJourney(MONDAY - 3 * DAY, { mql: 1, sql: 2, opportunity: 3, customer: 4 }), // created before the week
];

describe('cohort funnel', () => {
  const cohort = computeCohort(leads, week);

  it('counts every stage each new lead reached, skipped and lost ones included', () => {
    expect(cohort).toHaveLength(6);
    expect(computeFunnelCounts(cohort)).toEqual([
      { stage: 'lead', reached: 6 },
      { stage: 'mql', reached: 5 },
      { stage: 'sql', reached: 4 },
      { stage: 'opportunity', reached: 2 },
      { stage: 'customer', reached: 1 },
    ]);
  });

  it('rates each transition as reached next / reached this', () => {
    const rates = computeTransitionRates(computeFunnelCounts(cohort));
    expect(rates.map(({ from, to, reached, converted }) => [from, to, converted, reached])).toEqual([
      ['lead', 'mql', 5, 6],
      ['mql', 'sql', 4, 5],
      ['sql', 'opportunity', 2, 4],
      ['opportunity', 'customer', 1, 2],
    ]);
    expect(rates.map((rate) => rate.rate)).toEqual([5 / 6, 4 / 5, 0.5, 0.5]);
  });

  it('has no rate for a transition nobody reached', () => {
    const rates = computeTransitionRates(computeFunnelCounts([fakeJourney(MONDAY, {})]));
    expect(rates[1]).toEqual({ from: 'mql', to: 'sql', reached: 0, converted: 0, rate: null });
  });
});

describe('time to convert', () => {
  const cohort = computeCohort(leads, week);

  it('reports median and p90 days per transition, without the 0-day samples of skips', () => {
    const times = computeTimeToConvert(cohort);
    // lead→mql: [1, 1, 2, 2, 4] → median 2; p90 at h = 3.6 → 2 + 0.6·(4 − 2) = 3.2
    expect(times[0]).toMatchObject({ from: 'lead', to: 'mql', samples: 5, medianDays: 2 });
    expect(times[0]?.p90Days).toBeCloseTo(3.2, 10);
    // mql→sql: the skip (4 → 4) is left out; [2, 3, 5] → median 3; p90 at h = 1.8 → 3 + 0.8·2 = 4.6
    expect(times[1]).toMatchObject({ samples: 3, medianDays: 3 });
    expect(times[1]?.p90Days).toBeCloseTo(4.6, 10);
    // sql→opportunity: [7, 7]; opportunity→customer: [18]
    expect(times[2]).toMatchObject({ samples: 2, medianDays: 7, p90Days: 7 });
    expect(times[3]).toMatchObject({ samples: 1, medianDays: 18, p90Days: 18 });
  });

  it('does not count a lead created past a stage as a 0-day conversion', () => {
    const createdAsSql = fakeJourney(MONDAY, { sql: 0 });
    const times = computeTimeToConvert([createdAsSql]);
    expect(times[0]).toMatchObject({ samples: 0, medianDays: null, p90Days: null });
  });

  it('ignores conversions after asOf', () => {
    // The only customer converted on day 30 (Feb 4); as of day 20 nobody has.
    const times = computeTimeToConvert(cohort, MONDAY + 20 * DAY);
    expect(times[3]).toMatchObject({ samples: 0, medianDays: null });
  });
});

describe('computeReachedAt', () => {
  it('dates each stage a lead reached, skipped ones by the skipping move, and knows nothing after asOf', () => {
    const skipper = fakeJourney(MONDAY, { sql: 4 }, { lostDay: 6 }); // lost from SQL, MQL skipped
    expect(computeReachedAt(skipper, 'lead')).toBe(MONDAY);
    expect(computeReachedAt(skipper, 'mql')).toBe(MONDAY + 4 * DAY);
    expect(computeReachedAt(skipper, 'sql')).toBe(MONDAY + 4 * DAY);
    expect(computeReachedAt(skipper, 'opportunity')).toBeNull();
    expect(computeReachedAt(skipper, 'sql', MONDAY + 3 * DAY)).toBeNull();
  });
});
