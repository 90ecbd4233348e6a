// The runway chart in words: its alt text, and what the digest shows when the image could not be uploaded.

import { buildStageNoun, describeRunwayYear, formatFigure } from '../domain/runway-format.js';
import type { Runway, RunwayCell } from '../domain/runway-types.js';
import { TARGET_STAGE_LABELS } from '../domain/types.js';
import { fitAltText } from './fallback.js';

/** "SQL 12 so far, 20 projected vs 22 planned" for the month under way. */
function describeCurrentCell(cell: RunwayCell): string {
  const parts = [
    cell.actual === null ? 'not recorded' : `${formatFigure(cell.actual)} so far`,
    cell.projected === null ? null : `${formatFigure(cell.projected)} projected`,
  ].filter((part): part is string => part !== null);
  const plan = cell.plannedCount === null ? '' : ` vs ${formatFigure(cell.plannedCount)} planned`;
  return `${TARGET_STAGE_LABELS[cell.stage]} ${parts.join(', ')}${plan}`;
}

export function buildRunwayFallback(runway: Runway): string {
  const years = runway.summaries.map(
    (summary) => `${TARGET_STAGE_LABELS[summary.stage]}: ${describeRunwayYear(summary)}`,
  );
  const current = runway.months.find((month) => month.timing === 'current');
  const now =
    current === undefined ? '' : ` ${current.period.label}: ${current.cells.map(describeCurrentCell).join('; ')}.`;
  const gap = runway.biggestGap;
  const behind =
    gap === null
      ? ' No stage is behind its plan.'
      : ` Biggest gap: ${buildStageNoun(gap.stage)}, ${formatFigure(-gap.gap)} short of the year's plan.`;
  return fitAltText(`Results Runway ${runway.year}, plan vs actual per stage. ${years.join('. ')}.${now}${behind}`);
}
