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
import { buildEdges, collectDaysInSteps } from './conversion-days.js';
import { FALLBACK_MATURITY_DAYS, MIN_MATURITY_SAMPLES } from './leak-history.js';
import { DAY_MS } from './local-time.js';
import { LEADS_PER_CHUNK, type LeadsMemo } from './snapshot-chunks.js';
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
/** Tally slots per stage: the age edges and REACHED_SLOT. */
export const TALLY_SLOTS = AGE_EDGES + 1;
const SLOTS = TALLY_SLOTS;
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

/** Counts one lead at a tally index ((stage × SLOTS + slot) × 2) for the team, its campaign and its source. */
function addTallies(team: Tallies, campaign: Tallies, source: Tallies, index: number, converted: boolean): void {
  team[index]! += 1;
  campaign[index]! += 1;
  source[index]! += 1;
  if (!converted) return;
  team[index + 1]! += 1;
  campaign[index + 1]! += 1;
  source[index + 1]! += 1;
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

/** What one segment of one dimension learns: its tallies and won values. */
interface SegmentLearning {
  tallies: Map<string, Tallies>;
  values: Map<string, number[]>;
}

interface Learning {
  edges: number[][];
  horizonDays: number[];
  team: Tallies;
  teamValues: number[];
  campaign: SegmentLearning;
  source: SegmentLearning;
}

function readSegmentTallies(learning: SegmentLearning, segment: string): Tallies {
  let tallies = learning.tallies.get(segment);
  if (!tallies) {
    tallies = new Float64Array(STAGE_COUNT * SLOTS * 2);
    learning.tallies.set(segment, tallies);
  }
  return tallies;
}

function addWonValue(learning: SegmentLearning, segment: string, value: number): void {
  const values = learning.values.get(segment);
  if (values) values.push(value);
  else learning.values.set(segment, [value]);
}

/** Adds one lead's history to the tallies of the team and of its campaign and its source. */
function learnLead(learning: Learning, lead: Lead, at: readonly Float64Array[], i: number, asOf: number) {
  const lostAt = lead.stage === 'lost' && (lead.stageDates.lost ?? Number.POSITIVE_INFINITY) <= asOf;
  const exitByLoss = lostAt ? lead.stageDates.lost! : Number.POSITIVE_INFINITY;
  let byCampaign: Tallies | null = null;
  let bySource: Tallies | null = null;
  for (let s = 0; s < STAGE_COUNT; s += 1) {
    const reachedAt = at[s]![i]!;
    if (!(reachedAt <= asOf)) break;
    const nextAt = at[s + 1]![i]!;
    const converted = nextAt <= asOf;
    const exitAt = Math.min(converted ? nextAt : Number.POSITIVE_INFINITY, exitByLoss);
    const ageDays = (asOf - reachedAt) / DAY;
    const horizon = learning.horizonDays[s]!;
    if (ageDays < horizon) break;
    byCampaign ??= readSegmentTallies(learning.campaign, computeSegment(lead, 'campaign'));
    bySource ??= readSegmentTallies(learning.source, computeSegment(lead, 'source'));
    addTallies(learning.team, byCampaign, bySource, (s * SLOTS + REACHED_SLOT) * 2, converted);
    const edges = learning.edges[s]!;
    for (let b = 0; b < edges.length && ageDays >= edges[b]! + horizon; b += 1) {
      if (exitAt <= reachedAt + edges[b]! * DAY) break;
      addTallies(learning.team, byCampaign, bySource, (s * SLOTS + b) * 2, converted);
    }
  }
  const wonAt = at[STAGE_COUNT]![i]!;
  if (wonAt <= asOf && lead.value !== null) {
    learning.teamValues.push(lead.value);
    addWonValue(learning.campaign, computeSegment(lead, 'campaign'), lead.value);
    addWonValue(learning.source, computeSegment(lead, 'source'), lead.value);
  }
}

/** learnLead over positions [from, to): a plain loop, which optimises better than one inside a generator. */
function learnRange(
  learning: Learning,
  leads: readonly Lead[],
  at: readonly Float64Array[],
  from: number,
  to: number,
  asOf: number,
) {
  for (let i = from; i < to; i += 1) learnLead(learning, leads[i]!, at, i, asOf);
}

/**
 * The conversion odds of every lead's history as of asOf, in steps: one pass learns the team's rates and each
 * campaign's and each source's, so the two dimensions share everything but their segments. `memo`: the snapshot's,
 * when these are its leads (its funnel timeline is read, not laid out again).
 */
export function* computeConversionOddsInSteps(
  leads: readonly Lead[],
  asOf: number,
  memo?: LeadsMemo,
): Steps<Record<SegmentDimension, ConversionOdds>> {
  const timeline = computeFunnelTimeline(leads, memo);
  const days = yield* collectDaysInSteps(timeline.at, asOf);
  const built: ReturnType<typeof buildEdges>[] = [];
  for (const samples of days.toNext) {
    built.push(buildEdges(samples));
    yield;
  }
  const learning: Learning = {
    edges: built.map((stage) => stage.edges),
    horizonDays: built.map((stage) => stage.horizon),
    team: new Float64Array(STAGE_COUNT * SLOTS * 2),
    teamValues: [],
    campaign: { tallies: new Map(), values: new Map() },
    source: { tallies: new Map(), values: new Map() },
  };
  for (let from = 0; from < leads.length; from += CHUNK) {
    learnRange(learning, leads, timeline.at, from, Math.min(leads.length, from + CHUNK), asOf);
    yield;
  }
  const created = days.toCustomer[0]!;
  const p90 = created.length >= MIN_MATURITY_SAMPLES ? quantile(created, 0.9) : null;
  const shared = {
    asOf,
    edges: learning.edges,
    horizonDays: learning.horizonDays,
    team: learning.team,
    teamValues: buildWonValues(learning.teamValues),
    closeDays: p90 ?? FALLBACK_CLOSE_DAYS,
    daysToCustomer: days.toCustomer,
  };
  const view = (segment: SegmentLearning): ConversionOdds => ({
    ...shared,
    segments: segment.tallies,
    segmentValues: new Map([...segment.values].map(([key, values]) => [key, buildWonValues(values)])),
  });
  return { campaign: view(learning.campaign), source: view(learning.source) };
}
