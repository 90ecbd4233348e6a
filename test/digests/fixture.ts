// A hand-built WeeklyDigestData for the week of Mon Nov 16, 2026 (UTC), with numbers chosen so that every figure a
// digest shows can be checked by hand. buildHostileDigestFixture() is the same week with oversized, hostile data.

import {
  DEFAULT_METRIC_SETTINGS,
  type KpiSet,
  type LeadRef,
  type RoiProjection,
  type RoiRow,
  type TransitionAssessment,
  type WeeklyDigestData,
} from '../../src/domain/types.js';
import { buildRunwayFixture } from './runway-fixture.js';

export const DAY_MS = 86_400_000;
/** Mon Nov 16, 2026 00:00 UTC: the reported week starts here. */
export const WEEK_START = Date.UTC(2026, 10, 16);
/** Mon Nov 23, 2026 09:00 UTC: when the digest runs. */
export const AS_OF = Date.UTC(2026, 10, 23, 9);

export function buildKpis(overrides: Partial<KpiSet> = {}): KpiSet {
  return {
    leads: 0,
    mqls: 0,
    sqls: 0,
    opportunities: 0,
    customers: 0,
    revenue: 0,
    spend: 0,
    totalSpend: 0,
    roi: null,
    roas: null,
    cpl: null,
    costPerMql: null,
    costPerSql: null,
    costPerOpportunity: null,
    cac: null,
    blendedCac: null,
    clv: null,
    clvToCac: null,
    pipelineValue: 0,
    sourceCoverage: null,
    ...overrides,
  };
}

export function buildRoiRow(key: string, spend: number, revenue: number, overrides: Partial<RoiRow> = {}): RoiRow {
  return {
    key,
    kind: 'campaign',
    model: 'first-touch',
    spend,
    mediaSpend: spend,
    leads: 0,
    mqls: 0,
    sqls: 0,
    opportunities: 0,
    customers: 0,
    revenue,
    // Gross margin 1: ROI = (revenue − spend) / spend.
    roi: spend === 0 ? null : (revenue - spend) / spend,
    roas: spend === 0 ? null : revenue / spend,
    cpl: null,
    cac: null,
    ...overrides,
  };
}

export function buildAssessment(overrides: Partial<TransitionAssessment> = {}): TransitionAssessment {
  return {
    from: 'lead',
    to: 'mql',
    maturityDays: 30,
    mature: 300,
    converted: 150,
    rate: 0.5,
    low: 0.44,
    high: 0.56,
    expected: 0.48,
    expectedKind: 'baseline',
    significant: false,
    missingConversions: 0,
    downstreamRate: 0.05,
    averageWonValue: 15_000,
    moneyLost: 0,
    drivingSources: [],
    ...overrides,
  };
}

/** SQL → Opportunity: 12 of 100 mature leads vs a 30% baseline; missing 0.3 × 100 − 12 = 18; 18 × 0.4 × $15,000 = $108,000. */
export const WEAKEST: TransitionAssessment = buildAssessment({
  from: 'sql',
  to: 'opportunity',
  mature: 100,
  converted: 12,
  rate: 0.12,
  low: 0.07,
  high: 0.198,
  expected: 0.3,
  expectedKind: 'baseline',
  significant: true,
  missingConversions: 18,
  downstreamRate: 0.4,
  averageWonValue: 15_000,
  moneyLost: 108_000,
  drivingSources: [
    // google-ads: 0.3 × 40 − 2 = 10 missing; linkedin: 0.3 × 20 − 1 = 5 missing.
    { source: 'google-ads', mature: 40, converted: 2, rate: 0.05, missing: 10 },
    { source: 'linkedin', mature: 20, converted: 1, rate: 0.05, missing: 5 },
  ],
});

const TRANSITION_ASSESSMENTS: TransitionAssessment[] = [
  buildAssessment(),
  buildAssessment({ from: 'mql', to: 'sql', mature: 180, converted: 108, rate: 0.6, low: 0.53, high: 0.67 }),
  WEAKEST,
  buildAssessment({ from: 'opportunity', to: 'customer', mature: 14, converted: 6, rate: 0.43, low: 0.21, high: 0.67 }),
];

