// An open lead's chance to become a customer, and what it is worth, read from the conversion odds.
//
// Each rate is a Beta-Binomial estimate: the team's rate has posterior Beta(k_team + ½, n_team − k_team + ½)
// (Jeffreys prior), and a segment's rate has posterior Beta(k + 30·p_team, n − k + 30·(1 − p_team)), i.e. the team's
// rate weighs like 30 leads of the segment's own. A new campaign gets the team's rate; one with hundreds of settled
// leads mostly its own. The point estimate is the posterior mean; projection-draws.ts draws from the posteriors.

import { type ConversionOdds, REACHED_SLOT, readTally, type WonValues } from './conversion-odds.js';
import { TRANSITIONS } from './types.js';

/**
 * How many of its own leads the team's rate counts for, in a segment's estimate. It also says how different a new
 * campaign may be from the team (±15–20% per stage around a rate of 50–70%). Checked by the backtest: with 30 the
 * 80% intervals hold 81–86% of realised outcomes on cohorts of 15–80 leads (README, Backtest).
 */
export const PRIOR_STRENGTH = 30;
/** Below this many team leads at an age edge, the edge below speaks for it (a young team has no old leads yet). */
export const MIN_TEAM_TALLY = 5;
/** Below this many won deals a segment's values are too few to resample; the team's stand in. */
export const MIN_WON_VALUES = 5;

/** One rate of the chain: which stage and tally slot, and the team's and segment's counts there. */
export interface RateCell {
  stage: number;
  slot: number;
  team: { n: number; k: number };
  own: { n: number; k: number };
}

/** The last age edge at or below `ageDays`. */
export function computeAgeSlot(odds: ConversionOdds, stage: number, ageDays: number): number {
  const edges = odds.edges[stage]!;
  let slot = 0;
  while (slot + 1 < edges.length && edges[slot + 1]! <= ageDays) slot += 1;
  return slot;
}

/**
 * The slot whose counts answer for `slot`: itself when the team has MIN_TEAM_TALLY leads there, else the nearest
 * younger edge that has (a lead older than anything settled is judged like the oldest the team has seen), else the
 * stage's reached counts.
 */
function resolveSlot(odds: ConversionOdds, stage: number, slot: number): number {
  for (let candidate = slot; candidate >= 0; candidate -= 1) {
    if (readTally(odds.team, stage, candidate).n >= MIN_TEAM_TALLY) return candidate;
  }
  return REACHED_SLOT;
}

function buildCell(odds: ConversionOdds, segment: string, stage: number, slot: number): RateCell {
  return {
    stage,
    slot,
    team: readTally(odds.team, stage, slot),
    own: readTally(odds.segments.get(segment), stage, slot),
  };
}

/**
 * The rates whose product is P(customer) for an open lead of `segment` at `stage` (TRANSITIONS index), `ageDays`
 * after reaching it: its own stage at its age, then every later stage from the moment it is reached.
 */
export function computeChanceCells(odds: ConversionOdds, segment: string, stage: number, ageDays: number): RateCell[] {
  const cells = [buildCell(odds, segment, stage, resolveSlot(odds, stage, computeAgeSlot(odds, stage, ageDays)))];
  for (let later = stage + 1; later < TRANSITIONS.length; later += 1) {
    cells.push(buildCell(odds, segment, later, REACHED_SLOT));
  }
  return cells;
}

/** Posterior mean of the team's rate: (k + ½) / (n + 1). */
export function computeTeamRate(team: { n: number; k: number }): number {
  return (team.k + 0.5) / (team.n + 1);
}

/** Posterior mean of a segment's rate, shrunk toward a team rate: (k + 30·p_team) / (n + 30). */
export function computeShrunkRate(own: { n: number; k: number }, teamRate: number): number {
  return (own.k + PRIOR_STRENGTH * teamRate) / (own.n + PRIOR_STRENGTH);
}

/** P(customer) as a point estimate: the product of the cells' posterior means. */
export function computeConversionChance(cells: readonly RateCell[]): number {
  let chance = 1;
  for (const cell of cells) chance *= computeShrunkRate(cell.own, computeTeamRate(cell.team));
  return chance;
}

/** The won values a lead of `segment` without a value of its own is worth: its segment's, or the team's. */
export function readWonValues(odds: ConversionOdds, segment: string): WonValues {
  const own = odds.segmentValues.get(segment);
  return own !== undefined && own.values.length >= MIN_WON_VALUES ? own : odds.teamValues;
}

/**
 * Median days until an open lead becomes a customer, given it has been at its stage `ageDays` without moving: the
 * median of (d − age) over the customers that took d > age days from that stage. 0 when none took that long.
 */
export function computeDaysToClose(odds: ConversionOdds, stage: number, ageDays: number): number {
  const days = odds.daysToCustomer[stage]!;
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (days[middle]! > ageDays) high = middle;
    else low = middle + 1;
  }
  if (low >= days.length) return 0;
  return days[(low + days.length - 1) >> 1]! - ageDays;
}
