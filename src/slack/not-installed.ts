// Distribution mode: a slash command from a workspace without an installation (never installed, or uninstalled).
// Bolt refuses it before any listener and acks it with nothing, which leaves the person who typed it reading an error
// Slack makes up; the refusal goes to the command's response_url instead, which needs no token.

import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { INSTALL_PATH } from './oauth.js';
import { FOREIGN_WORKSPACE_MESSAGE } from './workspace-check.js';

/** What a person in a workspace without an installation reads: where to install it, when the app knows its address. */
export function buildRefusalText(config: Config): string {
  const redirect = config.slack.oauth?.redirectUri;
  if (redirect === undefined)
    return `${FOREIGN_WORKSPACE_MESSAGE} A workspace admin can add it from the app's install page.`;
  const page = new URL(INSTALL_PATH, redirect).toString();
  return `${FOREIGN_WORKSPACE_MESSAGE} A workspace admin can add it from ${page}`;
}

/**
 * Whether `url` is one of Slack's: https on slack.com or a subdomain (response_urls are hooks.slack.com), or the
 * Slack API's own origin (SLACK_API_URL, a proxy or the tests' fake). A request signed with a leaked secret must not
 * make the bot post wherever the forger chose.
 */
export function isSlackAddress(url: string, apiUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(apiUrl).origin) return true;
  const host = parsed.hostname;
  return parsed.protocol === 'https:' && (host === 'slack.com' || host.endsWith('.slack.com'));
}

/**
 * Bolt acks a request it could not authorize with nothing, which leaves a person who typed a slash command looking at
 * an error Slack makes up. Its response_url needs no token: the refusal goes there. The request's signature was
 * checked before authorizing; the address must still be Slack's (isSlackAddress).
 */
export async function sendRefusal(
  payload: Record<string, unknown> | undefined,
  refusal: { text: string; apiUrl: string },
  log: Logger,
): Promise<void> {
  const url = payload?.response_url;
  if (typeof url !== 'string' || typeof payload?.command !== 'string') return;
  if (!isSlackAddress(url, refusal.apiUrl)) {
    log.warn('A not-installed request named a response_url outside Slack; nothing sent', {});
    return;
  }
  const { text } = refusal;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) log.warn('Slack refused the not-installed reply', { status: response.status });
  } catch (error) {
    log.warn('Could not send the not-installed reply', { error });
  }
}