function buildLeadRef(id: string, company: string, daysBeforeWeek: number, value: number | null): LeadRef {
  return { id, company, stage: 'sql', ownerName: 'Dana Reyes', since: WEEK_START - daysBeforeWeek * DAY_MS, value };
}

const TREND_SOURCES = ['thomasnet', 'google-ads', 'trade-show', 'linkedin', 'referral', 'webinar', 'email'];

/** Week i (0 = Aug 31) has i + 2 ThomasNet leads, 3 of each other source, and 2 without a source. */
function buildTrend(): WeeklyDigestData['trend'] {
  return Array.from({ length: 12 }, (_, i) => {
    const weekStart = WEEK_START - (11 - i) * 7 * DAY_MS;
    const date = new Date(weekStart);
    const label = `${date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${date.getUTCDate()}`;
    const bySource: Record<string, number> = { unknown: 2 };
    for (const source of TREND_SOURCES) bySource[source] = source === 'thomasnet' ? i + 2 : 3;
    return { weekStart, label, bySource };
  });
}

/**
 * The lag-aware view of a row whose leads are all decided: won so far = its revenue, nothing open, projected ROI =
 * ROI so far, verdict by sign; paid back in October when it paid back at all.
 */
export function buildMatureProjection(row: RoiRow, overrides: Partial<RoiProjection> = {}): RoiProjection {
  const verdict = row.roi === null ? 'no-spend' : row.roi >= 0 ? 'paying' : 'losing';
  return {
    ...{ key: row.key, kind: row.kind, model: row.model, start: Date.UTC(2026, 9, 1), end: AS_OF },
    ...{ spend: row.spend, leads: row.leads, customers: row.customers, wonSoFar: row.revenue },
    ...{ openLeads: 0, expectedRevenue: 0, roiSoFar: row.roi, projectedRoi: row.roi },
    interval: row.roi === null ? null : { low: row.roi, high: row.roi },
    maturity: 1,
    judgedBy: null,
    verdict,
    payback:
      verdict === 'no-spend'
        ? { kind: 'no-spend' }
        : verdict === 'paying'
          ? { kind: 'paid-back', month: '2026-10' }
          : { kind: 'not-within', months: 12 },
    ...overrides,
  };
}

/**
 * A campaign of the quarter whose 106 leads are weeks old: nothing won yet, $274K expected on $87.3K spent,
 * projected (0 + 274,000 − 87,300) / 87,300 = +214%, judged by Feb 18, 2027.
 */
export function buildYoungProjection(key: string, overrides: Partial<RoiProjection> = {}): RoiProjection {
  return buildMatureProjection(buildRoiRow(key, 87_300, 0), {
    ...{ leads: 106, openLeads: 98, expectedRevenue: 274_000, projectedRoi: 2.14, interval: { low: 0.59, high: 3.88 } },
    ...{ maturity: 0.21, judgedBy: Date.UTC(2027, 1, 18, 9), verdict: 'too-early' },
    payback: { kind: 'projected', month: '2027-01' },
    ...overrides,
  });
}

