// The reply of `/roi runway [YYYY]`: per stage, the year as expected against its plan and the latest rate that can be
// judged; the month under way with "too early" where its cohort is young; the biggest gap and what it asks for; and
// the runway chart (an uploaded image, or its words when the upload failed).

import { MONTH_NAMES } from '../../domain/local-time.js';
import { formatRoi } from '../../domain/money.js';
import {
  buildStageNoun,
  describeCellRate,
  describeRunwayYear,
  formatFigure,
  formatStageRate,
} from '../../domain/runway-format.js';
import type { Runway, RunwayCell, RunwayStageSummary } from '../../domain/runway-types.js';
import { TARGET_STAGE_LABELS, type TargetStage } from '../../domain/types.js';
import { context, escapeSlackText, header, image, type KnownBlock, section } from '../blocks.js';
import { buildFallbackText, type Reply } from './reply.js';

export const RUNWAY_CHART_BLOCK = 'chart:runway';

/** What closing each stage's gap usually takes: the next action the runway points at. */
const NEXT_ACTIONS: Record<TargetStage, string> = {
  visits: 'draw more visitors: search, ads, social',
  lead: 'turn more visits and calls into leads: offers, forms, asking every caller',
  mql: 'qualify more leads: faster follow-up',
  sql: 'hand more MQLs to sales',
  opportunity: 'get more SQLs to a proposal',
  customer: 'close: chase the open opportunities',
};

function buildRateNote(summary: RunwayStageSummary): string {
  const latest = summary.latestRate;
  if (latest === null) return '';
  const month = MONTH_NAMES[Number(latest.month.slice(5, 7)) - 1] ?? latest.month;
  const what = summary.stage === 'lead' ? 'leads per visit' : 'rate';
  const plan = latest.plannedRate === null ? '' : ` vs ${formatStageRate(summary.stage, latest.plannedRate)} planned`;
  return ` · ${what} ${formatStageRate(summary.stage, latest.rate)}${plan} (${month} cohort)`;
}

function buildYearLines(runway: Runway): string[] {
  return runway.summaries.map((summary) => {
    const soFar =
      summary.plannedSoFar === null || summary.actualSoFar === null
        ? ''
        : ` · so far ${formatFigure(summary.actualSoFar)} of ${formatFigure(summary.plannedSoFar)}`;
    const label = TARGET_STAGE_LABELS[summary.stage];
    return `*${label}* · ${describeRunwayYear(summary)}${soFar}${buildRateNote(summary)}`;
  });
}

function buildCurrentLine(cell: RunwayCell): string {
  const actual = cell.actual === null ? 'not recorded yet' : `${formatFigure(cell.actual)} so far`;
  const projected = cell.projected === null ? '' : `, ${formatFigure(cell.projected)} projected`;
  const plan = cell.plannedCount === null ? '' : ` vs ${formatFigure(cell.plannedCount)} planned`;
  const rate = describeCellRate(cell);
  const plannedRate = cell.plannedRate === null ? '' : ` (${formatStageRate(cell.stage, cell.plannedRate)} planned)`;
  const rateText = rate === null ? '' : ` · rate ${rate}${plannedRate}`;
  return `• ${TARGET_STAGE_LABELS[cell.stage]}: ${actual}${projected}${plan}${rateText}`;
}

function buildGapText(runway: Runway): string {
  const gap = runway.biggestGap;
  if (gap === null) return ':white_check_mark: No stage is behind its plan for the year.';
  const noun = buildStageNoun(gap.stage);
  return (
    `:dart: *Biggest gap: ${noun}*, ${formatFigure(-gap.gap)} short of the year's plan (${formatRoi(gap.share)}). ` +
    `Next: ${NEXT_ACTIONS[gap.stage]}.`
  );
}

function buildMethodNote(runway: Runway): string {
  const basis = runway.projection.basisMonths;
  const run = basis.length === 0 ? 'no complete month yet' : `${basis[0]} to ${basis.at(-1)}`;
  return (
    `Months to come: the run-rate of ${run} × the mature stage rates. ` +
    'A month’s rates are judged once its leads have had time to convert; before that they read "too early".'
  );
}

export interface RunwayChartImage {
  fileId: string | null;
  altText: string;
}

export function buildRunwayReply(runway: Runway, chart: RunwayChartImage): Reply {
  const title = `Results Runway ${runway.year}`;
  const blocks: KnownBlock[] = [
    header(title),
    context([escapeSlackText(buildMethodNote(runway))]),
    section(buildYearLines(runway).join('\n')),
  ];
  const current = runway.months.find((month) => month.timing === 'current');
  if (current !== undefined) {
    const lines = current.cells.map(buildCurrentLine);
    blocks.push(section([`*${current.period.label}*, under way`, ...lines].join('\n')));
  }
  blocks.push(section(buildGapText(runway)));
  blocks.push(
    chart.fileId === null
      ? context([`:bar_chart: *${title}*: ${escapeSlackText(chart.altText)}`], RUNWAY_CHART_BLOCK)
      : image(chart.fileId, chart.altText, { title, blockId: RUNWAY_CHART_BLOCK }),
  );
  blocks.push(
    context(['`/roi target plan` plans the year · `/roi visits 2026-11 12400 source:organic-search` records visits']),
  );
  const gap = runway.biggestGap;
  const summary = gap === null ? 'no stage behind plan' : `biggest gap ${buildStageNoun(gap.stage)}`;
  return { text: buildFallbackText(`${title}: ${summary}`), blocks };
}
