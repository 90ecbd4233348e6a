import { describe, expect, it } from 'vitest';
import {
  buildFunnelFallback,
  buildLeakSummary,
  buildPlanVsActualFallback,
  buildRoiFallback,
  buildTrendFallback,
} from '../../src/charts/fallback.js';
import { buildRunwayFallback } from '../../src/charts/runway-fallback.js';
import {
  buildDigestFixture,
  buildHostileDigestFixture,
  buildMatureProjection,
  buildRoiRow,
  buildYoungProjection,
  WEAKEST,
} from '../digests/fixture.js';

const data = buildDigestFixture();

describe('chart fallbacks', () => {
  it('names the weakest transition with its comparison', () => {
    expect(buildLeakSummary(WEAKEST)).toBe('SQL → Opportunity: 12% vs 30% baseline');
    expect(buildLeakSummary({ ...WEAKEST, expected: 0.25, expectedKind: 'target' })).toBe(
      'SQL → Opportunity: 12% vs 25% target',
    );
  });

  it('describe the funnel with the rates the leak verdict judges, and its leak', () => {
    // Counts are the 90-day cohort; each rate is the verdict's mature one: 150/300 = 50%, 108/180 = 60%,
    // 12/100 = 12% (the very rate the weakest stage names, not the cohort's 15/120), 6/14 = 43%.
    // Money lost 18 × 0.4 × $15,000 = $108K.
    expect(buildFunnelFallback(data.funnel, data.leak, data.settings)).toBe(
      'Funnel of leads created in the last 90 days: Lead 400 → MQL 200 (50% of 300 mature leads) → ' +
        'SQL 120 (60% of 180 mature MQLs) → Opportunity 15 (12% of 100 mature SQLs) → ' +
        'Customer 6 (43% of 14 mature opportunities). Weakest stage: SQL → Opportunity: 12% vs 30% baseline, ' +
        'about $108K lost.',
    );
    const calm = { kind: 'none' as const, reason: 'not enough mature leads yet', transitions: [] };
    expect(buildFunnelFallback(data.funnel, calm, data.settings)).toMatch(
      /Customer 6\. No significant leak: not enough mature leads yet\.$/,
    );
  });

  it('list campaign ROI with the model, and count the rest', () => {
    expect(buildRoiFallback(data.roiProjectionsByCampaign, 'UTC')).toBe(
      'ROI by campaign (first touch), leads of the period: spring-expo +240%, nothing left open; ' +
        'q4-google-ads +100%, nothing left open; thomasnet-listing +50%, nothing left open; ' +
        'linkedin-abm −35%, nothing left open; (none) no spend recorded.',
    );
    const hostile = buildRoiFallback(buildHostileDigestFixture().roiProjectionsByCampaign, 'UTC');
    // 200 campaigns, 10 named.
    expect(hostile).toMatch(/; and 190 more\.$/);
    expect(buildRoiFallback([], 'UTC')).toBe('ROI by campaign: no campaigns with spend or revenue yet.');
  });

  it('name a young campaign too early to judge, with its projection and when it can be judged', () => {
    const young = buildYoungProjection('q4-google-ads');
    const judged = buildMatureProjection(buildRoiRow('spring-expo', 20_000, 68_000), {
      ...{ openLeads: 3, expectedRevenue: 4_000, projectedRoi: 2.6, interval: { low: 2.45, high: 2.8 } },
    });
    expect(buildRoiFallback([judged, young], 'UTC')).toBe(
      'ROI by campaign (first touch), leads of the period: spring-expo +240% so far, projected +260% ' +
        '(+245% to +280%); q4-google-ads too early to judge — projected +214% (+59% to +388%), ' +
        'judged by Feb 18, 2027.',
    );
  });

  it('sum each week of the trend and name the biggest sources', () => {
    // Week i has (i + 2) Thomasnet + 6 × 3 others + 2 unknown = i + 22 leads; Thomasnet in total 2 + … + 13 = 90.
    const text = buildTrendFallback(data.trend);
    expect(text).toMatch(/^New leads per week over 12 weeks: Aug 31 22, Sep 7 23, .*, Nov 16 33\./);
    expect(text).toMatch(/Most came from Thomasnet \(90\), Google Ads \(36\), Trade show \(36\)\.$/);
  });

  it('compare plan and actual per stage', () => {
    // 140/150 = 93%, 70/60 = 117%, 5/12 = 42%, 3/4 = 75%.
    expect(buildPlanVsActualFallback(data.planVsActual)).toBe(
      'Plan vs actual: Lead 140 of 150 planned (93%), MQL 70 of 60 planned (117%), SQL 30 (no plan), ' +
        'Opportunity 5 of 12 planned (42%), Customer 3 of 4 planned (75%).',
    );
  });

  it('say the runway per stage for the year, the month under way and the biggest gap', () => {
    // Lead: June–October at 135 of 150 (5 × 135 = 675) + November and December at plan (300) = 975 vs 7 × 150.
    expect(buildRunwayFallback(data.runway)).toBe(
      'Results Runway 2026, plan vs actual per stage. Lead: 975 expected vs 1,050 planned (−7%). ' +
        'MQL: 390 expected vs 420 planned (−7%). SQL: 195 expected vs 210 planned (−7%). ' +
        'Opportunity: 79 expected vs 84 planned (−6%). Customer: 28 expected vs 28 planned (0%). ' +
        'November 2026: Lead 75 so far, 150 projected vs 150 planned; MQL 30 so far, 60 projected vs 60 planned; ' +
        'SQL 15 so far, 30 projected vs 30 planned; Opportunity 6 so far, 12 projected vs 12 planned; ' +
        "Customer 2 so far, 4 projected vs 4 planned. Biggest gap: leads, 75 short of the year's plan.",
    );
  });
});
