// The 80% interval of a projected ROI, by parametric bootstrap. Each of DRAWS draws:
//   1. every rate of the chain is drawn from its posterior: the team's from Beta(k + ½, n − k + ½) (drawn once per
//      question for every campaign it covers: drawTeamRates), then the segment's from
//      Beta(k + 30·p_team, n − k + 30·(1 − p_team)) around that draw (conversion-chance.ts);
//   2. the mean won value is drawn from its sampling distribution, Normal(mean, sd / √count);
//   3. every open lead converts or not with its drawn chance; a converting lead is worth its own value, or a won value
//      resampled from its segment's (the team's) deals, shifted by the drawn mean. Groups of more than EXACT_LIMIT
//      leads with one chance are summed by their normal approximation (same mean and variance) instead of lead by lead;
// and ROI = ((won so far + drawn revenue) × margin − spend) / spend. The interval is the 10th–90th percentile.
// Assumptions: leads convert independently given the rates; a lead's future does not depend on how long it took to
// reach its stage (only on its time there); won values do not depend on the stage a lead is at.

import { PRIOR_STRENGTH, type RateCell } from './conversion-chance.js';
import { readTally, TALLY_SLOTS, type Tallies, type WonValues } from './conversion-odds.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import { quantile } from './stats.js';
import { TRANSITIONS } from './types.js';

export const DRAWS = 400;
/** Groups up to this many leads are simulated lead by lead; larger ones by their normal approximation. */
export const EXACT_LIMIT = 30;
export const INTERVAL_LOW = 0.1;
export const INTERVAL_HIGH = 0.9;

/** Open leads sharing one chain of rates (one segment, stage and age slot) and one set of won values. */
export interface OpenGroup {
  segment: string;
  cells: readonly RateCell[];
  values: WonValues;
  /** Per lead: its credit toward the key, and its own value (null: unknown, drawn from `values`). */
  credits: number[];
  ownValues: (number | null)[];
}

/** Σ c·v and Σ c²·v² over the leads with a value, Σ c and Σ c² over those without (c = credit). */
interface GroupSums {
  withValue: number;
  withValueSquares: number;
  without: number;
  withoutSquares: number;
}

function sumGroup(group: OpenGroup): GroupSums {
  const sums = { withValue: 0, withValueSquares: 0, without: 0, withoutSquares: 0 };
  group.credits.forEach((credit, i) => {
    const own = group.ownValues[i];
    if (own === null || own === undefined) {
      sums.without += credit;
      sums.withoutSquares += credit ** 2;
    } else {
      sums.withValue += credit * own;
      sums.withValueSquares += (credit * own) ** 2;
    }
  });
  return sums;
}

interface DrawPlan {
  groups: readonly OpenGroup[];
  sums: GroupSums[];
  /** Per group and cell: the index of its segment rate in the per-draw cache. */
  ownIds: number[][];
  ownCount: number;
  valueSets: WonValues[];
  valueIds: number[];
}

function planDraws(groups: readonly OpenGroup[]): DrawPlan {
  const ownIndex = new Map<string, number>();
  const idOf = (index: Map<string, number>, key: string) => {
    const known = index.get(key);
    if (known !== undefined) return known;
    index.set(key, index.size);
    return index.size - 1;
  };
  const valueSets: WonValues[] = [];
  const valueIds = groups.map((group) => {
    const known = valueSets.indexOf(group.values);
    if (known !== -1) return known;
    valueSets.push(group.values);
    return valueSets.length - 1;
  });
  const ownIds = groups.map((group) =>
    group.cells.map((cell) => idOf(ownIndex, `${group.segment}|${cell.stage}|${cell.slot}`)),
  );
  const sums = groups.map(sumGroup);
  return { groups, sums, ownIds, ownCount: ownIndex.size, valueSets, valueIds };
}

interface DrawState {
  random: SeededRandom;
  /** The team's rates of this draw: drawTeamRates' table from this draw's row on. */
  teamRates: Float64Array;
  teamRow: number;
  ownRates: Float64Array;
  meanValues: Float64Array;
}

function drawChance(plan: DrawPlan, state: DrawState, g: number): number {
  const { random, teamRates, teamRow, ownRates } = state;
  const cells = plan.groups[g]!.cells;
  const ownIds = plan.ownIds[g]!;
  let chance = 1;
  for (let c = 0; c < cells.length; c += 1) {
    const ownId = ownIds[c]!;
    if (Number.isNaN(ownRates[ownId]!)) {
      const cell = cells[c]!;
      const prior = teamRates[teamRow + cell.stage * TALLY_SLOTS + cell.slot]!;
      const a = cell.own.k + PRIOR_STRENGTH * prior;
      const b = cell.own.n - cell.own.k + PRIOR_STRENGTH * (1 - prior);
      ownRates[ownId] = random.beta(Math.max(a, 1e-9), Math.max(b, 1e-9));
    }
    chance *= ownRates[ownId]!;
  }
  return chance;
}

