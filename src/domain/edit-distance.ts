// Edit distance and the cheap bounds that let a search skip it. Strings here are already normalized.

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
let beforeRow = new Int32Array(64);

/** Bit masks of where each character occurs in the pattern; ASCII in an array, the rest in a map. */
const asciiPositions = new Int32Array(128);
const otherPositions = new Map<number, number>();

function positionsOf(code: number): number {
  return code < 128 ? asciiPositions[code]! : (otherPositions.get(code) ?? 0);
}

/**
 * The same distance for a pattern of at most 32 characters, one machine word per column: Hyyrö's bit-vector form of
 * the table below (the Myers/Hyyrö recurrence with its transposition term), about ten times faster on names.
 */
function computeWordDistance(pattern: string, text: string): number {
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code < 128) asciiPositions[code]! |= 1 << i;
    else otherPositions.set(code, (otherPositions.get(code) ?? 0) | (1 << i));
  }
  const top = 1 << (pattern.length - 1);
  let distance = pattern.length;
  let vp = -1;
  let vn = 0;
  let d0 = 0;
  let previousMatches = 0;
  for (let j = 0; j < text.length; j++) {
    const matches = positionsOf(text.charCodeAt(j));
    const transposed = ((~d0 & matches) << 1) & previousMatches;
    d0 = (((matches & vp) + vp) ^ vp) | matches | vn | transposed;
    let hp = vn | ~(d0 | vp);
    let hn = d0 & vp;
    if ((hp & top) !== 0) distance++;
    else if ((hn & top) !== 0) distance--;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    previousMatches = matches;
  }
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code < 128) asciiPositions[code] = 0;
  }
  otherPositions.clear();
  return distance;
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. Exact up to
 * `max`; past it the answer only says "more than max" (max + 1, or where the table stopped early).
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const shorter = a.length <= b.length ? a : b;
  if (shorter.length <= 32) {
    const distance = computeWordDistance(shorter, shorter === a ? b : a);
    return distance > max ? max + 1 : distance;
  }
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length * 2);
    currentRow = new Int32Array(b.length * 2);
    beforeRow = new Int32Array(b.length * 2);
  }
  for (let j = 0; j <= b.length; j++) previousRow[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    currentRow[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previousRow[j]! + 1, currentRow[j - 1]! + 1, previousRow[j - 1]! + cost);
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
      if (swapped) best = Math.min(best, beforeRow[j - 2]! + 1);
      currentRow[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // A transposition reads two rows back, so the cut waits until both rows exceed max.
    if (rowMin > max && previousMin > max) return max + 1;
    previousMin = rowMin;
    const recycled = beforeRow;
    beforeRow = previousRow;
    previousRow = currentRow;
    currentRow = recycled;
  }
  return previousRow[b.length]!;
}

/** 1 − distance / longer length: 1 for equal strings, 0 for nothing in common. */
export function editSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/** Letter buckets: a–z one each, every other character shares one of six (sharing only weakens the bounds). */
export const LETTER_BUCKETS = 32;

function letterBucket(code: number): number {
  return code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6);
}

/** One bit per letter bucket present. */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= 1 << letterBucket(text.charCodeAt(i));
  return mask;
}

/**
 * How many times each letter bucket occurs in `text`, written at `into[offset … offset + 31]` (capped at 255, which
 * only weakens the bound). Kept beside a name, it lets bagWithin skip reading the name at all.
 */
export function writeLetterCounts(text: string, into: Uint8Array, offset = 0): void {
  into.fill(0, offset, offset + LETTER_BUCKETS);
  for (let i = 0; i < text.length; i++) {
    const at = offset + letterBucket(text.charCodeAt(i));
    if (into[at]! < 255) into[at]! += 1;
  }
}

/**
 * Whether the bag distance of two strings, from their letter counts (writeLetterCounts), masks and lengths, is at
 * most `allowed`; `a` is the side compared with many (the query). The bag distance counts the characters of one
 * string left unmatched by the other, the larger side. Surplus minus deficit is the length difference, so the larger
 * is half of (the summed count differences + the length difference). It is a lower bound of the edit distance. Only
 * buckets present in either string are visited, and the sum stops once it is over.
 */
export function bagWithin(
  a: { counts: Uint8Array; offset: number; length: number; mask: number },
  countsB: Uint8Array,
  offsetB: number,
  lengthB: number,
  maskB: number,
  allowed: number,
): boolean {
  const limit = 2 * allowed - Math.abs(a.length - lengthB);
  const countsA = a.counts;
  const offsetA = a.offset;
  let differences = 0;
  let buckets = a.mask | maskB;
  while (buckets !== 0) {
    const bucket = 31 - Math.clz32(buckets);
    buckets ^= 1 << bucket;
    differences += Math.abs(countsA[offsetA + bucket]! - countsB[offsetB + bucket]!);
    if (differences > limit) return false;
  }
  return true;
}

export function popCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Scratch letter counts for couldReach, which compares two strings once each. */
const scratchA = { counts: new Uint8Array(LETTER_BUCKETS), offset: 0, length: 0, mask: 0 };
const scratchB = new Uint8Array(LETTER_BUCKETS);

/**
 * Whether two strings could have edit similarity ≥ minimum, judged by cheap lower bounds of their distance: the
 * length difference, half the letters present in only one (an edit changes at most two), and the bag distance.
 */
export function couldReach(a: string, maskA: number, b: string, maskB: number, minimum: number): boolean {
  const allowed = (1 - minimum) * Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) > allowed || popCount(maskA ^ maskB) / 2 > allowed) return false;
  writeLetterCounts(a, scratchA.counts);
  scratchA.length = a.length;
  scratchA.mask = maskA;
  writeLetterCounts(b, scratchB);
  return bagWithin(scratchA, scratchB, 0, b.length, maskB, allowed);
}
