// How a lag-aware ROI is said, in plain text: the card, the ranking, the digest and the chart's words all use these,
// so "too early to judge" reads the same everywhere. Plain text: views escape or wrap it as their medium needs.

import { formatLocalDate, MONTH_NAMES } from './local-time.js';
import { formatPercent, formatRoi } from './money.js';
import type { Payback, RoiProjection } from './types.js';

/** 'Jan 2027' for '2027-01'. */
export function formatMonthKey(month: string): string {
  const [year, number] = month.split('-');
  return `${MONTH_NAMES[Number(number) - 1]?.slice(0, 3) ?? month} ${year}`;
}

/** '+12% to +80%': an interval of ROI. */
export function formatRoiRange(interval: { low: number; high: number }): string {
  return `${formatRoi(interval.low)} to ${formatRoi(interval.high)}`;
}

/** 'projected +45% (+12% to +80%)'; without the range once nothing is left open; 'n/a' without spend. */
export function formatProjectedRoi(projection: RoiProjection): string {
  if (projection.projectedRoi === null) return 'n/a';
  const { interval } = projection;
  const certain = interval === null || formatRoi(interval.low) === formatRoi(interval.high);
  const range = certain ? '' : ` (${formatRoiRange(interval)})`;
  return `projected ${formatRoi(projection.projectedRoi)}${range}`;
}

/** ', judged by Feb 18, 2027': when a too-early cohort will be mature enough; nothing once it is. */
export function formatJudgedBy(projection: RoiProjection, timeZone: string): string {
  return projection.judgedBy === null ? '' : `, judged by ${formatLocalDate(projection.judgedBy, timeZone)}`;
}

/**
 * The verdict in a few words. Too early: 'too early to judge — projected +45% (+12% to +80%), judged by Feb 18,
 * 2027' (never the loss so far). Judged: '+133% so far, projected +150% (+120% to +180%)', or '+133%, nothing
 * left open' once every lead is won or lost.
 */
export function formatRoiStanding(projection: RoiProjection, timeZone: string): string {
  switch (projection.verdict) {
    case 'no-spend':
      return 'no spend recorded';
    case 'too-early':
      return `too early to judge — ${formatProjectedRoi(projection)}${formatJudgedBy(projection, timeZone)}`;
    default:
      if (projection.openLeads === 0) return `${formatRoi(projection.roiSoFar)}, nothing left open`;
      return `${formatRoi(projection.roiSoFar)} so far, ${formatProjectedRoi(projection)}`;
  }
}

/** '62% of these leads are won, lost or past the point where leads usually close'. */
export function formatMaturity(projection: RoiProjection): string {
  if (projection.maturity === null) return 'no leads yet';
  return `${formatPercent(projection.maturity)} of these leads are won, lost or past the point where leads usually close`;
}

/** 'paid back in Aug 2026', 'projected to pay back in Jan 2027', 'not paying back within 12 months'. */
export function formatPayback(payback: Payback): string {
  switch (payback.kind) {
    case 'paid-back':
      return `paid back in ${formatMonthKey(payback.month)}`;
    case 'projected':
      return `projected to pay back in ${formatMonthKey(payback.month)}`;
    case 'not-within':
      return `not paying back within ${payback.months} months`;
    case 'no-spend':
      return 'no spend to pay back';
  }
}
