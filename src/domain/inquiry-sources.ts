// Tracked vs said. A tracking number (or the UTM values of a web form) says where an inquiry came from; the caller
// says where they heard of us. Both are kept on the lead; attribution uses what the caller said once the rep has
// answered, the tracked source otherwise, and every figure names which one it used.

import { normalizeCampaign, resolveSource } from './catalog.js';
import { type Lead, type TrackingNumber, UNKNOWN_SOURCE } from './types.js';

export interface TrackedSource {
  source: string | null;
  campaign: string | null;
  /** What gave it: the tracking number's mapping, the UTM values, or nothing. */
  via: 'number' | 'utm' | null;
  /** A tracking number came with the inquiry but no mapping has it (`/roi number` adds one). */
  unmappedNumber: boolean;
}

export interface TrackingInput {
  /** E.164, already parsed at the boundary; null when none came. */
  trackingNumber: string | null;
  utmSource: string | null;
  utmCampaign: string | null;
}

/** Same-number mappings may be duplicated by Notion edits: the oldest id wins, as for spend keys. */
export function findTrackingNumber(numbers: readonly TrackingNumber[], e164: string): TrackingNumber | null {
  let found: TrackingNumber | null = null;
  for (const candidate of numbers) {
    if (candidate.number === e164 && (found === null || candidate.id < found.id)) found = candidate;
  }
  return found;
}

/**
 * The number's mapping first (a call to the Thomasnet number came from Thomasnet, whatever the landing page said),
 * then the UTM values. A UTM source is taken only when it is a catalog source or alias (`google`, `adwords` →
 * google-ads): an unknown word is never made into a source.
 */
export function resolveTrackedSource(
  input: TrackingInput,
  numbers: readonly TrackingNumber[],
  customSources: readonly string[] = [],
): TrackedSource {
  const mapped = input.trackingNumber === null ? null : findTrackingNumber(numbers, input.trackingNumber);
  const unmappedNumber = input.trackingNumber !== null && mapped === null;
  if (mapped !== null && (mapped.source !== null || mapped.campaign !== null)) {
    return { source: mapped.source, campaign: mapped.campaign, via: 'number', unmappedNumber };
  }
  const utmSource = input.utmSource === null ? null : resolveSource(input.utmSource, customSources);
  const source = utmSource?.kind === 'exact' && utmSource.slug !== UNKNOWN_SOURCE ? utmSource.slug : null;
  const utmCampaign = input.utmCampaign === null ? null : normalizeCampaign(input.utmCampaign);
  const campaign = utmCampaign?.ok ? utmCampaign.value : null;
  const via = source !== null || campaign !== null ? 'utm' : null;
  return { source, campaign, via, unmappedNumber };
}

export type AttributionBasis = 'said' | 'tracked' | 'logged' | 'unknown';

/** Which of the lead's sources its Source (the one attribution uses) is. */
export function decideAttributionBasis(lead: Lead): AttributionBasis {
  if (lead.source === UNKNOWN_SOURCE) return 'unknown';
  if (lead.reportedSource === lead.source) return 'said';
  if (lead.trackedSource === lead.source && lead.reportedSource === undefined) return 'tracked';
  return 'logged';
}

/**
 * A lead after an inquiry with a tracked source. The first tracked source stays the lead's (its first touch); a
 * later inquiry through another number or campaign is a touch. The lead's Source takes the tracked one only while
 * nothing better is known: nobody answered, and no rep logged one.
 */
export function applyTrackedSource(lead: Lead, tracked: TrackedSource, at: number): Lead {
  if (tracked.source === null && tracked.campaign === null) return lead;
  if (lead.trackedSource === undefined && lead.trackedCampaign === undefined) {
    const next: Lead = { ...lead };
    if (tracked.source !== null) next.trackedSource = tracked.source;
    if (tracked.campaign !== null) next.trackedCampaign = tracked.campaign;
    if (lead.source === UNKNOWN_SOURCE && tracked.source !== null) next.source = tracked.source;
    if (lead.campaign === null && tracked.campaign !== null) next.campaign = tracked.campaign;
    return next;
  }
  if (tracked.source === lead.trackedSource && tracked.campaign === (lead.trackedCampaign ?? null)) return lead;
  const touch = { source: tracked.source, campaign: tracked.campaign, at };
  const index = lead.touches.findIndex((existing) => existing.at > at);
  const touches = [...lead.touches];
  touches.splice(index === -1 ? touches.length : index, 0, touch);
  return { ...lead, touches };
}

/** True when the bot still wants to know where the caller heard of us. */
export function needsSaidSource(lead: Lead): boolean {
  if (lead.reportedSource !== undefined) return false;
  return lead.source === UNKNOWN_SOURCE || lead.trackedSource !== undefined;
}
