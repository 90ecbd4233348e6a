// A small seeded random source (mulberry32), so the same seed always gives the same sample company.

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  between(low: number, high: number): number;
  integer(low: number, highInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  normal(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (probability) => next() < probability,
    between: (low, high) => low + (high - low) * next(),
    integer: (low, highInclusive) => low + Math.floor(next() * (highInclusive - low + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    normal: () => {
      // Box–Muller; 1 − u keeps the logarithm away from 0.
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

/** A draw of a key with probability proportional to its weight; the table is prepared once, used per lead. */
export function buildPicker<K extends string>(weights: Readonly<Record<K, number>>): (random: Random) => K {
  const keys = Object.keys(weights) as K[];
  const cumulative: number[] = [];
  let total = 0;
  for (const key of keys) {
    total += weights[key];
    cumulative.push(total);
  }
  return (random) => {
    const roll = random.next() * total;
    const index = cumulative.findIndex((bound) => roll < bound);
    return keys[index === -1 ? keys.length - 1 : index]!;
  };
}
