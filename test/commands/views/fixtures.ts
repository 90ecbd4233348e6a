// Dummy leads and rows for the pure view tests.

import type { RoiProjection, RoiRow } from '../../../src/domain/types.js';

export { buildDummyLead } from '../../fixtures/lead.js';

export const FORMAT = { currency: 'USD', timeZone: 'UTC' };

export function buildDummyRow(overrides: Partial<RoiRow> = {}): RoiRow {
  return {
    key: 'spring-expo',
    kind: 'campaign',
    model: 'first-touch',
    spend: 10_000,
    mediaSpend: 8_000,
    leads: 20,
    mqls: 10,
    sqls: 6,
    opportunities: 4,
    customers: 2,
    revenue: 25_000,
    roi: 1.5,
    roas: 3.125,
    cpl: 500,
    cac: 5_000,
    ...overrides,
  };
}

/** A mature, paying campaign of Q4 2026: $25,000 won on $10,000 (+150%), $3,000 more expected (+180%). */
export function buildDummyProjection(overrides: Partial<RoiProjection> = {}): RoiProjection {
  return {
    key: 'spring-expo',
    kind: 'campaign',
    model: 'first-touch',
    start: Date.UTC(2026, 9, 1),
    end: Date.UTC(2026, 10, 25),
    spend: 10_000,
    leads: 20,
    customers: 2,
    wonSoFar: 25_000,
    openLeads: 4,
    expectedRevenue: 3_000,
    roiSoFar: 1.5,
    projectedRoi: 1.8,
    interval: { low: 1.6, high: 2.1 },
    maturity: 0.8,
    judgedBy: null,
    verdict: 'paying',
    payback: { kind: 'paid-back', month: '2026-10' },
    ...overrides,
  };
}

/** A campaign whose 106 leads are weeks old: nothing won yet, $274,000 expected on $87,300 spent. */
export function buildYoungProjection(overrides: Partial<RoiProjection> = {}): RoiProjection {
  return buildDummyProjection({
    key: 'q4-google-ads',
    spend: 87_300,
    leads: 106,
    customers: 0,
    wonSoFar: 0,
    openLeads: 98,
    expectedRevenue: 274_000,
    roiSoFar: -1,
    projectedRoi: 2.14,
    interval: { low: 0.59, high: 3.88 },
    maturity: 0.21,
    judgedBy: Date.UTC(2027, 1, 18, 15),
    verdict: 'too-early',
    payback: { kind: 'projected', month: '2027-01' },
    ...overrides,
  });
}
