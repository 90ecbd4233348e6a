// Company names indexed for matchCompanies over a whole store. Scoring 100k names one by one costs tens of
// milliseconds per lookup; the index first picks the names that could score at all, then runs the very same
// matchCompanies over them, in the order they were added, so the answer is exactly the one a full scan gives.
//
// A name can reach the minimum score only by (see fuzzy.ts scoreKeys): the same name without spaces, a word within
// edit similarity TOKEN_MATCH of a word of the query, or a whole-name edit similarity of at least EDIT_FLOOR. The
// first two are looked up in maps by word; the third is a scan with cheap lower bounds of the edit distance, made
// stricter once the word matches alone fill the list (a name must then score at least the last of them).
//
// The scan visits names by length and reads nothing but typed arrays kept per slot (letter mask, letter counts):
// reading the names' characters for the bag distance cost ten times more than all the rest of a lookup. A name the word pass did not
// pick shares no word with the query, so only its whole-name edit similarity can score (scoreWholeName).

import { CompanyWords } from './company-words.js';
import { bagWithin, LETTER_BUCKETS, popCount, writeLetterCounts } from './edit-distance.js';
import {
  buildNameKey,
  type CompanyMatch,
  computeBestMatchesInSteps,
  computeCompanyKey,
  EDIT_FLOOR,
  MIN_MATCH_SCORE,
  type NameKey,
  normalizeCompany,
  scoreWholeName,
} from './fuzzy.js';
import { runAllSteps, type Steps } from './steps.js';

export interface CompanyEntry {
  readonly id: string;
  readonly company: string;
}

/** Past this many removed slots (and half the live ones) the slots are packed again. */
const COMPACT_AFTER = 1_024;
/** Slots scanned between two steps of a lookup in steps. */
const SLOTS_PER_STEP = 8_000;

export class CompanyIndex {
  /** In insertion order; null where an entry was removed (or replaced: a replaced entry moves to the end). */
  private entries: (CompanyEntry | null)[] = [];
  private keys: NameKey[] = [];
  /** Per slot, for the whole-name scan: the letter mask, and LETTER_BUCKETS letter counts from slot × 32. */
  private masks = new Int32Array(1_024);
  private letterCounts = new Uint8Array(1_024 * LETTER_BUCKETS);
  /** Slots by the length of their normalized name: the whole-name pass only visits lengths that could match. */
  private slotsByLength: number[][] = [];
  private slotOf = new Map<string, number>();
  private words = new CompanyWords();
  private removed = 0;
  /** Moves on every change, so a lookup in steps knows when the slots it read no longer mean the same names. */
  private version = 0;

  constructor(entries: Iterable<CompanyEntry> = []) {
    for (const entry of entries) this.append(entry);
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds the entry, or replaces the one with its id (which then counts as added last). */
  upsert(entry: CompanyEntry): void {
    this.remove(entry.id);
    this.append(entry);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.version += 1;
    this.slotOf.delete(id);
    this.entries[slot] = null;
    this.removed += 1;
    if (this.removed > COMPACT_AFTER && this.removed > this.slotOf.size / 2) this.compact();
  }

  /** Exactly matchCompanies(query, entries in insertion order, { limit }). */
  match(query: string, limit = 5): CompanyMatch<CompanyEntry>[] {
    return runAllSteps(this.computeMatches(query, limit));
  }

  /**
   * match() in steps (steps.ts), for a lookup that must not hold up other requests. A change to the index between
   * two steps (a rep logs a lead) makes the slots read so far meaningless: the lookup then runs again in one go.
   */
  *matchInSteps(query: string, limit = 5): Steps<CompanyMatch<CompanyEntry>[]> {
    const version = this.version;
    const steps = this.computeMatches(query, limit);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      yield;
      if (this.version !== version) return this.match(query, limit);
    }
  }

