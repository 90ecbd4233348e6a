// The Monday funnel-leak digest: the funnel chart, the weakest transition against its target or baseline with its
// confidence interval, the money it costs and the sources behind it, plan vs actual for the month with the year's
// Results Runway chart, and the leads stuck there. Says "No significant leak this week", with the reason, when the
// detector found none.

import { buildFunnelFallback, buildLeakSummary, buildTransitionName } from '../src/charts/fallback.js';
import { buildRunwayFallback } from '../src/charts/runway-fallback.js';
import { sourceLabel } from '../src/domain/catalog.js';
import { formatMoney, formatPercent } from '../src/domain/money.js';
import { formatLocalMonthDay, monthContaining } from '../src/domain/periods.js';
import { formatFigure, formatStageRate } from '../src/domain/runway-format.js';
import {
  type LeadRef,
  type MetricSettings,
  type PlanVsActualRow,
  STAGE_LABELS,
  TARGET_STAGE_LABELS,
  type TransitionAssessment,
  type WeeklyDigestData,
} from '../src/domain/types.js';
import { context, divider, escapeSlackText, header, type KnownBlock, section } from '../src/slack/blocks.js';
import {
  buildChartPlaceholder,
  buildLeadLabel,
  buildListSections,
  buildMessageText,
  buildMoreNote,
  escapeLabel,
} from './format.js';
import type { ChartSpec, DigestMessage } from './types.js';

/** Driving sources named before "and N more". */
export const DRIVING_SOURCE_ROWS = 5;
/** Stuck leads listed (the design asks for up to 10). */
export const STUCK_LEAD_ROWS = 10;

function buildInterval(assessment: TransitionAssessment): string {
  if (assessment.low === null || assessment.high === null) return '';
  return ` (95% CI ${formatPercent(assessment.low)}–${formatPercent(assessment.high)})`;
}

function buildLeakText(weakest: TransitionAssessment, settings: MetricSettings): string {
  const money = (amount: number) => formatMoney(amount, settings.currency, { compact: true });
  const name = buildTransitionName(weakest.from, weakest.to);
  const comparison =
    weakest.expected === null ? '' : ` vs *${formatPercent(weakest.expected)} ${weakest.expectedKind}*`;
  const missing = Math.round(weakest.missingConversions * 10) / 10;
  return [
    `:rotating_light: *Weakest stage: ${name}*`,
    `*${formatPercent(weakest.rate)}* of ${weakest.mature} mature ${STAGE_LABELS[weakest.from]} leads moved on` +
      `${buildInterval(weakest)}${comparison}.`,
    `*About ${money(weakest.moneyLost)} lost*: ${missing} missing conversions × ` +
      `${formatPercent(weakest.downstreamRate)} of them become customers × ${formatMoney(weakest.averageWonValue, settings.currency)} average won deal.`,
  ].join('\n');
}

function buildDrivingSources(weakest: TransitionAssessment): KnownBlock[] {
  const sources = weakest.drivingSources;
  if (sources.length === 0) return [];
  const lines = sources.slice(0, DRIVING_SOURCE_ROWS).map((row) => {
    const rate = formatPercent(row.rate);
    return `• *${escapeLabel(sourceLabel(row.source))}*: ${row.converted} of ${row.mature} (${rate}), ${Math.round(row.missing)} missing`;
  });
  const more = buildMoreNote(sources.length, lines.length);
  return buildListSections('*Sources driving it*', more === null ? lines : [...lines, more]);
}

function buildTransitionLine(assessment: TransitionAssessment): string {
  const mark = assessment.significant ? ':warning:' : '•';
  const comparison =
    assessment.expected === null
      ? 'nothing to compare with yet'
      : `vs ${formatPercent(assessment.expected)} ${assessment.expectedKind}`;
  const name = buildTransitionName(assessment.from, assessment.to);
  return `${mark} ${name}: ${formatPercent(assessment.rate)}${buildInterval(assessment)} ${comparison}, ${assessment.mature} mature leads`;
}

/** "rate 17% vs 30% planned", or "rate too early to judge (30% planned)" while the month's leads are young. */
function buildPlanRate(row: PlanVsActualRow): string {
  if (row.plannedRate === null) return '';
  const planned = formatStageRate(row.stage, row.plannedRate);
  if (!row.rateJudged) return ` · rate too early to judge (${planned} planned)`;
  return ` · rate ${formatStageRate(row.stage, row.actualRate)} vs ${planned} planned`;
}

