// The runway in words, shared by `/roi runway`, the digest, the chart's titles and its text fallback. Plain text:
// nothing here comes from a person, and each caller escapes for its surface anyway.

import { formatPercent, formatRoi } from './money.js';
import type { RunwayCell, RunwayStageSummary } from './runway-types.js';
import { TARGET_STAGE_LABELS, type TargetStage } from './types.js';

// Built once: a chart's axes format dozens of ticks, and building a formatter costs far more than using one.
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** "12,400"; fractions (projections) are rounded. */
export function formatFigure(value: number): string {
  return WHOLE.format(Math.round(value));
}

/** "12.4K" for axes and tight spaces. */
export function formatShortFigure(value: number): string {
  return COMPACT.format(Math.round(value));
}

/** Visitor → lead rates are small: "1.2%"; funnel rates are whole: "35%". */
export function formatStageRate(stage: TargetStage, rate: number | null): string {
  return formatPercent(rate, stage === 'lead' && rate !== null && rate < 0.1 ? 1 : 0);
}

/** "Leads", "MQLs", "opportunities": how a count of the stage is named in a sentence. */
export function buildStageNoun(stage: TargetStage): string {
  switch (stage) {
    case 'visits':
      return 'visits';
    case 'lead':
      return 'leads';
    case 'opportunity':
      return 'opportunities';
    case 'customer':
      return 'customers';
    default:
      return `${TARGET_STAGE_LABELS[stage]}s`;
  }
}

/** "410 expected vs 480 planned (−15%)", or what is missing for that comparison. */
export function describeRunwayYear(summary: RunwayStageSummary): string {
  const { plannedYear, expectedYear, gap, actualToDate } = summary;
  if (plannedYear !== null && expectedYear !== null) {
    const share = plannedYear === 0 || gap === null ? '' : ` (${formatRoi(gap / plannedYear)})`;
    return `${formatFigure(expectedYear)} expected vs ${formatFigure(plannedYear)} planned${share}`;
  }
  if (expectedYear !== null) return `${formatFigure(expectedYear)} expected, no plan`;
  const soFar = actualToDate === null ? null : `${formatFigure(actualToDate)} so far`;
  if (plannedYear !== null)
    return `${soFar === null ? '' : `${soFar}, `}${formatFigure(plannedYear)} planned, no projection yet`;
  return soFar === null ? 'nothing recorded yet' : `${soFar}, no projection yet`;
}

/** A month's rate into the stage as shown: the rate, "too early", or nothing to say. */
export function describeCellRate(cell: RunwayCell): string | null {
  if (cell.rateStatus === 'none') return null;
  if (cell.rateStatus === 'too-early') return 'too early';
  return formatStageRate(cell.stage, cell.actualRate);
}
