// Edit distance (the source catalog ranks its suggestions by it) and the one-edit test company names pair words by.
// Strings here are already normalized.

/**
 * Room for where each character occurs in a pattern, as bit masks: ASCII in an array, the rest in a map. Left empty
 * after each use, so a caller ranking a list passes one through every comparison instead of making one per call.
 */
export interface EditScratch {
  readonly ascii: Int32Array;
  readonly other: Map<number, number>;
}

export function createEditScratch(): EditScratch {
  return { ascii: new Int32Array(128), other: new Map() };
}

function positionsOf(masks: EditScratch, code: number): number {
  return code < 128 ? masks.ascii[code]! : (masks.other.get(code) ?? 0);
}

/**
 * The same distance for a pattern of at most 32 characters, one machine word per column: Hyyrö's bit-vector form of
 * the table below (the Myers/Hyyrö recurrence with its transposition term), about ten times faster on names.
 */
function computeWordDistance(pattern: string, text: string, masks: EditScratch): number {
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code < 128) masks.ascii[code]! |= 1 << i;
    else masks.other.set(code, (masks.other.get(code) ?? 0) | (1 << i));
  }
  const top = 1 << (pattern.length - 1);
  let distance = pattern.length;
  let vp = -1;
  let vn = 0;
  let d0 = 0;
  let previousMatches = 0;
  for (let j = 0; j < text.length; j++) {
    const matches = positionsOf(masks, text.charCodeAt(j));
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
    if (code < 128) masks.ascii[code] = 0;
  }
  masks.other.clear();
  return distance;
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. Exact up to
 * `max`; past it the answer only says "more than max" (max + 1, or where the table stopped early). `scratch`: the
 * caller's, when it compares many strings in a row.
 */
export function editDistance(
  a: string,
  b: string,
  max = Number.POSITIVE_INFINITY,
  scratch: EditScratch = createEditScratch(),
): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  const shorter = a.length <= b.length ? a : b;
  if (shorter.length <= 32) {
    const distance = computeWordDistance(shorter, shorter === a ? b : a, scratch);
    return distance > max ? max + 1 : distance;
  }
  return computeTableDistance(a, b, max);
}

/** The full table, for strings longer than a machine word; three rows of it, made for this call. */
function computeTableDistance(a: string, b: string, max: number): number {
  let previousRow = new Int32Array(b.length + 1);
  let currentRow = new Int32Array(b.length + 1);
  let beforeRow = new Int32Array(b.length + 1);
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
export function editSimilarity(a: string, b: string, scratch: EditScratch = createEditScratch()): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b, Number.POSITIVE_INFINITY, scratch) / longer;
}

/** Whether `a` from `from` on equals `b` from `from + shift` on, to the end of both. */
function sameTail(a: string, b: string, from: number, shift: number): boolean {
  if (a.length - from !== b.length - from - shift) return false;
  for (let i = from; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i + shift)) return false;
  return true;
}

/**
 * Whether two different strings are exactly one edit apart: a character added, dropped or changed, or two
 * neighbours swapped (optimal-string-alignment distance 1). Linear, with no table.
 */
export function isOneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) return isOneEditApart(b, a);
  if (a.length - b.length > 1 || a === b) return false;
  let at = 0;
  while (at < b.length && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  if (a.length > b.length) return sameTail(a, b, at + 1, -1);
  if (sameTail(a, b, at + 1, 0)) return true;
  return a[at] === b[at + 1] && a[at + 1] === b[at] && sameTail(a, b, at + 2, 0);
}
