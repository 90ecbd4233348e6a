import { describe, expect, it } from 'vitest';
import {
  CompanyKeyCache,
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

// Word weights by hand: ln(1 + 100,000 / (1 + names using the word + its prior count)). With no team behind
// `similarity`, no name uses any word: an unknown word weighs W0, "industries" (prior 4,000) weighs W_INDUSTRIES.
const weight = (count: number, prior = 0) => Math.log1p(100_000 / (1 + count + prior));
const W0 = weight(0);
const W_INDUSTRIES = weight(0, 4_000);

describe('similarity', () => {
  it('equal names after normalizing score exactly 1', () => {
    expect(similarity('acme', 'Acme Corp')).toBe(1);
    expect(similarity('acme corp', 'ACME Corporation')).toBe(1);
    expect(similarity('Acme Intl', 'ACME International Inc.')).toBe(1);
  });

  it('a typo in a common word costs half its share of letters of that light word: (acme + 0.95·industries) / (acme + industries)', () => {
    expect(similarity('acme industires', 'Acme Industries')).toBeCloseTo(
      (W0 + 0.95 * W_INDUSTRIES) / (W0 + W_INDUSTRIES),
      12,
    );
  });

  it('a name that is part of the other pays half its extra words: acme / (acme + ½ industries)', () => {
    expect(similarity('acme industries', 'acme corp')).toBeCloseTo(W0 / (W0 + 0.5 * W_INDUSTRIES), 12);
  });

  it('the same words in another order are close but never certain', () => {
    expect(similarity('Smith Jones', 'Jones Smith')).toBe(0.9);
  });

  it('spacing alone: "Acme-Tech" vs "AcmeTech" = 0.95', () => {
    expect(similarity('Acme-Tech', 'AcmeTech')).toBe(0.95);
  });

  it('unrelated names score 0; sharing only a common word leaves a name far under 0.5', () => {
    expect(similarity('Globex', 'Acme')).toBe(0);
    expect(similarity('Initech', 'Initrode')).toBe(0); // three letters apart: not a typo
    // Each has a word the other lacks: industries / (industries + ½ zenith + 5 acme).
    expect(similarity('Acme Industries', 'Zenith Industries')).toBeCloseTo(
      W_INDUSTRIES / (W_INDUSTRIES + 5.5 * W0),
      12,
    );
  });

  it('is symmetric to the last bit', () => {
    expect(similarity('acme precision', 'Precision Acme Works')).toBe(
      similarity('Precision Acme Works', 'acme precision'),
    );
    expect(similarity('Northgat Robotic Systems', 'northgate robotics')).toBe(
      similarity('northgate robotics', 'Northgat Robotic Systems'),
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

  // Weights from these five names: "acme" and "industries" are used by two of them.
  const wAcme = weight(2);
  const wIndustries = weight(2, 4_000);

  it('"acme" finds Acme Corp first, then Acme Industries, and the match is exact', () => {
    const matches = matchCompanies('acme', leads);
    expect(matches.map((match) => [match.candidate.id, match.score])).toEqual([
      [1, 1],
      [2, wAcme / (wAcme + 0.5 * wIndustries)],
    ]);
    expect(decideCompanyMatch(matches)).toEqual({ kind: 'exact', candidate: leads[0] });
  });

  it('"acme industires" (typo) is sure: 0.99 against Acme Corp, which misses a word the query has', () => {
    const matches = matchCompanies('acme industires', leads);
    expect(matches.map((match) => match.candidate.id)).toEqual([2, 1]);
    expect(matches[0]?.score).toBeCloseTo((wAcme + 0.95 * wIndustries) / (wAcme + wIndustries), 12);
    // "industires" is no word of the book: it weighs as an unknown word.
    expect(matches[1]?.score).toBeCloseTo(wAcme / (wAcme + 0.5 * W0), 12);
    expect(decideCompanyMatch(matches)).toEqual({ kind: 'exact', candidate: leads[1] });
  });

  it('"acme ind" is unsure: Acme Corp is offered, Acme Industries (whose "industries" it lacks) scores too low', () => {
    const decision = decideCompanyMatch(matchCompanies('acme ind', leads));
    expect(decision).toEqual({ kind: 'ambiguous', candidates: [leads[0]] });
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
    // "Acme" is equal (1); the others tie (west, east and north weigh the same), so the first in input order follows.
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
    // The names' keys are kept by the caller between the two scans, as the store keeps them.
    const keys = new CompanyKeyCache();
    matchCompanies('warm up', companies, { keys });
    expect(matchCompanies('bacode precision', companies, { keys })[0]?.candidate.id).toBe(54_321);
  });
});

describe('CompanyKeyCache', () => {
  it('hands back the key it made for a name, and scans with it answer as scans without', () => {
    const keys = new CompanyKeyCache();
    expect(keys.keyOf('Acme Industries Inc')).toBe(keys.keyOf('Acme Industries Inc'));
    const leads = ['Acme Industries Inc', 'ACME Industrial', 'Acme Foods', 'Northgate Robotics'].map((name, id) =>
      fakeLead(id, name),
    );
    for (const typed of ['acme', 'acme industires', 'northgate']) {
      expect(matchCompanies(typed, leads, { keys })).toEqual(matchCompanies(typed, leads));
    }
  });
});
