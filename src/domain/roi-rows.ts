// ROI per campaign or per source under an attribution model, and the ROI card of one campaign.

import { addActivity, computeEmptyActivity, computeLeadActivity, type StageActivity } from './activity.js';
import { type AttributionDimension, computeCredits, computeFirstTouchKey, NO_CAMPAIGN } from './attribution.js';
import { readSnapshot, type Snapshot } from './snapshot.js';
import { computeChunkSum, LEADS_PER_CHUNK, type LeadsMemo, readChunkRange } from './snapshot-chunks.js';
import { computeOncePerSnapshotInSteps } from './snapshot-memo.js';
import { computeSpendIndex, computeSpendInPeriod, isMediaSpend } from './spend.js';
import { computeRatio } from './stats.js';
import { runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimelineInSteps, type FunnelTimeline } from './timeline.js';
import type { AttributionModel, Dataset, Lead, MetricSettings, Period, RoiRow, Spend } from './types.js';

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
export function computeDominantSources(leads: readonly Lead[]): Map<string, string> {
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

/** computeDominantSources of a snapshot, made once for it: ROI rows and projections by source both need it. */
export function* computeSharedDominantSources(data: Dataset): Steps<ReadonlyMap<string, string>> {
  return yield* computeOncePerSnapshotInSteps(data, 'dominant-sources', function* () {
    yield;
    return computeDominantSources(data.leads);
  });
}

/**
 * Where a spend row's money goes. By campaign: the row's campaign (rows with only a source belong to no campaign).
 * By source: the row's source; a campaign-only row goes to the source behind ≥ 80% of that campaign's leads, and
 * otherwise stays unbooked (it still counts in the KPIs) rather than being split by guesswork.
 */
export function computeSpendKey(
  row: Spend,
  dimension: AttributionDimension,
  dominant: ReadonlyMap<string, string>,
): string | null {
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

/** One walk over the snapshot's leads: its funnel timeline (indexed by position), and what is asked of it. */
interface LeadWalk {
  timeline: FunnelTimeline;
  period: Period;
  model: AttributionModel;
  kind: AttributionDimension;
}

function addCredit(
  rows: Map<string, Accumulator>,
  kind: AttributionDimension,
  key: string,
  activity: StageActivity,
  credit: number,
) {
  // Credit to "no campaign" is real, but it is not a campaign anyone can invest in.
  if (key !== NO_CAMPAIGN || kind === 'source') addActivity(accumulatorFor(rows, key), activity, credit);
}

/** The attributed activity of one chunk of leads under the model, by key. */
function accumulateChunk(memo: LeadsMemo, walk: LeadWalk, chunk: number): Map<string, Accumulator> {
  const { timeline, period, model, kind } = walk;
  const { from, to } = readChunkRange(memo, chunk);
  const rows = new Map<string, Accumulator>();
  for (let i = from; i < to; i++) {
    const activity = computeLeadActivity(timeline, i, period);
    if (activity === null) continue;
    const lead = memo.leads[i]!;
    // Under first touch each lead has one key with all the credit: no Map, no array per lead.
    if (model === 'first-touch') addCredit(rows, kind, computeFirstTouchKey(lead, kind), activity, 1);
    else for (const [key, credit] of computeCredits(lead, model, kind)) addCredit(rows, kind, key, activity, credit);
  }
  return rows;
}

/**
 * Activity and spend by key. Leads are summed chunk by chunk, kept on the snapshot's chunks (snapshot-chunks.ts):
 * after a change only the chunks holding changed leads are walked again, and a pause (a step) follows each chunk walked.
 */
function* accumulateRows(
  data: Snapshot,
  period: Period,
  timeZone: string,
  model: AttributionModel,
  kind: AttributionDimension,
): Steps<Map<string, Accumulator>> {
  const { leadsMemo } = data.memo;
  const walk = { timeline: yield* computeFunnelTimelineInSteps(data.leads, leadsMemo), period, model, kind };
  const question = ['rows', period.start, period.end, model, kind].join('|');
  const rows = new Map<string, Accumulator>();
  for (const [chunk, kept] of leadsMemo.chunks.entries()) {
    const size = Math.min(LEADS_PER_CHUNK, data.leads.length - chunk * LEADS_PER_CHUNK);
    let walked = false;
    const sums = computeChunkSum(kept, `${question}|${size}`, () => {
      walked = true;
      return accumulateChunk(leadsMemo, walk, chunk);
    });
    for (const [key, acc] of sums) addActivity(accumulatorFor(rows, key), acc);
    if (walked) yield;
  }
  const dominant = kind === 'source' ? yield* computeSharedDominantSources(data) : new Map<string, string>();
  for (const { row, amount } of computeSpendInPeriod(computeSpendIndex(data.spend, timeZone), period)) {
    const key = computeSpendKey(row, kind, dominant);
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

/** What, besides the dataset, decides a figure of this file: the key it is kept under for one snapshot. */
function buildMemoKey(what: string, period: Period, settings: MetricSettings, model: AttributionModel): string {
  return [what, period.start, period.end, model, settings.timeZone, settings.grossMargin].join('|');
}

/** The rows of computeRoiRows, shared by every caller of the same snapshot (hence never handed out as they are). */
export function computeSharedRoiRows(
  data: Dataset,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
  kind: AttributionDimension,
): Steps<readonly RoiRow[]> {
  const snapshot = readSnapshot(data);
  return computeOncePerSnapshotInSteps(snapshot, buildMemoKey(`rows:${kind}`, period, settings, model), function* () {
    const rows = yield* accumulateRows(snapshot, period, settings.timeZone, model, kind);
    return [...rows].map(([key, acc]) => buildRow(key, acc, kind, model, settings.grossMargin)).sort(compareRows);
  });
}

/** computeRoiRows in steps (see steps.ts). */
export function* computeRoiRowsInSteps(
  data: Dataset,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
  kind: AttributionDimension,
): Steps<RoiRow[]> {
  const shared = yield* computeSharedRoiRows(data, period, settings, model, kind);
  return shared.map((row) => ({ ...row }));
}

/**
 * ROI per campaign or source in a period: attributed counts and revenue (credits of activity.ts counts under the
 * model), the spend booked to it (every category, prorated), and ROI / ROAS / CPL / CAC from those. Computed once
 * per dataset snapshot and question; each call gets its own copies.
 */
export function computeRoiRows(
  data: Dataset,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
  kind: AttributionDimension,
): RoiRow[] {
  return runAllSteps(computeRoiRowsInSteps(data, period, settings, model, kind));
}

/** The row of a key with no activity and no spend: all zeros, no ratios. */
export function buildEmptyRoiRow(key: string, kind: AttributionDimension, model: AttributionModel, margin: number) {
  return buildRow(key, { ...computeEmptyActivity(), spend: 0, mediaSpend: 0 }, kind, model, margin);
}
