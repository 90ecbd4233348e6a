// The ROI card of one campaign: its ROI row and the funnel of the leads it brought in (for `/roi <campaign>`).

import { computeFunnelCounts, computeFunnelCountsByCampaignInSteps, computeTransitionRates } from './funnel.js';
import { buildEmptyRoiRow, computeSharedRoiRows } from './roi-rows.js';
import { readSnapshot } from './snapshot.js';
import { computeOncePerSnapshotInSteps } from './snapshot-memo.js';
import { runAllSteps, type Steps } from './steps.js';
import type {
  AttributionModel,
  Dataset,
  FunnelCounts,
  MetricSettings,
  Period,
  RoiRow,
  TransitionRate,
} from './types.js';

/** A campaign's ROI row plus the funnel of the leads it brought in (for `/roi <campaign>`). */
export interface CampaignCard {
  row: RoiRow;
  funnel: FunnelCounts[];
  transitions: TransitionRate[];
}

/** computeCampaignCard in steps (see steps.ts). */
export function* computeCampaignCardInSteps(
  data: Dataset,
  campaign: string,
  period: Period,
  settings: MetricSettings,
  model: AttributionModel,
): Steps<CampaignCard> {
  const snapshot = readSnapshot(data);
  const rows = yield* computeSharedRoiRows(snapshot, period, settings, model, 'campaign');
  const shared = rows.find((row) => row.key === campaign);
  const row = shared ? { ...shared } : buildEmptyRoiRow(campaign, 'campaign', model, settings.grossMargin);
  // The funnels of every campaign come from one pass over the period's cohort, kept for the snapshot.
  const funnels = yield* computeOncePerSnapshotInSteps(snapshot, `funnels|${period.start}|${period.end}`, () =>
    computeFunnelCountsByCampaignInSteps(snapshot.leads, period, snapshot.memo.leadsMemo),
  );
  const counts = funnels.get(campaign);
  const funnel = counts ? counts.map((stage) => ({ ...stage })) : computeFunnelCounts([]);
  return { row, funnel, transitions: computeTransitionRates(funnel) };
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
  return runAllSteps(computeCampaignCardInSteps(data, campaign, period, settings, model));
}
