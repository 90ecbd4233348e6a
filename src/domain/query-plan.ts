// Which names a company lookup must score (company-index.ts), from bounds of the score (name-score.ts): a name that
// cannot reach MIN_MATCH_SCORE whatever its other words is never scored, and never read if that can be told from
// the query alone.

import { MIN_MATCH_SCORE } from './fuzzy.js';
import { computeScoreBound } from './name-score.js';

export interface QueryWord {
  token: string;
  weight: number;
}

export interface QueryPlan {
  /** The query's distinct words, rarest (heaviest) first. */
  words: QueryWord[];
  total: number;
  /** How many of the first words are essential: a name sharing none of them cannot reach the minimum. */
  essential: number;
}

/** Query words beyond this many get no bit: a query that long is checked word set by word set no more. */
export const MAX_QUERY_BITS = 30;

/** Room for rounding: a name is left out only when even its bound stays this far under the minimum. */
const BOUND_SLACK = 1e-9;
const reachesMinimum = (bound: number) => bound >= MIN_MATCH_SCORE - BOUND_SLACK;

/** The commonest words, as long as even a name sharing all of them stays under the minimum, are not essential. */
export function planQuery(tokens: readonly string[], weightOf: (word: string) => number): QueryPlan {
  const words = tokens.map((token) => ({ token, weight: weightOf(token) }));
  const total = words.reduce((sum, word) => sum + word.weight, 0);
  words.sort((a, b) => b.weight - a.weight);
  let essential = words.length;
  let common = 0;
  while (essential > 0 && !reachesMinimum(computeScoreBound(common + words[essential - 1]!.weight, total))) {
    common += words[essential - 1]!.weight;
    essential -= 1;
  }
  return { words, total, essential };
}

/** How many words a name may have, and whether every one of them must pair with a query word. */
export interface NameLength {
  length: number;
  allPaired: boolean;
}

/**
 * The lengths (in distinct words) a name found through query word `at` can have and still reach the minimum, when
 * it shares none of the rarer words (those were looked up first): its paired words weigh at most the heaviest of the
 * rest, its unpaired ones at least `lightest` each. Often a name must be made of query words alone: then the index
 * finds it by its set of words rather than by reading every name of a common word.
 */
export function planNameLengths(plan: QueryPlan, at: number, lightest: number): NameLength[] {
  const rest = plan.words.slice(at).map((word) => word.weight);
  const heaviest = [0];
  for (const weight of rest) heaviest.push(heaviest[heaviest.length - 1]! + weight);
  const feasible = (length: number, unpaired: number) => {
    const paired = Math.min(length - unpaired, rest.length);
    return (
      paired >= 1 && reachesMinimum(computeScoreBound(heaviest[paired]!, plan.total, (length - paired) * lightest))
    );
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
 * granted in full, and each of its words that cannot pair weighs at least `lightest`.
 */
export function couldReachMinimum(
  plan: QueryPlan,
  tokens: readonly string[],
  pairable: ReadonlyMap<string, number>,
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
  let shared = 0;
  let sharedWords = 0;
  for (let i = 0; mask >>> i !== 0; i++) {
    if ((mask & (1 << i)) === 0) continue;
    shared += plan.words[i]!.weight;
    sharedWords += 1;
  }
  // One word of the name pairs with one query word: no more pairs than either side offers.
  const ownExtra = (tokens.length - Math.min(pairing, sharedWords)) * lightest;
  return reachesMinimum(computeScoreBound(shared, plan.total, ownExtra));
}
