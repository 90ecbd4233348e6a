export interface RateLimit {
  /** Average requests per second the bucket refills (Notion: about 3). */
  perSecond: number;
  /** How many requests may arrive at once after a quiet spell. */
  burst: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface TokenBucket {
  take(): RateDecision;
}

/**
 * A token bucket on the real (monotonic) clock, not the fake's injectable one: the SDK sleeps for real before it
 * retries, so the bucket must refill in real time for that retry to succeed.
 */
export function buildTokenBucket(limit: RateLimit | false, now: () => number = () => performance.now()): TokenBucket {
  if (limit === false) return { take: () => ({ allowed: true }) };
  let tokens = limit.burst;
  let refilledAt = now();
  const refill = () => {
    const at = now();
    tokens = Math.min(limit.burst, tokens + ((at - refilledAt) / 1000) * limit.perSecond);
    refilledAt = at;
  };
  return {
    take() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) };
    },
  };
}
