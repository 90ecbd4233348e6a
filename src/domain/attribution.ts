// Multi-touch attribution: how one lead's credit (always exactly 1) is shared among the sources or campaigns it met.

import type { AttributionModel, Lead, Touch } from './types.js';

/** The campaign key of a touch (or lead) with no campaign: credit that belongs to no marketing effort. */
export const NO_CAMPAIGN = '(none)';

export type AttributionDimension = 'source' | 'campaign';

/**
 * The touches that count for a lead: its first touch {lead.source, lead.campaign, createdAt}, then lead.touches in
 * time order, keeping only touches at or before the moment it became a customer (later touches could not have
 * influenced the win). A lead that is not a customer keeps all of them.
 */
export function computeTouchPath(lead: Lead): Touch[] {
  const first: Touch = { source: lead.source, campaign: lead.campaign, at: lead.createdAt };
  const wonAt = lead.stageDates.customer;
  const later = lead.touches.filter((touch) => wonAt === undefined || touch.at <= wonAt).sort((a, b) => a.at - b.at);
  return [first, ...later];
}

/**
 * Keys of the touches along one dimension. For 'campaign', a touch without a campaign counts as NO_CAMPAIGN. For
 * 'source', a touch without a source (a campaign-only touch) is left out: it names no source to credit, and crediting
 * 'unknown' would blame the team's source capture for a touch that was never about a source. The first touch always
 * has a source (lead.source), so the list is never empty.
 */
function touchKeys(path: readonly Touch[], dimension: AttributionDimension): string[] {
  if (dimension === 'campaign') return path.map((touch) => touch.campaign ?? NO_CAMPAIGN);
  return path.flatMap((touch) => (touch.source === null ? [] : [touch.source]));
}

/** The lead's own Source or Campaign: the key that takes all the credit under first touch. */
export function computeFirstTouchKey(lead: Lead, dimension: AttributionDimension): string {
  return dimension === 'source' ? lead.source : (lead.campaign ?? NO_CAMPAIGN);
}

/**
 * Weight of each position in a path of n touches (weights sum to 1):
 * - first-touch: all to the first; last-touch: all to the last; linear: 1/n each;
 * - u-shaped: n = 1 → 1; n = 2 → 0.5 / 0.5; n ≥ 3 → 0.4 first, 0.4 last, 0.2 / (n − 2) to each middle touch.
 */
export function computePositionWeights(n: number, model: AttributionModel): number[] {
  if (n <= 0) return [];
  const weights = new Array<number>(n).fill(0);
  if (model === 'first-touch') weights[0] = 1;
  else if (model === 'last-touch') weights[n - 1] = 1;
  else if (model === 'linear' || n <= 2) weights.fill(1 / n);
  else {
    weights.fill(0.2 / (n - 2));
    weights[0] = 0.4;
    weights[n - 1] = 0.4;
  }
  return weights;
}

/**
 * Credit per source or campaign for one lead under one model; repeated keys are merged. The credits of a lead sum to 1
 * (up to floating-point rounding), so attributed leads, customers and revenue add up to the real totals.
 */
export function computeCredits(
  lead: Lead,
  model: AttributionModel,
  dimension: AttributionDimension,
): Map<string, number> {
  // First touch needs no path: the common default stays cheap on 100k leads.
  if (model === 'first-touch') return new Map([[computeFirstTouchKey(lead, dimension), 1]]);
  const credits = new Map<string, number>();
  const keys = touchKeys(computeTouchPath(lead), dimension);
  const weights = computePositionWeights(keys.length, model);
  keys.forEach((key, index) => {
    const weight = weights[index]!;
    // A touch the model gives nothing must not appear at all (it would make an empty ROI row).
    if (weight > 0) credits.set(key, (credits.get(key) ?? 0) + weight);
  });
  return credits;
}
