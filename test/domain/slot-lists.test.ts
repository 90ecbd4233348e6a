// The company index's small lists must read back exactly what a plain array per key would hold, in order, however
// many items a list gets (short lists are copied, long ones pushed to, one item is kept bare).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSlotByText, appendExact, placeAt, readSlotsByText, type SlotsByText } from '../../src/domain/slot-lists.js';

describe('slot lists', () => {
  it('read back the slots added under each text, in order, as arrays pushed to would', () => {
    const adds = fc.array(fc.tuple(fc.constantFrom('', 'acme', 'acme tool', 'tool'), fc.nat(200_000)), {
      maxLength: 120,
    });
    fc.assert(
      fc.property(adds, fc.constantFrom('', 'acme', 'acme tool', 'tool', 'absent'), (pairs, asked) => {
        const lean: SlotsByText = new Map();
        const plain = new Map<string, number[]>();
        for (const [text, slot] of pairs) {
          addSlotByText(lean, text, slot);
          plain.set(text, [...(plain.get(text) ?? []), slot]);
        }
        expect(readSlotsByText(lean, asked)).toEqual(plain.get(asked) ?? []);
      }),
    );
  });

  it('appendExact keeps every item in order across the switch from copying to pushing', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 60 }), (items) => {
        let list: string[] | undefined;
        for (const item of items) list = appendExact(list, item);
        expect(list ?? []).toEqual(items);
      }),
    );
  });

  it('placeAt puts each item at its index, leaving the others as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(12), fc.integer()), { maxLength: 30 }), (places) => {
        let list: (number | undefined)[] = [];
        const plain: (number | undefined)[] = [];
        for (const [index, item] of places) {
          list = placeAt(list, index, item);
          plain[index] = item;
        }
        expect(list.length).toBe(plain.length);
        for (let i = 0; i < plain.length; i += 1) expect(list[i]).toBe(plain[i]);
      }),
    );
  });
});
