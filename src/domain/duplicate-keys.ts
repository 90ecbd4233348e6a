// Where the duplicate finder (duplicates.ts) files names so that only names sharing a key are compared: each name's
// keys are 32-bit hashes in typed arrays, sorted by a radix sort done in steps. A hash collision only costs a
// comparison that finds nothing; it can never hide a pair.

import type { Steps } from './steps.js';

/** The forms of a name the keys are made of. */
export interface KeyedName {
  /** The normalized name without spaces. */
  compact: string;
  /** A hash of the set of its words, the same in any order, for names of two words or more; 0 otherwise. */
  wordSet: number;
}

export interface KeyArrays {
  hashes: Uint32Array;
  /** The index of the name each key belongs to. */
  owners: Uint32Array;
}

/** Names filed between two pauses, keys sorted between two pauses. */
const NAMES_PER_STEP = 400;
const KEYS_PER_STEP = 16_384;

/** Keys being written; `prefix` is scratch space for the hashes of one name. */
interface KeyTable extends KeyArrays {
  count: number;
  prefix: Uint32Array;
}

const HASH_BASE = 0x01000193;
const FNV_SEED = 0x811c9dc5;
const WORD_SET_SEED = 0x9e3779b9;

/**
 * A normalized name (words separated by single spaces) as its keyed forms. The word-set hash adds up the words'
 * hashes, so it needs neither an array of words nor a sort: "robotics northgate" and "northgate robotics" meet.
 */
export function buildKeyedName(normalized: string): KeyedName {
  let words = 0;
  let sum = 0;
  let hash = FNV_SEED;
  for (let i = 0; i <= normalized.length; i++) {
    const code = i < normalized.length ? normalized.charCodeAt(i) : 32;
    if (code !== 32) {
      hash = Math.imul(hash ^ code, HASH_BASE) >>> 0;
      continue;
    }
    sum = (sum + hash) >>> 0;
    words += 1;
    hash = FNV_SEED;
  }
  const wordSet = normalized !== '' && words > 1 ? Math.imul(sum ^ words, WORD_SET_SEED) >>> 0 || 1 : 0;
  return { compact: normalized.replaceAll(' ', ''), wordSet };
}

/**
 * An upper bound of a name's compact length, without normalizing it: letters, digits and anything beyond ASCII (the
 * only characters a normalized name keeps, and lowercasing them rarely makes two of one).
 */
export function countKeyedLetters(company: string): number {
  let count = 0;
  for (let i = 0; i < company.length; i++) {
    const code = company.charCodeAt(i) | 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code > 0x7f) count += 1;
  }
  return count;
}

function putKey(out: KeyTable, hash: number, owner: number): void {
  out.hashes[out.count] = hash;
  out.owners[out.count] = owner;
  out.count += 1;
}

/**
 * The keys of a name: its compact form, its word set, and, when long enough for a typo to count, its compact form
 * with each letter left out (a polynomial hash mod 2^32, so each costs O(1) from prefix and suffix sums). Two names
 * one edit apart share a key: a letter added or dropped makes the shorter one a key of the longer, a letter changed
 * or two neighbours swapped give both the same name with one letter left out.
 */
function writeKeys(name: KeyedName, owner: number, typoMinLength: number, out: KeyTable): void {
  const { compact } = name;
  if (compact === '') return;
  const length = compact.length;
  if (out.prefix.length <= length) out.prefix = new Uint32Array(2 * length + 1);
  const { prefix } = out;
  for (let i = 0; i < length; i++) prefix[i + 1] = (Math.imul(prefix[i]!, HASH_BASE) + compact.charCodeAt(i)) >>> 0;
  putKey(out, mixLength(prefix[length]!, length), owner);
  if (name.wordSet !== 0) putKey(out, name.wordSet, owner);
  // A shorter name meets a longer one through the longer one's keys; below the typo length nothing else counts.
  if (length < typoMinLength) return;
  // suffix = Σ c_k · B^(length-1-k) over k > i; power = B^(length-1-i).
  let suffix = 0;
  let power = 1;
  for (let i = length - 1; i >= 0; i--) {
    // Leaving out either of two equal neighbours gives the same string: file it once.
    if (i === 0 || compact.charCodeAt(i) !== compact.charCodeAt(i - 1)) {
      putKey(out, mixLength((Math.imul(prefix[i]!, power) + suffix) >>> 0, length - 1), owner);
    }
    suffix = (suffix + Math.imul(compact.charCodeAt(i), power)) >>> 0;
    power = Math.imul(power, HASH_BASE) >>> 0;
  }
}

function mixLength(hash: number, length: number): number {
  return Math.imul(hash ^ length, 0x85ebca6b) >>> 0;
}

/** Where a partition stands: the keys before `low` have the bit clear, those after `high` have it set. */
interface Partition {
  low: number;
  high: number;
}

/** Moves keys with the hash bit clear before those with it set (two pointers), at most `budget` keys looked at. */
function partitionSome(keys: KeyArrays, state: Partition, bit: number, budget: number): void {
  const { hashes, owners } = keys;
  let { low, high } = state;
  for (let looked = 0; low <= high && looked < budget; looked++) {
    if (((hashes[low]! >>> bit) & 1) === 0) low++;
    else if (((hashes[high]! >>> bit) & 1) === 1) high--;
    else {
      const hash = hashes[low]!;
      const owner = owners[low]!;
      hashes[low] = hashes[high]!;
      owners[low] = owners[high]!;
      hashes[high] = hash;
      owners[high] = owner;
      low++;
      high--;
    }
  }
  state.low = low;
  state.high = high;
}