/** One draw of the revenue a group's open leads bring. */
function drawGroupRevenue(
  group: OpenGroup,
  sums: GroupSums,
  chance: number,
  meanValue: number,
  random: SeededRandom,
): number {
  const { values } = group.values;
  if (group.credits.length <= EXACT_LIMIT) {
    let revenue = 0;
    group.credits.forEach((credit, i) => {
      if (random.next() >= chance) return;
      const own = group.ownValues[i];
      if (own !== null && own !== undefined) revenue += credit * own;
      else if (values.length > 0) {
        const resampled = values[Math.floor(random.next() * values.length)]!;
        revenue += credit * Math.max(0, meanValue + resampled - group.values.mean);
      }
    });
    return revenue;
  }
  // Σ credit × B × V with B ~ Bernoulli(chance), summed over the group: mean and variance from the group's sums.
  const { withValue, withValueSquares, without, withoutSquares } = sums;
  const mean = chance * (withValue + meanValue * without);
  const squares = withValueSquares + meanValue ** 2 * withoutSquares;
  const variance =
    chance * (withValueSquares + (group.values.sd ** 2 + meanValue ** 2) * withoutSquares) - chance ** 2 * squares;
  return Math.max(0, mean + Math.sqrt(Math.max(0, variance)) * random.normal());
}

/** Team rates per draw: one row of every stage's tally slots. */
const TEAM_ROW = TRANSITIONS.length * TALLY_SLOTS;

/**
 * DRAWS draws of every team rate (each stage and tally slot) from its posterior Beta(k + ½, n − k + ½). Made once
 * per question and shared by every campaign or source it covers, from a seed of the question alone, so that a
 * campaign's interval is the same in the ranking and on its own card. Row d holds draw d's rates.
 */
export function drawTeamRates(team: Tallies, seed: number): Float64Array {
  const random = createSeededRandom(seed);
  const rates = new Float64Array(DRAWS * TEAM_ROW);
  for (let d = 0; d < DRAWS; d += 1) {
    for (let cell = 0; cell < TEAM_ROW; cell += 1) {
      const { n, k } = readTally(team, Math.floor(cell / TALLY_SLOTS), cell % TALLY_SLOTS);
      rates[d * TEAM_ROW + cell] = random.beta(k + 0.5, n - k + 0.5);
    }
  }
  return rates;
}

/** DRAWS draws of the revenue the open groups bring, from the team's drawn rates and a generator seeded with `seed`. */
export function drawOpenRevenue(groups: readonly OpenGroup[], teamRates: Float64Array, seed: number): Float64Array {
  const plan = planDraws(groups);
  const random = createSeededRandom(seed);
  const state: DrawState = {
    random,
    teamRates,
    teamRow: 0,
    ownRates: new Float64Array(plan.ownCount),
    meanValues: new Float64Array(plan.valueSets.length),
  };
  const revenues = new Float64Array(DRAWS);
  for (let d = 0; d < DRAWS; d += 1) {
    state.teamRow = d * TEAM_ROW;
    state.ownRates.fill(Number.NaN);
    plan.valueSets.forEach((set, v) => {
      const error = set.values.length === 0 ? 0 : set.sd / Math.sqrt(set.values.length);
      state.meanValues[v] = Math.max(0, set.mean + error * random.normal());
    });
    let revenue = 0;
    plan.groups.forEach((group, g) => {
      const chance = drawChance(plan, state, g);
      revenue += drawGroupRevenue(group, plan.sums[g]!, chance, state.meanValues[plan.valueIds[g]!]!, random);
    });
    revenues[d] = revenue;
  }
  return revenues;
}

/** The 10th and 90th percentiles of ROI over the draws of open revenue. */
export function computeRoiInterval(
  revenues: Float64Array,
  wonSoFar: number,
  spend: number,
  grossMargin: number,
): { low: number; high: number } {
  const rois = Array.from(revenues, (revenue) => ((wonSoFar + revenue) * grossMargin - spend) / spend).sort(
    (a, b) => a - b,
  );
  return { low: quantile(rois, INTERVAL_LOW) ?? 0, high: quantile(rois, INTERVAL_HIGH) ?? 0 };
}
