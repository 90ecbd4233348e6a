import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeDuplicatePairsInSteps,
  type DuplicateCandidate,
  isLikelyDuplicate,
  isOneEditApart,
} from '../../src/domain/duplicates.js';
import { runAllSteps } from '../../src/domain/steps.js';

const day = (date: number) => Date.UTC(2026, 10, date, 12);

function entries(names: readonly string[]): DuplicateCandidate[] {
  return names.map((company, i) => ({ id: `L-${String(i + 1).padStart(6, '0')}`, company, createdAt: day(i + 1) }));
}

function findPairs(names: readonly string[], limit = 10) {
  const report = runAllSteps(computeDuplicatePairsInSteps(entries(names), limit));
  return {
    total: report.total,
    pairs: report.pairs.map((pair) => [pair.keep.company, pair.merge.company, pair.reason, pair.score]),
  };
}

describe('isOneEditApart', () => {
  it.each([
    ['northgate', 'northgate', true],
    ['northgate', 'northgat', true],
    ['northgate', 'nortgate', true],
    ['northgate', 'northgatte', true],
    ['northgate', 'northgaye', true],
    ['northgate', 'nrothgate', true],
    ['northgate', 'notrhgaet', false],
    ['northgate', 'northgates1', false],
    ['abc', 'cab', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(isOneEditApart(a, b)).toBe(expected);
    expect(isOneEditApart(b, a)).toBe(expected);
  });
});

describe('computeDuplicatePairsInSteps', () => {
  it('finds a different suffix, spacing, word order and a typo, best first, keeping the lead created first', () => {
    const found = findPairs([
      'Acme Corp',
      'Northgate Robotics',
      'ACME Corporation',
      'Bell Wood Automation',
      'Bellwood Automation',
      'Robotics Northgate',
      'Northgate Robotcs',
      'Summit Pumps',
    ]);

    expect(found.pairs).toEqual([
      ['Acme Corp', 'ACME Corporation', 'same-name', 1],
      ['Bell Wood Automation', 'Bellwood Automation', 'spacing', 0.95],
      ['Northgate Robotics', 'Northgate Robotcs', 'typo', 1 - 1 / 17],
      ['Northgate Robotics', 'Robotics Northgate', 'word-order', 0.9],
    ]);
    expect(found.total).toBe(4);
  });

  it('leaves apart names that only share words, or differ in a number, or are too short for a typo to tell', () => {
    const found = findPairs([
      'Northgate Robotics',
      'Bellwood Robotics',
      'Northgate Automation',
      'Apex Fastener (Dayton)',
      'Apex Fastener (Dayton 2)',
      'Plant 2 Tooling',
      'Plant 3 Tooling',
      'Acme',
      'Acne',
    ]);

    expect(found).toEqual({ total: 0, pairs: [] });
  });

  it('counts every pair of a name logged many times, and lists only the best `limit`, newest duplicates first', () => {
    const found = findPairs(['Globex', 'Globex', 'Globex Inc', 'Initech', 'Initech LLC'], 2);

    expect(found.total).toBe(4);
    expect(found.pairs).toEqual([
      ['Initech', 'Initech LLC', 'same-name', 1],
      ['Globex', 'Globex Inc', 'same-name', 1],
    ]);
  });

  it('pauses between steps on a large book', () => {
    const names = Array.from({ length: 3_000 }, (_, i) => `Company ${i} Industrial Supply`);
    const steps = computeDuplicatePairsInSteps(entries([...names, 'Company 17 Industrial Suply']));
    let pauses = 0;
    let result = steps.next();
    while (!result.done) {
      pauses += 1;
      result = steps.next();
    }

    expect(pauses).toBeGreaterThan(5);
    expect(result.value.total).toBe(1);
    expect(result.value.pairs[0]?.keep.company).toBe('Company 17 Industrial Supply');
  });

  it('finds exactly the pairs a comparison of every name with every other finds', () => {
    const syllables = ['north', 'gate', 'bell', 'wood', 'acme', 'tek', 'ro', 'bo', 'tics', 'sum', 'mit'];
    const base = fc
      .array(fc.constantFrom(...syllables, ' ', ' ', 'inc', '2', 'x'), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''));
    // Base names, then look-alikes of them: a letter dropped, doubled, swapped with the next, a space, a suffix, a
    // number added.
    const edit = (name: string, how: number, at: number) => {
      const i = name.length === 0 ? 0 : at % name.length;
      const edits = [
        name.slice(0, i) + name.slice(i + 1),
        name.slice(0, i) + name.charAt(i) + name.slice(i),
        name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2),
        `${name.slice(0, i)} ${name.slice(i)}`,
        `${name} Corp`,
        `${name} 3`,
      ];
      return edits[how % edits.length] ?? name;
    };
    const book = fc
      .tuple(
        fc.array(base, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.nat(30)), { maxLength: 28 }),
      )
      .map(([bases, edits]) => [
        ...bases,
        ...edits.map(([which, how, at]) => edit(bases[which % bases.length]!, how, at)),
      ]);
    let booksWithPairs = 0;
    fc.assert(
      fc.property(book, (names) => {
        let everyPair = 0;
        for (let i = 0; i < names.length; i++) {
          for (let j = i + 1; j < names.length; j++) if (isLikelyDuplicate(names[i]!, names[j]!)) everyPair += 1;
        }
        expect(findPairs(names).total).toBe(everyPair);
        if (everyPair > 0) booksWithPairs += 1;
      }),
      { numRuns: 300 },
    );
    // The books must hold duplicates for the comparison to mean anything.
    expect(booksWithPairs).toBeGreaterThan(150);
  });
});
