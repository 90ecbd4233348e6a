// The `/roi <campaign>` and `/roi source <source>` card: what was booked in the period (cost, revenue, counts, the
// ratios), then the lag-aware view of the leads it brought in: won so far, expected from open leads, projected ROI
// with its 80% interval, maturity, payback and the verdict. Its unit economics (cost per stage, blended CAC, CLV,
// CLV:CAC, pipeline) sit with the booked figures. A campaign too early to judge never shows its loss so far as its ROI.

import { formatRoi } from '../../domain/money.js';
import {
  formatJudgedBy,
  formatMaturity,
  formatPayback,
  formatProjectedRoi,
  formatRoiStanding,
} from '../../domain/projection-words.js';
import type { CampaignCard } from '../../domain/roi.js';
import {
  type FunnelCounts,
  type MetricSettings,
  type Period,
  type RoiProjection,
  type RoiRow,
  type RoiVerdict,
  STAGE_LABELS,
} from '../../domain/types.js';
import type { CampaignEconomics } from '../../domain/unit-economics.js';
import { context, fields, header, type KnownBlock, section } from '../blocks.js';
import { formatAmount, formatCount, formatCountOf, formatRatioMoney } from './numbers.js';
import { buildFallbackText, type Reply } from './reply.js';
import { buildCampaignEconomicsFields, buildCampaignEconomicsNotes } from './roi-detail-views.js';
import { buildMarginNote, buildRoiKeyName, LAG_NOTE, MODEL_LABELS } from './roi-notes.js';

const VERDICT_LABELS: Record<RoiVerdict, string> = {
  'too-early': 'Too early to judge',
  paying: 'Paying',
  losing: 'Losing',
  'no-spend': 'No spend recorded',
};

function buildFunnelLine(funnel: readonly FunnelCounts[]): string {
  return funnel.map((row) => `${STAGE_LABELS[row.stage]} ${row.reached}`).join(' → ');
}

/** The ROI field: the period's booked ROI, or "too early to judge" when that number would read as a loss. */
function buildRoiField(row: RoiRow, projection: RoiProjection | undefined): string {
  const model = MODEL_LABELS[row.model];
  if (projection?.verdict === 'too-early') return `*ROI* (${model})\ntoo early to judge`;
  return `*ROI* (${model})\n${formatRoi(row.roi)}`;
}

/** What follows the verdict's name: the projection, and for a young campaign when it can be judged. */
function buildStanding(projection: RoiProjection, timeZone: string): string {
  switch (projection.verdict) {
    case 'too-early':
      return `${formatProjectedRoi(projection)}${formatJudgedBy(projection, timeZone)}`;
    case 'no-spend':
      return 'record it with /roi cost to see what its leads return';
    default:
      return formatRoiStanding(projection, timeZone);
  }
}

/** The lag-aware section: verdict and projection, what is won and expected, maturity and payback. */
export function buildProjectionLines(projection: RoiProjection, settings: MetricSettings): string {
  const { currency, timeZone } = settings;
  const money = (amount: number) => formatAmount(Math.round(amount), currency);
  return [
    `*${VERDICT_LABELS[projection.verdict]}* — ${buildStanding(projection, timeZone)}`,
    `Its ${formatCountOf(projection.leads, 'lead')} of the period: ${money(projection.wonSoFar)} won so far ` +
      `(${formatCountOf(projection.customers, 'customer')}), ${money(projection.expectedRevenue)} expected from ` +
      `${formatCountOf(projection.openLeads, 'open lead')}; cost ${money(projection.spend)}`,
    `${formatMaturity(projection)} · ${formatPayback(projection.payback)}`,
  ].join('\n');
}

/** The card of one campaign (with the funnel of its own leads) or one source. */
export function buildRoiCard(
  row: RoiRow,
  period: Period,
  settings: MetricSettings,
  funnel?: CampaignCard['funnel'],
  economics?: CampaignEconomics,
  projection?: RoiProjection,
): Reply {
  const name = buildRoiKeyName(row.key, row.kind);
  const model = MODEL_LABELS[row.model];
  const { currency } = settings;
  const list = [
    `*Cost*\n${formatAmount(row.spend, currency)}`,
    `*Revenue* (${model})\n${formatAmount(row.revenue, currency)}`,
    buildRoiField(row, projection),
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
  // Unit economics beside the booked figures they divide, above the lag-aware view of the period's leads.
  if (economics !== undefined) {
    blocks.push(buildCampaignEconomicsFields(economics, settings));
    notes.push(...buildCampaignEconomicsNotes(economics, settings));
  }
  if (projection !== undefined) {
    blocks.push(section(buildProjectionLines(projection, settings)));
    notes.push(`Cost, revenue and counts above: booked in ${period.label}. ${LAG_NOTE}`);
  }
  if (funnel !== undefined) blocks.push(section(`Funnel of its new leads: ${buildFunnelLine(funnel)}`));
  blocks.push(context(notes));
  const roi = projection === undefined ? `ROI ${formatRoi(row.roi)}` : formatRoiStanding(projection, settings.timeZone);
  const text = `${title}: ${roi} (${model}), cost ${formatAmount(row.spend, currency)}, revenue ${formatAmount(row.revenue, currency)}`;
  return { text: buildFallbackText(text), blocks };
}
