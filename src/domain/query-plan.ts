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

/**
 * The most words a name found through query word `at` can have and still reach the minimum, when it shares none of
 * the rarer words (those were looked up first): it shares at most the rest, and its words beyond those weigh at
 * least `lightest` each.
 */
export function computeLongestName(plan: QueryPlan, at: number, lightest: number): number {
  const rest = plan.words.slice(at).reduce((sum, word) => sum + word.weight, 0);
  const sharable = plan.words.length - at;
  let longest = sharable;
  while (reachesMinimum(computeScoreBound(rest, plan.total, (longest + 1 - sharable) * lightest))) longest += 1;
  return longest;
}

/**
 * Whether a name could reach the minimum. `pairable` maps each word of the index that equals a query word, or is a
 * typo of one, to the bits of those query words (the first 30). Every query word the name could pair with is
 * granted in full, and each of its words that cannot pair weighs at least `lightest`.
 */
export function couldReachMinimum(
  plan: QueryPlan,
  tokens: readonly string[],
  pairable: ReadonlyMap<string, number>,
  lightest: number,
): boolean {
  if (plan.words.length > 30) return true;
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
  plan.words.forEach((word, i) => {
    if ((mask & (1 << i)) === 0) return;
    shared += word.weight;
    sharedWords += 1;
  });
  // One word of the name pairs with one query word: no more pairs than either side offers.
  const ownExtra = (tokens.length - Math.min(pairing, sharedWords)) * lightest;
  return reachesMinimum(computeScoreBound(shared, plan.total, ownExtra));
}
