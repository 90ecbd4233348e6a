// What every ROI answer says beside its numbers: the attribution model, the margin, what lag-aware figures are.

import { sourceLabel } from '../../domain/catalog.js';
import { formatPercent } from '../../domain/money.js';
import type { AttributionModel, MetricSettings, RoiProjection } from '../../domain/types.js';

export const MODEL_LABELS: Record<AttributionModel, string> = {
  'first-touch': 'first touch',
  'last-touch': 'last touch',
  linear: 'linear',
  'u-shaped': 'U-shaped',
};

/** What the lag-aware figures are, said once under every answer that shows them. */
export const LAG_NOTE =
  'Judged on the leads it brought in during the period: revenue won so far, projected with what its open leads ' +
  'are expected to bring (their chance to close, from your own history; 80% interval)';

export function buildMarginNote(settings: MetricSettings): string {
  return settings.grossMargin === 1
    ? 'ROI = (revenue − cost) / cost'
    : `ROI = (revenue × ${formatPercent(settings.grossMargin)} margin − cost) / cost`;
}

/** The name a row goes by: a source's label, a campaign's own name. */
export function buildRoiKeyName(key: string, kind: RoiProjection['kind']): string {
  return kind === 'source' ? sourceLabel(key) : key;
}
