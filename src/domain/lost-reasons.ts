// Why leads were lost, totalled per stage they were lost from. Reasons are typed by people ("Price", "price.",
// "  price "), so they are compared normalised: whitespace collapsed, case folded, trailing punctuation dropped.
// A lost lead without a reason counts too, as "no reason given": a stage where nobody says why is a finding itself.

import { FUNNEL_STAGES, type FunnelStage, type Lead } from './types.js';

/** Reasons listed per stage before the rest are summed up. */
export const LOST_REASON_TOP = 3;

export interface LostReasonTotal {
  /** The reason as most often spelled; null for the leads lost without a reason. */
  reason: string | null;
  count: number;
  /** Summed value of those leads (their expected deal value; a lead without one adds 0). */
  value: number;
}

export interface LostReasonsAtStage {
  stage: FunnelStage;
  lost: number;
  value: number;
  /** Most leads first, then most value, then the reason's name; at most `top`. */
  reasons: LostReasonTotal[];
  /** Reasons beyond the top ones, and how many leads they hold. */
  otherReasons: number;
  otherLeads: number;
}

/** A reason as written, without its stray spacing and trailing punctuation. */
function tidyReason(reason: string): string {
  return reason
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.!?,;:]+$/, '');
}

/** The key a reason is compared by; null when nothing is left of it. */
export function normalizeLostReason(reason: string | null): string | null {
  const key = reason === null ? '' : tidyReason(reason).toLowerCase();
  return key === '' ? null : key;
}

interface ReasonGroup {
  count: number;
  value: number;
  /** Each spelling seen (tidied, case kept), with how many leads used it, in the order first seen. */
  spellings: Map<string, number>;
}

function addToGroup(groups: Map<string | null, ReasonGroup>, lead: Lead): void {
  const key = normalizeLostReason(lead.lostReason);
  let group = groups.get(key);
  if (!group) {
    group = { count: 0, value: 0, spellings: new Map() };
    groups.set(key, group);
  }
  group.count += 1;
  group.value += lead.value ?? 0;
  if (key !== null) {
    const spelling = tidyReason(lead.lostReason ?? '');
    group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
  }
}

/** The spelling most leads used; the first seen among equals. */
function pickSpelling(spellings: Map<string, number>): string | null {
  let best: [string, number] | null = null;
  for (const entry of spellings) if (best === null || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

function compareTotals(a: LostReasonTotal, b: LostReasonTotal): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.value !== b.value) return b.value - a.value;
  // "No reason given" goes after a named reason of the same weight: the named one says more.
  if (a.reason === null || b.reason === null) return a.reason === null ? 1 : -1;
  const [x, y] = [a.reason.toLowerCase(), b.reason.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

function summarizeStage(stage: FunnelStage, groups: Map<string | null, ReasonGroup>, top: number): LostReasonsAtStage {
  const totals = [...groups.values()]
    .map(({ count, value, spellings }) => ({ reason: pickSpelling(spellings), count, value }))
    .sort(compareTotals);
  const rest = totals.slice(top);
  return {
    stage,
    lost: totals.reduce((sum, row) => sum + row.count, 0),
    value: totals.reduce((sum, row) => sum + row.value, 0),
    reasons: totals.slice(0, top),
    otherReasons: rest.length,
    otherLeads: rest.reduce((sum, row) => sum + row.count, 0),
  };
}

/**
 * The lost leads among `leads`, per stage they were lost from (funnel order; stages nobody was lost from are left
 * out), each with its `top` reasons. A lost lead that does not know its stage (an edit made in Notion) counts as
 * lost from Lead, as the lifecycle treats it.
 */
export function computeLostReasons(leads: readonly Lead[], top = LOST_REASON_TOP): LostReasonsAtStage[] {
  const byStage = new Map<FunnelStage, Map<string | null, ReasonGroup>>();
  for (const lead of leads) {
    if (lead.stage !== 'lost') continue;
    const stage = lead.lostFrom ?? 'lead';
    let groups = byStage.get(stage);
    if (!groups) {
      groups = new Map();
      byStage.set(stage, groups);
    }
    addToGroup(groups, lead);
  }
  return FUNNEL_STAGES.flatMap((stage) => {
    const groups = byStage.get(stage);
    return groups ? [summarizeStage(stage, groups, top)] : [];
  });
}
