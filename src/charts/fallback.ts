// The words behind each chart: a short plain-text version used as the image's alt text and, when an upload fails,
// in its place in the digest. Plain text: the digest escapes it before it goes into mrkdwn.

import { sourceLabel } from '../domain/catalog.js';
import { formatMoney, formatPercent } from '../domain/money.js';
import { formatRoiStanding } from '../domain/projection-words.js';
import {
  type AttributionModel,
  type FunnelCounts,
  type FunnelStage,
  type LeakVerdict,
  type MetricSettings,
  type PlanVsActualRow,
  type RoiProjection,
  STAGE_LABELS,
  TARGET_STAGE_LABELS,
  type TransitionAssessment,
  type WeeklyDigestData,
} from '../domain/types.js';
import { SLACK_LIMITS } from '../slack/limits.js';

/** How many rows a fallback names before saying "and N more": alt text is for reading, not for a table. */
const FALLBACK_ROWS = 10;

export function fitAltText(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SLACK_LIMITS.imageAltText
    ? text
    : `${chars.slice(0, SLACK_LIMITS.imageAltText - 1).join('')}…`;
}

export function buildModelName(model: AttributionModel): string {
  return model.replace('-', ' ');
}

/** 'SQL → Opportunity' */
export function buildTransitionName(from: FunnelStage, to: FunnelStage): string {
  return `${STAGE_LABELS[from]} → ${STAGE_LABELS[to]}`;
}

/** 'SQL → Opportunity: 12% vs 30% baseline' */
export function buildLeakSummary(weakest: TransitionAssessment): string {
  const name = buildTransitionName(weakest.from, weakest.to);
  const comparison = weakest.expected === null ? '' : ` vs ${formatPercent(weakest.expected)} ${weakest.expectedKind}`;
  return `${name}: ${formatPercent(weakest.rate)}${comparison}`;
}

/** How many leads of a stage, in a sentence: "SQLs", "leads", "opportunities". */
export function buildStagePlural(stage: FunnelStage): string {
  if (stage === 'lead') return 'leads';
  if (stage === 'opportunity') return 'opportunities';
  if (stage === 'customer') return 'customers';
  return `${STAGE_LABELS[stage]}s`;
}

/** The one rate a funnel shows for a transition, the one the leak verdict judges: "59% of 161 mature SQLs". */
export function buildMatureRateLabel(transition: TransitionAssessment): string {
  const plural = buildStagePlural(transition.from);
  if (transition.mature === 0) return `no mature ${plural} yet`;
  return `${formatPercent(transition.rate)} of ${transition.mature} mature ${plural}`;
}

export function buildFunnelFallback(
  funnel: readonly FunnelCounts[],
  leak: LeakVerdict,
  settings: MetricSettings,
): string {
  const steps = funnel.map((stage) => {
    const into = leak.transitions.find((t) => t.to === stage.stage);
    const rate = into === undefined ? '' : ` (${buildMatureRateLabel(into)})`;
    return `${STAGE_LABELS[stage.stage]} ${stage.reached}${rate}`;
  });
  const verdict =
    leak.kind === 'leak'
      ? `Weakest stage: ${buildLeakSummary(leak.weakest)}, about ${formatMoney(leak.weakest.moneyLost, settings.currency, { compact: true })} lost.`
      : `No significant leak: ${leak.reason}.`;
  return fitAltText(`Funnel of leads created in the last 90 days: ${steps.join(' → ')}. ${verdict}`);
}

function buildMoreNote(total: number, shown: number): string {
  return total > shown ? `; and ${total - shown} more` : '';
}

/** 'spring-expo +240% so far, projected +260% (+230% to +290%); q4-google-ads too early to judge — projected …'. */
export function buildRoiFallback(projections: readonly RoiProjection[], timeZone: string): string {
  const first = projections[0];
  if (first === undefined) return 'ROI by campaign: no campaigns with spend or revenue yet.';
  const shown = projections.slice(0, FALLBACK_ROWS).map((row) => `${row.key} ${formatRoiStanding(row, timeZone)}`);
  const kind = first.kind === 'campaign' ? 'campaign' : 'source';
  const header = `ROI by ${kind} (${buildModelName(first.model)}), leads of the period`;
  return fitAltText(`${header}: ${shown.join('; ')}${buildMoreNote(projections.length, shown.length)}.`);
}

export function buildTrendFallback(trend: WeeklyDigestData['trend']): string {
  if (trend.length === 0) return 'New leads per week: no weeks to show yet.';
  const weeks = trend.map((week) => `${week.label} ${sumValues(week.bySource)}`);
  const totals = new Map<string, number>();
  for (const week of trend) {
    for (const [source, count] of Object.entries(week.bySource)) totals.set(source, (totals.get(source) ?? 0) + count);
  }
  const top = [...totals.entries()]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([source, count]) => `${sourceLabel(source)} (${count})`);
  const sources = top.length === 0 ? '' : ` Most came from ${top.join(', ')}.`;
  return fitAltText(`New leads per week over ${trend.length} weeks: ${weeks.join(', ')}.${sources}`);
}

export function sumValues(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

export function buildPlanVsActualFallback(rows: readonly PlanVsActualRow[]): string {
  if (rows.length === 0) return 'Plan vs actual: no plan recorded.';
  const parts = rows.map((row) => {
    const label = TARGET_STAGE_LABELS[row.stage];
    const actual = row.actual === null ? 'not recorded' : `${row.actual}`;
    if (row.planned === null) return `${label} ${actual} (no plan)`;
    const share = row.planned === 0 || row.actual === null ? '' : ` (${formatPercent(row.actual / row.planned)})`;
    return `${label} ${actual} of ${row.planned} planned${share}`;
  });
  return fitAltText(`Plan vs actual: ${parts.join(', ')}.`);
}
