// Two records of one company made one. Pure: the surviving lead is computed from both as they are; the store
// records the change and keeps both originals so that an undo can put them back exactly.

import { reachedIndex } from './lifecycle.js';
import { FUNNEL_STAGES, type Lead, type StageDates, type Touch, UNKNOWN_SOURCE } from './types.js';

/**
 * `survivor` keeps its id, name and owner (the lead the person merged into); from both it takes the earliest
 * creation, the first source and campaign (those of the lead created first, unless its source is unknown), every
 * touch in time order (with the other lead's own source or campaign as a touch when they differ), the furthest stage
 * with the earliest date of each stage reached, the channel of the first call, and a value, contact and notes where
 * its own are empty.
 */
export function computeMergedLead(survivor: Lead, merged: Lead, now: number): Lead {
  const [first, second] = isCreatedBefore(merged, survivor) ? [merged, survivor] : [survivor, merged];
  // The first touch is the first lead's, unless nobody knew where it came from: then the other lead's stands in.
  const firstKnown = first.source !== UNKNOWN_SOURCE;
  const source = firstKnown ? first.source : second.source;
  const campaign = first.campaign ?? (firstKnown ? null : second.campaign);
  const staged = pickStageHolder(survivor, merged);
  const other = staged === survivor ? merged : survivor;
  return {
    ...survivor,
    contact: survivor.contact ?? merged.contact,
    source,
    campaign,
    channel: first.channel,
    stage: staged.stage,
    lostFrom: staged.lostFrom,
    lostReason: staged.lostReason,
    value: staged.value ?? other.value,
    createdAt: first.createdAt,
    stageDates: mergeStageDates(staged, other),
    touches: mergeTouches([first, second], { source, campaign }),
    notes: survivor.notes ?? merged.notes,
    updatedAt: now,
  };
}

function isCreatedBefore(a: Lead, b: Lead): boolean {
  return a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
}

/**
 * The lead whose stage the merged record takes: the one that got further in the funnel; at equal progress an open
 * lead wins over a lost one (a new call about a lost lead means it is alive again), else the survivor.
 */
function pickStageHolder(survivor: Lead, merged: Lead): Lead {
  const progress = reachedIndex(survivor) - reachedIndex(merged);
  if (progress !== 0) return progress > 0 ? survivor : merged;
  if (survivor.stage === 'lost' && merged.stage !== 'lost') return merged;
  return survivor;
}

/** The earliest date of each stage up to the holder's progress; the Lost date only when the merged lead is lost. */
function mergeStageDates(holder: Lead, other: Lead): StageDates {
  const reached = reachedIndex(holder);
  const dates: StageDates = {};
  for (const stage of FUNNEL_STAGES.slice(1, reached + 1)) {
    if (stage === 'lead') continue;
    const known = [holder.stageDates[stage], other.stageDates[stage]].filter((at): at is number => at !== undefined);
    if (known.length > 0) dates[stage] = Math.min(...known);
  }
  if (holder.stage === 'lost' && holder.stageDates.lost !== undefined) dates.lost = holder.stageDates.lost;
  return dates;
}

/**
 * Both leads' touches, oldest first and each once, plus each lead's own source and campaign as a touch at its
 * creation when the merged lead does not already carry them as its first touch.
 */
function mergeTouches(leads: readonly [Lead, Lead], kept: { source: string; campaign: string | null }): Touch[] {
  const touches: Touch[] = [];
  for (const lead of leads) {
    const source = lead.source === UNKNOWN_SOURCE || lead.source === kept.source ? null : lead.source;
    const campaign = lead.campaign === kept.campaign ? null : lead.campaign;
    if (source !== null || campaign !== null) touches.push({ source, campaign, at: lead.createdAt });
    touches.push(...lead.touches);
  }
  const seen = new Set<string>();
  return touches
    .filter((touch) => {
      const key = `${touch.source ?? ''}|${touch.campaign ?? ''}|${touch.at}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.at - b.at);
}
