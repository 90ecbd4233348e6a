// One token bucket per integration, shared by push and pull: Notion allows about 3 requests per second on average,
// and every request we send takes a token, so the average stays under the limit by design instead of by 429s. When
// Notion still says "wait" (a 429 from any of its limits, a 529 overload), the whole bucket pauses for Retry-After,
// however long: one pause for both workers, with the reason an admin reads in /healthz.

export interface RateLimitOptions {
  /** Average requests per second; Infinity turns the pacing off (tests against an unlimited fake). */
  perSecond: number;
  /** Requests allowed back to back after a quiet spell; small, so a burst never looks like abuse. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 3, burst: 3 };

export interface LimiterPause {
  remainingMs: number;
  reason: string;
}

export interface RateLimiter {
  /** Resolves when a request may be sent; callers are served in order. */
  acquire(): Promise<void>;
  /**
   * Stops granting for `ms` (Retry-After), and restarts with an empty bucket. Answers true when this starts a pause
   * or changes its reason, i.e. when it is news worth a log line.
   */
  pauseFor(ms: number, reason: string): boolean;
  /** The pause in force, or null. */
  pause(): LimiterPause | null;
}

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_TIME: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function buildRateLimiter(options: RateLimitOptions, time: LimiterClock = REAL_TIME): RateLimiter {
  // Without pacing, a pause must still hold every request: Notion's Retry-After is not ours to skip.
  const paced = Number.isFinite(options.perSecond);
  const burst = Math.max(1, options.burst);
  let tokens = burst;
  let refilledAt = time.now();
  let paused: { until: number; reason: string } | null = null;
  let queue: Promise<void> = Promise.resolve();

  const refill = (at: number) => {
    tokens = Math.min(burst, tokens + ((at - refilledAt) / 1000) * options.perSecond);
    refilledAt = at;
  };

  const takeToken = async () => {
    for (;;) {
      const at = time.now();
      if (paused !== null && paused.until > at) {
        await time.sleep(paused.until - at);
        continue;
      }
      if (!paced) return;
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
    pauseFor(ms, reason) {
      const now = time.now();
      const current = paused !== null && paused.until > now ? paused : null;
      const until = Math.max(current?.until ?? 0, now + ms);
      // A longer wait speaks for the limit that asked for it.
      const news = current === null || (current.reason !== reason && now + ms >= current.until);
      paused = { until, reason: news ? reason : (current?.reason ?? reason) };
      // Nothing accumulates during the pause: the first request after it takes the first new token.
      tokens = 0;
      refilledAt = until;
      return news;
    },
    pause() {
      const remainingMs = paused === null ? 0 : paused.until - time.now();
      return paused !== null && remainingMs > 0 ? { remainingMs, reason: paused.reason } : null;
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
