// Where the duplicate finder (duplicates.ts) files names so that only names sharing a key are compared: each name's
// keys are 32-bit hashes in typed arrays (sorted afterwards by key-sort.ts). A hash collision only costs a comparison
// that finds nothing; it can never hide a pair.

import type { KeyArrays } from './key-sort.js';
import type { Steps } from './steps.js';

/** The forms of a name the keys are made of. */
export interface KeyedName {
  /** The normalized name without spaces. */
  compact: string;
  /** A hash of the set of its words, the same in any order, for names of two words or more; 0 otherwise. */
  wordSet: number;
}

/** Names filed between two pauses. */
const NAMES_PER_STEP = 400;

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

/**
 * The keys of a name: its compact form, its word set, and, when long enough for a typo to count, its compact form
 * with each letter left out (a polynomial hash mod 2^32, so each costs O(1) from prefix and suffix sums). Two names
 * one edit apart share a key: a letter added or dropped makes the shorter one a key of the longer, a letter changed
 * or two neighbours swapped give both the same name with one letter left out. The table's arrays and count are held
 * in locals while a name's keys are written: two million keys at 100k names.
 */
function writeKeys(name: KeyedName, owner: number, typoMinLength: number, out: KeyTable): void {
  const { compact } = name;
  if (compact === '') return;
  const length = compact.length;
  if (out.prefix.length <= length) out.prefix = new Uint32Array(2 * length + 1);
  const { prefix, hashes, owners } = out;
  let count = out.count;
  for (let i = 0; i < length; i++) prefix[i + 1] = (Math.imul(prefix[i]!, HASH_BASE) + compact.charCodeAt(i)) >>> 0;
  hashes[count] = mixLength(prefix[length]!, length);
  owners[count++] = owner;
  if (name.wordSet !== 0) {
    hashes[count] = name.wordSet;
    owners[count++] = owner;
  }
  // A shorter name meets a longer one through the longer one's keys; below the typo length nothing else counts.
  if (length >= typoMinLength) {
    // suffix = Σ c_k · B^(length-1-k) over k > i; power = B^(length-1-i).
    let suffix = 0;
    let power = 1;
    let next = compact.charCodeAt(length - 1);
    for (let i = length - 1; i >= 0; i--) {
      const code = next;
      next = i > 0 ? compact.charCodeAt(i - 1) : -1;
      // Leaving out either of two equal neighbours gives the same string: file it once.
      if (code !== next) {
        hashes[count] = mixLength((Math.imul(prefix[i]!, power) + suffix) >>> 0, length - 1);
        owners[count++] = owner;
      }
      suffix = (suffix + Math.imul(code, power)) >>> 0;
      power = Math.imul(power, HASH_BASE) >>> 0;
    }
  }
  out.count = count;
}

function mixLength(hash: number, length: number): number {
  return Math.imul(hash ^ length, 0x85ebca6b) >>> 0;
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
