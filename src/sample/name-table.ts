// Which company the n-th sample name is: a shuffled table of (what sets it apart, trade) pairs, built once on first
// use. Common cores (surnames, stock brand words) come with nearly every trade, places with many, compounds with a
// few, and most coined words with one, as in a real directory where most names are used once.

import {
  ACRONYM_LETTERS,
  buildCoinedWord,
  COMPOUND_ENDS,
  COMPOUND_STARTS,
  countCoinedWords,
  FIRST_NAMES,
  FORMS,
  LEGAL_FORMS,
  MODIFIERS,
  PLACES,
  STOCK_WORDS,
  SURNAME_ENDS,
  SURNAME_STARTS,
  SURNAMES,
  TRADES,
} from './company-vocabulary.js';
import { createCoreGuard, createTypoCheck, UNSEEMLY } from './core-guard.js';
import { createRandom, type Random } from './random.js';

export const NAME_SEED = 20_261_123;
/** Enough (core, trade) pairs for the 100,000-lead sample and the matching benchmark's new companies. */
const TABLE_SIZE = 130_000;

export type CoreKind = 'surname' | 'rare surname' | 'first' | 'place' | 'stock' | 'acronym' | 'compound' | 'coined';

interface Core {
  text: string;
  kind: CoreKind;
}

export interface NameTable {
  size: number;
  cores: readonly Core[];
  /** Per position: the core's index and the trade's index. */
  coreAt: Int32Array;
  tradeAt: Int32Array;
}

/** How many trades a core of each kind comes with (a coined word: one, sometimes two). */
const TRADES_PER_CORE: Record<Exclude<CoreKind, 'coined'>, number> = {
  surname: 40,
  stock: 40,
  place: 30,
  first: 24,
  'rare surname': 16,
  acronym: 6,
  compound: 12,
};

function buildNameTable(): NameTable {
  const random = createRandom(NAME_SEED);
  const guard = createCoreGuard();
  const cores: Core[] = [];
  const pairs: number[] = [];
  const add = (text: string, kind: CoreKind) => {
    const start = random.integer(0, TRADES.length - 1);
    const count = kind === 'coined' ? (random.chance(0.2) ? 2 : 1) : TRADES_PER_CORE[kind];
    // 7 is coprime with the number of trades, so the first `count` steps are all different trades.
    for (let k = 0; k < count; k++) pairs.push(cores.length, (start + 7 * k) % TRADES.length);
    cores.push({ text, kind });
  };
  const offer = (text: string, kind: CoreKind) => guard.admit(text) && add(text, kind);
  for (const text of SURNAMES) offer(text, 'surname');
  for (const text of FIRST_NAMES) offer(text, 'first');
  for (const text of PLACES) offer(text, 'place');
  for (const text of STOCK_WORDS) offer(text, 'stock');
  for (const start of SURNAME_STARTS) for (const end of SURNAME_ENDS) offer(`${start}${end}`, 'rare surname');
  for (const start of COMPOUND_STARTS) for (const end of COMPOUND_ENDS) offer(`${start}${end}`, 'compound');
  const letters = ACRONYM_LETTERS;
  for (let n = 0; n < letters.length ** 3; n += 7) {
    const picks = [
      n % letters.length,
      Math.floor(n / letters.length) % letters.length,
      Math.floor(n / letters.length ** 2),
    ];
    offer(picks.map((i) => letters[i]).join(''), 'acronym');
  }
  addCoinedCores(guard.words(), (word) => pairs.length < 2 * TABLE_SIZE && add(capitalize(word), 'coined'));
  return shuffleTable(cores, pairs, random);
}

const capitalize = (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`;

/** Offers coined words, short ones first, in a scattered order, leaving out any one typo from a word in use. */
function addCoinedCores(inUse: ReadonlySet<string>, add: (word: string) => unknown): void {
  const nearWordInUse = createTypoCheck(inUse);
  for (const syllables of [2, 3] as const) {
    const count = countCoinedWords(syllables);
    // A step coprime with the count visits every word once.
    for (let n = 0; n < count; n++) {
      const word = buildCoinedWord(syllables, (n * 7_919) % count);
      if (nearWordInUse(word) || UNSEEMLY.some((fragment) => word.includes(fragment))) continue;
      if (add(word) === false) return;
    }
  }
}

function shuffleTable(cores: readonly Core[], pairs: readonly number[], random: Random): NameTable {
  const size = pairs.length / 2;
  const order = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = random.integer(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const coreAt = new Int32Array(size);
  const tradeAt = new Int32Array(size);
  order.forEach((pair, at) => {
    coreAt[at] = pairs[2 * pair]!;
    tradeAt[at] = pairs[2 * pair + 1]!;
  });
  return { size, cores, coreAt, tradeAt };
}

let table: NameTable | undefined;

/** The table, built on first use (well under a second) and kept: the same for every caller. */
export function readNameTable(): NameTable {
  table ??= buildNameTable();
  return table;
}

/** A sample company name in its parts, as drawn: what sets it apart, its trade and its dress. */
export interface CompanyNameParts {
  core: string;
  kind: CoreKind;
  /** "& Sons" or "Brothers" after a surname. */
  family: string | null;
  modifier: string | null;
  trade: string;
  form: string | null;
  legal: string | null;
  /** Whether a comma comes before the legal suffix ("Acme, Inc."). */
  comma: boolean;
}

/** The parts of the name at a table position, dressed with what `random` draws. */
export function drawCompanyNameParts(table: NameTable, at: number, random: Random): CompanyNameParts {
  const core = table.cores[table.coreAt[at]!]!;
  const family = core.kind === 'surname' && random.chance(0.15) ? random.pick(['& Sons', 'Brothers']) : null;
  const dotted = core.kind === 'acronym' && random.chance(0.2);
  return {
    core: dotted ? `${[...core.text].join('.')}.` : core.text,
    kind: core.kind,
    family,
    modifier: random.chance(0.12) ? random.pick(MODIFIERS) : null,
    trade: TRADES[table.tradeAt[at]!]!,
    form: random.chance(0.3) ? random.pick(FORMS) : null,
    legal: random.chance(0.5) ? random.pick(LEGAL_FORMS) : null,
    comma: random.chance(0.3),
  };
}

export function formatCompanyName(parts: CompanyNameParts): string {
  const words = [parts.core, parts.family, parts.modifier, parts.trade, parts.form].filter((word) => word !== null);
  if (parts.legal === null) return words.join(' ');
  return `${words.join(' ')}${parts.comma ? ',' : ''} ${parts.legal}`;
}
