// Distribution mode's wiring: Bolt's own OAuth (its /slack/install and /slack/oauth_redirect) over our installation
// store, state store and pages, and the Web API call that rotates a token.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as BoltLogger, HTTPReceiverOptions, Installation } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { z } from 'zod';
import type { OAuthConfig } from '../config.js';
import { OAUTH_REDIRECT_PATH } from '../config.js';
import type { Logger } from '../log.js';
import { InstallationRows } from '../store/installation-rows.js';
import type { Clock, Store } from '../store/open-store.js';
import { buildInstallationStore } from './installation-store.js';
import { Installations } from './installations.js';
import {
  buildInstallFailurePage,
  buildInstallPage,
  buildInstallSuccessPage,
  type InstallFailure,
} from './oauth-pages.js';
import { buildStateStore, STATE_LIFETIME_MS } from './oauth-state.js';
import type { RefreshCall } from './token-refresh.js';

export const INSTALL_PATH = '/slack/install';

/** A workspace (or, org-wide, an organisation) whose install just completed. */
export interface InstalledWorkspace {
  teamId: string | null;
  enterpriseId: string | null;
  orgWide: boolean;
}

/** Slack's consent page sits beside its Web API: https://slack.com/api/ → https://slack.com/oauth/v2/authorize. */
export function buildAuthorizeUrl(apiUrl: string): string {
  return new URL('../oauth/v2/authorize', apiUrl).toString();
}

const refreshAnswer = z.object({ access_token: z.string(), refresh_token: z.string(), expires_in: z.number() });

/** oauth.v2.access with grant_type=refresh_token: a new bot token and a new refresh token (the old one is spent). */
export function buildRefreshCall(oauth: OAuthConfig, clientOptions: WebClientOptions): RefreshCall {
  const client = new WebClient(undefined, clientOptions);
  return async (refreshToken) => {
    const answer = refreshAnswer.parse(
      await client.oauth.v2.access({
        client_id: oauth.clientId,
        client_secret: oauth.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      }),
    );
    return { botToken: answer.access_token, refreshToken: answer.refresh_token, expiresInSeconds: answer.expires_in };
  };
}

/** The installations service over the directory store, able to rotate tokens. */
export function buildInstallations(
  oauth: OAuthConfig,
  store: Store,
  parts: { clock: Clock; log: Logger; clientOptions: WebClientOptions },
): Installations {
  const refresh = buildRefreshCall(oauth, parts.clientOptions);
  return new Installations(new InstallationRows(store), { clock: parts.clock, log: parts.log, refresh });
}

/** The Web API client logs request bodies, client_secret included, at debug: the secrets never get that far. */
export function redactBoltLogger(logger: BoltLogger, secrets: readonly string[]): BoltLogger {
  const scrub = (parts: unknown[]) =>
    parts.map((part) => {
      let text =
        typeof part === 'string' ? part : part instanceof Error ? `${part.name}: ${part.message}` : safeJson(part);
      for (const secret of secrets) text = text.split(secret).join('[redacted]');
      return text;
    });
  return {
    debug: (...parts: unknown[]) => logger.debug(...scrub(parts)),
    info: (...parts: unknown[]) => logger.info(...scrub(parts)),
    warn: (...parts: unknown[]) => logger.warn(...scrub(parts)),
    error: (...parts: unknown[]) => logger.error(...scrub(parts)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function classifyFailure(
  error: { code?: unknown },
  req: IncomingMessage,
): { failure: InstallFailure; detail?: string } {
  const query = new URL(req.url ?? '/', 'http://install.invalid').searchParams;
  if (query.get('error') === 'access_denied') return { failure: 'cancelled' };
  if (error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state')
    return { failure: 'state' };
  if (error.code === 'slack_oauth_missing_code') return { failure: 'no_code' };
  const slackError = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof slackError === 'string') return { failure: 'slack_refused', detail: slackError };
  return { failure: 'unknown' };
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** What HTTPReceiver takes to serve the install flow: client credentials, our stores, pages and callbacks. */
export function buildOAuthReceiverOptions(
  oauth: OAuthConfig,
  parts: {
    installations: Installations;
    store: Store;
    clock: Clock;
    log: Logger;
    apiUrl: string;
    clientOptions: WebClientOptions;
    onInstalled?: ((installed: InstalledWorkspace) => void) | undefined;
  },
): Partial<HTTPReceiverOptions> {
  const { installations, clock, log } = parts;
  const onSuccess = (installation: Installation, _options: unknown, _req: IncomingMessage, res: ServerResponse) => {
    const where = {
      teamId: installation.team?.id ?? null,
      teamName: installation.team?.name ?? null,
      enterpriseName: installation.enterprise?.name ?? null,
      isEnterpriseInstall: installation.isEnterpriseInstall === true,
      appId: installation.appId ?? null,
    };
    const enterpriseId = installation.enterprise?.id ?? null;
    log.info('Slack app installed', { teamId: where.teamId, enterpriseId });
    parts.onInstalled?.({ teamId: where.teamId, enterpriseId, orgWide: where.isEnterpriseInstall });
    sendHtml(res, 200, buildInstallSuccessPage(where));
  };
  const onFailure = (error: { code?: unknown }, _options: unknown, req: IncomingMessage, res: ServerResponse) => {
    const { failure, detail } = classifyFailure(error, req);
    const stateProblem = (error as { reason?: unknown }).reason;
    log.warn('A Slack install did not complete', {
      reason: failure,
      code: error.code,
      stateProblem,
      slackError: detail,
    });
    sendHtml(res, failure === 'cancelled' ? 200 : 400, buildInstallFailurePage(failure, INSTALL_PATH, detail));
  };
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    scopes: [...oauth.scopes],
    ...(oauth.redirectUri === undefined ? {} : { redirectUri: oauth.redirectUri }),
    installationStore: buildInstallationStore(installations, clock),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: OAUTH_REDIRECT_PATH,
      stateStore: buildStateStore(oauth.stateSecret, new InstallationRows(parts.store), clock),
      stateCookieExpirationSeconds: STATE_LIFETIME_MS / 1000,
      authorizationUrl: buildAuthorizeUrl(parts.apiUrl),
      renderHtmlForInstallPath: buildInstallPage,
      clientOptions: parts.clientOptions,
      callbackOptions: { success: onSuccess, failure: onFailure },
    },
  };
}
