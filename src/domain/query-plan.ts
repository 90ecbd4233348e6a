// Which names a company lookup must score (company-index.ts), from bounds of the score (name-score.ts): a name that
// cannot reach MIN_MATCH_SCORE whatever its other words is never scored, and never read if that can be told from
// the query alone.

import { MIN_MATCH_SCORE } from './fuzzy.js';
import { computeScoreBound } from './name-score.js';

export interface QueryWord {
  token: string;
  /** What the word weighs left unpaired. */
  weight: number;
  /**
   * The most it can weigh paired: its own weight if some name has it, else the most a word one typo from it weighs
   * (a pair weighs what its lighter word weighs). A misspelled "Produtcs" is unknown, so heavy, but pairs only with
   * "products", so it carries no more than that common word; a word with no partner at all carries nothing.
   */
  reach: number;
}

export interface QueryPlan<W extends QueryWord = QueryWord> {
  /** The query's distinct words, those that can carry most first. */
  words: W[];
  total: number;
  /** How many of the first words are essential: a name sharing none of them cannot reach the minimum. */
  essential: number;
}

/** Query words beyond this many get no bit: a query that long is checked word set by word set no more. */
export const MAX_QUERY_BITS = 30;

/** Room for rounding: a name is left out only when even its bound stays this far under the minimum. */
const BOUND_SLACK = 1e-9;
const reachesMinimum = (bound: number) => bound >= MIN_MATCH_SCORE - BOUND_SLACK;

/** The bound of a name pairing query words that carry `reach` and weigh `weight` in all (see computeScoreBound). */
function computePairedBound(plan: QueryPlan, reach: number, weight: number, ownExtra: number): number {
  return computeScoreBound(reach, Math.max(0, plan.total - weight), ownExtra);
}

/** The words that carry least, as long as even a name pairing all of them stays under the minimum, are not essential. */
export function planQuery<W extends QueryWord>(queryWords: readonly W[]): QueryPlan<W> {
  const words = [...queryWords].sort((a, b) => b.reach - a.reach);
  const total = words.reduce((sum, word) => sum + word.weight, 0);
  // A word that nothing can pair with is an extra of every name: never essential, never counted as paired.
  const plan = { words, total, essential: words.filter((word) => word.reach > 0).length };
  let reach = 0;
  let weight = 0;
  while (plan.essential > 0) {
    const next = words[plan.essential - 1]!;
    if (reachesMinimum(computePairedBound(plan, reach + next.reach, weight + next.weight, 0))) break;
    reach += next.reach;
    weight += next.weight;
    plan.essential -= 1;
  }
  return plan;
}

/** How many words a name may have, and whether every one of them must pair with a query word. */
export interface NameLength {
  length: number;
  allPaired: boolean;
}

/** Running sums of the largest values first: sums[k] is the most k of them add up to. */
function sumLargest(values: readonly number[]): number[] {
  const sums = [0];
  for (const value of [...values].sort((a, b) => b - a)) sums.push(sums[sums.length - 1]! + value);
  return sums;
}

/**
 * The lengths (in distinct words) a name found through query word `at` can have and still reach the minimum, when
 * it shares none of the words before it (those were looked up first): it pairs with at most as many of the rest as
 * it has words, each carrying its reach, and its unpaired words weigh at least `lightest` each. Often a name must be
 * made of query words alone: then the index finds it by its set of words rather than by reading every name of a
 * common word.
 */
export function planNameLengths(plan: QueryPlan, at: number, lightest: number): NameLength[] {
  const rest = plan.words.slice(at).filter((word) => word.reach > 0);
  const reaches = sumLargest(rest.map((word) => word.reach));
  const weights = sumLargest(rest.map((word) => word.weight));
  const feasible = (length: number, unpaired: number) => {
    const paired = Math.min(length - unpaired, rest.length);
    const bound = computePairedBound(plan, reaches[paired]!, weights[paired]!, (length - paired) * lightest);
    return paired >= 1 && reachesMinimum(bound);
  };
  const lengths: NameLength[] = [];
  for (let length = 1; ; length++) {
    const fewestUnpaired = Math.max(0, length - rest.length);
    if (feasible(length, fewestUnpaired)) {
      lengths.push({ length, allPaired: fewestUnpaired === 0 && !feasible(length, 1) });
    } else if (fewestUnpaired > 0) {
      return lengths;
    }
  }
}

/**
 * Whether a name could reach the minimum. `pairable` maps each word of the index that equals a query word, or is a
 * typo of one, to the bits of those query words (the first MAX_QUERY_BITS). Every query word it could pair with is
 * granted its reach, and each of its words that cannot pair weighs at least `lightest`.
 */
export function couldReachMinimum<W>(
  plan: QueryPlan,
  tokens: readonly W[],
  pairable: ReadonlyMap<W, number>,
  lightest: number,
): boolean {
  if (plan.words.length > MAX_QUERY_BITS) return true;
  let mask = 0;
  let pairing = 0;
  for (const token of tokens) {
    const bits = pairable.get(token);
    if (bits === undefined) continue;
    mask |= bits;
    pairing += 1;
  }
  let reach = 0;
  let weight = 0;
  let sharedWords = 0;
  for (let i = 0; mask >>> i !== 0; i++) {
    if ((mask & (1 << i)) === 0) continue;
    reach += plan.words[i]!.reach;
    weight += plan.words[i]!.weight;
    sharedWords += 1;
  }
  // One word of the name pairs with one query word: no more pairs than either side offers.
  const ownExtra = (tokens.length - Math.min(pairing, sharedWords)) * lightest;
  return reachesMinimum(computePairedBound(plan, reach, weight, ownExtra));
}

/** Past this many word sets to look up, reading the names of a word is cheaper. */
const MAX_WORD_SETS = 2_000;

/**
 * Every set of `size` distinct words from `words` that holds a word of `group`, as the index keys them (sorted,
 * joined); null when there are too many to be worth it.
 */
export function listWordSets(words: readonly string[], group: readonly string[], size: number): string[] | null {
  const sorted = [...new Set(words)].sort();
  let count = 1;
  for (let k = 0; k < size; k++) count = (count * (sorted.length - k)) / (k + 1);
  if (count > MAX_WORD_SETS) return null;
  const sets: string[] = [];
  const chosen: string[] = [];
  const choose = (from: number) => {
    if (chosen.length === size) {
      if (chosen.some((word) => group.includes(word))) sets.push(chosen.join(' '));
      return;
    }
    for (let i = from; i <= sorted.length - (size - chosen.length); i++) {
      chosen.push(sorted[i]!);
      choose(i + 1);
      chosen.pop();
    }
  };
  choose(0);
  return sets;
}
