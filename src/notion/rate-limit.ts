// One token bucket per integration, shared by push and pull: Notion allows about 3 requests per second on average,
// and every request we send (SDK retries included) takes a token, so the average stays under the limit by design
// instead of by 429s. A 429 still pauses the whole bucket for its Retry-After.

export interface RateLimitOptions {
  /** Average requests per second; Infinity turns the limit off (tests against an unlimited fake). */
  perSecond: number;
  /** Requests allowed back to back after a quiet spell; small, so a burst never looks like abuse. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 3, burst: 3 };

export interface RateLimiter {
  /** Resolves when a request may be sent; callers are served in order. */
  acquire(): Promise<void>;
  /** Stops granting for `ms` (a 429's Retry-After), and restarts with an empty bucket. */
  pauseFor(ms: number): void;
}

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_TIME: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function buildRateLimiter(options: RateLimitOptions, time: LimiterClock = REAL_TIME): RateLimiter {
  if (!Number.isFinite(options.perSecond)) return { acquire: async () => {}, pauseFor: () => {} };
  const burst = Math.max(1, options.burst);
  let tokens = burst;
  let refilledAt = time.now();
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  const refill = (at: number) => {
    tokens = Math.min(burst, tokens + ((at - refilledAt) / 1000) * options.perSecond);
    refilledAt = at;
  };

  const takeToken = async () => {
    for (;;) {
      const at = time.now();
      if (pausedUntil > at) {
        await time.sleep(pausedUntil - at);
        continue;
      }
      refill(at);
      if (tokens >= 1) {
        tokens -= 1;
        return;
      }
      await time.sleep(Math.ceil(((1 - tokens) / options.perSecond) * 1000));
    }
  };

  return {
    acquire() {
      const turn = queue.then(takeToken);
      queue = turn.catch(() => {});
      return turn;
    },
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, time.now() + ms);
      // Nothing accumulates during the pause: the first request after it takes the first new token.
      tokens = 0;
      refilledAt = pausedUntil;
    },
  };
}

/** Retry-After in ms: delta-seconds or an HTTP date; 1 s when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number = Date.now()): number {
  if (header === null) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - nowMs);
}
