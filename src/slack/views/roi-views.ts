// Replies of `/roi`: every campaign ranked, one campaign's or source's card, and the manager's confirmations.
// The attribution model is named next to every number it shaped.

import { sourceLabel } from '../../domain/catalog.js';
import { formatPercent, formatRoi } from '../../domain/money.js';
import type { CampaignCard } from '../../domain/roi.js';
import {
  type AttributionModel,
  type FunnelCounts,
  type MetricSettings,
  type Period,
  type RoiRow,
  STAGE_LABELS,
} from '../../domain/types.js';
import { context, escapeSlackText, fields, header, type KnownBlock, section } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { formatAmount, formatCount, formatCountOf, formatRatioMoney } from './numbers.js';
import { buildFallbackText, type Reply } from './reply.js';

export const MODEL_LABELS: Record<AttributionModel, string> = {
  'first-touch': 'first touch',
  'last-touch': 'last touch',
  linear: 'linear',
  'u-shaped': 'U-shaped',
};

/** Rows shown in a ranking; the rest are counted in a footnote (a message holds 50 blocks). */
export const RANKING_LIMIT = 40;

function buildMarginNote(settings: MetricSettings): string {
  return settings.grossMargin === 1
    ? 'ROI = (revenue − cost) / cost'
    : `ROI = (revenue × ${formatPercent(settings.grossMargin)} margin − cost) / cost`;
}

function buildRankLine(row: RoiRow, rank: number, currency: string): string {
  const name = row.kind === 'source' ? sourceLabel(row.key) : row.key;
  return (
    `${rank}. *${escapeSlackText(name)}* — ROI ${formatRoi(row.roi)} · cost ${formatAmount(row.spend, currency)}` +
    ` · revenue ${formatAmount(row.revenue, currency)} · ${formatCountOf(row.leads, 'lead')} · ` +
    formatCountOf(row.customers, 'customer')
  );
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

export function buildRoiRanking(
  rows: readonly RoiRow[],
  period: Period,
  model: AttributionModel,
  settings: MetricSettings,
) {
  const title = `ROI by campaign · ${period.label} · ${MODEL_LABELS[model]}`;
  if (rows.length === 0) {
    const message = `No campaign had leads or spend in ${period.label}. Record spend with /roi cost, attribute leads with /lead campaign.`;
    return { text: buildFallbackText(message), blocks: [header(title), section(escapeSlackText(message))] };
  }
  const shown = rows.slice(0, RANKING_LIMIT).map((row, i) => buildRankLine(row, i + 1, settings.currency));
  const notes = [`Attribution: ${MODEL_LABELS[model]}`, buildMarginNote(settings)];
  if (rows.length > RANKING_LIMIT) notes.push(`${rows.length - RANKING_LIMIT} more not shown`);
  const best = rows[0];
  const text = best ? `${title}: best is ${best.key} at ${formatRoi(best.roi)}` : title;
  const reply: Reply = { text: buildFallbackText(text), blocks: [header(title), ...packLines(shown), context(notes)] };
  return reply;
}

function buildFunnelLine(funnel: readonly FunnelCounts[]): string {
  return funnel.map((row) => `${STAGE_LABELS[row.stage]} ${row.reached}`).join(' → ');
}

/** The card of one campaign (with the funnel of its own leads) or one source. */
export function buildRoiCard(
  row: RoiRow,
  period: Period,
  settings: MetricSettings,
  funnel?: CampaignCard['funnel'],
): Reply {
  const name = row.kind === 'source' ? sourceLabel(row.key) : row.key;
  const model = MODEL_LABELS[row.model];
  const { currency } = settings;
  const list = [
    `*Cost*\n${formatAmount(row.spend, currency)}`,
    `*Revenue* (${model})\n${formatAmount(row.revenue, currency)}`,
    `*ROI* (${model})\n${formatRoi(row.roi)}`,
    `*ROAS*\n${row.roas === null ? 'n/a' : `${row.roas.toFixed(1)}×`}`,
    `*Leads*\n${formatCount(row.leads)}`,
    `*MQL / SQL / Opps*\n${formatCount(row.mqls)} / ${formatCount(row.sqls)} / ${formatCount(row.opportunities)}`,
    `*Customers*\n${formatCount(row.customers)}`,
    `*CPL*\n${formatRatioMoney(row.cpl, currency)}`,
    `*CAC*\n${formatRatioMoney(row.cac, currency)}`,
  ];
  const title = `ROI · ${name} · ${period.label}`;
  const notes = [`Attribution: ${model}`, buildMarginNote(settings)];
  const blocks: KnownBlock[] = [header(title), fields(list)];
  if (funnel !== undefined) blocks.push(section(`Funnel of its new leads: ${buildFunnelLine(funnel)}`));
  blocks.push(context(notes));
  const text = `${title}: ROI ${formatRoi(row.roi)} (${model}), cost ${formatAmount(row.spend, currency)}, revenue ${formatAmount(row.revenue, currency)}`;
  return { text: buildFallbackText(text), blocks };
}
