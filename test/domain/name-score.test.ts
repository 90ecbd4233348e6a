// Pairs of company names and what `/lead source` decides when the book holds the second and a rep types the first:
// the same company is updated (exact), a new company is logged (none), and only a real doubt is a question.

import { describe, expect, it } from 'vitest';
import { decideCompanyMatch, matchCompanies } from '../../src/domain/fuzzy.js';

type Decision = 'exact' | 'ambiguous' | 'none';

/** The decision for `typed` in a book that holds `stored` (weights from that book and the prior). */
function decide(typed: string, stored: string): Decision {
  return decideCompanyMatch(matchCompanies(typed, [{ company: stored }])).kind;
}

const SAME_COMPANY: readonly (readonly [typed: string, stored: string, why: string])[] = [
  ['ACME Corporation', 'Acme Corp', 'legal suffix and case'],
  ['acme, inc.', 'Acme Inc', 'punctuation'],
  ['Northgate Robotics LLC', 'Northgate Robotics, Inc.', 'another legal suffix'],
  ['NORTHGATE ROBOTICS', 'Northgate Robotics', 'case'],
  ['acmetech', 'Acme Tech', 'spacing'],
  ['North Gate Robotics', 'Northgate Robotics', 'spacing'],
  ['Northgat Robotics', 'Northgate Robotics', 'typo in the rare word'],
  ['Bellwod Plastics Inc', 'Bellwood Plastics', 'typo in the rare word, and a suffix'],
  ['Northgate Robotcs', 'Northgate Robotics', 'typo in the common word'],
  ['Acme Geer', 'Acme Gear', 'typo in a four-letter word beside a rare one'],
  ['Acme Intl', 'Acme International', 'abbreviation'],
  ["Acme Int'l Corp", 'Acme International Corporation', 'abbreviation with an apostrophe'],
  ['Acme Mfg', 'Acme Manufacturing', 'abbreviation'],
  ['Hartwell Bros. Machining', 'Hartwell Brothers Machining', 'abbreviation'],
  ['Keller Tool & Die', 'Keller Tool and Die', '& for and'],
  ['Müller Präzision GmbH', 'Muller Prazision', 'accents'],
  ['Smith Plastics Corpoartion', 'Smith Plastics', 'a misspelled legal suffix'],
];

const DIFFERENT_COMPANIES: readonly (readonly [typed: string, stored: string, why: string])[] = [
  ['Northgate Robotics', 'Bellwood Robotics', 'a shared industry word'],
  ['Acme Machining', 'Precision Machining', 'a shared industry word'],
  ['Smith Plastics Inc', 'Jones Plastics LLC', 'a shared industry word, common surnames'],
  ['Midwest Tool & Die', 'Keller Tool & Die', 'two shared industry words'],
  ['Apex Fasteners Inc', 'Summit Valves Inc', 'a shared legal suffix'],
  ['Northgate Robotics LLC', 'Bellwood Plastics LLC', 'a shared legal suffix'],
  ['Thomas Machining', 'Thomas Plastics', 'a shared common first name'],
  ['Thomas Precision Machining', 'Thomas Fluid Power', 'a shared common first name'],
  ['Thomas Welding Supply', 'Thomas Industrial Supply', 'a shared first name and form word'],
  ['Northgate Plastics', 'Northgate Robotics', 'a shared rare word, but two trades'],
  ['Great Lakes Castings', 'Great Plains Castings', 'a shared place word and trade'],
];

const DOUBTFUL: readonly (readonly [typed: string, stored: string, why: string])[] = [
  ['Smith Jones', 'Jones Smith', 'the same words in another order'],
  ['Northgate', 'Northgate Robotics', 'part of the name'],
  ['Apex Wire', 'Apex Fire', 'one letter apart in a four-letter word: a typo or another trade'],
  ['Acme Ind', 'Acme', 'a word the book does not have'],
];

describe('the decision for a pair of names', () => {
  it.each(SAME_COMPANY)('%j is %j (%s): sure', (typed, stored) => {
    expect(decide(typed, stored)).toBe('exact');
  });

  it.each(DIFFERENT_COMPANIES)('%j is not %j (%s): a new company', (typed, stored) => {
    expect(decide(typed, stored)).toBe('none');
  });

  it.each(DOUBTFUL)('%j may be %j (%s): a question', (typed, stored) => {
    expect(decide(typed, stored)).toBe('ambiguous');
  });

  it('decides the same whichever of the two is typed', () => {
    for (const [a, b] of [...SAME_COMPANY, ...DIFFERENT_COMPANIES, ...DOUBTFUL]) {
      expect(decide(b, a), `${b} / ${a}`).toBe(decide(a, b));
    }
  });
});
