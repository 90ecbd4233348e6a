// The words sample company names are made of, shaped like an industrial directory: a name is what sets the company
// apart (a surname, a first name, a place, a stock brand word, a compound like "Northgate", an acronym or a coined
// word), then its trade ("Machining", "Tool & Die"), sometimes dressed with a modifier, a form word and a legal suffix.

/** Word lists are written as one comma-separated string each: long lists stay readable at a glance. */
export function splitList(text: string): readonly string[] {
  return text.split(',').map((word) => word.trim());
}

/** Trades: no trade's words are a part of another's, so two companies of different trades never look alike. */
export const TRADES = splitList(
  'Machining, Tool & Die, Plastics, Fasteners, Metal Finishing, Castings, Welding, Fabrication, Hydraulics, ' +
    'Pneumatics, Automation, Robotics, Controls, Electric, Coatings, Stamping, Springs, Gear, Wire, Rubber, ' +
    'Composites, Filtration, Pumps, Valves, Bearings, Conveyor, Packaging, Foundry, Forge, Steel, Aluminum, Molding, ' +
    'Instruments, Sensors, Laser, Grinding, Plating, Heat Treating, Fluid Power, Electronics, Motion, Gaskets, ' +
    'Abrasives, Adhesives, Cable, Magnetics, Optics, Ceramics',
);

/** Dress that does not change which company it is: a rep may leave it out. */
export const MODIFIERS = splitList('Precision, Advanced, Custom, Quality, Specialty, Industrial');
export const FORMS = splitList(
  'Industries, Manufacturing, Group, Systems, Products, Company, Works, Solutions, Technologies, Enterprises, ' +
    'International, Supply',
);
export const LEGAL_FORMS = splitList('Inc., LLC, Co., Corp., Inc, Ltd., Incorporated, Corporation');

/** The most common US surnames (Thomas is a first name below), each behind many companies. */
export const SURNAMES = splitList(
  'Smith, Johnson, Williams, Brown, Jones, Garcia, Miller, Davis, Rodriguez, Martinez, Hernandez, Lopez, Gonzalez, ' +
    'Wilson, Anderson, Taylor, Moore, Jackson, Martin, Lee, Perez, Thompson, White, Harris, Sanchez, Clark, ' +
    'Ramirez, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Torres, Nguyen, Hill, Flores, Green, ' +
    'Adams, Nelson, Baker, Hall, Rivera, Campbell, Mitchell, Carter, Roberts, Gomez, Phillips, Evans, Turner, Diaz, ' +
    'Parker, Cruz, Edwards, Collins, Reyes, Stewart, Morris, Morales, Murphy, Cook, Rogers, Gutierrez, Ortiz, ' +
    'Morgan, Cooper, Peterson, Bailey, Reed, Kelly, Howard, Ramos, Kim, Cox, Ward, Richardson, Watson, Brooks, ' +
    'Chavez, Wood, James, Bennett, Gray, Mendoza, Ruiz, Hughes, Price, Alvarez, Castillo, Sanders, Patel, Myers, ' +
    'Long, Ross, Foster, Jimenez, Schmidt, Mueller, Novak, Kowalski, Olsen, Lindqvist, Becker, Schultz, Fischer, ' +
    'Weber, Wagner, Hoffman, Koch, Krause, Vogel, Brandt, Hartmann, Zimmerman, Lange, Keller, Kramer, Dietrich',
);

/** First names companies are named after ("Thomas Machining"). */
export const FIRST_NAMES = splitList(
  'Thomas, John, William, Robert, Michael, David, Richard, Joseph, Charles, George, Edward, Frank, Henry, Paul, ' +
    'Peter, Walter, Arthur, Albert, Harold, Raymond, Eugene, Ralph, Louis, Vincent',
);

export const PLACES = splitList(
  'Dayton, Peoria, Toledo, Akron, Racine, Joliet, Erie, Flint, Dubuque, Moline, Elkhart, Kenosha, Rockford, ' +
    'Waukesha, Oshkosh, Muncie, Canton, Youngstown, Lorain, Saginaw, Lansing, Kalamazoo, Decatur, Evansville, ' +
    'Cedar Rapids, Fort Wayne, Green Bay, Grand Rapids, Terre Haute, South Bend, Eau Claire, Sioux Falls, ' +
    'Quad Cities, Twin Cities, Great Lakes, Ohio Valley, Blue Ridge, Tri-State, Mid-America, Heartland, Prairie, ' +
    'Gulf Coast, Rocky Mountain, Piedmont, Cumberland, Allegheny, Ozark, Cascade, Sierra, Mohawk, Hudson, ' +
    'Chesapeake, Potomac, Wabash, Lakeshore, Indiana, Michigan, Illinois, Wisconsin, Iowa, Minnesota, ' +
    'Missouri, Kentucky, Tennessee, Carolina, Texas, Pennsylvania, Buckeye, Hoosier, Badger, Gopher, Bluegrass, ' +
    'Empire State, Lone Star, Golden State, Mountain State, Pacific Northwest, New England, Dixie, Chicagoland, ' +
    'Motor City, Rust Belt, Fox Valley, Rock River, Miami Valley',
);

