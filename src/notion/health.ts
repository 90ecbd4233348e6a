// Whether Notion is answering, as an admin reads it in the log: one line when it starts failing, one when it is back,
// never a line per request. Also the backoff both workers use while it is failing.

import type { Logger } from '../log.js';

export interface BackoffOptions {
  /** The first wait after a failure; it doubles with each further failure. */
  baseMs: number;
  /** The longest wait (Notion outages are usually minutes). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60_000 };

export function computeBackoffMs(failures: number, options: BackoffOptions): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(0, failures), 30));
}

export interface NotionHealth {
  /** Notion failed transiently: logs the first failure of an outage, returns how long to wait before trying again. */
  failing(message: string): number;
  /** Notion answered: logs the recovery when it ends an outage. */
  succeeded(): void;
  readonly healthy: boolean;
  readonly lastError: string | undefined;
}

export function buildNotionHealth(
  log: Logger,
  clock: () => number,
  backoff: BackoffOptions,
  onRecovered: () => void = () => {},
): NotionHealth {
  let failingSince: number | null = null;
  let failures = 0;
  let lastError: string | undefined;
  return {
    failing(message) {
      lastError = message;
      if (failingSince === null) {
        failingSince = clock();
        log.warn(`Notion is failing: ${message}`, { retryInMs: computeBackoffMs(0, backoff) });
      }
      failures += 1;
      return computeBackoffMs(failures - 1, backoff);
    },
    succeeded() {
      if (failingSince === null) return;
      const seconds = Math.round((clock() - failingSince) / 1000);
      log.info(`Notion recovered after ${seconds} s`, { failedAttempts: failures });
      failingSince = null;
      failures = 0;
      onRecovered();
    },
    get healthy() {
      return failingSince === null;
    },
    get lastError() {
      return lastError;
    },
  };
}
