import { describe, expect, it } from 'vitest';
import { buildRateLimiter, type LimiterClock, parseRetryAfter } from '../../src/notion/rate-limit.js';
import { describeThrottle } from '../../src/notion/throttle.js';

/** Virtual time: sleeping moves the clock, so a test of seconds of pacing runs in microseconds. */
function fakeLimiterClock(): LimiterClock & { at: number } {
  const clock = {
    at: 0,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += ms;
    },
  };
  return clock;
}

async function recordGrants(count: number, acquire: () => Promise<void>, clock: { at: number }): Promise<number[]> {
  const grants: number[] = [];
  for (let index = 0; index < count; index += 1) {
    await acquire();
    grants.push(clock.at);
  }
  return grants;
}

describe('the shared token bucket', () => {
  it('lets a burst of 3 through at once, then one request every third of a second', async () => {
    const clock = fakeLimiterClock();
    const limiter = buildRateLimiter({ perSecond: 3, burst: 3 }, clock);

    const grants = await recordGrants(10, () => limiter.acquire(), clock);

    expect(grants.slice(0, 3)).toEqual([0, 0, 0]);
    // The 7 requests after the burst need 7 tokens at 3 a second: 7 / 3 s ≈ 2333 ms (each wait rounded up to a ms).
    expect(grants[9]).toBeGreaterThanOrEqual(2333);
    expect(grants[9]).toBeLessThanOrEqual(2340);
    // Once the burst is spent, requests are a third of a second apart.
    for (let index = 3; index < grants.length; index += 1) {
      expect(grants[index]! - grants[index - 1]!).toBeGreaterThanOrEqual(333);
    }
  });

  it('serves concurrent callers in order, without exceeding the rate', async () => {
    const clock = fakeLimiterClock();
    const limiter = buildRateLimiter({ perSecond: 3, burst: 1 }, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((caller) => limiter.acquire().then(() => order.push(caller))));
    expect(order).toEqual([1, 2, 3, 4]);
    // One token at once, then three more at 3 a second: 1 s of virtual time, give or take the rounding.
    expect(clock.at).toBeGreaterThanOrEqual(1000);
    expect(clock.at).toBeLessThanOrEqual(1003);
  });

  it('after a 429 waits out Retry-After and restarts with an empty bucket', async () => {
    const clock = fakeLimiterClock();
    const limiter = buildRateLimiter({ perSecond: 3, burst: 3 }, clock);
    limiter.pauseFor(5000, 'per-connection budget');

    const grants = await recordGrants(2, () => limiter.acquire(), clock);

    // 5 s pause, then the first token takes 1/3 s to arrive: 5334 ms; the second another 333 ms or so.
    expect(grants[0]).toBeGreaterThanOrEqual(5333);
    expect(grants[0]).toBeLessThanOrEqual(5335);
    expect(grants[1]! - grants[0]!).toBeGreaterThanOrEqual(333);
  });

  it('holds every caller through a pause even when pacing is off', async () => {
    const clock = fakeLimiterClock();
    const limiter = buildRateLimiter({ perSecond: Number.POSITIVE_INFINITY, burst: 1 }, clock);
    limiter.pauseFor(90_000, 'workspace limit shared with other integrations');

    const grants = await recordGrants(2, () => limiter.acquire(), clock);

    expect(grants).toEqual([90_000, 90_000]);
  });

  it('reports the pause in force with its reason, and says when a pause is news', () => {
    const clock = fakeLimiterClock();
    const limiter = buildRateLimiter({ perSecond: 3, burst: 3 }, clock);
    expect(limiter.pause()).toBeNull();

    expect(limiter.pauseFor(30_000, 'per-connection budget')).toBe(true);
    clock.at = 10_000;
    // The other worker's request met the same limit: same pause, nothing new to log.
    expect(limiter.pauseFor(20_000, 'per-connection budget')).toBe(false);
    expect(limiter.pause()).toEqual({ remainingMs: 20_000, reason: 'per-connection budget' });
    // A longer wait from another limit takes over the reason.
    expect(limiter.pauseFor(90_000, 'workspace limit shared with other integrations')).toBe(true);
    expect(limiter.pause()).toEqual({ remainingMs: 90_000, reason: 'workspace limit shared with other integrations' });
    clock.at = 100_000;
    expect(limiter.pause()).toBeNull();
    expect(limiter.pauseFor(1000, 'Notion overloaded')).toBe(true);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 17:00:10 GMT', Date.parse('2026-11-25T17:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter(null)).toBe(1000);
    expect(parseRetryAfter('soon')).toBe(1000);
  });
});

describe("Notion's reasons to wait, as an admin reads them", () => {
  it('names the per-connection budget, the shared workspace limit and an overload', () => {
    expect(describeThrottle(429, 'public_api_request_rate_limit')).toBe('per-connection budget');
    expect(describeThrottle(429, 'public_api_space_request_rate_limit')).toBe(
      'workspace limit shared with other integrations',
    );
    expect(describeThrottle(529, undefined)).toBe('Notion overloaded');
    // Notion says other reasons can appear: shown as they come.
    expect(describeThrottle(429, 'public_api_burst_limit')).toBe('rate limited (public_api_burst_limit)');
    expect(describeThrottle(429, undefined)).toBe('rate limited');
  });
});
