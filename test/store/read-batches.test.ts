// The reads many requests make at once (read-batches.ts): one goes out alone, those asked meanwhile go together once it
// is back, each caller gets its own answer, and a failed read fails only its own callers.

import { describe, expect, it } from 'vitest';
import { createReadBatches } from '../../src/store/read-batches.js';

/** A read that answers `value:<key>` (undefined for keys starting with "missing") when released. */
function heldReads() {
  const calls: string[][] = [];
  const pending: { release: () => void; fail: (error: Error) => void }[] = [];
  const readMany = (keys: readonly string[]) => {
    calls.push([...keys]);
    return new Promise<(string | undefined)[]>((resolve, reject) => {
      pending.push({
        release: () => resolve(keys.map((key) => (key.startsWith('missing') ? undefined : `value:${key}`))),
        fail: reject,
      });
    });
  };
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  return { calls, pending, readMany, nextTurn };
}

describe('reads asked at once', () => {
  it('sends the first alone and the ones asked while it is out together, each answered its own', async () => {
    const { calls, pending, readMany, nextTurn } = heldReads();
    const loader = createReadBatches(readMany);
    const first = loader.load('a');
    await nextTurn();
    const later = ['b', 'c', 'b', 'missing-1', 'd'].map((key) => loader.load(key));
    await nextTurn();
    expect(calls).toEqual([['a']]);
    pending[0]!.release();
    expect(await first).toBe('value:a');
    await nextTurn();
    // One statement for the five asks; the key asked twice is read once.
    expect(calls).toEqual([['a'], ['b', 'c', 'missing-1', 'd']]);
    pending[1]!.release();
    expect(await Promise.all(later)).toEqual(['value:b', 'value:c', 'value:b', undefined, 'value:d']);
  });

  it('keeps nothing: a key asked again is read again', async () => {
    const { calls, pending, readMany, nextTurn } = heldReads();
    const loader = createReadBatches(readMany);
    const one = loader.load('a');
    await nextTurn();
    pending[0]!.release();
    await one;
    const two = loader.load('a');
    await nextTurn();
    pending[1]!.release();
    expect(await two).toBe('value:a');
    expect(calls).toEqual([['a'], ['a']]);
  });

  it('fails the callers of a failed read only, and the next reads go out', async () => {
    const { calls, pending, readMany, nextTurn } = heldReads();
    const loader = createReadBatches(readMany);
    const first = loader.load('a');
    await nextTurn();
    const second = loader.load('b');
    await nextTurn();
    pending[0]!.fail(new Error('connection reset'));
    await expect(first).rejects.toThrow('connection reset');
    await nextTurn();
    pending[1]!.release();
    expect(await second).toBe('value:b');
    const third = loader.load('c');
    await nextTurn();
    expect(calls).toEqual([['a'], ['b'], ['c']]);
    pending[2]!.release();
    expect(await third).toBe('value:c');
  });

  it('sends at most 100 keys in one statement', async () => {
    const { calls, pending, readMany, nextTurn } = heldReads();
    const loader = createReadBatches(readMany);
    const keys = Array.from({ length: 250 }, (_, i) => `k${i}`);
    const all = Promise.all(keys.map((key) => loader.load(key)));
    await nextTurn();
    for (const read of pending) read.release();
    expect(await all).toEqual(keys.map((key) => `value:${key}`));
    expect(calls.map((batch) => batch.length)).toEqual([100, 100, 50]);
  });
});