  private *computeMatches(query: string, limit: number): Steps<CompanyMatch<CompanyEntry>[]> {
    const queryKey = buildNameKey(normalizeCompany(query));
    if (queryKey.text === '') return [];
    const keyAt = (slot: number) => this.keys[slot]!;
    const picked = new Uint8Array(this.entries.length);
    const byWordSlots = yield* this.words.pickInSteps(queryKey, picked, (slot) => this.entries[slot] !== null);
    const byWords = yield* computeBestMatchesInSteps(queryKey, byWordSlots, keyAt, limit);
    // Once the word matches fill the list, any other name must score at least the last of them to get in (the
    // epsilon keeps a tie, which the earlier name wins, out of the bounds' rounding).
    const bar = byWords.length < limit ? MIN_MATCH_SCORE : byWords[byWords.length - 1]!.score;
    const wholeNames = yield* this.pickByWholeName(queryKey, Math.max(EDIT_FLOOR, bar - 1e-9), picked);
    const byWholeName = yield* computeBestMatchesInSteps(queryKey, wholeNames, keyAt, limit, scoreWholeName);
    // Two disjoint best lists merge into the best of their union: by score, then by the order names were added.
    const merged = [...byWords, ...byWholeName].sort((a, b) => b.score - a.score || a.candidate - b.candidate);
    return merged.slice(0, limit).map(({ candidate, score }) => ({ candidate: this.entries[candidate]!, score }));
  }

  private append(entry: CompanyEntry): void {
    this.version += 1;
    const slot = this.entries.length;
    const key = computeCompanyKey(entry.company);
    this.entries.push(entry);
    this.keys.push(key);
    this.slotOf.set(entry.id, slot);
    if (key.text === '') return;
    if (slot >= this.masks.length) {
      const masks = new Int32Array(this.masks.length * 2);
      masks.set(this.masks);
      this.masks = masks;
      const counts = new Uint8Array(masks.length * LETTER_BUCKETS);
      counts.set(this.letterCounts);
      this.letterCounts = counts;
    }
    this.masks[slot] = key.mask;
    writeLetterCounts(key.text, this.letterCounts, slot * LETTER_BUCKETS);
    const sameLength = this.slotsByLength[key.text.length] ?? [];
    this.slotsByLength[key.text.length] = sameLength;
    sameLength.push(slot);
    this.words.add(key, slot);
  }

  /** The names not picked yet whose whole-name edit similarity could reach `minimum`, in order. */
  private *pickByWholeName(queryKey: NameKey, minimum: number, picked: Uint8Array): Steps<number[]> {
    const { text, mask } = queryKey;
    const query = { counts: new Uint8Array(LETTER_BUCKETS), offset: 0, length: text.length, mask };
    writeLetterCounts(text, query.counts);
    const { masks, letterCounts } = this;
    const found: number[] = [];
    let scanned = 0;
    for (const [length, slots] of this.slotsByLength.entries()) {
      // The bounds of couldReach, over the slots' arrays: the length difference (once for every name of this
      // length), half the letters present in only one name, and the bag distance.
      const allowed = (1 - minimum) * Math.max(length, text.length);
      if (!slots || Math.abs(length - text.length) > allowed) continue;
      for (const slot of slots) {
        scanned += 1;
        if (scanned % SLOTS_PER_STEP === 0) yield;
        if (picked[slot] === 1 || this.entries[slot] === null) continue;
        const slotMask = masks[slot]!;
        if (popCount(mask ^ slotMask) / 2 > allowed) continue;
        if (bagWithin(query, letterCounts, slot * LETTER_BUCKETS, length, slotMask, allowed)) found.push(slot);
      }
    }
    return found.sort((a, b) => a - b);
  }

  private compact(): void {
    this.version += 1;
    const live = this.entries.filter((entry): entry is CompanyEntry => entry !== null);
    this.entries = [];
    this.keys = [];
    this.masks = new Int32Array(1_024);
    this.letterCounts = new Uint8Array(1_024 * LETTER_BUCKETS);
    this.slotsByLength = [];
    this.slotOf = new Map();
    this.words = new CompanyWords();
    this.removed = 0;
    for (const entry of live) this.append(entry);
  }
}
