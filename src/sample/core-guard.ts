// Keeping the sample's companies apart: no word that sets a company apart may be one typo from another such word or
// from a trade word, or the matching benchmark would count as a false merge what no reader could tell from a typo.

import { FORMS, MODIFIERS, TRADES } from './company-vocabulary.js';

/** Fragments no coined word may contain. */
export const UNSEEMLY = ['sex', 'rape', 'penis', 'nazi', 'cum', 'fag', 'dik', 'pus', 'tit', 'poo'];

const wordsOf = (phrase: string) =>
  phrase
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
/** The word and what is left of it with one letter dropped: two words one typo apart share one of these. */
const deletions = (word: string) => [word, ...Array.from(word, (_, i) => word.slice(0, i) + word.slice(i + 1))];

/**
 * Admits a core only if it stays apart from every core admitted before and from trade and dress words: none of its
 * words is one typo from another word (shared one-letter deletions), equals a trade or dress word, or stands alone
 * as a core while also inside a longer one ("Erie" and "Lake Erie"), and it is not a core already.
 */
export function createCoreGuard() {
  const owners = new Map<string, string>();
  const remember = (words: readonly string[]) => {
    for (const word of words)
      for (const variant of deletions(word)) if (!owners.has(variant)) owners.set(variant, word);
  };
  const reserved = new Set([...TRADES, ...MODIFIERS, ...FORMS].flatMap(wordsOf));
  remember([...reserved]);
  const alone = new Set<string>();
  const inside = new Set<string>();
  const phrases = new Set<string>();
  const admit = (phrase: string): boolean => {
    const words = wordsOf(phrase);
    if (phrases.has(words.join(' '))) return false;
    const clash = words.some(
      (word) =>
        reserved.has(word) ||
        (words.length === 1 ? inside.has(word) : alone.has(word)) ||
        deletions(word).some((variant) => (owners.get(variant) ?? word) !== word),
    );
    if (clash) return false;
    remember(words);
    for (const word of words) (words.length === 1 ? alone : inside).add(word);
    phrases.add(words.join(' '));
    return true;
  };
  return { admit, words: () => new Set(owners.values()) };
}

/** A word of at most ten lowercase letters as a number, so that sets of them hold numbers, not strings. */
function encodeWord(codes: readonly number[], skip = -1): number {
  let value = 0;
  for (let i = 0; i < codes.length; i++) if (i !== skip) value = value * 27 + (codes[i]! - 96);
  return value;
}

/** The coined-word check: a word is out if it or one of its one-letter deletions is one of `words`' (see above). */
export function createTypoCheck(words: Iterable<string>): (word: string) => boolean {
  const taken = new Set<number>();
  for (const word of words) {
    if (word.length > 10) continue;
    const codes = Array.from(word, (letter) => letter.charCodeAt(0));
    for (let skip = -1; skip < codes.length; skip++) taken.add(encodeWord(codes, skip));
  }
  return (word) => {
    const codes = Array.from(word, (letter) => letter.charCodeAt(0));
    for (let skip = -1; skip < codes.length; skip++) if (taken.has(encodeWord(codes, skip))) return true;
    return false;
  };
}
