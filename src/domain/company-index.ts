// Company names indexed for matchCompanies over a whole store. The index keeps, per word, the names that use it and
// how many they are, so it holds the word weights (company-words.ts) that scoring reads; they move as names come and
// go. A lookup first picks the names that could score at all, then scores them in the order they were added, so the
// answer is exactly what matchCompanies gives over every name with the same weights.
//
// A name reaches the minimum score only with the same letters as the query without spaces, or by sharing a word
// with it, exactly or within one typo (name-score.ts). Not every query word can carry a name that far: a name that
// shares only "machining" with "Acme Machining" stays far below it. So only the query's essential words are looked
// up, rarest first, and of a commoner word's names only those short enough to score are read (query-plan.ts).

import { computeHeaviestPrior, computePriorCount, computeWordWeight, type WordWeights } from './company-words.js';
import { type CompanyKeyCache, type CompanyMatch, computeBestMatches, computeNameKey } from './fuzzy.js';
import type { NameKey } from './name-score.js';
import { couldReachMinimum, listWordSets, MAX_QUERY_BITS, planNameLengths, planQuery } from './query-plan.js';
import { addSlotByText, appendExact, placeAt, readSlotsByText, type SlotsByText } from './slot-lists.js';
import type { Steps } from './steps.js';
import { TypoBuckets } from './typo-buckets.js';

export interface CompanyEntry {
  readonly id: string;
  readonly company: string;
}

/**
 * The names using a word, by how many distinct words they have (removed slots linger until the next compaction), how
 * many live ones, and the word's prior count: its weight follows from those two (computeWordWeight).
 */
interface WordPostings {
  byLength: (number[] | undefined)[];
  count: number;
  prior: number;
}

/** Past this many removed slots (and half the live ones) the slots are packed again. */
const COMPACT_AFTER = 1_024;
/** Candidates scored between two steps of a lookup in steps. */
const SLOTS_PER_STEP = 2_000;

export class CompanyIndex implements WordWeights {
  /** In insertion order; null where an entry was removed (or replaced: a replaced entry moves to the end). */
  private entries: (CompanyEntry | null)[] = [];
  private keys: NameKey[] = [];
  private slotOf = new Map<string, number>();
  private words = new Map<string, WordPostings>();
  private typos = new TypoBuckets();
  private compacts: SlotsByText = new Map();
  /** Names by their set of distinct words (sorted, joined), for names made of query words alone. */
  private wordSets: SlotsByText = new Map();
  private removed = 0;
  /** Moves with every change, so a lookup in steps knows when the index changed under it. */
  private version = 0;
  /**
   * The largest count (with its prior) a word has reached: no word weighs less than a word of that count. Removals
   * leave it as it is, which only makes it a looser bound.
   */
  private heaviestCount = computeHeaviestPrior();

