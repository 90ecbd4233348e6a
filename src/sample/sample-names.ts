// The made-up people and companies of the sample: an industrial supplier's sales team and its prospects.

import { splitList } from './company-vocabulary.js';
import {
  type CompanyNameParts,
  drawCompanyNameParts,
  formatCompanyName,
  NAME_SEED,
  readNameTable,
} from './name-table.js';
import { createRandom } from './random.js';

export const SAMPLE_OWNERS = [
  { id: 'U0A1SAMPLE1', name: 'Maria Lopez' },
  { id: 'U0A2SAMPLE2', name: 'Dave Kowalski' },
  { id: 'U0A3SAMPLE3', name: 'Priya Natarajan' },
  { id: 'U0A4SAMPLE4', name: 'Tom Becker' },
  { id: 'U0A5SAMPLE5', name: 'Aisha Johnson' },
  { id: 'U0A6SAMPLE6', name: 'Kevin O’Brien' },
  { id: 'U0A7SAMPLE7', name: 'Sofia Rossi' },
  { id: 'U0A8SAMPLE8', name: 'Jamal Carter' },
  { id: 'U0A9SAMPLE9', name: 'Linda Nguyen' },
  { id: 'U0B0SAMPLE0', name: 'Greg Halvorsen' },
] as const;

const FIRST_NAMES = splitList(
  'James, Mary, Robert, Patricia, John, Jennifer, Michael, Linda, William, Elizabeth, David, Barbara, ' +
    'Richard, Susan, Joseph, Jessica, Carlos, Ana, Wei, Mei, Raj, Deepa, Omar, Fatima',
);

const LAST_NAMES = splitList(
  'Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Wilson, ' +
    'Anderson, Taylor, Thomas, Moore, Jackson, Lee, Chen, Patel, Schmidt, Novak, Olsen, Khan',
);

export const LOST_REASONS: Record<'early' | 'late', readonly string[]> = {
  early: ['not a fit', 'no response', 'student or job seeker', 'too small an order', 'outside our service area'],
  late: ['price', 'went with a competitor', 'lead time too long', 'no budget this year', 'project cancelled'],
};

const CITIES = splitList('Dayton, Peoria, Toledo, Gary, Akron, Racine, Joliet, Erie, Flint, Dubuque, Moline');

/**
 * The n-th company name. Every name up to the size of the name table (about 130,000) is a company of its own, also
 * to fuzzy matching: no two share both what sets them apart and their trade, and no two words that set companies
 * apart are one typo from each other or from a trade word. Past the table a city tells namesakes apart, as
 * directories do.
 */
export function buildCompanyName(index: number): string {
  const table = readNameTable();
  const round = Math.floor(index / table.size);
  const name = formatCompanyName(buildCompanyNameParts(index));
  if (round === 0) return name;
  const city = CITIES[(round - 1) % CITIES.length]!;
  const series = Math.floor((round - 1) / CITIES.length);
  return `${name} (${city}${series === 0 ? '' : ` ${series + 1}`})`;
}

/** The parts the n-th company name is made of (the benchmark writes them the ways reps do). */
export function buildCompanyNameParts(index: number): CompanyNameParts {
  const table = readNameTable();
  const at = index % table.size;
  return drawCompanyNameParts(table, at, createRandom(NAME_SEED + at));
}

export function buildContactName(pick: <T>(items: readonly T[]) => T): string {
  return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
}
