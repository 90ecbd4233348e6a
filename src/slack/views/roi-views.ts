// Replies of `/roi`: every campaign ranked, one campaign's or source's card, and the manager's confirmations.
// The attribution model is named next to every number it shaped.

import { sourceLabel } from '../../domain/catalog.js';
import { formatPercent, formatRoi } from '../../domain/money.js';
import type { CampaignCard } from '../../domain/roi.js';
import {
  type AttributionModel,
  type FunnelCounts,
  type KpiSet,
  type MetricSettings,
  type Period,
  type RoiRow,
  STAGE_LABELS,
} from '../../domain/types.js';
import type { CampaignEconomics } from '../../domain/unit-economics.js';
import { context, escapeSlackText, fields, header, type KnownBlock, section } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import { formatAmount, formatCount, formatCountOf, formatRatioMoney } from './numbers.js';
import { buildFallbackText, type Reply } from './reply.js';
import {
  buildCampaignEconomicsFields,
  buildCampaignEconomicsNotes,
  buildClvNote,
  buildPeriodKpiFields,
} from './roi-detail-views.js';

export const MODEL_LABELS: Record<AttributionModel, string> = {
  'first-touch': 'first touch',
  'last-touch': 'last touch',
  linear: 'linear',
  'u-shaped': 'U-shaped',
};

/** What the totals above the ranking count, unlike the attributed rows under them. */
const KPI_TOTALS_NOTE =
  'Totals: every new lead and direct spend of the period, unattributed; pipeline = open opportunities now × team win rate';

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
  kpis?: KpiSet,
) {
  const title = `ROI by campaign · ${period.label} · ${MODEL_LABELS[model]}`;
  // The period's totals over every lead come first: they frame the campaigns below.
  const totals = kpis === undefined ? [] : [buildPeriodKpiFields(kpis, settings)];
  if (rows.length === 0) {
    const message = `No campaign had leads or spend in ${period.label}. Record spend with /roi cost, attribute leads with /lead campaign.`;
    return { text: buildFallbackText(message), blocks: [header(title), ...totals, section(escapeSlackText(message))] };
  }
  const shown = rows.slice(0, RANKING_LIMIT).map((row, i) => buildRankLine(row, i + 1, settings.currency));
  const notes = [`Attribution: ${MODEL_LABELS[model]}`, buildMarginNote(settings)];
  if (rows.length > RANKING_LIMIT) notes.push(`${rows.length - RANKING_LIMIT} more not shown`);
  if (kpis !== undefined) notes.push(KPI_TOTALS_NOTE, buildClvNote(settings));
  const best = rows[0];
  const text = best ? `${title}: best is ${best.key} at ${formatRoi(best.roi)}` : title;
  const blocks = [header(title), ...totals, ...packLines(shown), context(notes)];
  const reply: Reply = { text: buildFallbackText(text), blocks };
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
  economics?: CampaignEconomics,
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
    // With the campaign's unit economics, CPL and CAC divide direct spend, as in the KPIs; blended CAC sits beside.
    `*CPL*\n${formatRatioMoney(economics === undefined ? row.cpl : economics.cpl, currency)}`,
    `*CAC*\n${formatRatioMoney(economics === undefined ? row.cac : economics.cac, currency)}`,
  ];
  const title = `ROI · ${name} · ${period.label}`;
  const notes = [`Attribution: ${model}`, buildMarginNote(settings)];
  const blocks: KnownBlock[] = [header(title), fields(list)];
  if (economics !== undefined) {
    blocks.push(buildCampaignEconomicsFields(economics, settings));
    notes.push(...buildCampaignEconomicsNotes(economics, settings));
  }
  if (funnel !== undefined) blocks.push(section(`Funnel of its new leads: ${buildFunnelLine(funnel)}`));
  blocks.push(context(notes));
  const text = `${title}: ROI ${formatRoi(row.roi)} (${model}), cost ${formatAmount(row.spend, currency)}, revenue ${formatAmount(row.revenue, currency)}`;
  return { text: buildFallbackText(text), blocks };
}
