// Company-name matching without a library: "acme" finds "Acme Corp", "ACME Corporation" is "Acme Corp", and a name
// that shares only an ordinary word with another ("Northgate Robotics", "Bellwood Robotics") is a new company. How two
// names score is in name-score.ts; what each word weighs is in company-words.ts.

import { buildListWeights, canonicalWords, PRIOR_WEIGHTS, type WordWeights } from './company-words.js';
import { buildNameKey, type NameKey, scoreKeys } from './name-score.js';

export { editDistance, editSimilarity } from './edit-distance.js';
export type { NameKey } from './name-score.js';

const LEGAL_SUFFIXES: ReadonlySet<string> = new Set(
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

/** The words a name's key is made of: normalized, abbreviations written out, joining words dropped. */
export function computeNameWords(name: string): string[] {
  const normalized = normalizeCompany(name);
  return normalized === '' ? [] : canonicalWords(normalized.split(' '));
}

/** The key of a company name as typed or stored (buildNameKey over computeNameWords). */
export function computeNameKey(name: string): NameKey {
  return buildNameKey(computeNameWords(name));
}

/** Similarity of two company names in [0, 1], weighing words by the prior alone (no team's names behind them). */
export function similarity(a: string, b: string): number {
  return scoreKeys(computeNameKey(a), computeNameKey(b), PRIOR_WEIGHTS);
}

/** The key of a stored company name (computeNameKey; CompanyKeyCache keeps them for a caller that asks again). */
export function computeCompanyKey(company: string): NameKey {
  return computeNameKey(company);
}

const KEY_CACHE_LIMIT = 250_000;

/**
 * Keys of stored company names, by name: the store hands over fresh rows on every read, so keys are kept by name, not
 * by object, by whoever owns their lifetime (the store keeps one per database across rebuilds of its company index).
 * The cap bounds memory (a few hundred bytes a name); clearing it all at once is crude but only costs one slower
 * build. Keys hold only what a name is, never a weight: weights depend on the other names and live in the index.
 */
export class CompanyKeyCache {
  private readonly keys = new Map<string, NameKey>();

  keyOf(company: string): NameKey {
    let key = this.keys.get(company);
    if (!key) {
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
      key = computeNameKey(company);
      this.keys.set(company, key);
    }
    return key;
  }
}

export const MIN_MATCH_SCORE = 0.5;

export interface CompanyMatch<T> {
  candidate: T;
  score: number;
}

/**
 * The candidates scoring at least MIN_MATCH_SCORE, best first (ties keep the order given), at most `limit`: the
 * selection behind matchCompanies, for callers that keep their candidates' keys themselves.
 */
export function computeBestMatches<T>(
  queryKey: NameKey,
  candidates: Iterable<T>,
  keyOf: (candidate: T) => NameKey,
  limit: number,
  weights: WordWeights,
): CompanyMatch<T>[] {
  const best: CompanyMatch<T>[] = [];
  if (limit < 1) return best;
  for (const candidate of candidates) {
    const scored = scoreKeys(queryKey, keyOf(candidate), weights);
    // Once the list is full, only a strictly better score gets in: ties keep the earlier candidate.
    if (scored < MIN_MATCH_SCORE || (best.length >= limit && scored <= best[limit - 1]!.score)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < scored) at--;
    best.splice(at, 0, { candidate, score: scored });
    if (best.length > limit) best.pop();
  }
  return best;
}

/**
 * Candidates scoring at least 0.5, best first (ties keep the input order), at most `limit` (default 5). Words weigh
 * what the candidates' own names make them weigh: this is the scan that the company index answers faster. `keys`: a
 * cache of the candidates' keys the caller keeps between scans (none kept by default).
 */
export function matchCompanies<T extends { company: string }>(
  query: string,
  candidates: readonly T[],
  opts: { limit?: number; keys?: CompanyKeyCache } = {},
): CompanyMatch<T>[] {
  const cache = opts.keys ?? new CompanyKeyCache();
  const keys = candidates.map((candidate) => cache.keyOf(candidate.company));
  const weights = buildListWeights(keys.map((key) => key.tokens));
  const positions = keys.map((_, i) => i);
  const best = computeBestMatches(computeNameKey(query), positions, (i) => keys[i]!, opts.limit ?? 5, weights);
  return best.map(({ candidate, score }) => ({ candidate: candidates[candidate]!, score }));
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
