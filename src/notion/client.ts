// The Notion SDK client the app uses, wired to our rate limiter and logger. Every HTTP request goes through `send`:
// it waits for a token, then starts its own timeout, so time spent queueing for a token never counts as a timeout
// (a create that timed out while still queued would otherwise be sent later, after we had looked it up and retried).
//
// `send` also answers Notion's "wait" itself: a 429 or 529 pauses the shared limiter for its Retry-After and the same
// request goes again after it, so the SDK never sees one. Its own retry would not do: it sleeps per call (the other
// worker's requests would not wait), caps the sleep at a minute (a workspace limit's Retry-After can be longer), gives
// up after a few tries (an import would then start over) and sleeps on a clock tests cannot move.

import { Client, LogLevel, type Logger as SdkLogger } from '@notionhq/client';
import type { NotionConfig } from '../config.js';
import type { Logger } from '../log.js';
import {
  buildRateLimiter,
  DEFAULT_RATE_LIMIT,
  type LimiterClock,
  type RateLimiter,
  type RateLimitOptions,
  REAL_TIME,
} from './rate-limit.js';
import { buildThrottleWatch, readThrottle, type ThrottleWatch } from './throttle.js';

export const NOTION_VERSION = '2025-09-03';
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/**
 * The SDK's timeout would also count the waits for a token and for Retry-After, and a call it gave up on would still
 * be sent once they end; ours covers each attempt from the moment it is sent, so the SDK's stays out of the way.
 */
const SDK_TIMEOUT_OFF_MS = 2 ** 31 - 1;

/**
 * A token that can be renewed (a "Sign in with Notion" connection): each request carries the current one, and a 401
 * asks for a new one once — null means none is to be had, and the 401 stands (the token was revoked).
 */
export interface NotionAuth {
  current(): string;
  renew(failed: string): Promise<string | null>;
}

export interface NotionApiOptions {
  log: Logger;
  auth?: NotionAuth;
  rate?: RateLimitOptions;
  requestTimeoutMs?: number;
  /** How often the SDK itself retries a 500 or 503 on a read; 0 leaves it to the sync's backoff. (Never a 429/529.) */
  maxRetries?: number;
  /** The SDK's wait before a retry when no Retry-After came with the answer. */
  initialRetryDelayMs?: number;
  fetch?: typeof fetch;
  /** The limiter's clock: tests pass virtual time, so a 90-second Retry-After takes no real time. */
  limiterClock?: LimiterClock;
  /** Cuts every request short once aborted (a workspace closed while its Notion was still starting). */
  signal?: AbortSignal;
}

export interface NotionRequestCounters {
  requests: number;
  /** 429 answers. */
  rateLimited: number;
  /** 529 service_overload answers. */
  overloaded: number;
}

export interface NotionApi {
  client: Client;
  limiter: RateLimiter;
  /** What this process sent: benchmarks and tests read it. */
  counters: NotionRequestCounters;
}

export function buildNotionApi(config: Pick<NotionConfig, 'token' | 'apiUrl'>, options: NotionApiOptions): NotionApi {
  const time = options.limiterClock ?? (options.signal === undefined ? REAL_TIME : buildAbortableTime(options.signal));
  const limiter = buildRateLimiter(options.rate ?? DEFAULT_RATE_LIMIT, time);
  const counters: NotionRequestCounters = { requests: 0, rateLimited: 0, overloaded: 0 };
  const send = buildSend({
    limiter,
    counters,
    watch: buildThrottleWatch(limiter, options.log, time),
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    fetch: options.fetch ?? fetch,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    auth: options.auth,
  });
  const client = new Client({
    auth: config.token,
    baseUrl: config.apiUrl,
    notionVersion: NOTION_VERSION,
    timeoutMs: SDK_TIMEOUT_OFF_MS,
    retry: {
      maxRetries: options.maxRetries ?? 2,
      initialRetryDelayMs: options.initialRetryDelayMs ?? 1000,
      maxRetryDelayMs: 60_000,
    },
    fetch: send,
    logLevel: LogLevel.WARN,
    logger: buildSdkLogger(options.log),
  });
  return { client, limiter, counters };
}

interface SendDeps {
  limiter: RateLimiter;
  counters: NotionRequestCounters;
  watch: ThrottleWatch;
  timeoutMs: number;
  fetch: typeof fetch;
  signal?: AbortSignal;
  auth: NotionAuth | undefined;
}

/** The fetch the SDK calls: one token per attempt, our own timeout per attempt, Notion's "wait" waited out. */
function buildSend({ limiter, counters, watch, timeoutMs, fetch: fetchImpl, signal, auth }: SendDeps) {
  return async (url: string, init: SdkRequestInit = {}): Promise<Response> => {
    let renewed = false;
    for (;;) {
      await limiter.acquire();
      // Aborted while it waited for a token or a pause: it is not sent at all.
      signal?.throwIfAborted();
      counters.requests += 1;
      const timeout = AbortSignal.timeout(timeoutMs);
      const token = auth?.current();
      const headers = token === undefined ? init.headers : { ...init.headers, authorization: `Bearer ${token}` };
      const response = await fetchImpl(url, {
        method: init.method,
        headers,
        body: typeof init.body === 'string' ? init.body : undefined,
        signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
      });
      // A 401 performed nothing: with a renewed token the same request goes once more.
      if (response.status === 401 && auth !== undefined && token !== undefined && !renewed) {
        renewed = true;
        if ((await auth.renew(token)) !== null) {
          await response.body?.cancel();
          continue;
        }
      }
      const throttle = await readThrottle(response);
      if (throttle === null) {
        watch.answered();
        return response;
      }
      if (throttle.status === 429) counters.rateLimited += 1;
      else counters.overloaded += 1;
      // Notion refused it at the door, so sending it again writes nothing twice; acquire() waits out the pause.
      watch.throttled(throttle);
    }
  };
}

/**
 * Real time whose waits (for a token, for Notion's Retry-After) end in the abort's error once `signal` aborts: a
 * workspace closed while its Notion starts leaves no timer behind, even in a long 429 pause.
 */
function buildAbortableTime(signal: AbortSignal): LimiterClock {
  return {
    now: REAL_TIME.now,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(signal.reason);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal.reason);
        };
        const timer = setTimeout(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

interface SdkRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The SDK warns once per failed request; the sync reports outages itself, so these stay at debug level. */
export function buildSdkLogger(log: Logger): SdkLogger {
  return (level, message, extraInfo) => log.debug(`notion sdk: ${message}`, { sdkLevel: level, ...extraInfo });
}
