// How alike two company names are, word by word, each word weighted by how much it says (company-words.ts).
//
// The scheme is the symmetric Tversky index (Jimenez, Becerra & Gelbukh, 2013) over IDF-weighted "soft" word sets,
// as Soft TF-IDF matches words (Cohen, Ravikumar & Fienberg, 2003): words pair up one to one, exactly or within one
// typo, and
//
//   score = shared / (shared + typos + ½ · larger extra + 5 · smaller extra)
//
// where `shared` is the weight of the paired words, `typos` what their misspellings cost, and the extras are the
// weights of each name's unpaired words. A name that is part of the other ("Northgate" for "Northgate Robotics Inc")
// pays half its extra words; two names that each have a word the other lacks ("Northgate Robotics" and "Northgate
// Plastics") name different things, and pay for it. Two names that share only a common word score little.

import type { WordWeights } from './company-words.js';
import { isOneEditApart } from './edit-distance.js';

/** A normalized name as scoring reads it, computed once per name. */
export interface NameKey {
  /** The canonical words ("tool die", "acme international"), in order; equal texts mean the same name. */
  text: string;
  /** Without spaces: "acme tech" and "acmetech" are the same name written two ways. */
  compact: string;
  /** The distinct words, in order of first appearance. */
  tokens: string[];
  /** The distinct words sorted: names made of the same words, in any order, share it. */
  wordSet: string;
}

export function buildNameKey(words: readonly string[]): NameKey {
  const tokens = [...new Set(words)];
  const text = words.join(' ');
  // The company index keeps a key per lead: a one-word name's compact form, and a set of words already in order,
  // share the text's string rather than hold a copy of it.
  const compact = words.length === 1 ? text : words.join('');
  const sorted = [...tokens].sort().join(' ');
  return { text, compact, tokens, wordSet: sorted === text ? text : sorted };
}

/** Sure enough to link on its own, yet below the 1 that only equal names get. */
const SPACING_SCORE = 0.95;
/** The same words in another order ("Smith Jones", "Jones Smith") or repeated: close, but a person confirms. */
const REORDER_SCORE = 0.9;
/**
 * Tversky's weights, written out: the larger extra counts β(1 − α) = ½, the smaller βα = 5 (α = 10/11, β = 5½).
 * Two names that each have a word the other lacks name two businesses ("… Plastics", "… Robotics"), however common
 * those words are: to be worth a question, what they share must weigh more than five times the lighter difference.
 */
const LARGER_EXTRA = 0.5;
const SMALLER_EXTRA = 5;
/** Words of three letters are too close to each other ("die", "dye") for one edit to mean a typo. */
export const TYPO_MIN_LENGTH = 4;

/** Whether two different words may be one word misspelled: one edit apart, the longer of four letters or more. */
export function isTypoPair(a: string, b: string): boolean {
  return Math.max(a.length, b.length) >= TYPO_MIN_LENGTH && isOneEditApart(a, b);
}

/**
 * What a misspelled word keeps of its weight: half the edit's share of its letters is lost, all of it in a word of
 * four letters, where one changed letter more often makes another word ("Wire", "Fire") than a typo.
 */
function typoKept(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  return length === TYPO_MIN_LENGTH ? 1 - 1 / length : 1 - 1 / (2 * length);
}

/** The word pairs of two keys: `partnerOfA[i]` is the word of b paired with word i of a, or -1. */
function pairWords(a: NameKey, b: NameKey, weightsA: number[], weightsB: number[]) {
  const partnerOfA = a.tokens.map((token) => b.tokens.indexOf(token));
  const pairedB = b.tokens.map((token) => a.tokens.indexOf(token) >= 0);
  // Misspellings: the pairs worth most first; ties go by position (the arguments come in one fixed order).
  const typos: { i: number; j: number; worth: number }[] = [];
  partnerOfA.forEach((partner, i) => {
    if (partner >= 0) return;
    b.tokens.forEach((other, j) => {
      if (pairedB[j] || !isTypoPair(a.tokens[i]!, other)) return;
      const worth = Math.min(weightsA[i]!, weightsB[j]!) * typoKept(a.tokens[i]!, other);
      typos.push({ i, j, worth });
    });
  });
  typos.sort((x, y) => y.worth - x.worth || x.i - y.i || x.j - y.j);
  for (const { i, j } of typos) {
    if (partnerOfA[i]! >= 0 || pairedB[j]) continue;
    partnerOfA[i] = j;
    pairedB[j] = true;
  }
  return { partnerOfA, pairedB };
}

/** The score of two names with at least one word each, by the formula above. */
function scoreWords(a: NameKey, b: NameKey, weights: WordWeights): number {
  const weightsA = a.tokens.map((token) => weights.weightOf(token));
  const weightsB = b.tokens.map((token) => weights.weightOf(token));
  const { partnerOfA, pairedB } = pairWords(a, b, weightsA, weightsB);
  let shared = 0;
  let typos = 0;
  let extraA = 0;
  let lastPartner = -1;
  let reordered = false;
  partnerOfA.forEach((j, i) => {
    if (j < 0) {
      extraA += weightsA[i]!;
      return;
    }
    reordered ||= j < lastPartner;
    lastPartner = j;
    const weight = Math.min(weightsA[i]!, weightsB[j]!);
    const kept = a.tokens[i] === b.tokens[j] ? 1 : typoKept(a.tokens[i]!, b.tokens[j]!);
    shared += weight * kept;
    typos += weight - weight * kept;
  });
  if (shared === 0) return 0;
  let extraB = 0;
  pairedB.forEach((paired, j) => {
    if (!paired) extraB += weightsB[j]!;
  });
  const extras = LARGER_EXTRA * Math.max(extraA, extraB) + SMALLER_EXTRA * Math.min(extraA, extraB);
  const score = shared / (shared + typos + extras);
  // All words paired exactly, yet the texts differ: the same words reordered or repeated.
  return reordered || score === 1 ? Math.min(score, REORDER_SCORE) : score;
}

/** Similarity of two keys in [0, 1]: 1 for equal texts, 0.95 for equal without spaces, else the word score. */
export function scoreKeys(first: NameKey, second: NameKey, weights: WordWeights): number {
  if (first.text === '' || second.text === '') return 0;
  if (first.text === second.text) return 1;
  if (first.compact === second.compact) return SPACING_SCORE;
  // One order for both argument orders, so that the score is symmetric to the last bit.
  return first.text < second.text ? scoreWords(first, second, weights) : scoreWords(second, first, weights);
}

/**
 * The most a name can score when the words it may pair with carry `shared` at most, the query's words it cannot
 * pair weigh `queryExtra` and its own unpaired words at least `ownExtra`: typos and anything more only lower the
 * score. It grows with `shared` and falls with either extra.
 */
export function computeScoreBound(shared: number, queryExtra: number, ownExtra = 0): number {
  if (shared === 0) return 0;
  const extras = LARGER_EXTRA * Math.max(queryExtra, ownExtra) + SMALLER_EXTRA * Math.min(queryExtra, ownExtra);
  return shared / (shared + extras);
}
