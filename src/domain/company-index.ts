// Company names indexed for matchCompanies over a whole store. The index keeps, per word, the names that use it and
// how many they are, so it holds the word weights (company-words.ts) that scoring reads; they move as names come and
// go. A lookup first picks the names that could score at all, then scores them in the order they were added, so the
// answer is exactly what matchCompanies gives over every name with the same weights.
//
// A name reaches the minimum score only with the same letters as the query without spaces, or by sharing a word
// with it, exactly or within one typo (name-score.ts). Not every query word can carry a name that far: a name that
// shares only "machining" with "Acme Machining" stays far below it. So only the query's essential words are looked
// up, rarest first, and of a commoner word's names only those short enough to score are read (query-plan.ts).

import { computeHeaviestPrior, computeWordWeight, type WordWeights } from './company-words.js';
import { type CompanyMatch, computeBestMatches, computeNameKey, computeNameWords } from './fuzzy.js';
import { HashChains, hashJoined, hashText, IntList } from './hash-chains.js';
import type { NameKey } from './name-score.js';
import { distinct, NameWords, WORDS_PER_NAME } from './name-words.js';
import { couldReachMinimum, listWordSets, MAX_QUERY_BITS, planNameLengths, planQuery } from './query-plan.js';
import type { Steps } from './steps.js';
import { TypoBuckets } from './typo-buckets.js';

export interface CompanyEntry {
  readonly id: string;
  readonly company: string;
}

/** Past this many removed slots (and half the live ones) the slots are packed again. */
const COMPACT_AFTER = 1_024;
/** Candidates scored between two steps of a lookup in steps. */
const SLOTS_PER_STEP = 2_000;
/** Room made in the typo buckets per expected name: a new word is filed under up to six buckets. */
const TYPO_FILINGS_PER_NAME = 4;
/** Name lengths (distinct words) told apart in a word's postings; longer names share the last. */
const LENGTHS = 256;

/** A word's postings of names with `length` distinct words: the key of their chain. */
const postingKey = (wordId: number, length: number) => wordId * LENGTHS + Math.min(length, LENGTHS - 1);

export class CompanyIndex implements WordWeights {
  /** Per slot, in insertion order: the lead's id (null once removed, or replaced: it moves to the end) and name. */
  private ids: (string | null)[] = [];
  private companies: string[] = [];
  private names!: NameWords;
  private slotOf = new Map<string, number>();
  /** The names using a word, by their number of distinct words: one node per (name, word), its slot beside it. */
  private postings!: HashChains;
  private postingSlots!: IntList;
  /** One node per slot, keyed by a hash of its compact form, and of its set of distinct words (sorted, joined). */
  private compacts!: HashChains;
  private wordSets!: HashChains;
  private typos!: TypoBuckets;
  private removed = 0;
  /** Moves with every change, so a lookup in steps knows when the index changed under it. */
  private version = 0;
  /**
   * The largest count (with its prior) a word has reached: no word weighs less than a word of that count. Removals
   * leave it as it is, which only makes it a looser bound.
   */
  private heaviestCount = computeHeaviestPrior();

  /**
   * `expected`: how many names to make room for at once. The typed arrays would otherwise grow by copies, which
   * only a full collection frees: some 15 MB of garbage outside the heap after a build of 100k names.
   */
  constructor(entries: Iterable<CompanyEntry> = [], expected = 0) {
    this.allocate(expected);
    for (const entry of entries) this.append(entry);
  }

