// Virtual time for the Notion limiter: a sleep waits until the test moves the clock past its end. Handed to the fake
// Notion as its clock too (START + at), so a Retry-After of 90 s is honoured without 90 s of real time.

import type { LimiterClock } from '../../src/notion/rate-limit.js';
import { sleep } from './harness.js';

export interface ManualClock extends LimiterClock {
  readonly at: number;
  /** Moves time on by `ms`, waking every sleep that ends by then. */
  advance(ms: number): void;
  /** The end of the earliest sleep in progress, or null. */
  nextWake(): number | null;
}

export function buildManualClock(): ManualClock {
  let at = 0;
  const sleepers: { wakeAt: number; wake: () => void }[] = [];
  return {
    get at() {
      return at;
    },
    now: () => at,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ wakeAt: at + ms, wake })),
    advance(ms) {
      at += ms;
      for (const sleeper of sleepers.filter((one) => one.wakeAt <= at)) {
        sleepers.splice(sleepers.indexOf(sleeper), 1);
        sleeper.wake();
      }
    },
    nextWake: () => (sleepers.length === 0 ? null : Math.min(...sleepers.map((one) => one.wakeAt))),
  };
}

/** Resolves once `check` holds, polling in real time; fails after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Runs virtual time forward, one sleep's end at a time, until `work` settles; answers its result. */
export async function runUntilSettled<T>(clock: ManualClock, work: Promise<T>, timeoutMs = 20_000): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    await waitFor(() => settled || clock.nextWake() !== null, 'a sleep or the end of the work', timeoutMs);
    const wake = clock.nextWake();
    if (!settled && wake !== null) clock.advance(wake - clock.at);
  }
  return watched;
}
