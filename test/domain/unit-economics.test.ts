// CLV with its settings, CLV:CAC over blended CAC, and one campaign's cost per stage, CACs and CLV, on a January
// whose every figure is worked out by hand below.

import { describe, expect, it } from 'vitest';
import { computePipelineSummary, findCampaignPipeline } from '../../src/domain/pipeline.js';
import { computeKpis, computeRoiRows } from '../../src/domain/roi.js';
import { buildEmptyRoiRow } from '../../src/domain/roi-rows.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Period } from '../../src/domain/types.js';
import { computeCampaignEconomics, computeClv, computeClvToCac } from '../../src/domain/unit-economics.js';
import { fakeJourney, fakeSpend } from './metrics-fixtures.js';

const day = (month: number, date: number) => Date.UTC(2026, month - 1, date);
const january: Period = { key: '2026-01', label: 'January 2026', start: day(1, 1), end: day(2, 1) };
const now = day(2, 1);
const expo = { source: 'trade-show', campaign: 'spring-expo' };

const data: Dataset = {
  leads: [
    // A and B won in January for 20,000 and 10,000 (B skipped SQL); C reached MQL; D is a lead.
    fakeJourney(day(1, 5), { mql: 1, sql: 2, opportunity: 4, customer: 10 }, { ...expo, value: 20_000 }),
    fakeJourney(day(1, 6), { mql: 1, opportunity: 5, customer: 12 }, { ...expo, value: 10_000 }),
    fakeJourney(day(1, 7), { mql: 2 }, expo),
    fakeJourney(day(1, 8), {}, expo),
    // An open opportunity of spring-expo worth 40,000 (created in December, so not in January's counts).
    fakeJourney(day(1, -20), { mql: 1, sql: 2, opportunity: 3 }, { ...expo, value: 40_000 }),
  ],
  spend: [
    fakeSpend({ campaign: 'spring-expo', amount: 6_200, category: 'event' }),
    fakeSpend({ campaign: 'spring-expo', amount: 3_100, category: 'salaries' }),
    fakeSpend({ amount: 9_300, category: 'overhead' }),
  ],
  targets: [],
};

describe('computeClv and computeClvToCac', () => {
  it('multiplies the average deal by purchases per year and retention years', () => {
    expect(computeClv(15_000, { purchasesPerYear: 1, retentionYears: 3 })).toBe(45_000);
    expect(computeClv(15_000, { purchasesPerYear: 0.5, retentionYears: 4 })).toBe(30_000);
    expect(computeClv(null, DEFAULT_METRIC_SETTINGS)).toBeNull();
  });

  it('has no ratio without a CLV, a CAC, or anything spent', () => {
    expect(computeClvToCac(45_000, 9_000)).toBe(5);
    expect(computeClvToCac(null, 9_000)).toBeNull();
    expect(computeClvToCac(45_000, null)).toBeNull();
    expect(computeClvToCac(45_000, 0)).toBeNull();
  });
});

describe('computeKpis: CLV and CLV:CAC', () => {
  it('divides CLV by blended CAC, salaries and overhead included', () => {
    const kpis = computeKpis(data, january, DEFAULT_METRIC_SETTINGS, now);
    // 2 customers, revenue 30,000: average deal 15,000 × 1 × 3 = 45,000.
    expect(kpis.clv).toBeCloseTo(45_000, 6);
    // Direct 6,200 / 2 = 3,100; blended (6,200 + 3,100 + 9,300) / 2 = 9,300; 45,000 / 9,300 = 4.84.
    expect(kpis.cac).toBeCloseTo(3_100, 6);
    expect(kpis.blendedCac).toBeCloseTo(9_300, 6);
    expect(kpis.clvToCac).toBeCloseTo(45_000 / 9_300, 10);
  });

  it('takes the CLV inputs from the settings', () => {
    const settings = { ...DEFAULT_METRIC_SETTINGS, purchasesPerYear: 2, retentionYears: 5 };
    const kpis = computeKpis(data, january, settings, now);
    // 15,000 × 2 × 5 = 150,000; / 9,300 = 16.13.
    expect(kpis.clv).toBeCloseTo(150_000, 6);
    expect(kpis.clvToCac).toBeCloseTo(150_000 / 9_300, 10);
  });
});

describe('computeCampaignEconomics', () => {
  it("gives the campaign's cost per stage, both CACs, CLV, CLV:CAC and pipeline", () => {
    const settings = { ...DEFAULT_METRIC_SETTINGS, purchasesPerYear: 2, retentionYears: 3 };
    const row = computeRoiRows(data, january, settings, 'first-touch', 'campaign').find(
      (candidate) => candidate.key === 'spring-expo',
    );
    if (row === undefined) throw new Error('no spring-expo row');
    const pipeline = findCampaignPipeline(computePipelineSummary(data.leads, now), 'spring-expo');
    const economics = computeCampaignEconomics(row, pipeline, settings);

    // January: MQLs A, B, C = 3; SQLs A, B (skipped) = 2; opportunities A, B = 2; customers A, B = 2.
    // Direct spend 6,200 (event); salaries 3,100 booked to it; the team's overhead is not the campaign's.
    expect(economics.directSpend).toBeCloseTo(6_200, 6);
    expect(economics.hiddenSpend).toBeCloseTo(3_100, 6);
    expect(economics.cpl).toBeCloseTo(6_200 / 4, 6); // A, B, C, D
    expect(economics.costPerMql).toBeCloseTo(6_200 / 3, 6);
    expect(economics.costPerSql).toBeCloseTo(3_100, 6);
    expect(economics.costPerOpportunity).toBeCloseTo(3_100, 6);
    expect(economics.cac).toBeCloseTo(3_100, 6);
    expect(economics.blendedCac).toBeCloseTo(4_650, 6); // 9,300 / 2
    expect(economics.clv).toBeCloseTo(90_000, 6); // 15,000 × 2 × 3
    expect(economics.clvToCac).toBeCloseTo(90_000 / 4_650, 10); // 19.35
    // Win rate: A and B won, none lost: 2 of 2 (team basis, under 10 decided); 40,000 open × 1.
    expect(economics.pipeline).toMatchObject({ openOpportunities: 1, openValue: 40_000, winRateBasis: 'team' });
    expect(economics.pipeline.pipelineValue).toBeCloseTo(40_000, 6);
  });

  it('has no hidden cost and no ratios for a campaign with nothing booked or won', () => {
    const row = buildEmptyRoiRow('autumn-fair', 'campaign', 'first-touch', 1);
    const pipeline = findCampaignPipeline(computePipelineSummary(data.leads, now), 'autumn-fair');
    expect(computeCampaignEconomics(row, pipeline, DEFAULT_METRIC_SETTINGS)).toMatchObject({
      directSpend: 0,
      hiddenSpend: 0,
      cpl: null,
      costPerMql: null,
      cac: null,
      blendedCac: null,
      clv: null,
      clvToCac: null,
      pipeline: { openOpportunities: 0, pipelineValue: 0 },
    });
  });
});
