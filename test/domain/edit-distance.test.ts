// editDistance takes a bit-vector shortcut for names of up to 32 characters; it must agree with the plain table of
// the optimal-string-alignment distance on every pair, short, long, ASCII or not.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bagWithin,
  editDistance,
  LETTER_BUCKETS,
  letterMask,
  writeLetterCounts,
} from '../../src/domain/edit-distance.js';

/** The textbook table: insert, delete, substitute, swap two neighbours (each swapped pair edited once). */
function tableDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

// Few letters, so that repeats and swaps are common; ü and ł take the non-ASCII path.
const name = (maxLength: number) =>
  fc.array(fc.constantFrom('a', 'b', 'c', 'd', ' ', '1', 'ü', 'ł'), { maxLength }).map((letters) => letters.join(''));

describe('editDistance', () => {
  it('agrees with the table for names up to 40 characters (past the 32 of one word)', () => {
    fc.assert(
      fc.property(name(40), name(40), (a, b) => {
        expect(editDistance(a, b)).toBe(tableDistance(a, b));
      }),
      { numRuns: 3_000 },
    );
  });

  it('is exact within its bound and says only "more than max" past it', () => {
    fc.assert(
      fc.property(name(34), name(34), fc.nat(8), (a, b, max) => {
        const exact = tableDistance(a, b);
        const bounded = editDistance(a, b, max);
        if (exact <= max) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(max);
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts a swap at the 32nd letter as one edit', () => {
    const base = 'abcdefghijklmnopqrstuvwxyz012345';
    const swapped = `${base.slice(0, 30)}${base[31]}${base[30]}`;
    expect(editDistance(base, swapped)).toBe(1);
    expect(editDistance(`${base}x`, `${swapped}x`)).toBe(1);
  });
});

describe('bagWithin', () => {
  it('never rules out a pair whose edit distance is within the allowance', () => {
    const counts = (text: string) => {
      const into = new Uint8Array(LETTER_BUCKETS);
      writeLetterCounts(text, into);
      return into;
    };
    fc.assert(
      fc.property(name(40), name(40), fc.nat(10), (a, b, allowed) => {
        const query = { counts: counts(a), offset: 0, length: a.length, mask: letterMask(a) };
        const within = bagWithin(query, counts(b), 0, b.length, letterMask(b), allowed);
        if (editDistance(a, b) <= allowed) expect(within).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('rules out names whose letters differ by more than the allowance', () => {
    const text = 'northwind traders';
    const counts = new Uint8Array(LETTER_BUCKETS * 2);
    writeLetterCounts(text, counts, 0);
    writeLetterCounts('apex fastener inc', counts, LETTER_BUCKETS);
    const query = { counts, offset: 0, length: text.length, mask: letterMask(text) };
    expect(bagWithin(query, counts, LETTER_BUCKETS, 17, letterMask('apex fastener inc'), 5)).toBe(false);
    expect(bagWithin(query, counts, 0, text.length, letterMask(text), 0)).toBe(true);
  });
});
