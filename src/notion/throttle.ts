// Notion saying "wait": a 429 from one of its limits (`additional_data.rate_limit_reason` says which) or a 529
// service_overload, both with Retry-After. Neither was performed, so the request is sent again once the wait is over.
// The wait goes into the shared limiter, and an admin reads one log line when it starts and one when it ends.

import { z } from 'zod';
import type { Logger } from '../log.js';
import { type LimiterClock, parseRetryAfter, type RateLimiter } from './rate-limit.js';

export interface Throttle {
  status: 429 | 529;
  retryAfterMs: number;
  /** Why, in an admin's words. */
  reason: string;
}

/** The two limits Notion documents by name; it says other reasons can appear. */
const RATE_LIMIT_REASONS: Readonly<Record<string, string>> = {
  public_api_request_rate_limit: 'per-connection budget',
  public_api_space_request_rate_limit: 'workspace limit shared with other integrations',
};

export const OVERLOAD_REASON = 'Notion overloaded';

const throttleBody = z.object({ additional_data: z.object({ rate_limit_reason: z.string().optional() }).optional() });

export function describeThrottle(status: 429 | 529, rateLimitReason: string | undefined): string {
  if (status === 529) return OVERLOAD_REASON;
  if (rateLimitReason === undefined) return 'rate limited';
  return RATE_LIMIT_REASONS[rateLimitReason] ?? `rate limited (${rateLimitReason.slice(0, 80)})`;
}

/** The throttle a response carries, or null for any other answer (left unread for the SDK). */
export async function readThrottle(response: Response): Promise<Throttle | null> {
  const { status } = response;
  if (status !== 429 && status !== 529) return null;
  // Read to the end either way, so the connection is free for the retry.
  const text = await response.text();
  let rateLimitReason: string | undefined;
  try {
    rateLimitReason = throttleBody.safeParse(JSON.parse(text)).data?.additional_data?.rate_limit_reason;
  } catch {
    // An edge's HTML page: the status and Retry-After are all there is.
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return { status, retryAfterMs, reason: describeThrottle(status, rateLimitReason) };
}

export interface ThrottleWatch {
  /** Pauses the limiter for the throttle; logs when that starts a pause or changes its reason. */
  throttled(throttle: Throttle): void;
  /** Notion answered normally: logs the end of a pause that was announced. */
  answered(): void;
}

export function buildThrottleWatch(limiter: RateLimiter, log: Logger, time: LimiterClock): ThrottleWatch {
  let pausedAt: number | null = null;
  return {
    throttled(throttle) {
      if (!limiter.pauseFor(throttle.retryAfterMs, throttle.reason)) return;
      pausedAt ??= time.now();
      const seconds = Math.ceil(throttle.retryAfterMs / 1000);
      log.warn(`Notion asked us to wait ${seconds} s (${throttle.reason}): push and pull pause until then`, {
        status: throttle.status,
        retryAfterSeconds: seconds,
      });
    },
    answered() {
      if (pausedAt === null) return;
      const seconds = Math.round((time.now() - pausedAt) / 1000);
      pausedAt = null;
      log.info(`Notion requests resumed after a ${seconds} s pause`);
    },
  };
}
