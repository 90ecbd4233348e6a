// What a word in a company name is worth. "Northgate" names one company; "Robotics", "Machining", "Tool", "Die"
// name hundreds. A word's weight is its inverse document frequency: the fewer names use it, the more it says. Counts
// come from the team's own names (the company index keeps them) added to a written-in prior of common company and
// industry words, so a workspace with twenty names already knows that "machining" says little.

import { isOneEditApart } from './edit-distance.js';

/** Abbreviations written both ways in company names; the key of a name uses the long form. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['intl', 'international'],
  ['mfg', 'manufacturing'],
  ['mfrs', 'manufacturers'],
  ['bros', 'brothers'],
  ['assoc', 'associates'],
  ['assocs', 'associates'],
  ['natl', 'national'],
  ['eng', 'engineering'],
  ['engrg', 'engineering'],
  ['equip', 'equipment'],
  ['svcs', 'services'],
  ['svc', 'service'],
  ['prods', 'products'],
  ['sys', 'systems'],
  ['fab', 'fabrication'],
  ['mach', 'machine'],
  ['ctr', 'center'],
  ['mtl', 'metal'],
]);

/** Words that join other words ("Tool & Die", "Tool and Die", "The Smith Company"): they never tell names apart. */
const JOINING_WORDS: ReadonlySet<string> = new Set(['and', 'the', 'of']);

/**
 * Legal suffixes long enough that a word one typo from one is that suffix misspelled ("Corpoartion"): a short one
 * ("Corp") has real words as neighbours ("Cork", "Core").
 */
const LONG_LEGAL_SUFFIXES: readonly string[] = ['incorporated', 'corporation', 'limited', 'company'];

/**
 * The words of a normalized name as the key compares them: long forms, joining words dropped, and a misspelled
 * legal suffix at the end dropped as normalizeCompany drops a well-spelled one (never all the words).
 */
export function canonicalWords(words: readonly string[]): string[] {
  const kept = words.filter((word) => !JOINING_WORDS.has(word)).map((word) => ABBREVIATIONS.get(word) ?? word);
  const last = kept[kept.length - 1] ?? '';
  if (kept.length > 1 && LONG_LEGAL_SUFFIXES.some((suffix) => isOneEditApart(last, suffix))) kept.pop();
  return kept.length > 0 ? kept : [...words];
}

/**
 * Names per REFERENCE_NAMES that the prior assumes contain a word, by tier: the forms every directory is full of,
 * then trades and materials, then places and stock brand words, then the first names and surnames companies are
 * named after. Rough shares of a US industrial directory; only their order of magnitude matters.
 */
const PRIOR_TIERS: readonly (readonly [count: number, words: string])[] = [
  [
    4_000,
    'services group solutions systems industries products manufacturing international technologies engineering ' +
      'supply enterprises associates industrial technology company',
  ],
  [
    2_000,
    'machine tool tools precision metal metals steel equipment parts components design american national global ' +
      'united general technical specialty custom quality power electric electrical works sales distribution ' +
      'partners holdings machining fabrication plastics automation controls consulting management construction',
  ],
  [
    1_000,
    'welding coatings coating fasteners fastener castings casting forge forging foundry hydraulics hydraulic ' +
      'pneumatics valves valve pumps pump bearings bearing gear gears spring springs wire rubber composites ' +
      'filtration packaging conveyor conveyors stamping stampings molding mold molds die dies robotics instruments ' +
      'electronics sensors motion fluid air energy environmental chemical chemicals materials polymer polymers ' +
      'laser process thermal mechanical service labs laboratories research logistics containers finishing plating ' +
      'grinding cutting tooling assembly aluminum alloy alloys iron brass copper sheet heat treating fabricators ' +
      'fabricating manufacturers machinery machines brothers sons center',
  ],
  [
    600,
    'north south east west northern southern eastern western central midwest pacific atlantic great lakes valley ' +
      'river mountain bay coast state usa america advanced premier superior standard universal consolidated ' +
      'continental dynamic innovative integrated modern pro first star eagle liberty patriot pioneer delta alpha ' +
      'omega titan atlas summit apex allied crown royal golden silver blue red green black white',
  ],
  [
    300,
    'thomas john james william robert michael david richard joseph charles george edward frank henry paul mark ' +
      'peter smith johnson williams brown jones miller davis wilson anderson taylor moore jackson martin lee harris ' +
      'clark lewis young walker hall allen king wright scott baker adams nelson hill campbell mitchell roberts ' +
      'carter phillips evans turner parker collins edwards stewart morris murphy cook rogers morgan cooper peterson ' +
      'reed bailey bell kelly howard ward cox richardson wood watson brooks bennett gray hughes price myers long ' +
      'ross foster garcia martinez rodriguez hernandez lopez gonzalez schmidt mueller',
  ],
];

/** The prior as word → count; a word listed in two tiers keeps the first (larger) count. */
const PRIOR_COUNTS: ReadonlyMap<string, number> = new Map(
  [...PRIOR_TIERS].reverse().flatMap(([count, words]) => words.split(' ').map((word) => [word, count] as const)),
);

/**
 * The population a word's count is measured against. It is fixed, not the workspace's size: a word's weight moves
 * only with the names that use it, so a young workspace does not find every word common, and adding companies that
 * share no word with two names never changes how those two compare.
 */
export const REFERENCE_NAMES = 100_000;

/** The weight of a word that `count` of the team's names use: ln(1 + R / (1 + count + prior)). Always above 0. */
export function computeWordWeight(word: string, count: number): number {
  return Math.log1p(REFERENCE_NAMES / (1 + count + computePriorCount(word)));
}

/** The prior count of a word (0 for a word the prior does not know). */
export function computePriorCount(word: string): number {
  return PRIOR_COUNTS.get(word) ?? 0;
}

/** The largest prior count: with no names yet, no word weighs less than a word of this count. */
export function computeHeaviestPrior(): number {
  return PRIOR_TIERS[0]![0];
}

/** Where scoring reads word weights from: an index's counts, a list's counts, or the prior alone. */
export interface WordWeights {
  weightOf(word: string): number;
}

/** Weights of the prior alone, for two names compared with no team behind them. */
export const PRIOR_WEIGHTS: Readonly<WordWeights> = { weightOf: (word) => computeWordWeight(word, 0) };

/** Weights counted over a list of names, each word once per name (what an index of those names would hold). */
export function buildListWeights(namesWords: Iterable<readonly string[]>): WordWeights {
  const counts = new Map<string, number>();
  for (const words of namesWords) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { weightOf: (word) => computeWordWeight(word, counts.get(word) ?? 0) };
}
