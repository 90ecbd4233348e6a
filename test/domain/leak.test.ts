import { describe, expect, it } from 'vitest';
import { detectLeaks, NO_LEAK_REASON, TOO_YOUNG_REASON } from '../../src/domain/leak.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Lead } from '../../src/domain/types.js';
import { DAY, fakeJourney, fakeLead, fakeTarget } from './metrics-fixtures.js';

const settings = DEFAULT_METRIC_SETTINGS; // UTC
const asOf = Date.UTC(2026, 6, 1); // July 1: window Apr 2 – Jul 1, baseline Oct 4, 2025 – Apr 2, 2026
const WON_VALUE = 10_000;

/**
 * A lead that reaches MQL after `mqlDay` days, Opportunity 3 days later (SQL skipped), then either wins 10 days after
 * that or is lost 5 days after that.
 */
function opportunityLead(createdAt: number, mqlDay: number, won: boolean, source: string): Lead {
  const opportunity = mqlDay + 3;
  return won
    ? fakeJourney(createdAt, { mql: mqlDay, opportunity, customer: opportunity + 10 }, { source, value: WON_VALUE })
    : fakeJourney(createdAt, { mql: mqlDay, opportunity }, { source, lostDay: opportunity + 5 });
}

/**
 * The team's normal: 200 leads created from Oct 10, 2025 (every 12 h), MQL after 1–20 days, 30% of opportunities
 * won (i % 10 < 3). Everything happens inside the baseline window. Time to convert: Lead → MQL samples 1..20 ten times
 * each (p90 = 18.1 days); Opportunity → Customer always 10 days.
 */
function buildHistory(): Lead[] {
  const start = Date.UTC(2025, 9, 10);
  return Array.from({ length: 200 }, (_, i) =>
    opportunityLead(start + i * DAY * 0.5, 1 + (i % 20), i % 10 < 3, 'google-ads'),
  );
}

/** 400 leads created Apr 3 – May 13 (every 2.4 h), all opportunities by June 5 so all mature by July 1. */
function buildPlantedLeak(): Lead[] {
  const start = Date.UTC(2026, 3, 3);
  return Array.from({ length: 400 }, (_, j) => {
    // thomasnet: 300 leads, 15 won (5%); referral: 100 leads, 25 won (25%) → 40 of 400 = 10%
    const won = j < 300 ? j % 20 === 0 : (j - 300) % 4 === 0;
    return opportunityLead(start + j * DAY * 0.1, 1 + (j % 20), won, j < 300 ? 'thomasnet' : 'referral');
  });
}

const dataset = (leads: Lead[], targets: Dataset['targets'] = []): Dataset => ({ leads, spend: [], targets });

