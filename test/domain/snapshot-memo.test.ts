// ROI rows and campaign cards are kept on a snapshot's memo: these prove a kept answer never outlives its data, and
// that a memo is used only with the very arrays it was made for.

import { describe, expect, it } from 'vitest';
import { computeFunnelCountsByCampaign } from '../../src/domain/funnel.js';
import { computeCampaignCard, computeRoiRows } from '../../src/domain/roi.js';
import { createSnapshot } from '../../src/domain/snapshot.js';
import { computeOncePerSnapshotInSteps } from '../../src/domain/snapshot-memo.js';
import { runAllSteps } from '../../src/domain/steps.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Lead, type Period } from '../../src/domain/types.js';
import { fakeJourney, fakeSpend } from './metrics-fixtures.js';

const day = (date: number) => Date.UTC(2026, 0, date);
const january: Period = { key: '2026-01', label: 'January 2026', start: day(1), end: Date.UTC(2026, 1, 1) };
const settings = DEFAULT_METRIC_SETTINGS; // margin 1

function buildExpoData(): { data: Dataset; leads: Lead[] } {
  const leads = [
    // Won on Jan 15 for 12,000.
    fakeJourney(day(5), { mql: 1, customer: 10 }, { source: 'trade-show', campaign: 'spring-expo', value: 12_000 }),
    fakeJourney(day(6), {}, { source: 'trade-show', campaign: 'spring-expo', value: 8_000 }),
    fakeJourney(day(7), { mql: 2 }, { source: 'google-ads', campaign: 'q1-ads' }),
  ];
  const spend = [fakeSpend({ campaign: 'spring-expo', amount: 4_000, category: 'event' })];
  return { data: createSnapshot({ leads, spend, targets: [] }), leads };
}

const expoRow = (data: Dataset) =>
  computeRoiRows(data, january, settings, 'first-touch', 'campaign').find((row) => row.key === 'spring-expo');