/** Stock brand words: every directory has dozens of each. */
export const STOCK_WORDS = splitList(
  'Apex, Summit, Atlas, Titan, Eagle, Liberty, Patriot, Pioneer, Allied, United, Premier, Superior, Keystone, ' +
    'Cornerstone, Vanguard, Meridian, Pinnacle, Zenith, Paragon, Sterling, Crown, Royal, Imperial, Legacy, ' +
    'Heritage, Frontier, Benchmark, Centurion, Dominion, Sentinel, Guardian, Falcon, Phoenix, Triton, Orion, ' +
    'Delta, Omega, Alpha, Genesis, Horizon, Vector, Matrix, Fusion, Integrity, Reliance, Advantage, Excel, Elite',
);

/** Halves of compound names ("Northgate", "Bellwood"). */
export const COMPOUND_STARTS = splitList(
  'North, South, East, West, Bell, Iron, Oak, Stone, River, Lake, Pine, Cedar, Maple, Elm, Ash, Birch, Silver, ' +
    'Gold, Copper, Bright, Clear, High, Long, Fair, Glen, Brook, Crest, Mill, Bay, Harbor, Star, Sun, Wind, Fox, ' +
    'Wolf, Hawk, Arrow, Anchor, King, Spring, Rock, Sand, Deer, Elk, Raven',
);
export const COMPOUND_ENDS = splitList(
  'gate, wood, field, view, brook, dale, ford, haven, land, line, mark, point, port, side, vale, way, worth, ' +
    'bridge, hill, mont, ton, well, water, bury, shire, wick, crest, stead, more, ridge',
);

/** Halves of the long tail of surnames ("Bergstrom", "Hartwell", "Lindquist"). */
export const SURNAME_STARTS = splitList(
  'Berg, Hart, Eck, Lind, Holm, Sand, Engel, Rosen, Stein, Wald, Kessel, Hoff, Lang, Stock, Fair, Whit, Brad, ' +
    'Brom, Carl, Dahl, Eller, Fen, Gar, Hal, Jor, Kirk, Lund, Mal, Nor, Pen, Ren, Sel, Thorn, Wes, Wick, Yar, Ald, ' +
    'Bur, Crom, Dun, Ham, Mer, Rad, Shel, Stan, Tren, Ost, Vin, Quil, Bram',
);
export const SURNAME_ENDS = splitList(
  'son, strom, quist, dahl, berg, stein, man, well, ley, ford, er, ert, ski, ner, ling, by, beck, worth, ick, ' +
    'ard, sby, grove, holt, ke, ington',
);

/** Letters of acronyms ("ABC Plastics"), and of the coined words below. */
export const ACRONYM_LETTERS = 'ABCDEFGHJKLMNPRSTW';
const CONSONANTS = 'bcdfgklmnprstvz';
const VOWELS = 'aeiou';

/**
 * The n-th coined word of `syllables` consonant–vowel pairs and a closing consonant that is a check letter of the
 * others: changing any one letter breaks the check, swapping two neighbours breaks the alternation, and lengths
 * differ by two, so no two coined words are one typo apart. `n` runs over 15^s × 5^s words.
 */
export function buildCoinedWord(syllables: 2 | 3, n: number): string {
  let rest = n;
  let check = 0;
  let word = '';
  for (let i = 0; i < syllables; i++) {
    const consonant = rest % CONSONANTS.length;
    rest = Math.floor(rest / CONSONANTS.length);
    const vowel = rest % VOWELS.length;
    rest = Math.floor(rest / VOWELS.length);
    check += consonant + vowel;
    word += CONSONANTS[consonant]! + VOWELS[vowel]!;
  }
  return word + CONSONANTS[check % CONSONANTS.length]!;
}

export function countCoinedWords(syllables: 2 | 3): number {
  return (CONSONANTS.length * VOWELS.length) ** syllables;
}
