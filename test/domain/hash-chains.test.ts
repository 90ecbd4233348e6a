// The company index's lists are chains through typed arrays: each key must read back exactly the nodes added under
// it, newest first, however many nodes share a bucket and however often the table doubled meanwhile.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashChains, hashJoined, hashText, IntList } from '../../src/domain/hash-chains.js';

describe('hash chains', () => {
  it('read back the nodes added under each key, newest first, as a plain list per key would', () => {
    // Few distinct keys and up to 5,000 nodes: long chains, shared buckets and several doublings of the table.
    const keys = fc.array(fc.oneof(fc.nat(40), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), {
      maxLength: 5_000,
    });
    fc.assert(
      fc.property(keys, fc.nat(3_000), (added, expected) => {
        const chains = new HashChains(expected);
        const plain = new Map<number, number[]>();
        for (const key of added) {
          const node = chains.add(key);
          plain.set(key & 0x3fffffff, [node, ...(plain.get(key & 0x3fffffff) ?? [])]);
        }
        expect(chains.size).toBe(added.length);
        for (const key of [...new Set(added), 41, -1]) {
          const read: number[] = [];
          for (let node = chains.first(key); node >= 0; node = chains.next(node)) read.push(node);
          expect(read, String(key)).toEqual(plain.get(key & 0x3fffffff) ?? []);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hash a text the same whether joined first or hashed from its parts', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 5 }), fc.constantFrom('', ' '), (parts, separator) => {
        expect(hashJoined(parts, separator)).toBe(hashText(parts.join(separator)));
      }),
    );
  });

  it('keep every integer pushed, past each growth', () => {
    const list = new IntList(0);
    for (let i = 0; i < 10_000; i++) list.push(i * 7 - 3);
    expect(list.length).toBe(10_000);
    expect([list.at(0), list.at(4_321), list.at(9_999)]).toEqual([-3, 4_321 * 7 - 3, 9_999 * 7 - 3]);
  });
});
