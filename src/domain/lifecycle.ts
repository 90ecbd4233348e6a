// How a lead moves through the funnel. Pure: every change returns a new Lead and the caller records the event.

import { FUNNEL_STAGES, type FunnelStage, type Lead, type Parsed, type Stage } from './types.js';

export function stageIndex(stage: FunnelStage): number {
  return FUNNEL_STAGES.indexOf(stage);
}

/** The furthest funnel stage the lead ever reached: skipped stages count, and a lost lead keeps what it reached. */
export function reachedIndex(lead: Lead): number {
  const current = lead.stage === 'lost' ? (lead.lostFrom ? stageIndex(lead.lostFrom) : 0) : stageIndex(lead.stage);
  // A dated stage was reached. Read by name, furthest first: the funnel timeline asks this of every lead of the book,
  // and a read by a computed key on 100k differently shaped date objects costs several times more.
  const dates = lead.stageDates;
  if (dates.customer !== undefined) return Math.max(current, 4);
  if (dates.opportunity !== undefined) return Math.max(current, 3);
  if (dates.sql !== undefined) return Math.max(current, 2);
  if (dates.mql !== undefined) return Math.max(current, 1);
  return current;
}

export function hasReached(lead: Lead, stage: FunnelStage): boolean {
  return reachedIndex(lead) >= stageIndex(stage);
}

/** Where the lead stands in the funnel now: its stage, or for a lost lead the stage it was lost from. */
function currentFunnelStage(lead: Lead): FunnelStage {
  return lead.stage === 'lost' ? (lead.lostFrom ?? 'lead') : lead.stage;
}

function moveToLost(lead: Lead, at: number, lostReason: string | null): Lead {
  return {
    ...lead,
    stage: 'lost',
    lostFrom: currentFunnelStage(lead),
    lostReason,
    stageDates: { ...lead.stageDates, lost: at },
  };
}

/** A forward move dates the target and every stage it skipped, keeping any first date already there. */
function moveInFunnel(lead: Lead, to: FunnelStage, at: number): Lead {
  const { lost: _reopened, ...stageDates } = lead.stageDates;
  const from = stageIndex(currentFunnelStage(lead));
  for (const stage of FUNNEL_STAGES.slice(from + 1, stageIndex(to) + 1)) {
    if (stage !== 'lead' && stageDates[stage] === undefined) stageDates[stage] = at;
  }
  return { ...lead, stage: to, lostFrom: null, lostReason: null, stageDates };
}

/**
 * The lead after a stage change at `at`. Backward moves keep every date (the history stays true); leaving Lost
 * clears the loss. Moving to the stage the lead is already at returns the very same object, so the caller can say
 * "already at …" by comparing identities.
 */
export function applyStageChange(
  lead: Lead,
  to: Stage,
  at: number,
  opts: { value?: number | null; lostReason?: string | null } = {},
): Lead {
  if (to === lead.stage) return lead;
  const moved = to === 'lost' ? moveToLost(lead, at, opts.lostReason ?? null) : moveInFunnel(lead, to, at);
  return { ...moved, value: opts.value === undefined ? lead.value : opts.value, updatedAt: at };
}

const STAGE_WORDS: Readonly<Record<string, Stage>> = {
  lead: 'lead',
  mql: 'mql',
  sql: 'sql',
  opportunity: 'opportunity',
  opp: 'opportunity',
  customer: 'customer',
  won: 'customer',
  lost: 'lost',
};

export function parseStage(text: string): Parsed<Stage> {
  const word = text.trim().toLowerCase();
  const stage = Object.hasOwn(STAGE_WORDS, word) ? STAGE_WORDS[word] : undefined;
  if (stage) return { ok: true, value: stage };
  const shown = word === '' ? 'A stage is missing' : `"${text.trim()}" is not a stage`;
  return { ok: false, error: `${shown}: use lead, mql, sql, opportunity (or opp), customer (or won) or lost.` };
}

/** Every field of a Lead, so a diff cannot silently miss one added later (the compiler checks this list). */
const LEAD_FIELDS: Readonly<Record<keyof Lead, true>> = {
  id: true,
  company: true,
  contact: true,
  source: true,
  campaign: true,
  channel: true,
  stage: true,
  lostFrom: true,
  value: true,
  ownerId: true,
  ownerName: true,
  createdAt: true,
  stageDates: true,
  touches: true,
  lostReason: true,
  notes: true,
  updatedAt: true,
  trackedSource: true,
  trackedCampaign: true,
  reportedSource: true,
};

/** Structural equality of plain data; an absent key equals an undefined one. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(aRecord), ...Object.keys(bRecord)]);
  for (const key of keys) if (!sameData(aRecord[key], bRecord[key])) return false;
  return true;
}

function copyField<K extends keyof Lead>(target: Partial<Lead>, source: Lead, key: K): void {
  target[key] = structuredClone(source[key]);
}

/** The fields that differ, before and after: what a lead event records. */
export function diffLead(before: Lead, after: Lead): { before: Partial<Lead>; after: Partial<Lead> } {
  const diff: { before: Partial<Lead>; after: Partial<Lead> } = { before: {}, after: {} };
  for (const key of Object.keys(LEAD_FIELDS) as (keyof Lead)[]) {
    if (sameData(before[key], after[key])) continue;
    copyField(diff.before, before, key);
    copyField(diff.after, after, key);
  }
  return diff;
}
