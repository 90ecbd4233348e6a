// The company index must answer exactly as matchCompanies over every name in order; it only gets there faster.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompanyEntry, CompanyIndex } from '../../src/domain/company-index.js';
import { matchCompanies } from '../../src/domain/fuzzy.js';

/** Look-alike names from a few syllables and words (a seeded generator, the same names on every run). */
function buildLookAlikes(count: number): CompanyEntry[] {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const syllables = 'ba co de fi ko lu ma ne po ra si tu ster gen tek'.split(' ');
  const words = ['Precision', 'Industries', 'Global', 'Fastener', 'Hydraulics', 'Supply', 'Works', 'Group'];
  const suffixes = ['Inc', 'LLC', 'Corp', 'GmbH', '', 'Manufacturing'];
  return Array.from({ length: count }, (_, i) => {
    const name = Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(syllables)).join('');
    const extra = random() < 0.6 ? ` ${pick(words)}` : '';
    return { id: `L-${i}`, company: `${name[0]!.toUpperCase()}${name.slice(1)}${extra} ${pick(suffixes)}` };
  });
}

const QUERIES = [
  'bacode',
  'Bacode Precision',
  'bacodeprecision',
  'kolu supply',
  'tekgen hydraulcs',
  'Global Industries',
  'industries',
  'Ma-Ne Works GmbH',
  'sister',
  'zzz',
  '',
  'Acme',
  // More words than the lookup gives bits to: it falls back to reading every name of its words.
  Array.from(
    { length: 34 },
    (_, i) => `${['bacode', 'kolu', 'supply', 'works', 'tekgen'][i % 5]}${i < 5 ? '' : i}`,
  ).join(' '),
  'Bacode Kolu Supply Works Tekgen Global Precision Industries Group Hydraulics Fastener Manufacturing Inc',
];

const scoresOf = (matches: readonly { candidate: CompanyEntry; score: number }[]) =>
  matches.map((match) => [match.candidate.id, match.score]);

function expectSameAsFullScan(index: CompanyIndex, entries: readonly CompanyEntry[], queries: readonly string[]) {
  for (const query of queries) {
    for (const limit of [1, 5, 10]) {
      expect(scoresOf(index.match(query, limit)), `${query} (${limit})`).toEqual(
        scoresOf(matchCompanies(query, entries, { limit })),
      );
    }
  }
}

describe('CompanyIndex', () => {
  const entries = buildLookAlikes(3_000);
  // Typed by people: the stored names with a letter dropped, swapped or doubled.
  const typos = entries.slice(0, 40).map((entry, i) => {
    const name = entry.company;
    const at = 1 + (i % (name.length - 2));
    if (i % 3 === 0) return name.slice(0, at) + name.slice(at + 1);
    if (i % 3 === 1) return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
    return name.slice(0, at) + name[at] + name.slice(at);
  });

  it('finds what a scan of every name finds, with the same scores, order and ties', () => {
    expectSameAsFullScan(new CompanyIndex(entries), entries, [...QUERIES, ...typos]);
  });

  it('stays the same as the scan after names are added, renamed and removed', () => {
    const index = new CompanyIndex(entries);
    let current = [...entries];
    const renamed = { id: entries[5]!.id, company: 'Bacode Precision Works' };
    index.upsert(renamed);
    // A replaced entry counts as the latest, as a rewritten row does in the table.
    current = [...current.filter((entry) => entry.id !== renamed.id), renamed];
    index.upsert({ id: 'L-new', company: 'Kolu Supply Group' });
    current.push({ id: 'L-new', company: 'Kolu Supply Group' });
    for (const gone of entries.slice(100, 1_300)) index.remove(gone.id);
    current = current.filter((entry) => !entries.slice(100, 1_300).includes(entry));
    expect(index.size).toBe(current.length);
    expectSameAsFullScan(index, current, [...QUERIES, ...typos.slice(0, 10)]);
  });

  it('keeps equal scores in the order names were added', () => {
    const index = new CompanyIndex([
      { id: 'w', company: 'Acme West' },
      { id: 'e', company: 'Acme East' },
      { id: 'a', company: 'Acme' },
      { id: 'n', company: 'Acme North' },
    ]);
    // "Acme" is equal (1). The others tie: acme / (acme + ½ west), west, east and north weighing the same (one name
    // each, a prior of 600), acme used by four names.
    const acme = Math.log1p(100_000 / 5);
    const compass = Math.log1p(100_000 / 602);
    const tie = acme / (acme + 0.5 * compass);
    expect(scoresOf(index.match('acme', 3))).toEqual([
      ['a', 1],
      ['w', tie],
      ['e', tie],
    ]);
    index.upsert({ id: 'w', company: 'Acme West' });
    expect(scoresOf(index.match('acme', 3))).toEqual([
      ['a', 1],
      ['e', tie],
      ['n', tie],
    ]);
  });

  it('answers as the scan for any names and queries, digits, accents, repeats and common words included', () => {
    // Common words make the lookup skip their names; made-up ones of few letters make typos and look-alikes.
    const word = fc.oneof(
      fc
        .array(fc.constantFrom('a', 'e', 'n', 'o', 'r', 't', 's', '1', '7', 'ü', 'ß'), { minLength: 1, maxLength: 9 })
        .map((letters) => letters.join('')),
      fc.constantFrom('tool', 'die', 'and', 'steel', 'industries', 'robotics', 'intl', 'group', 'inc', 'stone'),
    );
    const company = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' '));
    // A query is a stored name with up to three letters changed (typed by a person), or any name at all.
    const typo = fc.tuple(
      fc.nat(),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom('', 'x', 'ee', 'ü')), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(company, { minLength: 1, maxLength: 60 }),
        fc.array(typo),
        company,
        (names, typos, other) => {
          const entries = names.map((name, i) => ({ id: `L-${i}`, company: name }));
          const queries = typos.map(([at, edits]) =>
            edits.reduce(
              (text, [where, put]) => {
                const i = where % (text.length + 1);
                return text.slice(0, i) + put + text.slice(i + 1);
              },
              names[at % names.length]!,
            ),
          );
          const index = new CompanyIndex(entries);
          for (const query of [...queries, other]) {
            expect(scoresOf(index.match(query, 5)), query).toEqual(
              scoresOf(matchCompanies(query, entries, { limit: 5 })),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
