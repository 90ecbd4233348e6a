// What the App Home tab lists for one person: their own leads still missing a source (the source is best asked for
// right after the call, so the newest come first) and their open leads stuck at a stage, that is, sitting there
// longer than 9 in 10 leads take to move on (the leak detector's maturity for that stage: its p90 time to convert).

import { computeLeadRef } from './digest-sections.js';
import { DAY_MS } from './local-time.js';
import { forEachInSteps, type Steps } from './steps.js';
import { type Lead, type LeadRef, TRANSITIONS, type TransitionFrom, UNKNOWN_SOURCE } from './types.js';

/** How many leads each list of the Home tab shows; the rest are counted. */
export const OWN_LEADS_LIMIT = 8;

/** The stage's usual time to move on when the leak detector has none (the detector's own default). */
export const DEFAULT_STUCK_DAYS = 30;

export interface StuckLead extends LeadRef {
  /** Whole days at the current stage. */
  days: number;
  /** Days by which 9 in 10 leads move on from that stage. */
  usualDays: number;
}

export interface OwnLeads {
  withoutSource: LeadRef[];
  withoutSourceCount: number;
  stuck: StuckLead[];
  stuckCount: number;
}

const isOpenStage = (stage: Lead['stage']): stage is TransitionFrom =>
  (TRANSITIONS as readonly string[]).includes(stage);

/**
 * The lists for `ownerId` as of `asOf`. `usualDays` gives each stage's time to move on (missing stages use
 * DEFAULT_STUCK_DAYS). Lost leads are left out of both lists: nobody will ask them where they heard of us.
 */
export function* computeOwnLeadsInSteps(
  leads: readonly Lead[],
  ownerId: string,
  asOf: number,
  usualDays: Partial<Record<TransitionFrom, number>>,
): Steps<OwnLeads> {
  const withoutSource: LeadRef[] = [];
  const stuck: StuckLead[] = [];
  yield* forEachInSteps(leads.length, (i) => {
    const lead = leads[i]!;
    if (lead.ownerId !== ownerId || lead.stage === 'lost') return;
    if (lead.source === UNKNOWN_SOURCE) withoutSource.push(computeLeadRef(lead));
    if (!isOpenStage(lead.stage)) return;
    const ref = computeLeadRef(lead);
    const days = Math.floor((asOf - ref.since) / DAY_MS);
    const usual = usualDays[lead.stage] ?? DEFAULT_STUCK_DAYS;
    if (days > usual) stuck.push({ ...ref, days, usualDays: usual });
  });
  withoutSource.sort((a, b) => b.since - a.since || a.company.localeCompare(b.company));
  stuck.sort((a, b) => b.days - b.usualDays - (a.days - a.usualDays) || a.company.localeCompare(b.company));
  return {
    withoutSource: withoutSource.slice(0, OWN_LEADS_LIMIT),
    withoutSourceCount: withoutSource.length,
    stuck: stuck.slice(0, OWN_LEADS_LIMIT),
    stuckCount: stuck.length,
  };
}
