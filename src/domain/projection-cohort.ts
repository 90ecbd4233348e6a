// One walk over a period's cohort for the lag-aware ROI: per campaign or source, what its leads have won, which are
// still open (grouped by the chain of rates that prices them), how mature they are, and when money came and is
// expected to come, month by month.

import { computeCredits, computeFirstTouchKey, NO_CAMPAIGN } from './attribution.js';
import {
  computeAgeSlot,
  computeChanceCells,
  computeConversionChance,
  computeDaysToClose,
  readWonValues,
} from './conversion-chance.js';
import { AGE_EDGES, type ConversionOdds, computeSegment, type SegmentDimension } from './conversion-odds.js';
import { DAY_MS } from './local-time.js';
import { buildMonthlyAmounts, findMonthIndex, type MonthLadder, type MonthlyAmounts } from './payback.js';
import type { OpenGroup } from './projection-draws.js';
import { LEADS_PER_CHUNK, type LeadsMemo } from './snapshot-chunks.js';
import type { Steps } from './steps.js';
import { computeFunnelTimeline, type FunnelTimeline } from './timeline.js';
import { type AttributionModel, type Lead, TRANSITIONS } from './types.js';

// Hot loops read these per lead; local copies spare them a lookup through the importing module's bindings.
const STAGE_COUNT = TRANSITIONS.length;
const DAY = DAY_MS;
const CHUNK = LEADS_PER_CHUNK;

/** What one key's cohort holds. */
export interface CohortLedger {
  /** Spend booked to the key in the period (filled in by roi-projection.ts). */
  spend: number;
  leads: number;
  customers: number;
  wonSoFar: number;
  openLeads: number;
  expectedRevenue: number;
  /** Credits of leads decided or older than the usual time to close. */
  mature: number;
  /** The others: when each becomes old enough (pendingAt), with its credit (pendingCredit). */
  pendingAt: number[];
  pendingCredit: number[];
  /** Open leads grouped by segment, then by stage and age slot (index stage × AGE_EDGES + slot). */
  groups: Map<string, (PricedGroup | undefined)[]>;
  monthly: MonthlyAmounts;
}

export interface CohortWalk {
  start: number;
  end: number;
  asOf: number;
  model: AttributionModel;
  dimension: SegmentDimension;
  odds: ConversionOdds;
  ladder: MonthLadder;
}

export function readLedger(ledgers: Map<string, CohortLedger>, key: string, ladder: MonthLadder): CohortLedger {
  let ledger = ledgers.get(key);
  if (!ledger) {
    ledger = {
      ...{ spend: 0, leads: 0, customers: 0, wonSoFar: 0, openLeads: 0, expectedRevenue: 0, mature: 0 },
      pendingAt: [],
      pendingCredit: [],
      groups: new Map(),
      monthly: buildMonthlyAmounts(ladder),
    };
    ledgers.set(key, ledger);
  }
  return ledger;
}

function addToMonth(amounts: Float64Array, ladder: MonthLadder, instant: number, amount: number): void {
  const index = findMonthIndex(ladder, instant);
  if (index >= 0 && index < amounts.length) amounts[index]! += amount;
}

/** Where an open lead stands: the funnel stage it is at (TRANSITIONS index) and for how many days it has been. */
interface OpenLead {
  lead: Lead;
  stage: number;
  reachedAt: number;
  ageDays: number;
}

/** An open group with the chance (point estimate) its chain of rates gives. */
export type PricedGroup = OpenGroup & { chance: number };

/** Every open group of a ledger. */
export function listOpenGroups(ledger: CohortLedger): PricedGroup[] {
  return [...ledger.groups.values()].flatMap((slots) => slots.filter((group) => group !== undefined));
}

/** The group an open lead joins: its segment's, at its stage and age slot (made on first use). */
function readGroup(ledger: CohortLedger, odds: ConversionOdds, segment: string, open: OpenLead): PricedGroup {
  let slots = ledger.groups.get(segment);
  if (!slots) {
    slots = [];
    ledger.groups.set(segment, slots);
  }
  const index = open.stage * AGE_EDGES + computeAgeSlot(odds, open.stage, open.ageDays);
  let group = slots[index];
  if (!group) {
    const cells = computeChanceCells(odds, segment, open.stage, open.ageDays);
    const values = readWonValues(odds, segment);
    group = { segment, cells, values, chance: computeConversionChance(cells), credits: [], ownValues: [] };
    slots[index] = group;
  }
  return group;
}

