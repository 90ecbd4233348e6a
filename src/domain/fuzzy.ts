// Company-name similarity without a library: "acme" finds "Acme Corp", "ACME Corporation" is "Acme Corp", and
// "Acme Industries" vs "Acme Corp" is close enough to ask, not to merge.

import { couldReach, editDistance, editSimilarity, letterMask } from './edit-distance.js';
import { runAllSteps, type Steps } from './steps.js';

export { editDistance, editSimilarity } from './edit-distance.js';

const LEGAL_SUFFIXES = new Set(
  'inc incorporated llc llp ltd limited corp corporation co company gmbh kg ag sa sas sarl plc bv'.split(' '),
);

/** Lowercase, accents and punctuation gone, trailing legal suffixes dropped: "Müller GmbH & Co. KG" → "muller". */
export function normalizeCompany(name: string): string {
  let text = name.toLowerCase();
  // NFD is the slow step: most names are plain ASCII and skip it.
  if (/[^\p{ASCII}]/u.test(text)) text = text.normalize('NFD').replace(/\p{M}/gu, '');
  const words = text
    .replace(/['’.]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  // Only trailing suffixes go, and never the whole name: "Co-op Ltd" keeps "co op".
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** Words so common in company names that sharing one says nothing ("Acme Industries" vs "Zenith Industries"). */
const GENERIC_WORDS = new Set([
  ...'the and of group global international supply products holdings enterprises'.split(' '),
  ...'industries industrial manufacturing engineering systems solutions services technologies technology'.split(' '),
]);

/** A normalized name with what the pre-filter needs, computed once per name. */
export interface NameKey {
  text: string;
  /** Without spaces: "acme tech" and "acmetech" are the same name written two ways. */
  compact: string;
  tokens: string[];
  /** Only generic words ("Global Industries"): then a generic word may count as a match. */
  allGeneric: boolean;
  mask: number;
  tokenMasks: number[];
}

export function buildNameKey(text: string): NameKey {
  const tokens = text === '' ? [] : text.split(' ');
  return {
    text,
    compact: tokens.join(''),
    tokens,
    allGeneric: tokens.every((token) => GENERIC_WORDS.has(token)),
    mask: letterMask(text),
    tokenMasks: tokens.map(letterMask),
  };
}

/** Two words count as the same word from this edit similarity on. */
export const TOKEN_MATCH = 0.8;
/**
 * Whole-name edit similarity below this says nothing ("Initech" vs "Initrode" is 0.5) and counts as 0. The floor
 * also lets the pre-filter discard most names without running the edit distance at all.
 */
export const EDIT_FLOOR = 0.7;
/** Sure enough to link on its own, yet below the 1 that only equal names get. */
const SPACING_SCORE = 0.95;
/** Shared words alone never make a name certain ("Smith Jones" vs "Jones Smith"): a person confirms. */
const TOKEN_SCORE_CAP = 0.9;

/**
 * Word overlap, fuzzy per word, averaged over the shorter and the longer name. Generic words only count beside a
 * specific one, unless the shorter name has nothing but generic words.
 */
function tokenScore(a: NameKey, b: NameKey): number {
  const short = a.tokens.length <= b.tokens.length ? a : b;
  const long = short === a ? b : a;
  if (short.tokens.length === 0) return 0;
  let matched = 0;
  let specific = short.allGeneric;
  for (let i = 0; i < short.tokens.length; i++) {
    const token = short.tokens[i]!;
    let best = 0;
    for (let j = 0; j < long.tokens.length && best < 1; j++) {
      const other = long.tokens[j]!;
      if (token === other) best = 1;
      else if (couldReach(token, short.tokenMasks[i]!, other, long.tokenMasks[j]!, Math.max(TOKEN_MATCH, best))) {
        best = Math.max(best, editSimilarity(token, other));
      }
    }
    if (best < TOKEN_MATCH) continue;
    matched += best;
    specific ||= !GENERIC_WORDS.has(token);
  }
  if (!specific) return 0;
  const score = 0.5 * (matched / short.tokens.length) + 0.5 * (matched / long.tokens.length);
  return Math.min(score, TOKEN_SCORE_CAP);
}

/** The score of two keys, skipping the edit DP when it cannot beat `minimum` or the word overlap. */
function scoreKeys(a: NameKey, b: NameKey, minimum: number): number {
  if (a.text === '' || b.text === '') return 0;
  if (a.text === b.text) return 1;
  if (a.compact === b.compact) return SPACING_SCORE;
  const fewer = Math.min(a.tokens.length, b.tokens.length);
  const more = Math.max(a.tokens.length, b.tokens.length);
  // Even if every word of the shorter name matched, the overlap could not reach the bar: skip the word pass.
  const wordsBound = Math.min(TOKEN_SCORE_CAP, 0.5 + (0.5 * fewer) / more);
  const words = wordsBound >= minimum ? tokenScore(a, b) : 0;
  const needed = Math.max(minimum, words, EDIT_FLOOR);
  if (!couldReach(a.text, a.mask, b.text, b.mask, needed)) return words;
  return Math.max(scoreEdits(a, b, needed), words);
}

/** The whole-name edit similarity of two keys when it reaches `needed`, else 0. */
function scoreEdits(a: NameKey, b: NameKey, needed: number): number {
  const longer = Math.max(a.text.length, b.text.length);
  const allowed = Math.floor((1 - needed) * longer + 1e-9);
  const distance = editDistance(a.text, b.text, allowed);
  return distance > allowed ? 0 : 1 - distance / longer;
}

/**
 * scoreKeys for two names known to share no word within TOKEN_MATCH and to differ with and without spaces (the
 * company index knows this of every name its word pass left out): only the whole-name edit similarity can score.
 */
export function scoreWholeName(a: NameKey, b: NameKey, minimum: number): number {
  return scoreEdits(a, b, Math.max(minimum, EDIT_FLOOR));
}

/** Similarity of two company names in [0, 1]; 1 exactly when their normalized names are equal. */
export function similarity(a: string, b: string): number {
  return scoreKeys(buildNameKey(normalizeCompany(a)), buildNameKey(normalizeCompany(b)), 0);
}

// The store hands over fresh rows on every lookup, so keys are kept by name, not by object. The cap bounds memory
// (a few hundred bytes a name); clearing it all at once is crude but only costs one slower lookup.
const KEY_CACHE_LIMIT = 250_000;
const keyCache = new Map<string, NameKey>();

/** The key of a stored company name, kept by name (see above). */
export function computeCompanyKey(company: string): NameKey {
  let key = keyCache.get(company);
  if (!key) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = buildNameKey(normalizeCompany(company));
    keyCache.set(company, key);
  }
  return key;
}

export const MIN_MATCH_SCORE = 0.5;

export interface CompanyMatch<T> {
  candidate: T;
  score: number;
}

/** Candidates scored between two steps: a long query makes each score cost tens of microseconds. */
const SCORES_PER_STEP = 64;

/** computeBestMatches in steps (steps.ts): a step after every SCORES_PER_STEP candidates scored. */
export function* computeBestMatchesInSteps<T>(
  queryKey: NameKey,
  candidates: readonly T[],
  keyOf: (candidate: T) => NameKey,
  limit: number,
  score: (query: NameKey, key: NameKey, minimum: number) => number = scoreKeys,
): Steps<CompanyMatch<T>[]> {
  const best: CompanyMatch<T>[] = [];
  for (const [i, candidate] of candidates.entries()) {
    if (i % SCORES_PER_STEP === SCORES_PER_STEP - 1) yield;
    // Once the list is full, only a strictly better score gets in, so the bar rises and the pre-filter cuts more.
    const bar = best.length < limit ? MIN_MATCH_SCORE : best[best.length - 1]!.score;
    const scored = score(queryKey, keyOf(candidate), bar);
    if (scored < MIN_MATCH_SCORE || (best.length >= limit && scored <= bar)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < scored) at--;
    best.splice(at, 0, { candidate, score: scored });
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * The candidates scoring at least MIN_MATCH_SCORE, best first (ties keep the order given), at most `limit`: the
 * selection behind matchCompanies, for callers that keep their candidates' keys themselves.
 */
export function computeBestMatches<T>(
  queryKey: NameKey,
  candidates: readonly T[],
  keyOf: (candidate: T) => NameKey,
  limit: number,
  score?: (query: NameKey, key: NameKey, minimum: number) => number,
): CompanyMatch<T>[] {
  return runAllSteps(computeBestMatchesInSteps(queryKey, candidates, keyOf, limit, score));
}

/** Candidates scoring at least 0.5, best first (ties keep the input order), at most `limit` (default 5). */
export function matchCompanies<T extends { company: string }>(
  query: string,
  candidates: readonly T[],
  opts: { limit?: number } = {},
): CompanyMatch<T>[] {
  const queryKey = buildNameKey(normalizeCompany(query));
  return computeBestMatches(queryKey, candidates, (candidate) => computeCompanyKey(candidate.company), opts.limit ?? 5);
}

export type CompanyDecision<T> =
  | { kind: 'exact'; candidate: T }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none' };

const SURE_SCORE = 0.92;
const SURE_MARGIN = 0.1;

/**
 * Whether the best match is certainly the company meant. Several equal normalized names are ambiguous too: two
 * leads called "Acme" must be told apart by a person, not by the order they were stored in.
 */
export function decideCompanyMatch<T>(matches: readonly CompanyMatch<T>[]): CompanyDecision<T> {
  const [top, runnerUp] = matches;
  if (!top) return { kind: 'none' };
  const sameName = top.score === 1 && (runnerUp?.score ?? 0) < 1;
  const clearLead = top.score >= SURE_SCORE && (!runnerUp || top.score - runnerUp.score >= SURE_MARGIN - 1e-9);
  if (sameName || clearLead) return { kind: 'exact', candidate: top.candidate };
  return { kind: 'ambiguous', candidates: matches.map((match) => match.candidate) };
}
