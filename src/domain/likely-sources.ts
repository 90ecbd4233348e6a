// Which sources the question to the rep offers as buttons: the tracked one first (a caller often confirms it), then
// the team's most common sources of the last 90 days, then the catalog's, so a new team still gets useful buttons.

import { SOURCE_SLUGS } from './catalog.js';
import { DAY_MS } from './local-time.js';
import { type Lead, UNKNOWN_SOURCE } from './types.js';

const RECENT_DAYS = 90;

/** The team's sources of the last 90 days, most used first (ties by name). Reads every lead: callers keep it a while. */
export function computeCommonSources(leads: readonly Lead[], now: number): string[] {
  const since = now - RECENT_DAYS * DAY_MS;
  const counts = new Map<string, number>();
  for (const lead of leads) {
    if (lead.createdAt < since || lead.source === UNKNOWN_SOURCE) continue;
    counts.set(lead.source, (counts.get(lead.source) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([source]) => source);
}

export function rankLikelySources(common: readonly string[], tracked: string | null, limit: number): string[] {
  const ranked = [tracked, ...common, ...SOURCE_SLUGS].filter(
    (source): source is string => source !== null && source !== UNKNOWN_SOURCE && source !== 'other',
  );
  return [...new Set(ranked)].slice(0, limit);
}