export function buildDigestFixture(overrides: Partial<WeeklyDigestData> = {}): WeeklyDigestData {
  const roiByCampaign = overrides.roiByCampaign ?? [
    buildRoiRow('spring-expo', 20_000, 68_000, { customers: 4 }), // (68,000 − 20,000) / 20,000 = +240%
    buildRoiRow('q4-google-ads', 30_000, 60_000, { customers: 4 }), // +100%
    buildRoiRow('thomasnet-listing', 12_000, 18_000, { customers: 1 }), // +50%
    buildRoiRow('linkedin-abm', 25_000, 16_250, { customers: 1 }), // (16,250 − 25,000) / 25,000 = −35%
    buildRoiRow('(none)', 0, 147_750, { customers: 10 }), // no spend: n/a
  ];
  const roiBySource = overrides.roiBySource ?? [
    buildRoiRow('thomasnet', 12_000, 90_000, { kind: 'source', customers: 6 }), // +650%
    buildRoiRow('trade-show', 20_000, 68_000, { kind: 'source', customers: 4 }), // +240%
    buildRoiRow('google-ads', 30_000, 60_000, { kind: 'source', customers: 4 }), // +100%
    buildRoiRow('linkedin', 25_000, 16_250, { kind: 'source', customers: 1 }), // −35%
    buildRoiRow('unknown', 0, 75_750, { kind: 'source', customers: 5 }), // n/a
  ];
  return {
    asOf: AS_OF,
    settings: DEFAULT_METRIC_SETTINGS,
    week: { key: '2026-W47', label: 'Nov 16 – Nov 22, 2026', start: WEEK_START, end: WEEK_START + 7 * DAY_MS },
    previousWeek: { key: '2026-W46', label: 'Nov 9 – Nov 15, 2026', start: WEEK_START - 7 * DAY_MS, end: WEEK_START },
    quarter: { key: '2026-Q4', label: 'Q4 2026 to date', start: Date.UTC(2026, 9, 1), end: AS_OF },
    // Week: ROI (30,000 − 10,000) / 10,000 = +200%; CAC 10,000 / 2 = $5,000; CPL 10,000 / 40 = $250; 34 of 40 sourced.
    weekKpis: buildKpis({
      ...{ leads: 40, mqls: 18, sqls: 9, opportunities: 4, customers: 2, revenue: 30_000, spend: 10_000 },
      ...{ totalSpend: 14_000, roi: 2, roas: 3, cpl: 250, cac: 5_000, blendedCac: 7_000, sourceCoverage: 0.85 },
    }),
    // Previous week: ROI (20,000 − 10,000) / 10,000 = +100%; CPL 10,000 / 32 = $312.50; 24 of 32 sourced.
    previousWeekKpis: buildKpis({
      ...{ leads: 32, mqls: 15, sqls: 8, opportunities: 3, customers: 2, revenue: 20_000, spend: 10_000 },
      ...{ totalSpend: 14_000, roi: 1, roas: 2, cpl: 312.5, cac: 5_000, blendedCac: 7_000, sourceCoverage: 0.75 },
    }),
    // Quarter: ROI (310,000 − 100,000) / 100,000 = +210%; CAC 100,000 / 20 = $5,000; CPL 100,000 / 400 = $250.
    quarterKpis: buildKpis({
      ...{ leads: 400, mqls: 200, sqls: 120, opportunities: 15, customers: 20, revenue: 310_000, spend: 100_000 },
      ...{ totalSpend: 140_000, roi: 2.1, roas: 3.1, cpl: 250, cac: 5_000, blendedCac: 7_000, sourceCoverage: 0.8 },
    }),
    roiByCampaign,
    roiBySource,
    // Every campaign of the fixture is mature: its lag-aware view says what its row says.
    roiProjectionsByCampaign: roiByCampaign.map((row) => buildMatureProjection(row)),
    roiProjectionsBySource: roiBySource.map((row) => buildMatureProjection(row)),
    funnel: [
      { stage: 'lead', reached: 400 },
      { stage: 'mql', reached: 200 },
      { stage: 'sql', reached: 120 },
      { stage: 'opportunity', reached: 15 },
      { stage: 'customer', reached: 6 },
    ],
    transitions: [
      { from: 'lead', to: 'mql', reached: 400, converted: 200, rate: 0.5 },
      { from: 'mql', to: 'sql', reached: 200, converted: 120, rate: 0.6 },
      { from: 'sql', to: 'opportunity', reached: 120, converted: 15, rate: 0.125 },
      { from: 'opportunity', to: 'customer', reached: 15, converted: 6, rate: 0.4 },
    ],
    timeToConvert: [
      { from: 'lead', to: 'mql', samples: 200, medianDays: 3, p90Days: 10 },
      { from: 'mql', to: 'sql', samples: 120, medianDays: 7, p90Days: 21 },
      { from: 'sql', to: 'opportunity', samples: 15, medianDays: 14, p90Days: 40 },
      { from: 'opportunity', to: 'customer', samples: 6, medianDays: 30, p90Days: 60 },
    ],
    leak: { kind: 'leak', weakest: WEAKEST, transitions: TRANSITION_ASSESSMENTS },
    planVsActual: [
      { stage: 'lead', planned: 150, actual: 140, plannedRate: null, actualRate: null, rateJudged: false },
      { stage: 'mql', planned: 60, actual: 70, plannedRate: 0.4, actualRate: 0.5, rateJudged: true },
      { stage: 'sql', planned: null, actual: 30, plannedRate: null, actualRate: 0.43, rateJudged: true },
      { stage: 'opportunity', planned: 12, actual: 5, plannedRate: 0.3, actualRate: 0.17, rateJudged: true },
      // November's cohort is days old: its rate into Customer is not judged yet.
      { stage: 'customer', planned: 4, actual: 3, plannedRate: 0.33, actualRate: null, rateJudged: false },
    ],
    runway: buildRunwayFixture(),
    stuckLeads: [
      buildLeadRef('L-1', 'Acme Corp', 57, 25_000), // since Sep 20
      buildLeadRef('L-2', 'Bolt & Nut Co', 40, null), // since Oct 7
      buildLeadRef('L-3', 'Precision Gears', 20, 8_000), // since Oct 27
    ],
    hygiene: {
      withoutSourceByOwner: [
        { ownerId: 'U01DANA', ownerName: 'Dana Reyes', withoutSource: 4, total: 12 },
        { ownerId: 'U02SAM', ownerName: 'Sam Lee', withoutSource: 2, total: 10 },
      ],
      staleOpportunities: [
        {
          id: 'L-9',
          company: 'Hydraulics Inc',
          stage: 'opportunity',
          ownerName: 'Sam Lee',
          since: Date.UTC(2026, 8, 1),
          value: 40_000,
        },
      ],
      duplicatePairs: 3,
    },
    trend: buildTrend(),
    hadActivity: true,
    ...overrides,
  };
}

