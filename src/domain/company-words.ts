// The words of the names in a company index (company-index.ts), for a lookup's first pass: the names spelled the
// same as the query without spaces, and the names with a word within edit similarity TOKEN_MATCH of a word of the
// query. Words are kept by length, so a query word only meets words of a length it could match.

import { couldReach, editSimilarity } from './edit-distance.js';
import { type NameKey, TOKEN_MATCH } from './fuzzy.js';
import type { Steps } from './steps.js';

/** Words compared between two steps of a lookup in steps. */
const WORDS_PER_STEP = 2_000;

/** Slots of the names holding a word, and its letter mask for the pre-filter. */
interface WordPostings {
  mask: number;
  slots: number[];
}

export class CompanyWords {
  private words = new Map<string, WordPostings>();
  private wordsByLength: string[][] = [];
  private compacts = new Map<string, number[]>();

  /** Records the words of the name at `slot`; slots are added in increasing order. */
  add(key: NameKey, slot: number): void {
    const compact = this.compacts.get(key.compact);
    if (compact) compact.push(slot);
    else this.compacts.set(key.compact, [slot]);
    key.tokens.forEach((token, i) => {
      const postings = this.words.get(token);
      if (postings) {
        if (postings.slots[postings.slots.length - 1] !== slot) postings.slots.push(slot);
        return;
      }
      this.words.set(token, { mask: key.tokenMasks[i]!, slots: [slot] });
      const wordsOfLength = this.wordsByLength[token.length] ?? [];
      this.wordsByLength[token.length] = wordsOfLength;
      wordsOfLength.push(token);
    });
  }

  /**
   * The live slots not `picked` yet whose name is the query without spaces or has a word close to one of the
   * query's, in order; each is marked picked. A step after every WORDS_PER_STEP words compared.
   */
  *pickInSteps(queryKey: NameKey, picked: Uint8Array, isLive: (slot: number) => boolean): Steps<number[]> {
    const found: number[] = [];
    const pick = (slots: readonly number[]) => {
      for (const slot of slots) {
        if (picked[slot] === 1 || !isLive(slot)) continue;
        picked[slot] = 1;
        found.push(slot);
      }
    };
    pick(this.compacts.get(queryKey.compact) ?? []);
    let compared = 0;
    for (const [i, token] of queryKey.tokens.entries()) {
      if (queryKey.tokens.indexOf(token) !== i) continue;
      const mask = queryKey.tokenMasks[i]!;
      for (const [length, sameLength] of this.wordsByLength.entries()) {
        // The length test of couldReach: words too much longer or shorter can never reach TOKEN_MATCH.
        if (!sameLength || Math.abs(length - token.length) > (1 - TOKEN_MATCH) * Math.max(length, token.length)) {
          continue;
        }
        for (const word of sameLength) {
          const postings = this.words.get(word)!;
          const close =
            word === token ||
            (couldReach(token, mask, word, postings.mask, TOKEN_MATCH) && editSimilarity(token, word) >= TOKEN_MATCH);
          if (close) pick(postings.slots);
          compared += 1;
          if (compared % WORDS_PER_STEP === 0) yield;
        }
      }
    }
    return found.sort((a, b) => a - b);
  }
}
