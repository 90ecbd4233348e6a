// Which leak the verdict names when more than one transition leaks, and when the team's own history is trusted as a
// baseline (30 mature leads, not 29). Every number is worked out by hand in the comments.

import { describe, expect, it } from 'vitest';
import { detectLeaks } from '../../src/domain/leak.js';
import { DEFAULT_METRIC_SETTINGS, type Lead, type Target } from '../../src/domain/types.js';
import { DAY, fakeJourney, fakeTarget } from './metrics-fixtures.js';

const settings = DEFAULT_METRIC_SETTINGS; // UTC
const asOf = Date.UTC(2026, 6, 1); // July 1
const WON_VALUE = 10_000;

/**
 * 100 leads created Apr 10 – May 19 (every 9.6 h). 40 reach MQL a day later; 20 of those go on to SQL and Opportunity
 * (days 2 and 3); 5 of the 20 opportunities are won on day 4 for 10,000, 15 are lost on day 5.
 */
function buildTwoLeaks(): Lead[] {
  const start = Date.UTC(2026, 3, 10);
  return Array.from({ length: 100 }, (_, i) => {
    const createdAt = start + i * DAY * 0.4;
    if (i >= 40) return fakeJourney(createdAt, {});
    if (i >= 20) return fakeJourney(createdAt, { mql: 1 });
    if (i < 5) return fakeJourney(createdAt, { mql: 1, sql: 2, opportunity: 3, customer: 4 }, { value: WON_VALUE });
    return fakeJourney(createdAt, { mql: 1, sql: 2, opportunity: 3 }, { lostDay: 5 });
  });
}

/** Plans for April and May: 80% of leads to MQL, 60% of opportunities won. */
const PLANS: Target[] = ['2026-04', '2026-05'].flatMap((month) => [
  fakeTarget({ month, stage: 'mql', rate: 0.8 }),
  fakeTarget({ month, stage: 'customer', rate: 0.6 }),
]);

describe('detectLeaks with two leaks', () => {
  it('names the transition that costs more, not the one missing more conversions or the first in the funnel', () => {
    const verdict = detectLeaks({ leads: buildTwoLeaks(), spend: [], targets: PLANS }, asOf, settings);

    const [leadToMql, , , opportunityToCustomer] = verdict.transitions;
    // Lead → MQL: 40 of 100 against 80% → 0.8 × 100 − 40 = 40 missing; P(customer | MQL) = 5 / 40 = 0.125;
    // 40 × 0.125 × 10,000 = 50,000.
    expect(leadToMql).toMatchObject({ mature: 100, converted: 40, expected: 0.8, significant: true });
    expect(leadToMql?.missingConversions).toBeCloseTo(40, 9);
    expect(leadToMql?.downstreamRate).toBeCloseTo(0.125, 12);
    expect(leadToMql?.moneyLost).toBeCloseTo(50_000, 4);
    // Opportunity → Customer: 5 of 20 against 60% → 0.6 × 20 − 5 = 7 missing, each a lost 10,000 deal: 70,000.
    expect(opportunityToCustomer).toMatchObject({ mature: 20, converted: 5, expected: 0.6, significant: true });
    expect(opportunityToCustomer?.missingConversions).toBeCloseTo(7, 9);
    expect(opportunityToCustomer?.moneyLost).toBeCloseTo(70_000, 4);

    expect(verdict.kind).toBe('leak');
    if (verdict.kind !== 'leak') return;
    expect([verdict.weakest.from, verdict.weakest.to]).toEqual(['opportunity', 'customer']);
  });

  it('names the first in the funnel once it is the costlier: a 48% plan for won deals leaves 4.6 missing', () => {
    const plans = PLANS.map((plan) => (plan.stage === 'customer' ? { ...plan, rate: 0.48 } : plan));
    const verdict = detectLeaks({ leads: buildTwoLeaks(), spend: [], targets: plans }, asOf, settings);

    // 5 of 20: Wilson high 0.4687 < 0.48, still a leak; 0.48 × 20 − 5 = 4.6 missing × 10,000 = 46,000 < 50,000.
    expect(verdict.transitions[3]).toMatchObject({ significant: true });
    expect(verdict.transitions[3]?.moneyLost).toBeCloseTo(46_000, 4);
    expect(verdict.kind).toBe('leak');
    if (verdict.kind !== 'leak') return;
    expect([verdict.weakest.from, verdict.weakest.to]).toEqual(['lead', 'mql']);
  });
});

/**
 * `baselineLeads` leads created in January (inside the baseline window, before April), the first 15 reaching MQL two
 * days later; then 100 leads in May that nobody qualifies. Conversions take 2 days (15 samples), so leads are mature
 * after 2 days and the judged window is Mar 31 – Jun 29, the baseline Oct 2, 2025 – Mar 31, 2026.
 */
function buildBaseline(baselineLeads: number): Lead[] {
  const january = Date.UTC(2026, 0, 5);
  const baseline = Array.from({ length: baselineLeads }, (_, i) =>
    fakeJourney(january + i * DAY * 0.5, i < 15 ? { mql: 2 } : {}),
  );
  const may = Date.UTC(2026, 4, 1);
  const judged = Array.from({ length: 100 }, (_, i) => fakeJourney(may + i * DAY * 0.2, {}));
  return [...baseline, ...judged];
}

describe('the trailing baseline needs 30 mature leads', () => {
  const leadToMql = (baselineLeads: number) => {
    const verdict = detectLeaks({ leads: buildBaseline(baselineLeads), spend: [], targets: [] }, asOf, settings);
    return { verdict, transition: verdict.transitions[0]! };
  };

  it('does not trust 29: nothing to compare with, so no leak', () => {
    const { verdict, transition } = leadToMql(29);
    expect(transition).toMatchObject({ mature: 100, converted: 0, expected: null, expectedKind: 'none' });
    expect(verdict.kind).toBe('none');
  });

  it('trusts 30: 15 of 30 = 50%, and 0 of 100 in May is a leak', () => {
    const { verdict, transition } = leadToMql(30);
    expect(transition).toMatchObject({ expectedKind: 'baseline', expected: 0.5, significant: true });
    expect(verdict.kind).toBe('leak');
  });

  it('trusts 31: 15 of 31', () => {
    const { verdict, transition } = leadToMql(31);
    expect(transition.expectedKind).toBe('baseline');
    expect(transition.expected).toBeCloseTo(15 / 31, 12);
    expect(verdict.kind).toBe('leak');
  });
});