/** Splits [start, end) by one bit of the hash, in place; answers where the keys with the bit set begin. */
function* partitionInSteps(keys: KeyArrays, start: number, end: number, bit: number): Steps<number> {
  const state: Partition = { low: start, high: end - 1 };
  while (state.low <= state.high) {
    partitionSome(keys, state, bit, KEYS_PER_STEP);
    yield;
  }
  return state.low;
}

function countDigits(hashes: Uint32Array, shift: number, counts: Uint32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) counts[((hashes[i]! >>> shift) & 0xffff) + 1]! += 1;
}

/** Writes keys [start, end) of `from` to `to` in the order of one 16-bit digit of their hash (`next`: where each goes). */
function scatterByDigit(from: KeyArrays, to: KeyArrays, shift: number, next: Uint32Array, start: number, end: number) {
  const { hashes, owners } = from;
  for (let i = start; i < end; i++) {
    const hash = hashes[i]!;
    const at = next[(hash >>> shift) & 0xffff]!;
    next[(hash >>> shift) & 0xffff] = at + 1;
    to.hashes[at] = hash;
    to.owners[at] = owners[i]!;
  }
}

/**
 * One least-significant-digit pass over a range: the keys of [start, end) in `from` go to `to` at `toStart` on, in
 * the order of the 16-bit digit at `shift` (keeping the order of equal digits, which is what makes two passes sort).
 */
function* radixPassInSteps(
  from: KeyArrays,
  to: KeyArrays,
  range: { start: number; end: number; toStart: number },
  shift: number,
): Steps<void> {
  const counts = new Uint32Array(65_537);
  for (let at = range.start; at < range.end; at += KEYS_PER_STEP) {
    const stop = Math.min(range.end, at + KEYS_PER_STEP);
    countDigits(from.hashes, shift, counts, at, stop);
    // Fresh memory is mapped page by page on first write: writing the target in order now spreads that cost over
    // these steps, where the scatter below would take it all in its first step.
    to.hashes.fill(0, at - range.start + range.toStart, stop - range.start + range.toStart);
    to.owners.fill(0, at - range.start + range.toStart, stop - range.start + range.toStart);
    yield;
  }
  counts[0] = range.toStart;
  for (let b = 1; b < counts.length; b++) counts[b]! += counts[b - 1]!;
  for (let at = range.start; at < range.end; at += KEYS_PER_STEP) {
    scatterByDigit(from, to, shift, counts, at, Math.min(range.end, at + KEYS_PER_STEP));
    yield;
  }
}

/**
 * The keys sorted by hash, in place. Split by the top two bits of the hash first (in place, two pointers), then each
 * quarter is radix-sorted (two passes of 16 bits) through one scratch copy the size of a quarter: over two million
 * keys at 100k names, so a full second copy would cost tens of megabytes. Paused every KEYS_PER_STEP keys.
 */
export function* sortKeysInSteps(keys: KeyArrays): Steps<KeyArrays> {
  const length = keys.hashes.length;
  const half = yield* partitionInSteps(keys, 0, length, 31);
  const quarters = [
    0,
    yield* partitionInSteps(keys, 0, half, 30),
    half,
    yield* partitionInSteps(keys, half, length, 30),
    length,
  ];
  let largest = 0;
  for (let q = 0; q < 4; q++) largest = Math.max(largest, quarters[q + 1]! - quarters[q]!);
  const scratch: KeyArrays = { hashes: new Uint32Array(largest), owners: new Uint32Array(largest) };
  for (let q = 0; q < 4; q++) {
    const [start, end] = [quarters[q]!, quarters[q + 1]!];
    yield* radixPassInSteps(keys, scratch, { start, end, toStart: 0 }, 0);
    yield* radixPassInSteps(scratch, keys, { start: 0, end: end - start, toStart: start }, 16);
  }
  return keys;
}

function ensureRoom(table: KeyTable, needed: number): void {
  if (table.count + needed <= table.hashes.length) return;
  const size = Math.max(2 * table.hashes.length, table.count + needed);
  const hashes = new Uint32Array(size);
  const owners = new Uint32Array(size);
  hashes.set(table.hashes.subarray(0, table.count));
  owners.set(table.owners.subarray(0, table.count));
  Object.assign(table, { hashes, owners });
}

/**
 * The keys of `count` names (see writeKeys), paused every NAMES_PER_STEP names. `nameAt` builds each name's forms
 * when its turn comes, so they are garbage at once instead of a hundred thousand strings kept for the whole scan.
 * `expectedKeys` sizes the arrays (they grow past it); `typoMinLength` as in duplicates.ts.
 */
export function* fileNamesInSteps(
  count: number,
  nameAt: (index: number) => KeyedName,
  expectedKeys: number,
  typoMinLength: number,
): Steps<KeyArrays> {
  const size = Math.max(64, expectedKeys);
  const table: KeyTable = {
    hashes: new Uint32Array(size),
    owners: new Uint32Array(size),
    count: 0,
    prefix: new Uint32Array(64),
  };
  for (let owner = 0; owner < count; owner++) {
    const name = nameAt(owner);
    ensureRoom(table, name.compact.length + 2);
    writeKeys(name, owner, typoMinLength, table);
    if (owner % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  return { hashes: table.hashes.subarray(0, table.count), owners: table.owners.subarray(0, table.count) };
}
