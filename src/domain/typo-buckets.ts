// Finding the words one typo from a word (name-score.ts isTypoPair) without reading every word. Two words one edit
// apart, the shorter of m letters, share their first k or their last k letters, k = ⌊(m − 1)/2⌋: one edit leaves
// one side untouched (a change or a swap sits in one half; a dropped letter shifts only what follows it). So every
// word is filed under its first and last k letters, for each length its partner could have.

import { HASH_START, HashChains, hashMix, hashMixText, IntList } from './hash-chains.js';
import { isTypoPair, TYPO_MIN_LENGTH } from './name-score.js';

/** Codes mixed into a bucket's hash: the filed word's role, and which end of it the letters come from. */
const EQUAL = -1;
const LONGER = -2;
const SHORTER = -3;
const FIRST = -4;
const LAST = -5;

/**
 * The buckets of a word, as filed (`filed`) or as looked up, hashed. The partner is as long, one shorter or one
 * longer, so a bucket names m and whether the filed word is as long (=), the longer (+) or the shorter (−) of the
 * two. Only pairs reaching TYPO_MIN_LENGTH letters can be a typo, so shorter ones get no bucket.
 */
function listBuckets(word: string, filed: boolean): number[] {
  const length = word.length;
  const cases: readonly (readonly [m: number, role: number])[] = filed
    ? [
        [length, EQUAL],
        [length - 1, LONGER],
        [length, SHORTER],
      ]
    : [
        [length, EQUAL],
        [length, LONGER],
        [length - 1, SHORTER],
      ];
  const buckets: number[] = [];
  for (const [m, role] of cases) {
    if (m + (role === EQUAL ? 0 : 1) < TYPO_MIN_LENGTH) continue;
    const k = Math.floor((m - 1) / 2);
    const named = hashMix(hashMix(HASH_START, m), role);
    buckets.push(hashMixText(hashMix(named, FIRST), word, 0, k), hashMixText(hashMix(named, LAST), word, length - k));
  }
  return buckets;
}

/**
 * Words by bucket, as word ids (the caller's) in chains keyed by a hash of the bucket: a word met through a bucket
 * that only shares its hash is dropped by the typo check, which every word found goes through anyway.
 */
export class TypoBuckets {
  private readonly chains: HashChains;
  private readonly filed: IntList;

  /** `expected`: how many filings to make room for at once (a word is filed under up to six buckets). */
  constructor(expected = 0) {
    this.chains = new HashChains(expected);
    this.filed = new IntList(expected);
  }

  /** Files a word by its id (once: the caller files each distinct word once). */
  add(word: string, id: number): void {
    for (const bucket of listBuckets(word, true)) {
      this.chains.add(bucket);
      this.filed.push(id);
    }
  }

  /** The ids of every filed word one typo from `word`, each once; `textOf` spells a filed word. */
  findTypos(word: string, textOf: (id: number) => string): number[] {
    const found = new Set<number>();
    for (const bucket of listBuckets(word, false)) {
      for (let node = this.chains.first(bucket); node >= 0; node = this.chains.next(node)) {
        const id = this.filed.at(node);
        if (!found.has(id) && isTypoPair(word, textOf(id))) found.add(id);
      }
    }
    return [...found];
  }
}
