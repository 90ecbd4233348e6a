// The index keeps names as word ids in typed arrays, hashes their spellings and word sets, and packs itself after
// many removals: whatever it went through, it must answer exactly as the plain scan over the names it holds now.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompanyEntry, CompanyIndex } from '../../src/domain/company-index.js';
import { matchCompanies } from '../../src/domain/fuzzy.js';

/** Names people type: shared trade words, abbreviations, accents, legal suffixes, one-word names, repeats. */
const AWKWARD_NAMES = [
  'Acme Machining',
  'Precision Machining',
  'Acme Precision Machining Inc',
  'ACME',
  'Acme',
  'Acme Corp.',
  'Acme Intl',
  'Acme International',
  'Müller GmbH & Co. KG',
  'Muller',
  'Mueller Tool & Die',
  'Tool and Die',
  'Tool & Die Works',
  'Smith & Smith',
  'Smith Jones',
  'Jones Smith',
  'Northgate Robotics',
  'Northgte Robotics',
  'Bellwood Robotics',
  'Acmetech',
  'Acme Tech',
  'Mfg Solutions',
  'Manufacturing Solutions',
  'Co-op Ltd',
  'Ünïcode SStahl',
  'Unicode Stahl',
  '3M',
  'Corpoartion',
  'The Company',
  '...',
  '',
];

const word = fc.constantFrom('acme', 'machining', 'precision', 'tool', 'die', 'smith', 'robotics', 'mfg', 'intl');
const typed = fc.oneof(
  fc.constantFrom(...AWKWARD_NAMES),
  fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(' ')),
  // A stored name with one letter dropped.
  fc.tuple(fc.constantFrom(...AWKWARD_NAMES), fc.nat()).map(([name, at]) => {
    const i = at % (name.length + 1);
    return name.slice(0, i) + name.slice(i + 1);
  }),
);

type Change = { kind: 'upsert'; id: number; company: string } | { kind: 'remove'; id: number };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), id: fc.nat(40), company: typed }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.nat(40) }),
);

const scoresOf = (matches: readonly { candidate: CompanyEntry; score: number }[]) =>
  matches.map((match) => [match.candidate.id, match.candidate.company, match.score]);

/** What the table holds after the changes: an upserted row moves to the end, as INSERT OR REPLACE does. */
function applyChanges(changes: readonly Change[], index: CompanyIndex): CompanyEntry[] {
  let rows: CompanyEntry[] = [];
  for (const next of changes) {
    const id = `L-${next.id}`;
    rows = rows.filter((row) => row.id !== id);
    if (next.kind === 'upsert') {
      rows.push({ id, company: next.company });
      index.upsert({ id, company: next.company });
    } else {
      index.remove(id);
    }
  }
  return rows;
}

describe('CompanyIndex kept in word ids', () => {
  it('answers as the scan over the names it holds, after any additions, renames and removals', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 80 }),
        fc.array(typed, { maxLength: 6 }),
        (changes, asked) => {
          const index = new CompanyIndex();
          const rows = applyChanges(changes, index);
          expect(index.size).toBe(rows.length);
          for (const query of [...asked, ...AWKWARD_NAMES.slice(0, 8)]) {
            expect(scoresOf(index.match(query, 5)), query).toEqual(scoresOf(matchCompanies(query, rows, { limit: 5 })));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers as the scan after packing itself, with the same names added again and removed again', () => {
    // Past 1,024 removals the index packs its slots: the words, the chains and the typo buckets start again.
    const index = new CompanyIndex();
    let rows: CompanyEntry[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1_500; i++) {
        const entry = { id: `L-${i}`, company: `${AWKWARD_NAMES[(i + round) % AWKWARD_NAMES.length]} ${i % 7}` };
        index.upsert(entry);
        rows = [...rows.filter((row) => row.id !== entry.id), entry];
      }
      const gone = new Set<string>();
      for (let i = round; i < 1_500; i += 2) gone.add(`L-${i}`);
      for (const id of gone) index.remove(id);
      rows = rows.filter((row) => !gone.has(row.id));
      expect(index.size).toBe(rows.length);
      for (const query of ['Acme Machining 3', 'acme', 'Northgate Robotics', 'Muller 2', 'Smith Jones 5', '3m']) {
        expect(scoresOf(index.match(query, 5)), query).toEqual(scoresOf(matchCompanies(query, rows, { limit: 5 })));
      }
    }
  });
});
