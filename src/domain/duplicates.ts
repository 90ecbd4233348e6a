// The lead pairs most likely to be one company logged twice, over the whole book. Pure, and done in steps: at 100k
// leads it runs for a few hundred milliseconds, which a Slack handler spreads over turns of the event loop.
//
// A pair counts when, after normalizing (case, accents, punctuation, trailing legal suffixes), the two names are
// equal ("Acme Corp" / "ACME Corporation"), equal without spaces ("Acme Tech" / "AcmeTech"), the same words in
// another order, or one typo apart (a letter added, dropped, changed or two swapped) in a name of at least 7 letters
// with the same numbers in it ("Plant 2" and "Plant 3" are two plants). Scoring all pairs of 100k names is out of
// reach, so each name is filed under a few keys — itself without spaces, itself with each one letter left out, its
// words sorted — and only names sharing a key are compared: two names one typo apart always share one.

import { buildKeyedName, countKeyedLetters, fileNamesInSteps } from './duplicate-keys.js';
import { normalizeCompany } from './fuzzy.js';
import { sortKeysInSteps } from './key-sort.js';
import { computeOncePerSnapshotInSteps } from './snapshot-memo.js';
import type { Steps } from './steps.js';
import type { Dataset, Lead } from './types.js';

export interface DuplicateCandidate {
  readonly id: string;
  readonly company: string;
  readonly createdAt: number;
}

export type DuplicateReason = 'same-name' | 'spacing' | 'word-order' | 'typo';

export interface DuplicatePair<T> {
  /** The lead created first: the one to keep, so old links and the first source stay where they are. */
  keep: T;
  merge: T;
  score: number;
  reason: DuplicateReason;
}

export interface DuplicateReport<T> {
  /** The likeliest pairs, best first: highest score, then the most recently created duplicate. */
  pairs: DuplicatePair<T>[];
  /** Every pair found. */
  total: number;
}

/** How many pairs `/lead duplicates` shows. */
export const DUPLICATE_REPORT_LIMIT = 10;
/** One typo in a shorter name changes too much of it to be sure ("Acme" / "Acne"). */
const TYPO_MIN_LENGTH = 7;
const REASON_SCORES = { 'same-name': 1, spacing: 0.95, 'word-order': 0.9 } as const;
/** Names measured, keys scanned and pairs compared between two pauses. */
const LETTER_COUNTS_PER_STEP = 10_000;
const KEYS_PER_STEP = 16_384;
const PAIRS_PER_STEP = 5_000;

interface NameForms {
  norm: string;
  compact: string;
  sortedWords: string;
  digits: string;
}

function buildForms(company: string): NameForms {
  const norm = normalizeCompany(company);
  const words = norm === '' ? [] : norm.split(' ');
  return {
    norm,
    compact: words.join(''),
    sortedWords: words.length > 1 ? [...words].sort().join(' ') : '',
    digits: (norm.match(/\d+/g) ?? []).join(' '),
  };
}

/** True when `a` and `b` differ by at most one insertion, deletion, substitution or swap of neighbours. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  const sameFrom = (s: number, l: number) => short.slice(s) === long.slice(l);
  if (short.length < long.length) return sameFrom(i, i + 1);
  if (sameFrom(i + 1, i + 1)) return true;
  return short[i] === long[i + 1] && short[i + 1] === long[i] && sameFrom(i + 2, i + 2);
}

/** Why two names are one company, or null. */
function classifyNames(a: NameForms, b: NameForms): { reason: DuplicateReason; score: number } | null {
  if (a.norm === '' || b.norm === '') return null;
  if (a.norm === b.norm) return { reason: 'same-name', score: REASON_SCORES['same-name'] };
  if (a.compact === b.compact) return { reason: 'spacing', score: REASON_SCORES.spacing };
  if (a.sortedWords !== '' && a.sortedWords === b.sortedWords) {
    return { reason: 'word-order', score: REASON_SCORES['word-order'] };
  }
  const longer = Math.max(a.compact.length, b.compact.length);
  if (a.digits !== b.digits || longer < TYPO_MIN_LENGTH || !isOneEditApart(a.compact, b.compact)) return null;
  return { reason: 'typo', score: 1 - 1 / longer };
}

