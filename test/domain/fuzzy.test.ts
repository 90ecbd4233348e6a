import { describe, expect, it } from 'vitest';
import {
  decideCompanyMatch,
  editDistance,
  editSimilarity,
  matchCompanies,
  normalizeCompany,
  similarity,
} from '../../src/domain/fuzzy.js';

const fakeLead = (id: number, company: string) => ({ id, company });

describe('normalizeCompany', () => {
  it.each([
    ['Acme Corp', 'acme'],
    ['ACME Corporation', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['  Acme   Industries  LLC ', 'acme industries'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Société Générale SA', 'societe generale'],
    ["O'Brien Supply Ltd", 'obrien supply'],
    ['A.B.C. Plastics B.V.', 'abc plastics'],
    ['Co-op Ltd', 'co op'], // a suffix word inside the name stays
    ['Corp', 'corp'], // never normalized to nothing
  ])('%j → %j', (name, expected) => {
    expect(normalizeCompany(name)).toBe(expected);
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('acme', 'acme')).toBe(0);
    expect(editDistance('acme', 'acne')).toBe(1);
    expect(editDistance('acme', 'acmes')).toBe(1);
    expect(editDistance('industries', 'industires')).toBe(1); // "ri" ↔ "ir"
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops early past a bound but never under-reports within it', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2); // max + 1: "more than 1"
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('editSimilarity is 1 − distance / longer length', () => {
    expect(editSimilarity('thomasnet', 'thomasnt')).toBeCloseTo(1 - 1 / 9, 10);
  });
});

describe('similarity', () => {
  it('equal normalized names score exactly 1', () => {
    expect(similarity('acme', 'Acme Corp')).toBe(1);
    expect(similarity('acme corp', 'ACME Corporation')).toBe(1);
  });

  it('a typo scores high: "acme industires" vs "Acme Industries" = 1 − 1/15', () => {
    expect(similarity('acme industires', 'Acme Industries')).toBeCloseTo(14 / 15, 10);
  });

  it('a shared distinctive word is "ambiguous-ish": acme industries vs acme corp = ½·1/1 + ½·1/2 = 0.75', () => {
    expect(similarity('acme industries', 'acme corp')).toBe(0.75);
  });

  it('the same words in another order are close but never certain', () => {
    expect(similarity('Smith Jones', 'Jones Smith')).toBe(0.9);
  });

  it('spacing alone: "Acme-Tech" vs "AcmeTech" = 0.95', () => {
    expect(similarity('Acme-Tech', 'AcmeTech')).toBe(0.95);
  });

  it('unrelated names, and names sharing only a generic word, score 0', () => {
    expect(similarity('Globex', 'Acme')).toBe(0);
    expect(similarity('Initech', 'Initrode')).toBe(0); // 1 − 4/8 = 0.5 edit similarity says nothing
    expect(similarity('Acme Industries', 'Zenith Industries')).toBe(0);
  });

  it('is symmetric', () => {
    expect(similarity('acme precision', 'Precision Acme Works')).toBe(
      similarity('Precision Acme Works', 'acme precision'),
    );
  });
});

describe('matchCompanies and decideCompanyMatch', () => {
  const leads = [
    fakeLead(1, 'Acme Corp'),
    fakeLead(2, 'Acme Industries'),
    fakeLead(3, 'Globex Corporation'),
    fakeLead(4, 'Initech LLC'),
    fakeLead(5, 'Zenith Industries'),
  ];

  it('"acme" finds Acme Corp first, then Acme Industries, and the match is exact', () => {
    const matches = matchCompanies('acme', leads);
    expect(matches.map((match) => [match.candidate.id, match.score])).toEqual([
      [1, 1],
      [2, 0.75],
    ]);
    expect(decideCompanyMatch(matches)).toEqual({ kind: 'exact', candidate: leads[0] });
  });

  it('"acme industires" (typo) is sure: 0.933 against a runner-up of 0.75 (0.183 lower)', () => {
    const decision = decideCompanyMatch(matchCompanies('acme industires', leads));
    expect(decision).toEqual({ kind: 'exact', candidate: leads[1] });
  });

  it('"acme ind" is unsure: both Acme leads are offered', () => {
    const decision = decideCompanyMatch(matchCompanies('acme ind', leads));
    expect(decision.kind).toBe('ambiguous');
    if (decision.kind !== 'ambiguous') return;
    expect(decision.candidates.map((lead) => lead.id).sort()).toEqual([1, 2]);
  });

  it('two leads with the same normalized name are ambiguous, not silently the first', () => {
    const twins = [fakeLead(1, 'Acme Corp'), fakeLead(2, 'ACME Inc.')];
    const decision = decideCompanyMatch(matchCompanies('acme', twins));
    expect(decision).toEqual({ kind: 'ambiguous', candidates: twins });
  });

  it('nothing close is none; only scores ≥ 0.5 come back', () => {
    expect(matchCompanies('Umbrella', leads)).toEqual([]);
    expect(decideCompanyMatch(matchCompanies('Umbrella', leads))).toEqual({ kind: 'none' });
  });

  it('a sure score needs a margin of 0.1 over the runner-up', () => {
    const a = fakeLead(1, 'a');
    const b = fakeLead(2, 'b');
    expect(decideCompanyMatch([{ candidate: a, score: 0.95 }]).kind).toBe('exact');
    expect(
      decideCompanyMatch([
        { candidate: a, score: 0.95 },
        { candidate: b, score: 0.85 },
      ]).kind,
    ).toBe('exact');
    expect(
      decideCompanyMatch([
        { candidate: a, score: 0.95 },
        { candidate: b, score: 0.9 },
      ]).kind,
    ).toBe('ambiguous');
    expect(decideCompanyMatch([{ candidate: a, score: 0.91 }]).kind).toBe('ambiguous');
  });

  it('limit keeps the best, in order, ties in input order', () => {
    const many = [fakeLead(1, 'Acme West'), fakeLead(2, 'Acme East'), fakeLead(3, 'Acme'), fakeLead(4, 'Acme North')];
    const matches = matchCompanies('acme', many, { limit: 2 });
    // "Acme" is equal (1); the others tie at ½·1 + ½·½ = 0.75, so the first of them in input order follows.
    expect(matches.map((match) => match.candidate.id)).toEqual([3, 1]);
  });
});

describe('a large candidate list', () => {
  // Timing lives in `npm run bench`; here the big list only proves the pre-filter never drops the right answer.
  it('finds the right company among 100k look-alike names', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Names built from 24 syllables: far more alike than real company names, so the pre-filter is pushed hard.
    const syllables = 'ba co de fi gu ha ji ko lu ma ne po ra si tu ve xo za tri pro ster gen tek lon'.split(' ');
    const word = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * 24)]);
    const suffixes = ['Inc', 'LLC', 'Corp', 'Ltd', 'GmbH', '', 'Industries', 'Manufacturing'];
    const companies = Array.from({ length: 100_000 }, (_, id) =>
      fakeLead(id, `${word().join('')} ${random() < 0.5 ? word().join('') : ''} ${suffixes[id % 8]}`),
    );
    companies[54_321] = fakeLead(54_321, 'Bacode Precision Industries');
    matchCompanies('warm up', companies);
    expect(matchCompanies('bacode precision', companies)[0]?.candidate.id).toBe(54_321);
  });
});
