// Notion's request limits as its "Request limits" page describes them: per connection an average of about 3 requests
// a second (bursts allowed) and a fixed budget per 60-second window, and per workspace a limit shared by all of the
// workspace's connections, whose Retry-After can exceed a minute. A 429 says which limit in
// `additional_data.rate_limit_reason`.

export interface RateLimit {
  /** Average requests per second the bucket refills (Notion: about 3). */
  perSecond: number;
  /** How many requests may arrive at once after a quiet spell. */
  burst: number;
}

export interface RequestBudget {
  /** Requests allowed per window. */
  requests: number;
  /** The window's length; Notion's per-connection window is 60 s, its workspace window is not documented. */
  windowSeconds: number;
}

/** The reasons Notion documents; other values can appear. */
export const CONNECTION_LIMIT_REASON = 'public_api_request_rate_limit';
export const WORKSPACE_LIMIT_REASON = 'public_api_space_request_rate_limit';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; reason: string };

export interface TokenBucket {
  take(): RateDecision;
}

/**
 * A token bucket on the real (monotonic) clock, not the fake's injectable one: a client that sleeps for real before
 * it retries needs the bucket to refill in real time for that retry to succeed.
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
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / limit.perSecond));
      return { allowed: false, retryAfterSeconds, reason: CONNECTION_LIMIT_REASON };
    },
  };
}

interface WindowCounter {
  /** Seconds until the key's window resets when its budget is spent, else null. */
  retryAfterSeconds(key: string): number | null;
  spend(key: string): void;
}

/** Fixed windows per key on the fake's clock: a window opens with its first request and lasts `windowSeconds`. */
function buildWindowCounter(budget: RequestBudget | false, clock: () => number): WindowCounter {
  if (budget === false) return { retryAfterSeconds: () => null, spend: () => {} };
  const windowMs = budget.windowSeconds * 1000;
  const windows = new Map<string, { start: number; used: number }>();
  const current = (key: string) => {
    const window = windows.get(key);
    if (window !== undefined && clock() < window.start + windowMs) return window;
    const fresh = { start: clock(), used: 0 };
    windows.set(key, fresh);
    return fresh;
  };
  return {
    retryAfterSeconds(key) {
      const window = current(key);
      if (window.used < budget.requests) return null;
      return Math.max(1, Math.ceil((window.start + windowMs - clock()) / 1000));
    },
    spend(key) {
      current(key).used += 1;
    },
  };
}

export interface RateLimitOptions {
  /** The average-rate bucket of each connection, on real time. */
  bucket: RateLimit | false;
  /** Each connection's budget per window (Notion: per 60 s, by plan), on the fake's clock. */
  connection: RequestBudget | false;
  /** The budget all connections of the workspace share, on the fake's clock. */
  workspace: RequestBudget | false;
}

export interface RateLimits {
  /** Decides on one request of the connection holding `token`; an allowed request spends from every budget. */
  take(token: string): RateDecision;
}

export function buildRateLimits(options: RateLimitOptions, clock: () => number): RateLimits {
  const buckets = new Map<string, TokenBucket>();
  const connections = buildWindowCounter(options.connection, clock);
  const workspace = buildWindowCounter(options.workspace, clock);
  return {
    take(token) {
      const connectionWait = connections.retryAfterSeconds(token);
      if (connectionWait !== null) {
        return { allowed: false, retryAfterSeconds: connectionWait, reason: CONNECTION_LIMIT_REASON };
      }
      const workspaceWait = workspace.retryAfterSeconds('workspace');
      if (workspaceWait !== null) {
        return { allowed: false, retryAfterSeconds: workspaceWait, reason: WORKSPACE_LIMIT_REASON };
      }
      let bucket = buckets.get(token);
      if (bucket === undefined) {
        bucket = buildTokenBucket(options.bucket);
        buckets.set(token, bucket);
      }
      const decision = bucket.take();
      if (!decision.allowed) return decision;
      connections.spend(token);
      workspace.spend('workspace');
      return decision;
    },
  };
}
