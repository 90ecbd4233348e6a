// A seeded random source for simulations in the domain. The seed is derived from the question asked (hashSeed), so
// the same data and question always give the same interval: a number that moved between two asks would look like a
// change in the business.

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal. */
  normal(): number;
  /** Gamma(shape, 1); shape > 0. */
  gamma(shape: number): number;
  /** Beta(a, b); a, b > 0. */
  beta(a: number, b: number): number;
}

/** Both Beta shapes at least this large: drawn from the normal with the same mean and variance. */
export const NORMAL_BETA_SHAPE = 50;

/** A 32-bit seed from the parts of a question (FNV-1a over their text). */
export function hashSeed(parts: readonly (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0001')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Marsaglia–Tsang for shape ≥ 1; a smaller shape borrows shape + 1 and scales by U^(1/shape). */
function drawGamma(shape: number, next: () => number, normal: () => number): number {
  if (shape < 1) {
    const boosted = drawGamma(shape + 1, next, normal);
    return boosted * (1 - next()) ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function createSeededRandom(seed: number): SeededRandom {
  // A counter passed through the MurmurHash3 finalizer: every output is a full mix of the seed and the step.
  let counter = seed >>> 0;
  const next = (): number => {
    counter = (counter + 0x9e3779b9) >>> 0;
    let z = counter;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box–Muller gives two independent normals per pair of uniforms; the second is kept for the next call.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const gamma = (shape: number) => drawGamma(shape, next, normal);
  return {
    next,
    normal,
    gamma,
    beta: (a, b) => {
      // With both shapes large the Beta is all but normal, and one normal draw costs a fraction of two gammas.
      if (a >= NORMAL_BETA_SHAPE && b >= NORMAL_BETA_SHAPE) {
        const mean = a / (a + b);
        const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
        return Math.min(1, Math.max(0, mean + sd * normal()));
      }
      const x = gamma(a);
      const y = gamma(b);
      return x + y === 0 ? a / (a + b) : x / (x + y);
    },
  };
}
