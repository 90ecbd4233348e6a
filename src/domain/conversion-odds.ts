// What the team's own history says about an open lead's chance to become a customer, learnt per stage and per age.
//
// For each transition (stage s → the next stage), from every lead that reached s by asOf:
//   horizon  H_s = p90 of observed days from s to the next stage (30 days with fewer than 10 samples), as leak.ts;
//   ages     edges 0, p25, p50, p75, p90 of those days, 2 × p90 and 4 × p90 (a lead that old has usually gone quiet);
//   open     per edge e: leads still at s (not moved on, not lost) e days after reaching it, and how many of them
//            went on to the next stage. Only leads that reached s at least e + H_s days before asOf count, so a lead
//            whose conversion may still come is never counted as a failure;
//   reached  leads that reached s at least H_s days before asOf, and how many went on to the next stage.
// An open lead at stage s, a days after reaching it, becomes a customer with probability
//   P = open rate at the last edge ≤ a × reached rate of every later stage
// (conversion-chance.ts), each rate taken for the lead's segment (its campaign or source) and shrunk toward the team.

import { NO_CAMPAIGN } from './attribution.js';
import { FALLBACK_MATURITY_DAYS, MIN_MATURITY_SAMPLES } from './leak-history.js';
import { DAY_MS } from './local-time.js';
import { LEADS_PER_CHUNK } from './snapshot-chunks.js';
import { quantile } from './stats.js';
import type { Steps } from './steps.js';
import { computeFunnelTimeline } from './timeline.js';
import { type Lead, TRANSITIONS } from './types.js';

/** The dimension a projection is asked along; a lead's segment is its own campaign or source. */
export type SegmentDimension = 'campaign' | 'source';

/** Age edges per stage: 0, the p25, p50, p75 and p90 of days to convert, twice and four times the p90. */
export const AGE_EDGES = 7;
/** The tally slot after the age edges: every lead that reached the stage, whatever its age. */
export const REACHED_SLOT = AGE_EDGES;
const SLOTS = AGE_EDGES + 1;
// Hot loops read these per lead; local copies spare them a lookup through the importing module's bindings.
const STAGE_COUNT = TRANSITIONS.length;
const DAY = DAY_MS;
const CHUNK = LEADS_PER_CHUNK;
/** Below this many customers the p90 of days to close is noise, and FALLBACK_CLOSE_DAYS stands in. */
export const FALLBACK_CLOSE_DAYS = 4 * FALLBACK_MATURITY_DAYS;

/** n leads that could have moved on, k that did; flat per stage and slot: [(stage × SLOTS + slot) × 2] = n, +1 = k. */
export type Tallies = Float64Array;

export interface WonValues {
  values: readonly number[];
  mean: number;
  sd: number;
}

export interface ConversionOdds {
  asOf: number;
  /** Per stage (TRANSITIONS order): age edges in days, strictly increasing from 0. */
  edges: readonly (readonly number[])[];
  /** Per stage: H_s, the p90 of days to the next stage. */
  horizonDays: readonly number[];
  team: Tallies;
  segments: ReadonlyMap<string, Tallies>;
  teamValues: WonValues;
  segmentValues: ReadonlyMap<string, WonValues>;
  /** Days from creation by which a lead has usually closed: p90 of created → customer (FALLBACK_CLOSE_DAYS). */
  closeDays: number;
  /** Per stage: days from reaching it to becoming a customer, for every customer that passed through it, sorted. */
  daysToCustomer: readonly Float64Array[];
}

export function computeSegment(lead: Lead, dimension: SegmentDimension): string {
  return dimension === 'source' ? lead.source : (lead.campaign ?? NO_CAMPAIGN);
}