function addOpenLead(ledger: CohortLedger, walk: CohortWalk, open: OpenLead, credit: number): void {
  const { odds, ladder } = walk;
  const group = readGroup(ledger, odds, computeSegment(open.lead, walk.dimension), open);
  group.credits.push(credit);
  group.ownValues.push(open.lead.value);
  const expected = credit * group.chance * (open.lead.value ?? group.values.mean);
  ledger.openLeads += credit;
  ledger.expectedRevenue += expected;
  const closesAt = walk.asOf + computeDaysToClose(odds, open.stage, open.ageDays) * DAY;
  addToMonth(ledger.monthly.expected, ladder, closesAt, expected);
}

/** An open lead's stage as of asOf: the furthest it had reached by then, and since when. */
function readOpenLead(lead: Lead, at: readonly Float64Array[], i: number, asOf: number): OpenLead {
  let stage = 0;
  for (let s = 1; s < STAGE_COUNT; s += 1) if (at[s]![i]! <= asOf) stage = s;
  const reachedAt = at[stage]![i]!;
  return { lead, stage, reachedAt, ageDays: (asOf - reachedAt) / DAY };
}

/** One cohort lead as it stands at asOf: won (and when), open (and where), or lost; when it becomes mature. */
interface CohortEntry {
  lead: Lead;
  wonAt: number | null;
  open: OpenLead | null;
  matureAt: number;
}

function placeCredit(
  ledgers: Map<string, CohortLedger>,
  walk: CohortWalk,
  entry: CohortEntry,
  key: string,
  credit: number,
) {
  // Credit to "no campaign" is real, but it is not a campaign anyone can invest in.
  if (walk.dimension === 'campaign' && key === NO_CAMPAIGN) return;
  const { lead, wonAt, open, matureAt } = entry;
  const ledger = readLedger(ledgers, key, walk.ladder);
  ledger.leads += credit;
  if (open === null || matureAt <= walk.asOf) ledger.mature += credit;
  else {
    ledger.pendingAt.push(matureAt);
    ledger.pendingCredit.push(credit);
  }
  if (wonAt !== null) {
    ledger.customers += credit;
    ledger.wonSoFar += credit * (lead.value ?? 0);
    addToMonth(ledger.monthly.won, walk.ladder, wonAt, credit * (lead.value ?? 0));
  } else if (open !== null) addOpenLead(ledger, walk, open, credit);
}

/** The cohort leads among positions [from, to) into their keys' ledgers. A plain loop: generators optimise worse. */
function walkRange(
  ledgers: Map<string, CohortLedger>,
  timeline: FunnelTimeline,
  walk: CohortWalk,
  from: number,
  to: number,
) {
  const { leads, at } = timeline;
  const created = at[0]!;
  const won = at[STAGE_COUNT]!;
  const { asOf, start, end } = walk;
  const matureAfter = walk.odds.closeDays * DAY;
  for (let i = from; i < to; i += 1) {
    const createdAt = created[i]!;
    if (!(createdAt >= start && createdAt < end)) continue;
    const lead = leads[i]!;
    const wonAt = won[i]!;
    const isWon = wonAt <= asOf;
    const lost = !isWon && lead.stage === 'lost' && (lead.stageDates.lost ?? Number.POSITIVE_INFINITY) <= asOf;
    const open = isWon || lost ? null : readOpenLead(lead, at, i, asOf);
    const entry = { lead, wonAt: isWon ? wonAt : null, open, matureAt: createdAt + matureAfter };
    if (walk.model === 'first-touch') placeCredit(ledgers, walk, entry, computeFirstTouchKey(lead, walk.dimension), 1);
    else
      for (const [key, credit] of computeCredits(lead, walk.model, walk.dimension)) {
        placeCredit(ledgers, walk, entry, key, credit);
      }
  }
}

/**
 * Every key's ledger for the leads created in [walk.start, walk.end), as they stand at asOf; in steps. `memo`: the
 * snapshot's, when these are its leads (its funnel timeline is then laid out once for every walk).
 */
export function* walkCohort(
  leads: readonly Lead[],
  walk: CohortWalk,
  memo?: LeadsMemo,
): Steps<Map<string, CohortLedger>> {
  const ledgers = new Map<string, CohortLedger>();
  const timeline = computeFunnelTimeline(leads, memo);
  for (let from = 0; from < leads.length; from += CHUNK) {
    walkRange(ledgers, timeline, walk, from, Math.min(leads.length, from + CHUNK));
    yield;
  }
  return ledgers;
}
