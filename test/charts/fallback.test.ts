import { describe, expect, it } from 'vitest';
import {
  buildFunnelFallback,
  buildLeakSummary,
  buildPlanVsActualFallback,
  buildRoiFallback,
  buildTrendFallback,
} from '../../src/charts/fallback.js';
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

  it('describe the funnel and its leak', () => {
    // 200/400 = 50%, 120/200 = 60%, 15/120 = 12.5% → 13%, 6/15 = 40%; money lost 18 × 0.4 × $15,000 = $108K.
    expect(buildFunnelFallback(data.funnel, data.transitions, data.leak, data.settings)).toBe(
      'Funnel of leads created in the last 90 days: Lead 400 → MQL 200 (50%) → SQL 120 (60%) → ' +
        'Opportunity 15 (13%) → Customer 6 (40%). Weakest stage: SQL → Opportunity: 12% vs 30% baseline, ' +
        'about $108K lost.',
    );
    const calm = { kind: 'none' as const, reason: 'not enough mature leads yet', transitions: [] };
    expect(buildFunnelFallback(data.funnel, data.transitions, calm, data.settings)).toMatch(
      /Customer 6 \(40%\)\. No significant leak: not enough mature leads yet\.$/,
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
});
