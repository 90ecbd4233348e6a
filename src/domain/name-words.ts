// The company index's names as word ids. A key object per name (its text, compact form, word list and word set,
// each a string of its own) cost some 300 bytes a name; here each distinct word is kept once, with an id and how many
// live names use it, and a name is its words' ids in one shared typed array. A name's key is spelled again from its
// words when a lookup scores it: buildNameKey over the same words gives the same key computeNameKey gave.

import { computePriorCount } from './company-words.js';
import { IntList } from './hash-chains.js';
import { buildNameKey, type NameKey } from './name-score.js';

/** The items once each, in order of first appearance: `items` itself when none repeats (most names). */
export function distinct<T>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) if (items.lastIndexOf(items[i]!, i - 1) >= 0) return [...new Set(items)];
  return items;
}

/** Room made per expected name: company names have two or three words. */
export const WORDS_PER_NAME = 3;

export class NameWords {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  /** Per word id: how many live names use the word (each name once), and its prior count. */
  private readonly counts: number[] = [];
  private readonly priors: number[] = [];
  /** Per name (slot): where its words start in `words`; they end where the next name's start. */
  private readonly starts: IntList;
  /** Every name's canonical words in order, repeats kept (the text is spelled from them). */
  private readonly words: IntList;

  /** `expected`: how many names to make room for at once. */
  constructor(expected = 0) {
    this.starts = new IntList(expected);
    this.words = new IntList(expected * WORDS_PER_NAME);
  }

  /** How many distinct words were ever met. */
  get wordCount(): number {
    return this.texts.length;
  }

  idOf(word: string): number | undefined {
    return this.ids.get(word);
  }

  readonly textOf = (id: number): string => this.texts[id]!;

  countOf(id: number): number {
    return this.counts[id]!;
  }

  priorOf(id: number): number {
    return this.priors[id]!;
  }

  /** Adds `step` (1 or −1) to each distinct word's count. */
  countWords(ids: readonly number[], step: 1 | -1): void {
    for (const id of ids) this.counts[id]! += step;
  }

  /** The id of a word, given one if new; `onNew` hears of a word met for the first time. */
  intern(word: string, onNew: (id: number) => void): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(word, id);
      this.texts.push(word);
      this.counts.push(0);
      this.priors.push(computePriorCount(word));
      onNew(id);
    }
    return id;
  }

  /** Adds the next name (slot) from its words' ids, in order with repeats. */
  appendName(wordIds: readonly number[]): void {
    this.starts.push(this.words.length);
    for (const id of wordIds) this.words.push(id);
  }

  /** The ids of a name's words, in order with repeats. */
  wordIdsAt(slot: number): number[] {
    const end = slot + 1 < this.starts.length ? this.starts.at(slot + 1) : this.words.length;
    const ids: number[] = [];
    for (let at = this.starts.at(slot); at < end; at++) ids.push(this.words.at(at));
    return ids;
  }

  /** The ids of a name's distinct words, in order of first appearance (the key's tokens). */
  tokenIdsAt(slot: number): readonly number[] {
    return distinct(this.wordIdsAt(slot));
  }

  keyAt(slot: number): NameKey {
    return buildNameKey(this.wordIdsAt(slot).map(this.textOf));
  }
}
