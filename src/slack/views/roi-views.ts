// The `/roi` ranking: the period's totals over every lead (unit economics), then every campaign ranked by its
// lag-aware ROI (the card is in roi-card-views.ts). The attribution model is named next to every number it shaped.

import { formatRoi } from '../../domain/money.js';
import { formatProjectedRoi, formatRoiStanding } from '../../domain/projection-words.js';
import { groupRoiProjections, isJudged } from '../../domain/roi-projection.js';
import type { AttributionModel, KpiSet, MetricSettings, Period, RoiProjection } from '../../domain/types.js';
import { context, escapeSlackText, header, type KnownBlock, section } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { formatAmount, formatCountOf } from './numbers.js';
import { buildFallbackText, type Reply } from './reply.js';
import { buildClvNote, buildPeriodKpiFields } from './roi-detail-views.js';
import { buildMarginNote, buildRoiKeyName, LAG_NOTE, MODEL_LABELS } from './roi-notes.js';

export { buildRoiCard } from './roi-card-views.js';
export { MODEL_LABELS } from './roi-notes.js';

/** What the totals above the ranking count, unlike the attributed rows under them. */
const KPI_TOTALS_NOTE =
  'Totals: every new lead and direct spend of the period, unattributed; pipeline = open opportunities now × team win rate';

/** Rows shown in a ranking; the rest are counted in a footnote (a message holds 50 blocks). */
export const RANKING_LIMIT = 40;

/** ROI so far and projected for a judged campaign; for a young one, only the projection (never its loss so far). */
function buildRankLine(projection: RoiProjection, marker: string, settings: MetricSettings): string {
  const { currency, timeZone } = settings;
  const name = escapeSlackText(buildRoiKeyName(projection.key, projection.kind));
  const money = (amount: number) => formatAmount(amount, currency);
  const counts =
    `cost ${money(projection.spend)} · revenue ${money(projection.wonSoFar)} · ` +
    `${formatCountOf(projection.leads, 'lead')} · ${formatCountOf(projection.customers, 'customer')}`;
  switch (projection.verdict) {
    case 'too-early':
      return `${marker} *${name}* — ${formatRoiStanding(projection, timeZone)} · ${counts}`;
    case 'no-spend':
      return `${marker} *${name}* — no spend · ${counts} · ${money(projection.expectedRevenue)} expected from open leads`;
    default:
      return `${marker} *${name}* — ROI ${formatRoi(projection.roiSoFar)} · ${counts} · ${formatProjectedRoi(projection)}`;
  }
}

/** Lines packed into as few sections as their 3000-character ceiling allows. */
function packLines(lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = '';
  for (const line of lines) {
    if (current !== '' && current.length + line.length + 1 > SLACK_LIMITS.sectionText) {
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push(section(current));
  return blocks;
}

/** The lines of the ranking: judged campaigns numbered by projected ROI, then the too-early and unspent groups. */
function buildRankingLines(projections: readonly RoiProjection[], settings: MetricSettings): string[] {
  const groups = groupRoiProjections(projections);
  const judged = projections.filter(isJudged);
  const lines = judged.map((row, i) => buildRankLine(row, `${i + 1}.`, settings));
  if (groups['too-early'].length > 0) {
    lines.push(`*Too early to judge* (most of their leads are younger than leads usually take to close):`);
    lines.push(...groups['too-early'].map((row) => buildRankLine(row, '•', settings)));
  }
  if (groups['no-spend'].length > 0) {
    lines.push('*Without spend*:');
    lines.push(...groups['no-spend'].map((row) => buildRankLine(row, '•', settings)));
  }
  return lines;
}

function buildRankingText(title: string, projections: readonly RoiProjection[]): string {
  const best = projections.find(isJudged);
  if (best) return `${title}: best is ${best.key} at ${formatRoi(best.roiSoFar)}`;
  const young = projections.filter((row) => row.verdict === 'too-early').length;
  return young > 0 ? `${title}: ${formatCountOf(young, 'campaign')} too early to judge` : title;
}

/**
 * `/roi`: every campaign of the period judged on the leads it brought in, ranked by projected ROI; campaigns too
 * early to judge come in a group of their own (not ranked at their loss so far), then those without spend.
 */
export function buildRoiRanking(
  projections: readonly RoiProjection[],
  period: Period,
  model: AttributionModel,
  settings: MetricSettings,
  kpis?: KpiSet,
) {
  const title = `ROI by campaign · ${period.label} · ${MODEL_LABELS[model]}`;
  // The period's totals over every lead come first: they frame the campaigns below.
  const totals = kpis === undefined ? [] : [buildPeriodKpiFields(kpis, settings)];
  if (projections.length === 0) {
    const message = `No campaign had leads or spend in ${period.label}. Record spend with /roi cost, attribute leads with /lead campaign.`;
    return { text: buildFallbackText(message), blocks: [header(title), ...totals, section(escapeSlackText(message))] };
  }
  const lines = buildRankingLines(projections, settings);
  const shown = lines.slice(0, RANKING_LIMIT);
  const notes = [`Attribution: ${MODEL_LABELS[model]}`, buildMarginNote(settings), LAG_NOTE];
  if (lines.length > RANKING_LIMIT) notes.push(`${lines.length - RANKING_LIMIT} more not shown`);
  if (kpis !== undefined) notes.push(KPI_TOTALS_NOTE, buildClvNote(settings));
  const text = buildRankingText(title, projections);
  const blocks = [header(title), ...totals, ...packLines(shown), context(notes)];
  const reply: Reply = { text: buildFallbackText(text), blocks };
  return reply;
}
