// The conversion-day samples behind time to convert and the leak detector's maturity, hand-counted: sorted ascending,
// known by asOf only, a skipped stage (both dates from one move) left out.

import { describe, expect, it } from 'vitest';
import { computeConversionDays } from '../../src/domain/funnel.js';
import { DAY, fakeJourney, MONDAY } from './metrics-fixtures.js';

const leads = [
  fakeJourney(MONDAY, { mql: 9 }),
  fakeJourney(MONDAY, { mql: 2.5 }),
  fakeJourney(MONDAY, { mql: 1, sql: 3 }),
  fakeJourney(MONDAY, { sql: 4 }), // skipped MQL: one move on day 4 set both, so MQL → SQL measured nothing
  fakeJourney(MONDAY, {}),
  fakeJourney(MONDAY, { mql: 20 }), // converts after asOf below
  fakeJourney(MONDAY, { mql: 1 }),
];

describe('computeConversionDays', () => {
  it('answers the days known by asOf, sorted ascending', () => {
    expect(computeConversionDays(leads, 'lead', MONDAY + 10 * DAY)).toEqual([1, 1, 2.5, 4, 9]);
    expect(computeConversionDays(leads, 'lead')).toEqual([1, 1, 2.5, 4, 9, 20]);
  });

  it('leaves out a sample whose two dates one move set', () => {
    expect(computeConversionDays(leads, 'mql')).toEqual([2]);
  });
});
