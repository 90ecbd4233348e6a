// How lag-aware ROIs are ordered and grouped: the ranking of `/roi` and the digest, the "campaigns to watch" lists.

import type { RoiProjection, RoiVerdict } from './types.js';

const VERDICT_ORDER: Readonly<Record<RoiVerdict, number>> = { paying: 0, losing: 0, 'too-early': 1, 'no-spend': 2 };

/**
 * Judged campaigns first (paying and losing, by projected ROI), then the too-early ones (by projected ROI, in their
 * own group: they are not ranked against judged ones), then those without spend (by revenue won); ties by key.
 */
export function compareRoiProjections(a: RoiProjection, b: RoiProjection): number {
  const group = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  if (group !== 0) return group;
  const roi = (b.projectedRoi ?? 0) - (a.projectedRoi ?? 0);
  if (roi !== 0) return roi;
  if (a.wonSoFar !== b.wonSoFar) return b.wonSoFar - a.wonSoFar;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The campaigns to watch, by verdict (for the App Home tab and summaries), each list in the order given: pass the
 * ranked list computeRoiProjections returns.
 */
export function groupRoiProjections(projections: readonly RoiProjection[]): Record<RoiVerdict, RoiProjection[]> {
  const groups: Record<RoiVerdict, RoiProjection[]> = { paying: [], losing: [], 'too-early': [], 'no-spend': [] };
  for (const projection of projections) groups[projection.verdict].push(projection);
  return groups;
}

/** Paying or losing: judged, so ranked among the others. */
export function isJudged(projection: RoiProjection): boolean {
  return projection.verdict === 'paying' || projection.verdict === 'losing';
}
