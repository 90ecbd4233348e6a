// Signing and sending requests exactly as Slack does, so the app's real signature check is exercised.

import { createHmac } from 'node:crypto';

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with the signing secret. */
export function signRequest(body: string, secret: string, timestampSec: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** The headers Slack sends with a signed interaction; the content type carries no charset, as Slack's does not. */
export function buildSignedHeaders(body: string, secret: string, timestampSec: number): Record<string, string> {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': signRequest(body, secret, timestampSec),
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
  };
}

/** Slack escapes these three characters in the text a user types after a slash command. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface RawAnswer {
  status: number;
  body: string;
  timedOut: boolean;
}

/** A raw POST; gives up after `timeoutMs` the way Slack stops waiting for an acknowledgement. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = 3000,
): Promise<RawAnswer> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text(), timedOut: false };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { status: 0, body: '', timedOut: true };
    throw error;
  }
}