function buildPlanLine(row: PlanVsActualRow): string {
  const label = TARGET_STAGE_LABELS[row.stage];
  const planned = row.planned === null ? 'no plan' : `${formatFigure(row.planned)} planned`;
  const count =
    row.actual === null
      ? `not recorded yet (${planned})`
      : row.planned === null
        ? `${formatFigure(row.actual)} (no plan)`
        : `${formatFigure(row.actual)} of ${planned}`;
  return `• ${label}: ${count}${buildPlanRate(row)}`;
}

function buildStuckLine(lead: LeadRef, settings: MetricSettings): string {
  const value = lead.value === null ? 'no value' : formatMoney(lead.value, settings.currency);
  const since = formatLocalMonthDay(lead.since, settings.timeZone);
  return `• ${buildLeadLabel(lead)} · since ${since} · ${value} · ${escapeLabel(lead.ownerName, 40)}`;
}

/** The funnel, and the year's runway (its months include this one, so a one-month plan chart would repeat it). */
function buildCharts(data: WeeklyDigestData): ChartSpec[] {
  const { funnel, leak, settings, runway } = data;
  const funnelChart: ChartSpec = {
    id: 'funnel',
    title: leak.kind === 'leak' ? `Funnel — ${buildLeakSummary(leak.weakest)}` : 'Funnel',
    altText: buildFunnelFallback(funnel, leak, settings),
    render: (renderer) => renderer.renderFunnel(funnel, leak, settings),
  };
  const runwayChart: ChartSpec = {
    id: 'runway',
    title: `Results Runway ${runway.year}`,
    altText: buildRunwayFallback(runway),
    render: (renderer) => renderer.renderRunway(runway),
  };
  return [funnelChart, runwayChart];
}

function buildVerdictBlocks(data: WeeklyDigestData): KnownBlock[] {
  const { leak, settings } = data;
  if (leak.kind === 'none') {
    return [section(`:white_check_mark: *No significant leak this week*: ${escapeLabel(leak.reason, 300)}.`)];
  }
  const stuck = data.stuckLeads.slice(0, STUCK_LEAD_ROWS).map((lead) => buildStuckLine(lead, settings));
  const stage = STAGE_LABELS[leak.weakest.from];
  return [
    section(buildLeakText(leak.weakest, settings)),
    ...buildDrivingSources(leak.weakest),
    ...(stuck.length === 0 ? [] : buildListSections(`*Stuck at ${stage}*, longest first`, stuck)),
  ];
}

function buildPlanBlocks(data: WeeklyDigestData, runwayChart: ChartSpec | undefined): KnownBlock[] {
  const month = monthContaining(data.week.end - 1, data.settings.timeZone).label;
  const chart = runwayChart === undefined ? [] : [buildChartPlaceholder(runwayChart)];
  if (!data.planVsActual.some((row) => row.planned !== null || row.plannedRate !== null)) {
    const hint = escapeSlackText('/roi target <stage> <count-or-rate>');
    const year = escapeSlackText('/roi target plan');
    return [
      section(`*Plan vs actual, ${month}*\nNo plan recorded: \`${hint}\` adds one. \`${year}\` plans a whole year.`),
      ...chart,
    ];
  }
  return [...buildListSections(`*Plan vs actual, ${month}*`, data.planVsActual.map(buildPlanLine)), ...chart];
}

export function buildLeakDigest(data: WeeklyDigestData): DigestMessage {
  const charts = buildCharts(data);
  const [funnelChart, runwayChart] = charts;
  const title = `Funnel leaks — week of ${formatLocalMonthDay(data.week.start, data.settings.timeZone)}`;
  const blocks: KnownBlock[] = [
    header(title),
    context(['Leads created in the last 90 days · judged on mature leads (old enough to have converted)']),
    ...(funnelChart ? [buildChartPlaceholder(funnelChart)] : []),
    ...buildVerdictBlocks(data),
    ...buildListSections('*Every transition*', data.leak.transitions.map(buildTransitionLine)),
    divider(),
    ...buildPlanBlocks(data, runwayChart),
  ];
  return { text: buildMessageText(blocks), blocks, charts };
}
