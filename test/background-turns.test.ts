// Background steps, and the pieces of a command's work after its ack, give way to requests waiting for their ack: a
// step due while a request is held waits until the request is answered, and never longer than MAX_WAIT_MS.

import { describe, expect, it } from 'vitest';
import { takeTurn } from '../commands/respond.js';
import { backgroundTurn, holdForRequest, MAX_WAIT_MS, readBackgroundHolds } from '../src/background-turns.js';

/** The names of the events, in the order they came. */
async function race(...events: Promise<string>[]): Promise<string[]> {
  const order: string[] = [];
  await Promise.all(events.map((event) => event.then((name) => order.push(name))));
  return order;
}

const later = (ms: number, name: string) => new Promise<string>((resolve) => setTimeout(() => resolve(name), ms));

/** `release` called after `ms`, named `name` in the order of events. */
const releasedLater = (ms: number, name: string, release: () => void) =>
  later(ms, name).then(() => {
    release();
    return name;
  });

describe('background turns', () => {
  it('take their turn at once when no request waits', async () => {
    const before = readBackgroundHolds().turnsHeld;
    const order = await race(
      backgroundTurn().then(() => 'step'),
      later(5, 'timer'),
    );
    expect(order).toEqual(['step', 'timer']);
    expect(readBackgroundHolds().turnsHeld).toBe(before);
  });

  it('wait while a request waits for its answer, and go on as soon as it is answered', async () => {
    const release = holdForRequest();
    const started = performance.now();
    const order = await race(
      backgroundTurn().then(() => 'step'),
      releasedLater(10, 'answered', release),
    );
    expect(order).toEqual(['answered', 'step']);
    expect(performance.now() - started).toBeLessThan(MAX_WAIT_MS * 20);
    expect(readBackgroundHolds().requestsWaiting).toBe(0);
  });

  it('wait for every request held, each release counted once', async () => {
    const first = holdForRequest();
    const second = holdForRequest();
    const step = backgroundTurn().then(() => 'step');
    first();
    first();
    const order = await race(step, releasedLater(1, 'second answered', second));
    expect(order).toEqual(['second answered', 'step']);
    expect(readBackgroundHolds().requestsWaiting).toBe(0);
  });

  it("hold back a command's pieces of work too, until the request waiting for its ack is answered", async () => {
    const release = holdForRequest();
    const order = await race(
      takeTurn().then(() => 'piece'),
      releasedLater(10, 'answered', release),
    );
    expect(order).toEqual(['answered', 'piece']);
  });

  it('take their turn after MAX_WAIT_MS when a request is never answered', async () => {
    const release = holdForRequest();
    try {
      const before = readBackgroundHolds().turnsHeld;
      const order = await race(
        backgroundTurn().then(() => 'step'),
        later(MAX_WAIT_MS * 10, 'much later'),
      );
      expect(order).toEqual(['step', 'much later']);
      expect(readBackgroundHolds().turnsHeld).toBe(before + 1);
    } finally {
      release();
    }
  });
});
