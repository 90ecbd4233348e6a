// ROI per campaign or per source under an attribution model, and the ROI card of one campaign.

import { addActivity, computeEmptyActivity, computeLeadActivity, type StageActivity } from './activity.js';
import { type AttributionDimension, computeCredits, computeFirstTouchKey, NO_CAMPAIGN } from './attribution.js';
import { computeCohort, computeFunnelCounts, computeTransitionRates } from './funnel.js';
import { computeSpendIndex, computeSpendInPeriod, isMediaSpend } from './spend.js';
import { computeRatio } from './stats.js';
import { computeFunnelTimeline } from './timeline.js';
import type {
  AttributionModel,
  Dataset,
  FunnelCounts,
  Lead,
  MetricSettings,
  Period,
  RoiRow,
  Spend,
  TransitionRate,
} from './types.js';

/** A campaign's ROI row plus the funnel of the leads it brought in (for `/roi <campaign>`). */
export interface CampaignCard {
  row: RoiRow;
  funnel: FunnelCounts[];
  transitions: TransitionRate[];
}

/** Share of a campaign's leads one source must have before the campaign's spend is booked to that source. */
export const DOMINANT_SOURCE_SHARE = 0.8;

interface Accumulator extends StageActivity {
  spend: number;
  mediaSpend: number;
}

/** (revenue × gross margin − spend) / spend; null when nothing was spent. */
export function computeRoi(revenue: number, spend: number, grossMargin: number): number | null {
  return spend === 0 ? null : (revenue * grossMargin - spend) / spend;
}

/** For each campaign, the source of at least 80% of its leads (all history, by the lead's own Campaign/Source). */
function computeDominantSources(leads: readonly Lead[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const lead of leads) {
    if (lead.campaign === null) continue;
    const bySource = counts.get(lead.campaign) ?? new Map<string, number>();
    bySource.set(lead.source, (bySource.get(lead.source) ?? 0) + 1);
    counts.set(lead.campaign, bySource);
  }
  const dominant = new Map<string, string>();
  for (const [campaign, bySource] of counts) {
    const total = [...bySource.values()].reduce((sum, n) => sum + n, 0);
    for (const [source, n] of bySource) if (n >= DOMINANT_SOURCE_SHARE * total) dominant.set(campaign, source);
  }
  return dominant;
}

/**
 * Where a spend row's money goes. By campaign: the row's campaign (rows with only a source belong to no campaign).
 * By source: the row's source; a campaign-only row goes to the source behind ≥ 80% of that campaign's leads, and
 * otherwise stays unbooked (it still counts in the KPIs) rather than being split by guesswork.
 */
function spendKey(row: Spend, dimension: AttributionDimension, dominant: Map<string, string>): string | null {
  if (dimension === 'campaign') return row.campaign;
  if (row.source !== null) return row.source;
  return row.campaign === null ? null : (dominant.get(row.campaign) ?? null);
}

function accumulatorFor(rows: Map<string, Accumulator>, key: string): Accumulator {
  let acc = rows.get(key);
  if (!acc) {
    acc = { ...computeEmptyActivity(), spend: 0, mediaSpend: 0 };
    rows.set(key, acc);
  }
  return acc;
}

function accumulateRows(
  data: Dataset,
  period: Period,
  timeZone: string,
  model: AttributionModel,
  kind: AttributionDimension,
) {
  const rows = new Map<string, Accumulator>();
  const timeline = computeFunnelTimeline(data.leads);
  data.leads.forEach((lead, i) => {
    const activity = computeLeadActivity(timeline, i, period);
    if (activity === null) return;
    // Under first touch each lead has one key with all the credit: skip building a Map per lead.
    const credits =
      model === 'first-touch' ? [[computeFirstTouchKey(lead, kind), 1] as const] : computeCredits(lead, model, kind);
    for (const [key, credit] of credits) {
      // Credit to "no campaign" is real, but it is not a campaign anyone can invest in.
      if (key !== NO_CAMPAIGN || kind === 'source') addActivity(accumulatorFor(rows, key), activity, credit);
    }
  });
  const dominant = kind === 'source' ? computeDominantSources(data.leads) : new Map<string, string>();
  for (const { row, amount } of computeSpendInPeriod(computeSpendIndex(data.spend, timeZone), period)) {
    const key = spendKey(row, kind, dominant);
    if (key === null) continue;
    const acc = accumulatorFor(rows, key);
    acc.spend += amount;
    if (isMediaSpend(row)) acc.mediaSpend += amount;
  }
  return rows;
}

function buildRow(key: string, acc: Accumulator, kind: AttributionDimension, model: AttributionModel, margin: number) {
  const row: RoiRow = {
    key,
    kind,
    model,
    ...acc,
    roi: computeRoi(acc.revenue, acc.spend, margin),
    roas: computeRatio(acc.revenue, acc.mediaSpend),
    cpl: computeRatio(acc.spend, acc.leads),
    cac: computeRatio(acc.spend, acc.customers),
  };
  return row;
}

/** Best ROI first; rows without spend (no ROI) after them, by revenue; ties by key so the order is stable. */
function compareRows(a: RoiRow, b: RoiRow): number {
  if ((a.roi === null) !== (b.roi === null)) return a.roi === null ? 1 : -1;
  if (a.roi !== null && b.roi !== null && a.roi !== b.roi) return b.roi - a.roi;
  if (a.revenue !== b.revenue) return b.revenue - a.revenue;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * ROI per campaign or source in a period: attributed counts and revenue (credits of activity.ts counts under the
 * model), the spend booked to it (every category, prorated), and ROI / ROAS / CPL / CAC from those.
 */
export function computeRoiRows(
  data: Dataset,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
  kind: AttributionDimension,
): RoiRow[] {
  const rows = accumulateRows(data, period, settings.timeZone, model, kind);
  return [...rows].map(([key, acc]) => buildRow(key, acc, kind, model, settings.grossMargin)).sort(compareRows);
}

/**
 * The ROI card of one campaign: its row (all zeros when nothing happened) and the funnel of the period's new leads
 * whose own Campaign is this one (funnel counts are whole leads, so they follow the lead's Campaign, not the model).
 */
export function computeCampaignCard(
  data: Dataset,
  campaign: string,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
): CampaignCard {
  const rows = computeRoiRows(data, period, settings, model, 'campaign');
  const empty: Accumulator = { ...computeEmptyActivity(), spend: 0, mediaSpend: 0 };
  const row =
    rows.find((candidate) => candidate.key === campaign) ??
    buildRow(campaign, empty, 'campaign', model, settings.grossMargin);
  const funnel = computeFunnelCounts(computeCohort(data.leads, period).filter((lead) => lead.campaign === campaign));
  return { row, funnel, transitions: computeTransitionRates(funnel) };
}
