// The made-up people and companies of the sample: an industrial supplier's sales team and its prospects.

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

/** Word lists are written as one comma-separated string each: long lists stay readable at a glance. */
function splitList(text: string): readonly string[] {
  return text.split(',').map((word) => word.trim());
}

const COMPANY_FIRST = splitList(
  'Apex, Midwest, Great Lakes, Summit, Iron Ridge, Prairie, Keystone, Northern, Atlas, Cascade, ' +
    'Pioneer, Delta, Liberty, Eagle, Heartland, Granite, Riverbend, Triton, Frontier, Cardinal, Badger, ' +
    'Lakeshore, Redwood, Sterling, Benchmark, Precision, Allied, United, Continental, Titan, Blue Ridge, ' +
    'Cornerstone, Meridian, Patriot, Vanguard, Harbor, Silverline, Oakmont, Bayside, Crown',
);

const COMPANY_TRADE = splitList(
  'Fastener, Hydraulics, Machining, Fabrication, Plastics, Tool & Die, Metalworks, Castings, ' +
    'Automation, Packaging, Conveyor, Welding, Coatings, Bearings, Valves, Pneumatics, Stamping, ' +
    'Foundry, Electric, Controls, Gear, Spring, Wire, Rubber, Composites, Filtration, Pumps, ' +
    'Fluid Power, Steel, Aluminum',
);

// Only one legal suffix: fuzzy matching drops 'Inc.', 'Co.', 'LLC'…, and two names differing only by those would be
// the same company to it.
const COMPANY_FORM = splitList(
  'Inc., Industries, Manufacturing, Supply, Group, Systems, Works, Products, Technologies, Solutions',
);

const CITIES = splitList('Dayton, Peoria, Toledo, Gary, Akron, Racine, Joliet, Erie, Flint, Dubuque, Moline');

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

const PAIRS = COMPANY_FIRST.length * COMPANY_TRADE.length;
/** Coprime with PAIRS, so stepping by it visits every first/trade pair once in a shuffled-looking order. */
const PAIR_STEP = 7919;

/**
 * The n-th company name. Every name is different, also to fuzzy matching: the first 1,200 differ in their first two
 * words, the next ones in their last word, and beyond 12,000 a city tells the namesakes apart (as directories do).
 */
export function buildCompanyName(index: number): string {
  const pair = (index * PAIR_STEP) % PAIRS;
  const first = COMPANY_FIRST[pair % COMPANY_FIRST.length]!;
  const trade = COMPANY_TRADE[Math.floor(pair / COMPANY_FIRST.length)]!;
  const form = COMPANY_FORM[Math.floor(index / PAIRS) % COMPANY_FORM.length]!;
  const round = Math.floor(index / (PAIRS * COMPANY_FORM.length));
  if (round === 0) return `${first} ${trade} ${form}`;
  const city = CITIES[(round - 1) % CITIES.length]!;
  const series = Math.floor((round - 1) / CITIES.length);
  return `${first} ${trade} ${form} (${city}${series === 0 ? '' : ` ${series + 1}`})`;
}

export function buildContactName(pick: <T>(items: readonly T[]) => T): string {
  return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
}
