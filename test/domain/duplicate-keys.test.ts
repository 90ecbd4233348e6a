import { describe, expect, it } from 'vitest';
import { buildKeyedName, countKeyedLetters } from '../../src/domain/duplicate-keys.js';
import { sortKeysInSteps } from '../../src/domain/key-sort.js';
import { runAllSteps } from '../../src/domain/steps.js';

describe('sortKeysInSteps', () => {
  it('sorts a large table in place by hash, every key keeping its owner', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const count = 60_000;
    const hashes = new Uint32Array(count);
    const owners = new Uint32Array(count);
    for (let i = 0; i < count; i++) {
      // Many repeats, as names sharing keys make them.
      hashes[i] = i % 5 === 0 ? random() % 1_000 : random();
      owners[i] = i;
    }
    const ownersByHash = () => {
      const byHash = new Map<number, number[]>();
      for (let i = 0; i < count; i++) {
        const list = byHash.get(hashes[i]!) ?? [];
        list.push(owners[i]!);
        byHash.set(hashes[i]!, list);
      }
      for (const list of byHash.values()) list.sort((a, b) => a - b);
      return byHash;
    };
    const before = ownersByHash();

    const sorted = runAllSteps(sortKeysInSteps({ hashes, owners }));

    expect(sorted.hashes).toBe(hashes);
    for (let i = 1; i < count; i++) if (hashes[i - 1]! > hashes[i]!) throw new Error(`out of order at ${i}`);
    expect(ownersByHash()).toEqual(before);
  });
});

describe('keyed names', () => {
  it('gives two orders of the same words one word set, and a one-word name none', () => {
    expect(buildKeyedName('northgate robotics').wordSet).toBe(buildKeyedName('robotics northgate').wordSet);
    expect(buildKeyedName('northgate robotics').wordSet).not.toBe(buildKeyedName('northgate robotic').wordSet);
    expect(buildKeyedName('northgate robotics')).toMatchObject({ compact: 'northgaterobotics' });
    expect(buildKeyedName('acme').wordSet).toBe(0);
  });

  it('bounds the compact length by the letters and digits of the raw name', () => {
    // apex fastener inc dayton 2: 4 + 8 + 3 + 6 + 1; normalized, the compact name is just as long.
    expect(countKeyedLetters('Apex Fastener Inc. (Dayton 2)')).toBe(22);
    // müller gmbh co kg: 6 + 4 + 2 + 2; normalized, only "muller" (6) is left.
    expect(countKeyedLetters('Müller GmbH & Co. KG')).toBe(14);
  });
});
