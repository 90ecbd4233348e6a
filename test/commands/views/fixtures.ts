// Dummy leads and rows for the pure view tests.

import type { RoiRow } from '../../../src/domain/types.js';

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
