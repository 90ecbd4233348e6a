// Spend recorded per month, spread over the periods that overlap the month.

import { createZoneClock } from './local-time.js';
import { monthPeriod } from './periods.js';
import { HIDDEN_COST_CATEGORIES, type Period, type Spend } from './types.js';

/** Spend rows grouped by month, each month resolved to its instant range once (not once per question). */
export interface SpendIndex {
  months: { period: Period; rows: readonly Spend[] }[];
}

/** A spend row with the part of its amount that falls in a period. */
export interface ProratedSpend {
  row: Spend;
  amount: number;
}

export function computeSpendIndex(spend: readonly Spend[], zone: string): SpendIndex {
  const timeZone = createZoneClock(zone);
  const byMonth = new Map<string, Spend[]>();
  for (const row of spend) {
    const rows = byMonth.get(row.month);
    if (rows) rows.push(row);
    else byMonth.set(row.month, [row]);
  }
  return {
    months: [...byMonth].map(([month, rows]) => ({ period: monthPeriod(month, timeZone), rows })),
  };
}

/**
 * Spend in a period: every row whose month overlaps the period, prorated by the share of the month the period covers
 * (overlap time / month length, so a week gets 7/30 of a 30-day month, and the weeks of a month add up to the whole
 * month). Spend is known by month only, so spreading it evenly is the least surprising guess.
 */
export function computeSpendInPeriod(index: SpendIndex, period: Period): ProratedSpend[] {
  const prorated: ProratedSpend[] = [];
  for (const { period: month, rows } of index.months) {
    const overlap = Math.min(month.end, period.end) - Math.max(month.start, period.start);
    if (overlap <= 0) continue;
    const share = overlap / (month.end - month.start);
    for (const row of rows) prorated.push({ row, amount: row.amount * share });
  }
  return prorated;
}

/** Salaries and overhead: the hidden costs only blended CAC counts. */
export function isHiddenCost(row: Spend): boolean {
  return HIDDEN_COST_CATEGORIES.includes(row.category);
}

/** Media spend (media, agency, event, tools): what ROAS divides by. The same categories make up direct spend. */
export function isMediaSpend(row: Spend): boolean {
  return !isHiddenCost(row);
}