/** Whether two company names are likely one company, by the rules above. */
export function isLikelyDuplicate(a: string, b: string): boolean {
  return classifyNames(buildForms(a), buildForms(b)) !== null;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Best first: the higher score, then the newer duplicate (the freshest mistakes are the ones to fix now). */
function compareEntries(a: DuplicatePair<DuplicateCandidate>, b: DuplicatePair<DuplicateCandidate>): number {
  return (
    b.score - a.score ||
    b.merge.createdAt - a.merge.createdAt ||
    b.keep.createdAt - a.keep.createdAt ||
    compareIds(a.merge.id, b.merge.id) ||
    compareIds(a.keep.id, b.keep.id)
  );
}

function buildPair<T extends DuplicateCandidate>(a: T, b: T, found: { reason: DuplicateReason; score: number }) {
  const aFirst = a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);
  return { keep: aFirst ? a : b, merge: aFirst ? b : a, ...found };
}

/** Keeps the best `limit` pairs, best first. */
function offerPair<T extends DuplicateCandidate>(best: DuplicatePair<T>[], pair: DuplicatePair<T>, limit: number) {
  if (best.length >= limit && compareEntries(pair, best[best.length - 1]!) >= 0) return;
  let at = best.length;
  while (at > 0 && compareEntries(pair, best[at - 1]!) < 0) at--;
  best.splice(at, 0, pair);
  if (best.length > limit) best.pop();
}

/**
 * Where the first run of two or more equal hashes at or after `from` starts, looking at starts before `limit` only
 * (then `limit`, or the end). Nearly every key is alone: skipping those in a plain loop, which V8 optimises better
 * than a generator's, spares the scan below most of its work.
 */
function findSharedRun(hashes: Uint32Array, from: number, limit: number): number {
  const last = Math.min(limit, hashes.length - 1);
  for (let i = from; i < last; i++) if (hashes[i] === hashes[i + 1]) return i;
  return Math.min(limit, hashes.length);
}

/** The likely duplicate pairs among `entries` (see the top of this file): the best `limit`, and how many in all. */
export function* computeDuplicatePairsInSteps<T extends DuplicateCandidate>(
  entries: readonly T[],
  limit = DUPLICATE_REPORT_LIMIT,
): Steps<DuplicateReport<T>> {
  // A name takes at most its letters and digits (and two more) as keys: the arrays are sized for that.
  let expectedKeys = 0;
  for (let i = 0; i < entries.length; i++) {
    expectedKeys += countKeyedLetters(entries[i]!.company) + 2;
    if (i % LETTER_COUNTS_PER_STEP === LETTER_COUNTS_PER_STEP - 1) yield;
  }
  const nameAt = (i: number) => buildKeyedName(normalizeCompany(entries[i]!.company));
  const filed = fileNamesInSteps(entries.length, nameAt, expectedKeys, TYPO_MIN_LENGTH);
  const sorted = yield* sortKeysInSteps(yield* filed);
  // Forms again for the few names that share a key with another, instead of keeping every name's.
  const forms = new Map<number, NameForms>();
  const formsOf = (i: number) => {
    let known = forms.get(i);
    if (known === undefined) {
      known = buildForms(entries[i]!.company);
      forms.set(i, known);
    }
    return known;
  };
  const best: DuplicatePair<T>[] = [];
  const seen = new Set<number>();
  let total = 0;
  let checks = 0;
  const { hashes } = sorted;
  for (let start = 0; start < hashes.length; ) {
    const shared = findSharedRun(hashes, start, start + KEYS_PER_STEP);
    if (shared > start) {
      if (Math.floor(start / KEYS_PER_STEP) !== Math.floor(shared / KEYS_PER_STEP)) yield;
      start = shared;
      continue;
    }
    let end = start + 1;
    while (end < hashes.length && hashes[end] === hashes[start]) end++;
    const owners = [...new Set(sorted.owners.subarray(start, end))].sort((a, b) => a - b);
    for (let i = 0; i < owners.length; i++) {
      for (let j = i + 1; j < owners.length; j++) {
        const [a, b] = [owners[i]!, owners[j]!];
        const pairKey = a * entries.length + b;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const found = classifyNames(formsOf(a), formsOf(b));
        if (found !== null) {
          total += 1;
          offerPair(best, buildPair(entries[a]!, entries[b]!, found), limit);
        }
        if (++checks % PAIRS_PER_STEP === 0) yield;
      }
    }
    if (Math.floor(start / KEYS_PER_STEP) !== Math.floor(end / KEYS_PER_STEP)) yield;
    start = end;
  }
  return { pairs: best, total };
}

/**
 * The duplicate report of a snapshot of the book, computed once per snapshot: `/lead duplicates` and the digest's
 * hygiene count share it.
 */
export function computeBookDuplicatesInSteps(data: Dataset): Steps<DuplicateReport<Lead>> {
  return computeOncePerSnapshotInSteps(data, `duplicate-pairs:${DUPLICATE_REPORT_LIMIT}`, () =>
    computeDuplicatePairsInSteps(data.leads, DUPLICATE_REPORT_LIMIT),
  );
}