describe('detectLeaks', () => {
  it('flags a large planted leak against the baseline and prices it', () => {
    const verdict = detectLeaks(dataset([...buildHistory(), ...buildPlantedLeak()]), asOf, settings);
    expect(verdict.kind).toBe('leak');
    if (verdict.kind !== 'leak') return;
    const { weakest } = verdict;
    // baseline 60 of 200 = 0.3; window 40 of 400 = 0.1, Wilson high 0.1333 < 0.3
    expect(weakest).toMatchObject({ from: 'opportunity', to: 'customer', mature: 400, converted: 40 });
    expect(weakest).toMatchObject({ expectedKind: 'baseline', significant: true, downstreamRate: 1 });
    expect(weakest.expected).toBeCloseTo(0.3, 12);
    expect(weakest.high).toBeCloseTo(0.133311, 5);
    // missing = 0.3 × 400 − 40 = 80; downstream 1 (the last step); average won value 10,000 → 800,000
    expect(weakest.missingConversions).toBeCloseTo(80, 9);
    expect(weakest.averageWonValue).toBe(WON_VALUE);
    expect(weakest.moneyLost).toBeCloseTo(800_000, 4);
    // thomasnet: 0.3 × 300 − 15 = 75 missing; referral: 0.3 × 100 − 25 = 5
    expect(weakest.drivingSources.map((row) => [row.source, row.mature, row.converted])).toEqual([
      ['thomasnet', 300, 15],
      ['referral', 100, 25],
    ]);
    expect(weakest.drivingSources[0]?.missing).toBeCloseTo(75, 9);
    expect(weakest.drivingSources[1]?.missing).toBeCloseTo(5, 9);
    // the other transitions convert everyone, as the baseline did
    expect(verdict.transitions.filter((transition) => transition.significant)).toHaveLength(1);
  });

  it('does not call 1 of 4 on a tiny source a leak against a 30% baseline', () => {
    const start = Date.UTC(2026, 3, 3);
    const usual = Array.from({ length: 100 }, (_, j) =>
      opportunityLead(start + j * DAY * 0.4, 5, j % 10 < 3, 'thomasnet'),
    );
    const tiny = [0, 1, 2, 3].map((k) => opportunityLead(start + k * DAY, 5, k === 0, 'directory'));
    const data = dataset([...buildHistory(), ...usual, ...tiny]);

    const forSource = detectLeaks(data, asOf, settings, { source: 'directory' });
    expect(forSource.kind).toBe('none');
    // 1 of 4: Wilson [0.0456, 0.6994] contains the team's 0.3
    expect(forSource.transitions[3]).toMatchObject({ mature: 4, converted: 1, expectedKind: 'baseline' });
    expect(forSource.transitions[3]?.high).toBeCloseTo(0.699364, 5);
    expect(forSource.transitions[3]?.significant).toBe(false);
    expect(detectLeaks(data, asOf, settings).kind).toBe('none');
  });

  it('does not flag a cohort that is merely young', () => {
    // 50 leads created in the last week: nobody has had the 18.1 days a Lead → MQL conversion takes
    const lastWeek = asOf - 7 * DAY;
    const young = Array.from({ length: 50 }, (_, k) => fakeLead({ createdAt: lastWeek + k * 3_600_000 }));
    const verdict = detectLeaks(dataset([...buildHistory(), ...young]), asOf, settings);
    expect(verdict).toMatchObject({ kind: 'none', reason: TOO_YOUNG_REASON });
    expect(verdict.transitions[0]).toMatchObject({ mature: 0, rate: null, significant: false });
  });

  it('judges against the planned rate when there is one, averaged over the window’s months', () => {
    const leads = [...buildHistory(), ...buildPlantedLeak()];
    // April 0.10 and May 0.14 → expected 0.12; June has no plan; 0.12 < Wilson high 0.1333 → within the interval
    const targets = [
      fakeTarget({ month: '2026-04', stage: 'customer', rate: 0.1 }),
      fakeTarget({ month: '2026-05', stage: 'customer', rate: 0.14 }),
      fakeTarget({ month: '2026-05', stage: 'customer', count: 30 }),
      fakeTarget({ month: '2025-12', stage: 'customer', rate: 0.9 }), // outside the window
    ];
    const verdict = detectLeaks(dataset(leads, targets), asOf, settings);
    expect(verdict).toMatchObject({ kind: 'none', reason: NO_LEAK_REASON });
    expect(verdict.transitions[3]?.expectedKind).toBe('target');
    expect(verdict.transitions[3]?.expected).toBeCloseTo(0.12, 12);
  });

  it('prices a leak against a target with the target’s rate', () => {
    const leads = [...buildHistory(), ...buildPlantedLeak()];
    const verdict = detectLeaks(
      dataset(leads, [fakeTarget({ month: '2026-06', stage: 'customer', rate: 0.2 })]),
      asOf,
      settings,
    );
    expect(verdict.kind).toBe('leak');
    if (verdict.kind !== 'leak') return;
    // missing = 0.2 × 400 − 40 = 40 → 40 × 1 × 10,000
    expect(verdict.weakest).toMatchObject({ expectedKind: 'target', expected: 0.2 });
    expect(verdict.weakest.moneyLost).toBeCloseTo(400_000, 4);
  });

  it('has nothing to compare with when the baseline is too small', () => {
    const few = buildHistory().slice(0, 20);
    const verdict = detectLeaks(dataset(few), asOf, settings);
    expect(verdict).toMatchObject({ kind: 'none', reason: TOO_YOUNG_REASON });
    expect(verdict.transitions.every((transition) => transition.expectedKind === 'none')).toBe(true);
  });
});