const HOSTILE_NAME = `<!channel> & <@U999|boss> ${'Enormous Industrial Holdings '.repeat(17)}`.slice(0, 500);

/** 200 campaigns, 500-character company and owner names full of `<!channel>` and `&`, every list at its longest. */
export function buildHostileDigestFixture(): WeeklyDigestData {
  const base = buildDigestFixture();
  const campaigns = Array.from({ length: 200 }, (_, i) =>
    buildRoiRow(`<!channel>-campaign-${i}-${'x'.repeat(60)}`, 1_000 + i, 3_000 - 10 * i),
  );
  const refs = Array.from({ length: 10 }, (_, i) => ({
    ...buildLeadRef(`L-${i}`, HOSTILE_NAME, 30 + i, 1e9),
    ownerName: HOSTILE_NAME,
  }));
  return {
    ...base,
    roiByCampaign: campaigns,
    roiBySource: campaigns.map((row) => ({ ...row, kind: 'source' as const })),
    // Half judged, half too early: both kinds of line carry the hostile names.
    roiProjectionsByCampaign: campaigns.map((row, i) =>
      i % 2 === 0 ? buildMatureProjection(row) : buildYoungProjection(row.key),
    ),
    roiProjectionsBySource: campaigns.map((row, i) =>
      i % 2 === 0
        ? buildMatureProjection({ ...row, kind: 'source' })
        : buildYoungProjection(row.key, { kind: 'source' }),
    ),
    stuckLeads: refs,
    hygiene: {
      withoutSourceByOwner: Array.from({ length: 60 }, (_, i) => ({
        ownerId: `U${i}`,
        ownerName: HOSTILE_NAME,
        withoutSource: 60 - i,
        total: 100,
      })),
      staleOpportunities: refs.map((ref) => ({ ...ref, stage: 'opportunity' as const })),
      duplicatePairs: 123_456,
    },
    leak: {
      kind: 'leak',
      weakest: {
        ...WEAKEST,
        drivingSources: Array.from({ length: 40 }, (_, i) => ({
          source: `<!channel>&source-${i}`,
          mature: 50,
          converted: 1,
          rate: 0.02,
          missing: 14,
        })),
      },
      transitions: TRANSITION_ASSESSMENTS,
    },
  };
}