function buildEdges(samples: Float64Array): { edges: number[]; horizon: number } {
  const enough = samples.length >= MIN_MATURITY_SAMPLES;
  const at = (q: number) => (enough ? (quantile(samples, q) ?? 0) : FALLBACK_MATURITY_DAYS * (q / 0.9));
  const horizon = at(0.9);
  const edges = [0];
  for (const edge of [at(0.25), at(0.5), at(0.75), horizon, 2 * horizon, 4 * horizon]) {
    if (edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { edges, horizon };
}

function addTally(tallies: Tallies, stage: number, slot: number, converted: boolean): void {
  const index = (stage * SLOTS + slot) * 2;
  tallies[index]! += 1;
  if (converted) tallies[index + 1]! += 1;
}

export function readTally(tallies: Tallies | undefined, stage: number, slot: number): { n: number; k: number } {
  if (tallies === undefined) return { n: 0, k: 0 };
  const index = (stage * SLOTS + slot) * 2;
  return { n: tallies[index]!, k: tallies[index + 1]! };
}

function buildWonValues(values: number[]): WonValues {
  const mean = values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance =
    values.length < 2 ? 0 : values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { values, mean, sd: Math.sqrt(variance) };
}

interface Learning {
  edges: number[][];
  horizonDays: number[];
  team: Tallies;
  segments: Map<string, Tallies>;
  values: Map<string, number[]>;
  teamValues: number[];
}

/** Adds one lead's history to the tallies of the team and of its segment. */
function learnLead(
  learning: Learning,
  lead: Lead,
  at: readonly Float64Array[],
  i: number,
  asOf: number,
  segment: string,
) {
  const lostAt = lead.stage === 'lost' && (lead.stageDates.lost ?? Number.POSITIVE_INFINITY) <= asOf;
  const exitByLoss = lostAt ? lead.stageDates.lost! : Number.POSITIVE_INFINITY;
  let own = learning.segments.get(segment);
  for (let s = 0; s < STAGE_COUNT; s += 1) {
    const reachedAt = at[s]![i]!;
    if (!(reachedAt <= asOf)) break;
    const nextAt = at[s + 1]![i]!;
    const converted = nextAt <= asOf;
    const exitAt = Math.min(converted ? nextAt : Number.POSITIVE_INFINITY, exitByLoss);
    const ageDays = (asOf - reachedAt) / DAY;
    const horizon = learning.horizonDays[s]!;
    if (ageDays < horizon) break;
    if (!own) {
      own = new Float64Array(STAGE_COUNT * SLOTS * 2);
      learning.segments.set(segment, own);
    }
    addTally(learning.team, s, REACHED_SLOT, converted);
    addTally(own, s, REACHED_SLOT, converted);
    const edges = learning.edges[s]!;
    for (let b = 0; b < edges.length && ageDays >= edges[b]! + horizon; b += 1) {
      if (exitAt <= reachedAt + edges[b]! * DAY) break;
      addTally(learning.team, s, b, converted);
      addTally(own, s, b, converted);
    }
  }
  const wonAt = at[STAGE_COUNT]![i]!;
  if (wonAt <= asOf && lead.value !== null) {
    learning.teamValues.push(lead.value);
    const values = learning.values.get(segment);
    if (values) values.push(lead.value);
    else learning.values.set(segment, [lead.value]);
  }
}

/**
 * Per stage, sorted: days from reaching it to reaching the next stage (same-instant moves left out, as in
 * funnel.computeConversionDays), and days from reaching it to becoming a customer. Typed arrays sort numerically
 * without a comparator, which matters at 100k leads.
 */
function collectDays(
  at: readonly Float64Array[],
  asOf: number,
): { toNext: Float64Array[]; toCustomer: Float64Array[] } {
  const size = at[0]!.length;
  const won = at[STAGE_COUNT]!;
  const toNext = Array.from({ length: STAGE_COUNT }, () => new Float64Array(size));
  const toCustomer = Array.from({ length: STAGE_COUNT }, () => new Float64Array(size));
  const nextCount = new Array<number>(STAGE_COUNT).fill(0);
  const customerCount = new Array<number>(STAGE_COUNT).fill(0);
  for (let s = 0; s < STAGE_COUNT; s += 1) {
    const reached = at[s]!;
    const next = at[s + 1]!;
    for (let i = 0; i < size; i += 1) {
      const from = reached[i]!;
      if (next[i]! <= asOf && from < next[i]!) toNext[s]![nextCount[s]!++] = (next[i]! - from) / DAY;
      if (won[i]! <= asOf && from < won[i]!) toCustomer[s]![customerCount[s]!++] = (won[i]! - from) / DAY;
    }
  }
  return {
    toNext: toNext.map((days, s) => days.slice(0, nextCount[s]).sort()),
    toCustomer: toCustomer.map((days, s) => days.slice(0, customerCount[s]).sort()),
  };
}

/** The conversion odds of every lead's history as of asOf, by segment along `dimension`, in steps. */
export function* computeConversionOddsInSteps(
  leads: readonly Lead[],
  asOf: number,
  dimension: SegmentDimension,
): Steps<ConversionOdds> {
  const timeline = computeFunnelTimeline(leads);
  const days = collectDays(timeline.at, asOf);
  const built = days.toNext.map(buildEdges);
  yield;
  const learning: Learning = {
    edges: built.map((stage) => stage.edges),
    horizonDays: built.map((stage) => stage.horizon),
    team: new Float64Array(STAGE_COUNT * SLOTS * 2),
    segments: new Map(),
    values: new Map(),
    teamValues: [],
  };
  for (let i = 0; i < leads.length; i += 1) {
    const lead = leads[i]!;
    learnLead(learning, lead, timeline.at, i, asOf, computeSegment(lead, dimension));
    if ((i + 1) % CHUNK === 0) yield;
  }
  const created = days.toCustomer[0]!;
  const p90 = created.length >= MIN_MATURITY_SAMPLES ? quantile(created, 0.9) : null;
  return {
    asOf,
    edges: learning.edges,
    horizonDays: learning.horizonDays,
    team: learning.team,
    segments: learning.segments,
    teamValues: buildWonValues(learning.teamValues),
    segmentValues: new Map([...learning.values].map(([segment, values]) => [segment, buildWonValues(values)])),
    closeDays: p90 ?? FALLBACK_CLOSE_DAYS,
    daysToCustomer: days.toCustomer,
  };
}