describe('figures kept per dataset snapshot', () => {
  it('a new snapshot with a changed lead gets new figures, the old one keeps its own', () => {
    const { data } = buildExpoData();
    // (12,000 − 4,000) / 4,000 = 2
    expect(expoRow(data)?.roi).toBe(2);
    const second = data.leads[1]!;
    const won: Lead = { ...second, stage: 'customer', stageDates: { mql: day(20), customer: day(20) } };
    const next: Dataset = { ...data, leads: data.leads.map((lead) => (lead === second ? won : lead)) };
    // (12,000 + 8,000 − 4,000) / 4,000 = 4
    expect(expoRow(next)?.roi).toBe(4);
    expect(computeCampaignCard(next, 'spring-expo', january, settings, 'first-touch').row.customers).toBe(2);
    expect(expoRow(data)?.roi).toBe(2);
    expect(computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch').row.customers).toBe(1);
  });

  it('sees a lead pushed into the same arrays, and new spend', () => {
    const { data, leads } = buildExpoData();
    expect(computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch').row.leads).toBe(2);
    leads.push(fakeJourney(day(8), {}, { source: 'trade-show', campaign: 'spring-expo' }));
    const card = computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch');
    expect(card.row.leads).toBe(3);
    expect(card.funnel.map((stage) => stage.reached)).toEqual([3, 1, 1, 1, 1]);
    const withSpend: Dataset = {
      ...data,
      spend: [...data.spend, fakeSpend({ campaign: 'spring-expo', amount: 4_000 })],
    };
    // (12,000 − 8,000) / 8,000 = 0.5
    expect(expoRow(withSpend)?.roi).toBe(0.5);
  });

  it('keeps settings, model and period apart on one snapshot', () => {
    const { data } = buildExpoData();
    expect(expoRow(data)?.roi).toBe(2);
    const halfMargin = computeRoiRows(data, january, { ...settings, grossMargin: 0.5 }, 'first-touch', 'campaign');
    // (12,000 × 0.5 − 4,000) / 4,000 = 0.5
    expect(halfMargin.find((row) => row.key === 'spring-expo')?.roi).toBe(0.5);
    const february: Period = { key: '2026-02', label: 'February 2026', start: january.end, end: Date.UTC(2026, 2, 1) };
    expect(computeRoiRows(data, february, settings, 'first-touch', 'campaign')).toEqual([]);
    const bySource = computeRoiRows(data, january, settings, 'first-touch', 'source').map((row) => row.key);
    expect(bySource.sort()).toEqual(['google-ads', 'trade-show']);
  });

  it('hands each caller its own rows and funnel, so one caller cannot change the next answer', () => {
    const { data } = buildExpoData();
    const row = expoRow(data)!;
    row.roi = 99;
    row.revenue = 0;
    const card = computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch');
    card.funnel[0]!.reached = 99;
    card.row.spend = 0;
    expect(expoRow(data)).toMatchObject({ roi: 2, revenue: 12_000 });
    const again = computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch');
    expect(again.funnel[0]!.reached).toBe(2);
    expect(again.row.spend).toBe(4_000);
  });

  it('computes a key once per snapshot, also while the computation is still under way', () => {
    const { data } = buildExpoData();
    let started = 0;
    const compute = function* () {
      started += 1;
      yield;
      yield;
      return started * 10;
    };
    const first = computeOncePerSnapshotInSteps(data, 'k', compute);
    const second = computeOncePerSnapshotInSteps(data, 'k', compute);
    // Interleaved as two handlers would run them: both move the one shared computation on.
    first.next();
    second.next();
    expect(runAllSteps(second)).toBe(10);
    expect(runAllSteps(first)).toBe(10);
    expect(runAllSteps(computeOncePerSnapshotInSteps(data, 'k', compute))).toBe(10);
    expect(runAllSteps(computeOncePerSnapshotInSteps(data, 'other', compute))).toBe(20);
    // The same arrays in a new snapshot: its own memo, computed afresh.
    expect(runAllSteps(computeOncePerSnapshotInSteps(createSnapshot(data), 'k', compute))).toBe(30);
    // A Dataset built by hand has no memo: computed for each call.
    const plain = { leads: data.leads, spend: data.spend, targets: data.targets };
    expect(runAllSteps(computeOncePerSnapshotInSteps(plain, 'k', compute))).toBe(40);
    expect(runAllSteps(computeOncePerSnapshotInSteps(plain, 'k', compute))).toBe(50);
    expect(started).toBe(5);
  });

  it('hands a failure to everyone waiting, and tries again on the next ask', () => {
    const { data } = buildExpoData();
    let attempts = 0;
    const compute = function* () {
      attempts += 1;
      yield;
      if (attempts === 1) throw new Error('store closed');
      return 'fine';
    };
    const first = computeOncePerSnapshotInSteps(data, 'k', compute);
    const second = computeOncePerSnapshotInSteps(data, 'k', compute);
    first.next();
    expect(() => runAllSteps(second)).toThrow('store closed');
    expect(() => runAllSteps(first)).toThrow('store closed');
    expect(runAllSteps(computeOncePerSnapshotInSteps(data, 'k', compute))).toBe('fine');
  });
});

describe('computeFunnelCountsByCampaign', () => {
  it("counts each campaign's new leads of the period by the stages they reached", () => {
    const { data } = buildExpoData();
    const december = fakeJourney(Date.UTC(2025, 11, 20), { mql: 1 }, { campaign: 'spring-expo' });
    const noCampaign = fakeJourney(day(9), { mql: 1, sql: 2 }, { campaign: null });
    const funnels = computeFunnelCountsByCampaign([...data.leads, december, noCampaign], january);
    const reached = (campaign: string | null) => funnels.get(campaign)?.map((stage) => stage.reached);
    // spring-expo: the won lead reached all five stages, the other only Lead; December's lead is not in the cohort.
    expect(reached('spring-expo')).toEqual([2, 1, 1, 1, 1]);
    expect(reached('q1-ads')).toEqual([1, 1, 0, 0, 0]);
    expect(reached(null)).toEqual([1, 1, 1, 0, 0]);
    expect([...funnels.keys()].sort()).toEqual([null, 'q1-ads', 'spring-expo'].sort());
  });
});
