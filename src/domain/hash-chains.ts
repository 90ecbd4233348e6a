// Lists by key for the company index, kept in typed arrays. An index of 100k names held its lists (the names of a
// word, of a spelling, of a set of words; a typo bucket's words) as small arrays and map entries, some 40 MB of
// object headers and 8-byte slots. Here every list is a chain through numbered nodes: a node keeps its key and the
// node added before it under the same bucket, 8 bytes a node, and a table of heads maps a key's bucket to the
// newest node. Keys are 30-bit integers: an exact number (a word id and a length) or a hash of a text, whose nodes
// the caller checks against the text, since two texts may share a hash.

/** A growable array of 32-bit integers. */
export class IntList {
  private items: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.items = new Int32Array(Math.max(capacity, 4));
  }

  at(index: number): number {
    return this.items[index]!;
  }

  set(index: number, value: number): void {
    this.items[index] = value;
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(Math.ceil(this.items.length * 1.5) + 4);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length] = value;
    this.length += 1;
  }
}

const NONE = -1;
/** Nodes per bucket before the table doubles: a chain read walks two nodes on average, and heads cost 2 bytes a node. */
const NODES_PER_BUCKET = 2;

/** Keys kept below 2^30, so that they stay small integers to V8. */
const KEY_MASK = 0x3fffffff;

/** FNV-1a, fed one code at a time (hashMix), so a key can be hashed from its parts without joining them. */
export const HASH_START = 0x811c9dc5;

export function hashMix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Mixes in `text[from, to)`. */
export function hashMixText(hash: number, text: string, from = 0, to = text.length): number {
  let mixed = hash;
  for (let i = from; i < to; i++) mixed = hashMix(mixed, text.charCodeAt(i));
  return mixed;
}

/** A 30-bit FNV-1a hash of a text: equal texts share it, most different ones do not. */
export function hashText(text: string): number {
  return hashMixText(HASH_START, text);
}

/** The hash of `texts.join(separator)`, without the join. */
export function hashJoined(texts: readonly string[], separator: string): number {
  let hash = HASH_START;
  texts.forEach((text, i) => {
    if (i > 0) hash = hashMixText(hash, separator);
    hash = hashMixText(hash, text);
  });
  return hash;
}

/** Spreads an exact key over the table's buckets. */
function bucketOf(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
}

export class HashChains {
  private heads: Int32Array;
  private readonly keys: IntList;
  private readonly previous: IntList;

  /** `expected`: how many nodes to make room for at once (growing there would leave copies to collect). */
  constructor(expected = 0) {
    this.heads = new Int32Array(
      Math.max(1_024, 2 ** Math.ceil(Math.log2(Math.max(1, expected / NODES_PER_BUCKET)))),
    ).fill(NONE);
    this.keys = new IntList(expected);
    this.previous = new IntList(expected);
  }

  /** How many nodes were added: the next node's number. */
  get size(): number {
    return this.keys.length;
  }

  /** Adds the next node under `key`; returns its number. */
  add(key: number): number {
    const node = this.keys.length;
    this.keys.push(key & KEY_MASK);
    this.previous.push(NONE);
    // Past two nodes per bucket, twice the buckets: chains stay a few nodes long.
    if (this.keys.length > this.heads.length * NODES_PER_BUCKET) this.relink(this.heads.length * 2);
    else this.link(node);
    return node;
  }

  /**
   * The newest node added under `key`, or -1; `next` walks on to older ones. Read as
   * `for (let node = chains.first(key); node >= 0; node = chains.next(node))`.
   */
  first(key: number): number {
    return this.skipOthers(this.heads[bucketOf(key & KEY_MASK, this.heads.length - 1)]!, key & KEY_MASK);
  }

  next(node: number): number {
    return this.skipOthers(this.previous.at(node), this.keys.at(node));
  }

  /** `node` or the first older node of its bucket under `key`. */
  private skipOthers(node: number, key: number): number {
    let at = node;
    while (at !== NONE && this.keys.at(at) !== key) at = this.previous.at(at);
    return at;
  }

  private link(node: number): void {
    const bucket = bucketOf(this.keys.at(node), this.heads.length - 1);
    this.previous.set(node, this.heads[bucket]!);
    this.heads[bucket] = node;
  }

  private relink(buckets: number): void {
    this.heads = new Int32Array(buckets).fill(NONE);
    for (let node = 0; node < this.keys.length; node++) this.link(node);
  }
}
