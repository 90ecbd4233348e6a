import { describe, expect, it } from 'vitest';
import type { Period, Visit } from '../../src/domain/types.js';
import {
  computeMonthVisitorRate,
  computeMonthVisits,
  computeVisitorRates,
  computeVisitsInPeriod,
} from '../../src/domain/visits.js';
import { fakeLead } from './metrics-fixtures.js';

const visit = (month: string, source: string | null, visits: number): Visit => ({
  id: `${month}-${source}`,
  month,
  source,
  visits,
  updatedAt: 0,
});

// October: 3,100 organic, 900 from Google Ads, no site total. November: a site total of 6,000 and 2,000 organic.
const VISITS = [
  visit('2026-10', 'organic-search', 3_100),
  visit('2026-10', 'google-ads', 900),
  visit('2026-11', null, 6_000),
  visit('2026-11', 'organic-search', 2_000),
];

describe('visits of a month', () => {
  it('are the site total when one is recorded, otherwise the sum of the sources', () => {
    expect(computeMonthVisits(VISITS, '2026-10')).toBe(4_000);
    expect(computeMonthVisits(VISITS, '2026-11')).toBe(6_000);
    expect(computeMonthVisits(VISITS, '2026-11', 'organic-search')).toBe(2_000);
    expect(computeMonthVisits(VISITS, '2026-11', 'google-ads')).toBeNull();
    expect(computeMonthVisits(VISITS, '2026-12')).toBeNull();
  });

  it('bring leads per visit: the sources’ own leads, or every lead against a site total', () => {
    const created = {
      total: 50,
      bySource: new Map([
        ['organic-search', 31],
        ['google-ads', 9],
        ['referral', 10],
      ]),
    };
    // October: (31 + 9) / (3,100 + 900) = 1%; a referral never visited. November: 50 / 6,000.
    expect(computeMonthVisitorRate(VISITS, '2026-10', created)).toBe(0.01);
    expect(computeMonthVisitorRate(VISITS, '2026-11', created)).toBeCloseTo(50 / 6_000, 12);
    expect(computeMonthVisitorRate(VISITS, '2026-09', created)).toBeNull();
  });
});

describe('visits in a period', () => {
  // October 22 – November 5 (UTC): 10 of October's 31 days and 4 of November's 30.
  const period: Period = { key: 'x', label: 'x', start: Date.UTC(2026, 9, 22), end: Date.UTC(2026, 10, 5) };

  it('count each overlapping month for the share of it the period covers, as spend does', () => {
    expect(computeVisitsInPeriod(VISITS, period, 'UTC')).toBeCloseTo((4_000 * 10) / 31 + (6_000 * 4) / 30, 9);
    expect(computeVisitsInPeriod(VISITS, period, 'UTC', 'google-ads')).toBeCloseTo((900 * 10) / 31, 9);
    const september: Period = { key: 's', label: 's', start: Date.UTC(2026, 8, 1), end: Date.UTC(2026, 9, 1) };
    expect(computeVisitsInPeriod(VISITS, september, 'UTC')).toBeNull();
  });

  it('give visitor → lead per source, the sources with the most visits first', () => {
    const leads = [
      fakeLead({ source: 'organic-search', createdAt: Date.UTC(2026, 9, 25) }),
      fakeLead({ source: 'organic-search', createdAt: Date.UTC(2026, 10, 2) }),
      fakeLead({ source: 'google-ads', createdAt: Date.UTC(2026, 9, 30) }),
      fakeLead({ source: 'google-ads', createdAt: Date.UTC(2026, 9, 1) }),
    ];
    const organic = (3_100 * 10) / 31 + (2_000 * 4) / 30;
    const ads = (900 * 10) / 31;
    expect(computeVisitorRates(leads, VISITS, period, 'UTC')).toEqual([
      { source: 'organic-search', visits: organic, leads: 2, rate: 2 / organic },
      { source: 'google-ads', visits: ads, leads: 1, rate: 1 / ads },
    ]);
  });
});
