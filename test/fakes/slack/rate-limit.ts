// Slack's per-method limits as token buckets, so a burst of posts is answered with 429 and Retry-After.

import type { FakeSlackState } from './state.js';

/** Spends one call against the method's bucket; answers the seconds to wait when the bucket is empty. */
export function checkRateLimit(state: FakeSlackState, method: string, args: Record<string, unknown>): number | null {
  const rule = state.options.rateLimits[method];
  if (rule === undefined) return null;
  const channel = typeof args.channel === 'string' ? args.channel : '';
  const key = rule.per === 'channel' ? `${method}:${channel}` : method;
  const now = state.options.clock();
  const bucket = state.buckets.get(key) ?? { tokens: rule.burst, updatedAt: now };
  const refilled = Math.min(rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * rule.perSecond);
  if (refilled >= 1) {
    state.buckets.set(key, { tokens: refilled - 1, updatedAt: now });
    return null;
  }
  state.buckets.set(key, { tokens: refilled, updatedAt: now });
  return Math.max(1, Math.ceil((1 - refilled) / rule.perSecond));
}
