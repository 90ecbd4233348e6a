// Small lists kept by the thousand in the company index (the names using a word, a spelling, a set of words; the
// words in a typo bucket). Most hold one to three items, and V8 gives an array room for 17 on its first push: 100k
// names then cost some 30 MB of empty room. These helpers keep small lists exactly as long as they are, and a list
// of one as the item itself.

/** Lists longer than this grow by push (room for half as many again): copying them each time would cost more. */
const EXACT_UP_TO = 16;

/** `list` with `item` added at the end: a new array of exactly the right length while short, else `list` itself. */
export function appendExact<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  if (list.length >= EXACT_UP_TO) {
    list.push(item);
    return list;
  }
  return list.concat([item]);
}

/** `list` with `item` at `index`: a new array one longer than `index` when it does not reach that far. */
export function placeAt<T>(list: (T | undefined)[], index: number, item: T): (T | undefined)[] {
  if (index < list.length) {
    list[index] = item;
    return list;
  }
  const grown: (T | undefined)[] = new Array(index + 1);
  for (let i = 0; i < list.length; i += 1) grown[i] = list[i];
  grown[index] = item;
  return grown;
}

/** Slots by a text: one slot is kept as the number itself, more as an array. */
export type SlotsByText = Map<string, number | number[]>;

export function addSlotByText(map: SlotsByText, text: string, slot: number): void {
  const slots = map.get(text);
  if (slots === undefined) map.set(text, slot);
  else map.set(text, appendExact(typeof slots === 'number' ? [slots] : slots, slot));
}

/** The slots under `text`, oldest first (a new array when it holds one). */
export function readSlotsByText(map: SlotsByText, text: string): readonly number[] {
  const slots = map.get(text);
  if (slots === undefined) return [];
  return typeof slots === 'number' ? [slots] : slots;
}
