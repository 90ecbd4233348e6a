// Notion's public OAuth as the app speaks it: the address a manager is sent to ("Sign in with Notion"), the code
// exchanged for the workspace's access token (basic auth with the integration's client id and secret, the same
// redirect_uri as the authorize step), and the revoke a disconnect sends. All through the official SDK client.

import { Client, isHTTPResponseError, LogLevel } from '@notionhq/client';
import type { NotionOAuthConfig } from '../config.js';
import type { Logger } from '../log.js';
import { buildSdkLogger, NOTION_VERSION } from './client.js';

/** What the code exchange gives: the token the sync uses, and who Notion says the connection is. */
export interface NotionGrant {
  accessToken: string;
  refreshToken: string | null;
  botId: string;
  workspaceName: string | null;
}

/** Notion's authorize page for this sign-in; it follows NOTION_API_URL, so tests reach the fake. */
export function buildNotionAuthorizeUrl(apiUrl: string, oauth: NotionOAuthConfig, state: string): string {
  const url = new URL('/v1/oauth/authorize', apiUrl);
  url.searchParams.set('client_id', oauth.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('owner', 'user');
  if (oauth.redirectUri !== undefined) url.searchParams.set('redirect_uri', oauth.redirectUri);
  url.searchParams.set('state', state);
  return url.href;
}

function buildOAuthClient(apiUrl: string, log: Logger): Client {
  return new Client({
    baseUrl: apiUrl,
    notionVersion: NOTION_VERSION,
    logLevel: LogLevel.WARN,
    logger: buildSdkLogger(log),
  });
}

/** Trades the code Notion sent back for the connection's tokens; throws Notion's error (invalid_grant, …). */
export async function exchangeNotionCode(
  apiUrl: string,
  oauth: NotionOAuthConfig,
  code: string,
  log: Logger,
): Promise<NotionGrant> {
  const answer = await buildOAuthClient(apiUrl, log).oauth.token({
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    grant_type: 'authorization_code',
    code,
    ...(oauth.redirectUri === undefined ? {} : { redirect_uri: oauth.redirectUri }),
  });
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
    botId: answer.bot_id,
    workspaceName: answer.workspace_name ?? null,
  };
}

/** Trades the refresh token for a new pair (Notion rotates both); throws Notion's error (invalid_grant: revoked). */
export async function refreshNotionToken(
  apiUrl: string,
  oauth: NotionOAuthConfig,
  refreshToken: string,
  log: Logger,
): Promise<{ accessToken: string; refreshToken: string | null }> {
  const answer = await buildOAuthClient(apiUrl, log).oauth.token({
    client_id: oauth.clientId,
    client_secret: oauth.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
  return { accessToken: answer.access_token, refreshToken: answer.refresh_token ?? null };
}

/** Gives the token back to Notion (a disconnect, a sign-in that was not used); best effort, a failure is logged. */
export async function revokeNotionToken(
  apiUrl: string,
  oauth: NotionOAuthConfig,
  token: string,
  log: Logger,
): Promise<boolean> {
  try {
    const client = buildOAuthClient(apiUrl, log);
    await client.oauth.revoke({ client_id: oauth.clientId, client_secret: oauth.clientSecret, token });
    log.info('Revoked the Notion OAuth token');
    return true;
  } catch (error) {
    log.warn('Could not revoke the Notion OAuth token; revoke the connection in Notion if it is still listed', {
      error,
    });
    return false;
  }
}

/** Notion's OAuth errors (invalid_grant, invalid_client) are not API error codes the SDK knows: read them from the body. */
export function describeOAuthError(error: unknown): string {
  if (isHTTPResponseError(error)) {
    try {
      const body = JSON.parse(error.body) as { code?: unknown; error?: unknown };
      const code = typeof body.code === 'string' ? body.code : typeof body.error === 'string' ? body.error : null;
      if (code !== null) return code;
    } catch {
      // Not JSON: the status says enough.
    }
    return `HTTP ${error.status}`;
  }
  return error instanceof Error ? error.message : String(error);
}