  private allocate(expected: number): void {
    this.names = new NameWords(expected);
    this.postings = new HashChains(expected * WORDS_PER_NAME);
    this.postingSlots = new IntList(expected * WORDS_PER_NAME);
    this.compacts = new HashChains(expected);
    this.wordSets = new HashChains(expected);
    this.typos = new TypoBuckets(expected * TYPO_FILINGS_PER_NAME);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** What a word weighs with this index's names behind it (the prior alone for a word no name uses). */
  weightOf(word: string): number {
    const id = this.names.idOf(word);
    return computeWordWeight(word, id === undefined ? 0 : this.names.countOf(id));
  }

  private weightOfId(id: number): number {
    return computeWordWeight(this.names.textOf(id), this.names.countOf(id));
  }

  /** Adds the entry, or replaces the one with its id (which then counts as added last). */
  upsert(entry: CompanyEntry): void {
    const slot = this.slotOf.get(entry.id);
    // A lead changed in anything but its name keeps the words it had.
    const kept = slot !== undefined && this.companies[slot] === entry.company ? this.names.wordIdsAt(slot) : undefined;
    this.remove(entry.id);
    this.append(entry, kept?.map(this.names.textOf));
    this.version += 1;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.version += 1;
    this.slotOf.delete(id);
    this.ids[slot] = null;
    this.names.countWords(this.names.tokenIdsAt(slot), -1);
    this.removed += 1;
    if (this.removed > COMPACT_AFTER && this.removed > this.slotOf.size / 2) this.compact();
  }

  /** Exactly matchCompanies(query, entries in insertion order, { limit }). */
  match(query: string, limit = 5): CompanyMatch<CompanyEntry>[] {
    const queryKey = computeNameKey(query);
    if (queryKey.text === '') return [];
    const slots = this.pickCandidates(queryKey);
    const best = computeBestMatches(queryKey, slots, this.keyAt, limit, this);
    return best.map(({ candidate, score }) => ({ candidate: this.entryAt(candidate), score }));
  }

  /**
   * match() in steps (src/domain/steps.ts): the candidates are picked, then scored a chunk per step. The best of each
   * chunk merge into the best overall (by score, then by the order names were added), so the answer is match()'s.
   * An index changed during a pause is read again in one go.
   */
  *matchInSteps(query: string, limit = 5): Steps<CompanyMatch<CompanyEntry>[]> {
    const queryKey = computeNameKey(query);
    if (queryKey.text === '') return [];
    const version = this.version;
    const slots = this.pickCandidates(queryKey);
    let best: CompanyMatch<number>[] = [];
    for (let from = 0; from < slots.length; from += SLOTS_PER_STEP) {
      yield;
      if (this.version !== version) return this.match(query, limit);
      const chunk = computeBestMatches(queryKey, slots.slice(from, from + SLOTS_PER_STEP), this.keyAt, limit, this);
      best = [...best, ...chunk].sort((a, b) => b.score - a.score || a.candidate - b.candidate).slice(0, limit);
    }
    return best.map(({ candidate, score }) => ({ candidate: this.entryAt(candidate), score }));
  }

  private readonly keyAt = (slot: number): NameKey => this.names.keyAt(slot);

  private entryAt(slot: number): CompanyEntry {
    return { id: this.ids[slot]!, company: this.companies[slot]! };
  }

  /** Appends the entry; `words`: its canonical words when already known (else read from its name). */
  private append(entry: CompanyEntry, words?: readonly string[]): void {
    const slot = this.ids.length;
    const texts = words ?? computeNameWords(entry.company);
    const wordIds = texts.map((word) => this.names.intern(word, (id) => this.typos.add(word, id)));
    this.ids.push(entry.id);
    this.companies.push(entry.company);
    this.slotOf.set(entry.id, slot);
    this.names.appendName(wordIds);
    const tokens = distinct(wordIds);
    this.compacts.add(hashJoined(texts, ''));
    this.wordSets.add(hashJoined(texts.length < 2 ? texts : [...distinct(texts)].sort(), ' '));
    this.names.countWords(tokens, 1);
    for (const id of tokens) {
      this.postings.add(postingKey(id, tokens.length));
      this.postingSlots.push(slot);
      this.heaviestCount = Math.max(this.heaviestCount, this.names.countOf(id) + this.names.priorOf(id));
    }
  }

  /**
   * The names spelled the same without spaces, and those sharing an essential query word or a typo of one that
   * could still reach the minimum, in order. A name is found through the rarest essential word it shares, so of a
   * commoner word's names only the short ones are read: of the thousands of "… Plastics" a query "Smith Plastics"
   * meets through its trade, only a name "Plastics" alone could score.
   */
  private pickCandidates(queryKey: NameKey): number[] {
    const names = this.names;
    // Each query word with the indexed words (ids) one typo from it, and what it can carry in a pair (see QueryWord).
    const plan = planQuery(
      queryKey.tokens.map((token) => {
        const weight = this.weightOf(token);
        const own = names.idOf(token);
        const near = this.typos.findTypos(token, names.textOf);
        const group = (own === undefined ? near : [own, ...near]).filter((id) => names.countOf(id) > 0);
        const reach = Math.max(0, ...group.map((id) => Math.min(weight, this.weightOfId(id))));
        return { token, weight, reach, group };
      }),
    );
    const lightest = computeWordWeight('', this.heaviestCount);
    // The indexed words a name may pair with, with the bits of the query words they pair with.
    const pairable = new Map<number, number>();
    plan.words.slice(0, MAX_QUERY_BITS).forEach(({ group }, i) => {
      for (const id of group) pairable.set(id, (pairable.get(id) ?? 0) | (1 << i));
    });
    const seen = new Set<number>();
    const picked: number[] = [];
    const pick = (slot: number) => {
      if (seen.has(slot) || this.ids[slot] === null) return;
      seen.add(slot);
      if (couldReachMinimum(plan, names.tokenIdsAt(slot), pairable, lightest)) picked.push(slot);
    };
    const pairableTexts = [...pairable.keys()].map(names.textOf);
    for (let at = 0; at < plan.essential; at++) {
      const { group } = plan.words[at]!;
      for (const { length, allPaired } of planNameLengths(plan, at, lightest)) {
        const bySets = allPaired && plan.words.length <= MAX_QUERY_BITS;
        const sets = bySets ? listWordSets(pairableTexts, group.map(names.textOf), length) : null;
        if (sets) for (const set of sets) this.readWordSet(set, pick);
        else for (const id of group) this.readPostings(postingKey(id, length), pick);
      }
    }
    // Spelled the same without spaces: 0.95 whatever the words say.
    const spaced: number[] = [];
    const compact = queryKey.compact;
    for (let slot = this.compacts.first(hashText(compact)); slot >= 0; slot = this.compacts.next(slot)) {
      if (this.ids[slot] !== null && names.keyAt(slot).compact === compact) spaced.push(slot);
    }
    return [...new Set([...picked, ...spaced])].sort((a, b) => a - b);
  }

  /** The names (live or not) made of exactly the words of `set` (sorted, joined). */
  private readWordSet(set: string, visit: (slot: number) => void): void {
    for (let slot = this.wordSets.first(hashText(set)); slot >= 0; slot = this.wordSets.next(slot)) {
      if (this.names.keyAt(slot).wordSet === set) visit(slot);
    }
  }

  /**
   * The names (live or not) under a word and length; with names past LENGTHS words or word ids past 2^22, names
   * of other words or lengths too, which pick() then weighs like any other and scoring judges exactly.
   */
  private readPostings(key: number, visit: (slot: number) => void): void {
    for (let node = this.postings.first(key); node >= 0; node = this.postings.next(node)) {
      visit(this.postingSlots.at(node));
    }
  }

  private compact(): void {
    const live = this.ids.flatMap((id, slot) =>
      id === null ? [] : [{ entry: this.entryAt(slot), words: this.names.wordIdsAt(slot).map(this.names.textOf) }],
    );
    this.ids = [];
    this.companies = [];
    this.slotOf = new Map();
    this.allocate(live.length);
    this.removed = 0;
    this.heaviestCount = computeHeaviestPrior();
    for (const { entry, words } of live) this.append(entry, words);
  }
}
