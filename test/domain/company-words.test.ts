// Word weights learned from the team's own names, on top of a prior of common company and industry words: a word
// many companies use says little, a rare one says a lot, and what decides a match follows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompanyEntry, CompanyIndex } from '../../src/domain/company-index.js';
import { decideCompanyMatch } from '../../src/domain/fuzzy.js';

/** ln(1 + 100,000 / (1 + names using the word + its prior count)), written out. */
const weight = (count: number, prior = 0) => Math.log1p(100_000 / (1 + count + prior));

/** Made-up distinct words ("bakor", "dimel", …), none in the prior. */
function buildWords(count: number): string[] {
  const onsets = 'b d f g k l m n p r s t v z'.split(' ');
  const vowels = 'a e i o u'.split(' ');
  const codas = 'dor kel mun rav sil tep zon'.split(' ');
  const words: string[] = [];
  for (const onset of onsets) for (const vowel of vowels) for (const coda of codas) words.push(onset + vowel + coda);
  return words.slice(0, count);
}

const entriesOf = (names: readonly string[]): CompanyEntry[] => names.map((company, i) => ({ id: `L-${i}`, company }));
const decide = (index: CompanyIndex, typed: string) => decideCompanyMatch(index.match(typed, 5));

describe('weights from a book in which "robotics" is common', () => {
  const names = [...buildWords(300).map((word) => `${word} Robotics Inc`), 'Northgate Robotics'];
  const index = new CompanyIndex(entriesOf(names));
  const wRobotics = weight(301, 1_000);
  const wNorthgate = weight(1);

  it('weighs "robotics" (301 names and a prior of 1,000) far below "northgate" (one name)', () => {
    expect(index.weightOf('robotics')).toBeCloseTo(wRobotics, 12);
    expect(index.weightOf('northgate')).toBeCloseTo(wNorthgate, 12);
    expect(index.weightOf('bellwood')).toBeCloseTo(weight(0), 12);
  });

  it('logs "Bellwood Robotics" as a new company: sharing "robotics" with 301 names says nothing', () => {
    expect(index.match('Bellwood Robotics', 5)).toEqual([]);
    expect(decide(index, 'Bellwood Robotics')).toEqual({ kind: 'none' });
  });

  it('knows "Northgat Robotics" is Northgate Robotics: the rare word, misspelled, still carries it', () => {
    const [top, ...others] = index.match('Northgat Robotics', 5);
    // The typo keeps 1 − 1/(2·9) of northgate's weight; its full weight stays in the denominator.
    expect(top?.score).toBeCloseTo(((1 - 1 / 18) * wNorthgate + wRobotics) / (wNorthgate + wRobotics), 12);
    expect(others).toEqual([]);
    expect(decide(index, 'Northgat Robotics')).toEqual({
      kind: 'exact',
      candidate: { id: 'L-300', company: 'Northgate Robotics' },
    });
  });

  it('does not take "Robotics" alone for Northgate Robotics, which has a rare word besides', () => {
    expect(decide(index, 'Robotics')).toEqual({ kind: 'none' });
  });

  it('moves the weights as names come and go', () => {
    const growing = new CompanyIndex(entriesOf(names));
    growing.upsert({ id: 'L-new', company: 'Northgate Castings' });
    expect(growing.weightOf('northgate')).toBeCloseTo(weight(2), 12);
    growing.remove('L-300');
    growing.remove('L-new');
    expect(growing.weightOf('northgate')).toBeCloseTo(weight(0), 12);
    expect(growing.weightOf('robotics')).toBeCloseTo(weight(300, 1_000), 12);
  });
});

describe('a young workspace', () => {
  const book = [
    'Bellwood Machining LLC',
    ...buildWords(23).map((word, i) => `${word} ${['Plastics', 'Castings', 'Valves'][i % 3]} Inc`),
  ];
  const index = new CompanyIndex(entriesOf(book));

  it('knows from the prior that "machining" says little after one name', () => {
    expect(index.weightOf('machining')).toBeCloseTo(weight(1, 2_000), 12);
  });

  it('logs its second "… Machining" as a new company, not a question', () => {
    expect(decide(index, 'Acme Machining')).toEqual({ kind: 'none' });
  });

  it('does not point "Machining" alone at Bellwood Machining, as it would a word it has no prior for', () => {
    expect(decide(index, 'Machining')).toEqual({ kind: 'none' });
    const widgets = new CompanyIndex(entriesOf([...book, 'Bellwood Widgetry']));
    expect(decide(widgets, 'Widgetry').kind).toBe('ambiguous');
  });
});

describe('adding companies that share nothing with a name', () => {
  // Two alphabets with no letter in common: no word of one is a word, a typo or a spacing of the other's. Names of
  // the book are a made-up word and common ones, so that what a rep types lands near the thresholds.
  const word = (letters: readonly string[]) =>
    fc.array(fc.constantFrom(...letters), { minLength: 3, maxLength: 9 }).map((chars) => chars.join(''));
  const bookName = fc
    .tuple(
      word(['a', 'e', 'n', 'o', 'r', 't', 's', 'l']),
      fc.subarray(['tool', 'steel', 'rotor', 'eastern', 'lane', 'stone'], { maxLength: 3 }),
    )
    .map(([own, common]) => [own, ...common].join(' '));
  const unrelatedName = fc
    .array(word(['b', 'c', 'd', 'f', 'g', 'h', 'k', 'm', 'p', 'u']), { minLength: 1, maxLength: 3 })
    .map((words) => words.join(' '));
  // What a rep types: a name of the book as is, shortened, with a typo, a suffix or in capitals.
  const typed = fc.tuple(
    fc.nat(),
    fc.nat(),
    fc.constantFrom('as is', 'shorter', 'drop', 'double', 'swap', 'suffix', 'upper'),
  );
  const type = (name: string, at: number, how: string): string => {
    const i = at % name.length;
    const words = name.split(' ');
    if (how === 'shorter') return words.length > 1 ? words.filter((_, k) => k !== at % words.length).join(' ') : name;
    if (how === 'drop') return name.slice(0, i) + name.slice(i + 1);
    if (how === 'double') return name.slice(0, i + 1) + name.slice(i);
    if (how === 'swap') return name.slice(0, i) + (name[i + 1] ?? '') + name[i] + name.slice(i + 2);
    if (how === 'suffix') return `${name} Inc.`;
    return how === 'upper' ? name.toUpperCase() : name;
  };

  it('never turns a sure match into a question (nor changes any decision)', () => {
    let sure = 0;
    fc.assert(
      fc.property(
        fc.array(bookName, { minLength: 1, maxLength: 40 }),
        fc.array(typed, { minLength: 1, maxLength: 6 }),
        fc.array(unrelatedName, { minLength: 1, maxLength: 300 }),
        (names, queries, unrelated) => {
          const entries = entriesOf(names);
          const before = new CompanyIndex(entries);
          const after = new CompanyIndex([
            ...unrelated.slice(0, 100).map((company, i) => ({ id: `U-${i}`, company })),
            ...entries,
            ...unrelated.slice(100).map((company, i) => ({ id: `V-${i}`, company })),
          ]);
          for (const [pick, at, how] of queries) {
            const query = type(names[pick % names.length]!, at, how);
            const decision = decide(before, query);
            if (decision.kind === 'exact') sure += 1;
            expect(decide(after, query), query).toEqual(decision);
          }
        },
      ),
      { numRuns: 300 },
    );
    // The property is about sure matches: the runs must have had plenty.
    expect(sure).toBeGreaterThan(300);
  });
});
