// Edit distance and the cheap bounds that let a search skip it. Strings here are already normalized.

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);
let beforeRow = new Int32Array(64);

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions. Stops early
 * and returns max + 1 once every alignment costs more than `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
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

/** One bit per letter or digit present (collisions only weaken the bound, never break it). */
export function letterMask(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 97 && code <= 122) mask |= 1 << (code - 97);
    else mask |= 1 << (26 + (code % 6));
  }
  return mask;
}

function popCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (((bits + (bits >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const bagCounts = new Int32Array(128);

/**
 * Characters of one string left unmatched by the other, counted as multisets (non-ASCII share one bucket). Edits
 * change at most one character on each side, so this is a lower bound of the edit distance, found in linear time.
 */
function bagDistance(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) bagCounts[Math.min(a.charCodeAt(i), 127)]!++;
  for (let i = 0; i < b.length; i++) bagCounts[Math.min(b.charCodeAt(i), 127)]!--;
  let surplus = 0;
  let deficit = 0;
  for (let i = 0; i < a.length; i++) {
    const code = Math.min(a.charCodeAt(i), 127);
    const count = bagCounts[code]!;
    if (count > 0) surplus += count;
    bagCounts[code] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const code = Math.min(b.charCodeAt(i), 127);
    const count = bagCounts[code]!;
    if (count < 0) deficit -= count;
    bagCounts[code] = 0;
  }
  return Math.max(surplus, deficit);
}

/**
 * Whether two strings could have edit similarity ≥ minimum, judged by cheap lower bounds of their distance: the
 * length difference, half the letters present in only one (an edit changes at most two), and the bag distance.
 */
export function couldReach(a: string, maskA: number, b: string, maskB: number, minimum: number): boolean {
  const allowed = (1 - minimum) * Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) > allowed || popCount(maskA ^ maskB) / 2 > allowed) return false;
  return bagDistance(a, b) <= allowed;
}
