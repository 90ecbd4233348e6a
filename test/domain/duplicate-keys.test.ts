import { describe, expect, it } from 'vitest';
import { buildKeyedName, countKeyedLetters, fileNamesInSteps } from '../../src/domain/duplicate-keys.js';
import { normalizeCompany } from '../../src/domain/fuzzy.js';
import { sortKeysInSteps } from '../../src/domain/key-sort.js';
import { runAllSteps } from '../../src/domain/steps.js';
import { generateSampleData } from '../../src/sample/generate.js';

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

/** A key as the spec says: the polynomial hash (base 0x01000193, mod 2^32) of a string, mixed with its length. */
function referenceKey(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 0x01000193) + text.charCodeAt(i)) >>> 0;
  return Math.imul(hash ^ text.length, 0x85ebca6b) >>> 0;
}

/** A name's keys, plainly: the compact name, the word set, each one-letter deletion (once per run of equal letters). */
function referenceKeys(normalized: string, typoMinLength: number): number[] {
  const { compact, wordSet } = buildKeyedName(normalized);
  if (compact === '') return [];
  const keys = [referenceKey(compact)];
  if (wordSet !== 0) keys.push(wordSet);
  if (compact.length < typoMinLength) return keys;
  for (let i = compact.length - 1; i >= 0; i--) {
    if (i > 0 && compact[i] === compact[i - 1]) continue;
    keys.push(referenceKey(compact.slice(0, i) + compact.slice(i + 1)));
  }
  return keys;
}

describe('filing names', () => {
  it('files exactly the keys a plain computation of each deletion gives, in order', () => {
    const sample = generateSampleData({ seed: 4, asOf: Date.UTC(2026, 10, 23), leads: 3_000 });
    const names = [...sample.leads.map((lead) => normalizeCompany(lead.company)), 'aabbccdd', 'abba abba', '', 'ab'];

    const filed = runAllSteps(fileNamesInSteps(names.length, (i) => buildKeyedName(names[i]!), 64, 7));

    const expected = names.flatMap((name, owner) => referenceKeys(name, 7).map((hash) => ({ hash, owner })));
    expect(expected.length).toBeGreaterThan(30_000);
    expect(Array.from(filed.hashes)).toEqual(expected.map((key) => key.hash));
    expect(Array.from(filed.owners)).toEqual(expected.map((key) => key.owner));
  });
});
