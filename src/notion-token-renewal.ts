// Renewing a "Sign in with Notion" token when Notion answers 401 (Notion documents a refresh_token grant that rotates
// both tokens). Notion's refresh token works once, so two instances (or two connections of one) must not both spend
// it: the one that wins a lease keyed by the failed token refreshes and stores the new pair in the workspace's
// settings row; the others re-read the row until the new token is there. The stored token is re-read first, so a token
// another instance renewed already is taken as it is. No transaction is held across the call to Notion (as for Slack's
// token rotation, src/slack/token-refresh.ts); the lease is a row of the directory's used-states table, so no migration.

import { createHash } from 'node:crypto';
import type { Config, NotionOAuthConfig } from './config.js';
import type { Logger } from './log.js';
import type { NotionAuth } from './notion/client.js';
import { describeOAuthError, refreshNotionToken, revokeNotionToken } from './notion/oauth.js';
import { InstallationRows } from './store/installation-rows.js';
import type { Store } from './store/open-store.js';
import { type NotionConnection, readNotionConnection, swapNotionConnection } from './workspace-notion.js';

export interface NotionRenewalParts {
  key: string;
  /** The workspace's own store, where its connection is. */
  store: Store;
  /** Where the one-winner lease is taken (shared by every instance). */
  directory: Store;
  oauth: NotionOAuthConfig;
  apiUrl: string;
  clock: () => number;
  log: Logger;
  /** How long a loser waits for the winner's new token. */
  waitMs?: number;
}

const POLL_MS = 50;
const WAIT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A signed-in connection's token, renewed on a 401 when Notion's OAuth is configured; undefined otherwise. */
export function buildNotionAuth(
  parts: { config: Config; directory: Store; clock: () => number; key: string; store: Store },
  connection: NotionConnection | null,
  log: Logger,
): NotionAuth | undefined {
  const oauth = parts.config.notionOAuth;
  if (connection?.kind !== 'oauth' || oauth === null) return undefined;
  const { key, store, directory, clock } = parts;
  const renewal = { key, store, directory, oauth, apiUrl: parts.config.notionApi.apiUrl, clock };
  return createNotionRenewal({ ...renewal, log: log.child({ component: 'notion-oauth' }) }, connection.token);
}

export function createNotionRenewal(parts: NotionRenewalParts, initialToken: string): NotionAuth {
  let token = initialToken;
  // One renewal at a time within the process: the push and the pull failing together share it.
  let running: Promise<string | null> | null = null;
  // A token whose renewal failed is revoked for good: its next 401s are final at once, not another wait.
  const dead = new Set<string>();
  return {
    current: () => token,
    async renew(failed) {
      if (dead.has(failed)) return null;
      running ??= renewOnce(parts, failed).finally(() => {
        running = null;
      });
      const next = await running;
      if (next === null) dead.add(failed);
      else token = next;
      return next;
    },
  };
}

/** The stored access token now, or null when the workspace has no sign-in to renew. */
function storedOAuth(parts: NotionRenewalParts) {
  const stored = readNotionConnection(parts.store, parts.log);
  return stored?.kind === 'oauth' ? stored : null;
}

async function renewOnce(parts: NotionRenewalParts, failed: string): Promise<string | null> {
  const stored = storedOAuth(parts);
  if (stored === null) return null;
  if (stored.token !== failed) return stored.token;
  if (stored.refreshToken === null) {
    parts.log.warn('Notion refused the signed-in token and gave no refresh token: a manager must sign in again');
    return null;
  }
  const lease = `notion-refresh:${parts.key}:${createHash('sha256').update(failed).digest('hex')}`;
  if (!new InstallationRows(parts.directory).spendState(lease, parts.clock())) return waitForWinner(parts, failed);
  const log = parts.log.child({}, [stored.refreshToken]);
  try {
    const fresh = await refreshNotionToken(parts.apiUrl, parts.oauth, stored.refreshToken, log);
    const renewed = { ...stored, token: fresh.accessToken, refreshToken: fresh.refreshToken };
    const freshLog = log.child({}, [fresh.accessToken, fresh.refreshToken ?? '']);
    // Stored only over the refused token, checked in the same transaction.
    const change = { actorId: 'notion-refresh', at: parts.clock() };
    const stillRefused = (current: NotionConnection | null) => current?.kind === 'oauth' && current.token === failed;
    if (!swapNotionConnection(parts.store, renewed, change, parts.log, stillRefused).stored) {
      // A manager replaced the connection while Notion answered: theirs stays, and the token renewed for the one they
      // replaced would be nobody's, still opening their pages.
      freshLog.info('The Notion connection was replaced during its renewal; the renewed token is given back');
      await revokeNotionToken(parts.apiUrl, parts.oauth, fresh.accessToken, freshLog);
      return storedOAuth(parts)?.token ?? null;
    }
    freshLog.info('Renewed the Notion sign-in token');
    return fresh.accessToken;
  } catch (error) {
    log.warn('Notion refused to renew the signed-in token: a manager must sign in again', {
      error: describeOAuthError(error),
    });
    return null;
  }
}

async function waitForWinner(parts: NotionRenewalParts, failed: string): Promise<string | null> {
  const until = Date.now() + (parts.waitMs ?? WAIT_MS);
  while (Date.now() < until) {
    await sleep(POLL_MS);
    const stored = storedOAuth(parts);
    if (stored === null) return null;
    if (stored.token !== failed) return stored.token;
  }
  parts.log.warn('Another instance did not renew the Notion token in time');
  return null;
}
