// Token rotation without two instances spending one refresh token. Slack's rotating refresh token works once: the
// second oauth.v2.access with it fails, and an instance that raced would lose the workspace's token. So the row is
// leased with one conditional UPDATE (one winner across every connection), the winner calls Slack and stores the new
// tokens; the others poll the row until the new token is there. No transaction is held across the HTTP call.

import type { Logger } from '../log.js';
import type { InstallationRecord, InstallationRows } from '../store/installation-rows.js';
import type { Clock } from '../store/open-store.js';
import { RevokedTokenError } from './revoked-token.js';

export interface RotatedTokens {
  botToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

export type RefreshCall = (refreshToken: string) => Promise<RotatedTokens>;

export interface TokenRefresher {
  /**
   * The row, refreshed first when its token expires within the threshold; undefined when there is no row. `known`:
   * the row as the caller just read it, taken for the first look instead of reading it again.
   */
  fresh(key: string, known?: InstallationRecord): Promise<InstallationRecord | undefined>;
}

export interface TokenRefresherOptions {
  rows: InstallationRows;
  clock: Clock;
  log: Logger;
  refresh?: RefreshCall;
  refreshWithinMs?: number;
  /** How long the winner may take before another instance may try; a refresh takes well under a second. */
  leaseMs?: number;
  pollMs?: number;
}

export const REFRESH_WITHIN_MS = 2 * 60 * 60 * 1000;
const LEASE_MS = 15_000;
const POLL_MS = 50;

/** Slack's answers to a refresh token that can never work again. */
const SPENT_REFRESH_ERRORS = new Set(['invalid_refresh_token', 'invalid_grant', 'token_revoked', 'invalid_client_id']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function slackErrorOf(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { rows, clock, log, refresh } = options;
  const within = options.refreshWithinMs ?? REFRESH_WITHIN_MS;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const pollMs = options.pollMs ?? POLL_MS;

  const isFresh = (record: InstallationRecord, now: number) =>
    record.refreshToken === null || record.expiresAt === null || record.expiresAt - now > within;

  async function refreshUnderLease(record: InstallationRecord, spent: string): Promise<InstallationRecord | undefined> {
    let tokens: RotatedTokens;
    try {
      tokens = await (refresh as RefreshCall)(spent);
    } catch (error) {
      rows.releaseRefreshLease(record.key);
      const code = slackErrorOf(error);
      log.warn('Refreshing a Slack token failed', { installation: record.key, error });
      if (code !== undefined && SPENT_REFRESH_ERRORS.has(code)) {
        throw new RevokedTokenError(record.key, 'refresh_failed', code);
      }
      // Slack unreachable: a token not yet expired still works; an expired one fails its call, and the next try
      // refreshes again.
      return record;
    }
    const expiresAt = clock() + tokens.expiresInSeconds * 1000;
    rows.storeRefreshed(record.key, spent, { botToken: tokens.botToken, refreshToken: tokens.refreshToken, expiresAt });
    log.info('Refreshed a Slack token', { installation: record.key, expiresAt: new Date(expiresAt).toISOString() });
    return rows.get(record.key);
  }

  return {
    async fresh(key, known) {
      // Counted in polls, not read from the clock: a test's clock may stand still while the winner works.
      let polls = Math.ceil((2 * leaseMs) / pollMs);
      let first = known;
      for (;;) {
        const record = first ?? rows.get(key);
        first = undefined;
        const now = clock();
        if (record === undefined || record.botToken === null || isFresh(record, now) || refresh === undefined) {
          return record;
        }
        const spent = record.refreshToken as string;
        if (rows.takeRefreshLease(key, spent, now, now + leaseMs)) return refreshUnderLease(record, spent);
        // Another instance is refreshing: its new token shows up in the row shortly.
        polls -= 1;
        if (polls < 0) return record;
        await sleep(pollMs);
      }
    },
  };
}
