// How a rep types a company that is already in the book: as stored, in another case, with another legal suffix or
// none, with a typo, an abbreviation, different punctuation, shortened, or two of these at once.

import { type CompanyNameParts, formatCompanyName } from '../src/sample/name-table.js';
import { buildPicker, type Random } from '../src/sample/random.js';

export type RelogVariant =
  | 'as stored'
  | 'case'
  | 'legal suffix'
  | 'punctuation'
  | 'typo'
  | 'abbreviation'
  | 'shortened'
  | 'two at once';

const drawVariant = buildPicker<RelogVariant>({
  'as stored': 10,
  case: 10,
  'legal suffix': 15,
  punctuation: 10,
  typo: 20,
  abbreviation: 10,
  shortened: 15,
  'two at once': 10,
});

const TYPED_LEGAL = ['Inc', 'Inc.', 'LLC', 'Co', 'Corp', 'Corporation', 'Company', 'Ltd'];
const ABBREVIATED: Record<string, readonly string[]> = {
  Manufacturing: ['Mfg', 'Mfg.'],
  International: ['Intl', "Int'l"],
  Company: ['Co.'],
  Brothers: ['Bros.', 'Bros'],
  '& Sons': ['and Sons'],
  'Tool & Die': ['Tool and Die', 'Tool-n-Die'],
  Corporation: ['Corp.'],
  Incorporated: ['Inc.'],
};
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function changeLegal(parts: CompanyNameParts, random: Random): CompanyNameParts {
  if (parts.legal !== null && random.chance(0.5)) return { ...parts, legal: null };
  return { ...parts, legal: random.pick(TYPED_LEGAL.filter((legal) => legal !== parts.legal)) };
}

function abbreviate(parts: CompanyNameParts, random: Random): CompanyNameParts {
  const keys = (['form', 'family', 'trade', 'legal'] as const).filter(
    (key) => ABBREVIATED[parts[key] ?? ''] !== undefined,
  );
  if (keys.length === 0) return changeLegal(parts, random);
  const key = random.pick(keys);
  return { ...parts, [key]: random.pick(ABBREVIATED[parts[key]!]!) };
}

/** Leaves out what the rep does not say: the dress, or the trade when the rest names the company alone. */
function shorten(parts: CompanyNameParts, random: Random, coreIsRare: boolean): CompanyNameParts {
  const keys = (['family', 'modifier', 'form', 'legal'] as const).filter((key) => parts[key] !== null);
  const dropTrade = coreIsRare && (keys.length === 0 || random.chance(0.3));
  if (dropTrade) return { ...parts, family: null, modifier: null, trade: '', form: null, legal: null };
  return keys.length === 0 ? changeLegal(parts, random) : { ...parts, [random.pick(keys)]: null };
}

/** One slip of the finger at a random letter: dropped, doubled, swapped with the next, or another letter. */
function typo(name: string, random: Random): string {
  const letters = [...name].flatMap((char, i) => (/[a-z]/i.test(char) ? [i] : []));
  const at = random.pick(letters);
  const slip = random.integer(0, 3);
  if (slip === 0) return name.slice(0, at) + name.slice(at + 1);
  if (slip === 1) return name.slice(0, at + 1) + name.slice(at);
  if (slip === 2 && /[a-z]/i.test(name[at + 1] ?? ''))
    return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
  return name.slice(0, at) + random.pick([...LETTERS]) + name.slice(at + 1);
}

function punctuate(name: string, random: Random): string {
  const choices = [
    () => name.replace(/[,.]/g, ''),
    () => name.replace(/ /, '-'),
    () => name.replace(' & ', ' and ').replace(/ and /, ' & '),
    () => `${name.replace(/ /g, '  ')} `,
  ];
  return random.pick(choices)();
}

/** One re-log of a stored company: the text a rep types, and which variant it is. */
export function buildRelog(
  parts: CompanyNameParts,
  random: Random,
  coreIsRare: boolean,
): { text: string; variant: RelogVariant } {
  const variant = drawVariant(random);
  const single = (kind: RelogVariant, from: CompanyNameParts): string => {
    switch (kind) {
      case 'legal suffix':
        return formatCompanyName(changeLegal(from, random));
      case 'abbreviation':
        return formatCompanyName(abbreviate(from, random));
      case 'shortened':
        return formatCompanyName(shorten(from, random, coreIsRare))
          .replace(/\s+/g, ' ')
          .trim();
      case 'typo':
        return typo(formatCompanyName(from), random);
      case 'punctuation':
        return punctuate(formatCompanyName(from), random);
      case 'case':
        return random.chance(0.5) ? formatCompanyName(from).toUpperCase() : formatCompanyName(from).toLowerCase();
      default:
        return formatCompanyName(from);
    }
  };
  if (variant !== 'two at once') return { text: single(variant, parts), variant };
  // A shortened, abbreviated or re-suffixed name, then typed with a typo or in another case.
  const first = random.pick(['legal suffix', 'abbreviation', 'shortened'] as const);
  const changed =
    first === 'legal suffix'
      ? changeLegal(parts, random)
      : first === 'abbreviation'
        ? abbreviate(parts, random)
        : shorten(parts, random, coreIsRare);
  const text = formatCompanyName(changed).replace(/\s+/g, ' ').trim();
  return { text: random.chance(0.7) ? typo(text, random) : text.toLowerCase(), variant };
}
