// The Notion SDK client the app uses, wired to our rate limiter and logger. Every HTTP request goes through `send`:
// it waits for a token, then starts its own timeout, so time spent queueing for a token never counts as a timeout
// (a create that timed out while still queued would otherwise be sent later, after we had looked it up and retried).

import { Client, LogLevel, type Logger as SdkLogger } from '@notionhq/client';
import type { NotionConfig } from '../config.js';
import type { Logger } from '../log.js';
import {
  buildRateLimiter,
  DEFAULT_RATE_LIMIT,
  parseRetryAfter,
  type RateLimiter,
  type RateLimitOptions,
} from './rate-limit.js';

export const NOTION_VERSION = '2025-09-03';
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
/** The SDK's own timeout also counts the wait for a token; it is only a backstop behind ours. */
const SDK_TIMEOUT_MARGIN_MS = 120_000;

export interface NotionApiOptions {
  log: Logger;
  rate?: RateLimitOptions;
  requestTimeoutMs?: number;
  /** How often the SDK itself retries a 429 (after its Retry-After); 0 leaves it to the sync's backoff. */
  maxRetries?: number;
  /** The SDK's wait before a retry when no Retry-After came with the answer. */
  initialRetryDelayMs?: number;
  fetch?: typeof fetch;
}

export interface NotionRequestCounters {
  requests: number;
  rateLimited: number;
}

export interface NotionApi {
  client: Client;
  limiter: RateLimiter;
  /** What this process sent: benchmarks and tests read it. */
  counters: NotionRequestCounters;
}

export function buildNotionApi(config: Pick<NotionConfig, 'token' | 'apiUrl'>, options: NotionApiOptions): NotionApi {
  const limiter = buildRateLimiter(options.rate ?? DEFAULT_RATE_LIMIT);
  const counters: NotionRequestCounters = { requests: 0, rateLimited: 0 };
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? fetch;
  const send = async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) => {
    await limiter.acquire();
    counters.requests += 1;
    const response = await fetchImpl(url, {
      method: init.method,
      headers: init.headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 429) {
      counters.rateLimited += 1;
      limiter.pauseFor(parseRetryAfter(response.headers.get('retry-after')));
    }
    return response;
  };
  const client = new Client({
    auth: config.token,
    baseUrl: config.apiUrl,
    notionVersion: NOTION_VERSION,
    timeoutMs: timeoutMs + SDK_TIMEOUT_MARGIN_MS,
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

/** The SDK warns once per failed request; the sync reports outages itself, so these stay at debug level. */
function buildSdkLogger(log: Logger): SdkLogger {
  return (level, message, extraInfo) => log.debug(`notion sdk: ${message}`, { sdkLevel: level, ...extraInfo });
}
