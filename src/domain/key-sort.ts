// Sorting the duplicate finder's keys (duplicate-keys.ts) by hash, in place and in steps. Over two million keys at
// 100k names: a second full copy for a radix sort would cost tens of megabytes, so the keys are first split in place
// by the top two bits of the hash (two pointers), and each quarter is then radix-sorted (two passes of 16 bits)
// through one scratch copy the size of a quarter. The loops live in plain functions: V8 optimizes those better than
// a generator's body.

import type { Steps } from './steps.js';

export interface KeyArrays {
  hashes: Uint32Array;
  /** The index of the name each key belongs to. */
  owners: Uint32Array;
}

/** Keys looked at, counted or moved between two pauses. */
const KEYS_PER_STEP = 16_384;

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

/** The keys sorted by hash, in place (see the top of this file), paused every KEYS_PER_STEP keys. */
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
