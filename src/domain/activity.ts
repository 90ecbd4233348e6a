// What one lead did inside a period: the counts every ROI figure adds up (plainly for KPIs, weighted for attribution).

import { type FunnelTimeline, STAGE_INDEX } from './timeline.js';
import type { FunnelStage, Period } from './types.js';

/**
 * Activity in a period. `leads` is the cohort (created in the period); mqls … customers count leads that first
 * reached that stage within the period (a skipped stage is reached by the move that skipped it), so cost per MQL
 * divides the period's spend by the period's MQLs; `revenue` is the value of leads that became customers in it.
 */
export interface StageActivity {
  leads: number;
  mqls: number;
  sqls: number;
  opportunities: number;
  customers: number;
  revenue: number;
}

export function computeEmptyActivity(): StageActivity {
  return { leads: 0, mqls: 0, sqls: 0, opportunities: 0, customers: 0, revenue: 0 };
}

function reachedIn(timeline: FunnelTimeline, stage: FunnelStage, i: number, period: Period): number {
  const at = timeline.at[STAGE_INDEX[stage]]![i]!;
  return at >= period.start && at < period.end ? 1 : 0;
}

/** Lead i's activity in the period, or null when it did nothing there (most leads, for a week). */
export function computeLeadActivity(timeline: FunnelTimeline, i: number, period: Period): StageActivity | null {
  const leads = reachedIn(timeline, 'lead', i, period);
  const mqls = reachedIn(timeline, 'mql', i, period);
  const sqls = reachedIn(timeline, 'sql', i, period);
  const opportunities = reachedIn(timeline, 'opportunity', i, period);
  const customers = reachedIn(timeline, 'customer', i, period);
  if (leads + mqls + sqls + opportunities + customers === 0) return null;
  const revenue = customers === 1 ? (timeline.leads[i]!.value ?? 0) : 0;
  return { leads, mqls, sqls, opportunities, customers, revenue };
}

/** Adds `weight` × activity into the running total (weight = a lead's attribution credit, 1 for plain counts). */
export function addActivity(total: StageActivity, activity: StageActivity, weight = 1): void {
  total.leads += activity.leads * weight;
  total.mqls += activity.mqls * weight;
  total.sqls += activity.sqls * weight;
  total.opportunities += activity.opportunities * weight;
  total.customers += activity.customers * weight;
  total.revenue += activity.revenue * weight;
}