  /**
   * `keyCache`: where names' keys are kept between builds, owned by the caller (the store keeps one per database, so
   * an index built again reads the keys it had); by default only the index's own entries keep theirs.
   */
  constructor(
    entries: Iterable<CompanyEntry> = [],
    private readonly keyCache: CompanyKeyCache | null = null,
  ) {
    for (const entry of entries) this.append(entry);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** What a word weighs with this index's names behind it (the prior alone for a word no name uses). */
  weightOf(word: string): number {
    return computeWordWeight(word, this.words.get(word)?.count ?? 0);
  }

  /** Adds the entry, or replaces the one with its id (which then counts as added last). */
  upsert(entry: CompanyEntry): void {
    const slot = this.slotOf.get(entry.id);
    // A lead changed in anything but its name keeps the key it had.
    const kept = slot !== undefined && this.entries[slot]?.company === entry.company ? this.keys[slot] : undefined;
    this.remove(entry.id);
    this.append(entry, kept);
    this.version += 1;
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.version += 1;
    this.slotOf.delete(id);
    this.entries[slot] = null;
    for (const token of this.keys[slot]!.tokens) this.words.get(token)!.count -= 1;
    this.removed += 1;
    if (this.removed > COMPACT_AFTER && this.removed > this.slotOf.size / 2) this.compact();
  }

  /** Exactly matchCompanies(query, entries in insertion order, { limit }). */
  match(query: string, limit = 5): CompanyMatch<CompanyEntry>[] {
    const queryKey = computeNameKey(query);
    if (queryKey.text === '') return [];
    const slots = this.pickCandidates(queryKey);
    const best = computeBestMatches(queryKey, slots, (slot) => this.keys[slot]!, limit, this);
    return best.map(({ candidate, score }) => ({ candidate: this.entries[candidate]!, score }));
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
    return best.map(({ candidate, score }) => ({ candidate: this.entries[candidate]!, score }));
  }

  private readonly keyAt = (slot: number): NameKey => this.keys[slot]!;

  private append(entry: CompanyEntry, kept?: NameKey): void {
    const slot = this.entries.length;
    const key = kept ?? this.keyCache?.keyOf(entry.company) ?? computeNameKey(entry.company);
    this.entries.push(entry);
    this.keys.push(key);
    this.slotOf.set(entry.id, slot);
    if (key.text === '') return;
    addSlotByText(this.compacts, key.compact, slot);
    addSlotByText(this.wordSets, key.wordSet, slot);
    for (const token of key.tokens) {
      let postings = this.words.get(token);
      if (!postings) {
        postings = { byLength: [], count: 0, prior: computePriorCount(token) };
        this.words.set(token, postings);
        this.typos.add(token);
      }
      const length = key.tokens.length;
      postings.byLength = placeAt(postings.byLength, length, appendExact(postings.byLength[length], slot));
      postings.count += 1;
      this.heaviestCount = Math.max(this.heaviestCount, postings.count + postings.prior);
    }
  }

  /**
   * The names spelled the same without spaces, and those sharing an essential query word or a typo of one that
   * could still reach the minimum, in order. A name is found through the rarest essential word it shares, so of a
   * commoner word's names only the short ones are read: of the thousands of "… Plastics" a query "Smith Plastics"
   * meets through its trade, only a name "Plastics" alone could score.
   */
  private pickCandidates(queryKey: NameKey): number[] {
    // Each query word with the indexed words one typo from it, and what it can carry in a pair (see QueryWord).
    const plan = planQuery(
      queryKey.tokens.map((token) => {
        const weight = this.weightOf(token);
        const group = [token, ...this.typos.findTypos(token)].filter((word) => (this.words.get(word)?.count ?? 0) > 0);
        const reach = Math.max(0, ...group.map((word) => Math.min(weight, this.weightOf(word))));
        return { token, weight, reach, group };
      }),
    );
    const lightest = computeWordWeight('', this.heaviestCount);
    // The indexed words a name may pair with, with the bits of the query words they pair with.
    const pairable = new Map<string, number>();
    plan.words.slice(0, MAX_QUERY_BITS).forEach(({ group }, i) => {
      for (const word of group) pairable.set(word, (pairable.get(word) ?? 0) | (1 << i));
    });
    const seen = new Set<number>();
    const picked: number[] = [];
    const pick = (slot: number) => {
      if (seen.has(slot) || this.entries[slot] === null) return;
      seen.add(slot);
      if (couldReachMinimum(plan, this.keys[slot]!.tokens, pairable, lightest)) picked.push(slot);
    };
    for (let at = 0; at < plan.essential; at++) {
      const { group } = plan.words[at]!;
      for (const { length, allPaired } of planNameLengths(plan, at, lightest)) {
        const bySets = allPaired && plan.words.length <= MAX_QUERY_BITS;
        const sets = bySets ? listWordSets([...pairable.keys()], group, length) : null;
        if (sets) for (const set of sets) for (const slot of readSlotsByText(this.wordSets, set)) pick(slot);
        else for (const word of group) for (const slot of this.words.get(word)?.byLength[length] ?? []) pick(slot);
      }
    }
    // Spelled the same without spaces: 0.95 whatever the words say.
    const spaced = readSlotsByText(this.compacts, queryKey.compact).filter((slot) => this.entries[slot] !== null);
    return [...new Set([...picked, ...spaced])].sort((a, b) => a - b);
  }

  private compact(): void {
    const live = this.entries.flatMap((entry, slot) => (entry === null ? [] : [{ entry, key: this.keys[slot]! }]));
    this.entries = [];
    this.keys = [];
    this.slotOf = new Map();
    this.words = new Map();
    this.typos = new TypoBuckets();
    this.compacts = new Map();
    this.wordSets = new Map();
    this.removed = 0;
    this.heaviestCount = computeHeaviestPrior();
    for (const { entry, key } of live) this.append(entry, key);
  }
}
