// editDistance takes a bit-vector shortcut for names of up to 32 characters; it must agree with the plain table of
// the optimal-string-alignment distance on every pair, short, long, ASCII or not.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEditScratch, editDistance, isOneEditApart } from '../../src/domain/edit-distance.js';

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

  it('gives the same answers through one scratch reused for a whole list as with a fresh one per pair', () => {
    const scratch = createEditScratch();
    fc.assert(
      fc.property(fc.array(fc.tuple(name(36), name(36)), { maxLength: 20 }), (pairs) => {
        for (const [a, b] of pairs)
          expect(editDistance(a, b, Number.POSITIVE_INFINITY, scratch)).toBe(tableDistance(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('counts a swap at the 32nd letter as one edit', () => {
    const base = 'abcdefghijklmnopqrstuvwxyz012345';
    const swapped = `${base.slice(0, 30)}${base[31]}${base[30]}`;
    expect(editDistance(base, swapped)).toBe(1);
    expect(editDistance(`${base}x`, `${swapped}x`)).toBe(1);
  });
});

describe('isOneEditApart', () => {
  it('is true exactly when the table distance is 1', () => {
    fc.assert(
      fc.property(name(12), name(12), (a, b) => {
        expect(isOneEditApart(a, b)).toBe(tableDistance(a, b) === 1);
      }),
      { numRuns: 5_000 },
    );
  });

  it('also on pairs made one edit apart on purpose, at every position', () => {
    fc.assert(
      fc.property(name(12), fc.nat(), fc.constantFrom('drop', 'add', 'change', 'swap'), (a, at, edit) => {
        const i = at % (a.length + 1);
        const b =
          edit === 'drop'
            ? a.slice(0, i) + a.slice(i + 1)
            : edit === 'add'
              ? `${a.slice(0, i)}ü${a.slice(i)}`
              : edit === 'change'
                ? `${a.slice(0, i)}ł${a.slice(i + 1)}`
                : a.slice(0, i) + (a[i + 1] ?? '') + (a[i] ?? '') + a.slice(i + 2);
        expect(isOneEditApart(a, b)).toBe(tableDistance(a, b) === 1);
      }),
      { numRuns: 3_000 },
    );
  });

  it('counts a change, a swap, a dropped or an added letter, and nothing else', () => {
    expect(isOneEditApart('northgate', 'northgat')).toBe(true);
    expect(isOneEditApart('northgate', 'nrothgate')).toBe(true);
    expect(isOneEditApart('northgate', 'northgame')).toBe(true);
    expect(isOneEditApart('northgate', 'northgatte')).toBe(true);
    expect(isOneEditApart('northgate', 'northgate')).toBe(false);
    expect(isOneEditApart('northgate', 'southgate')).toBe(false);
    expect(isOneEditApart('ab', 'ba')).toBe(true);
  });
});
